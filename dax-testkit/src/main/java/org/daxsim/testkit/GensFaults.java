package org.daxsim.testkit;

import org.daxsim.prop.Gen;

/**
 * Generators of fault patterns: PTE (4 KiB) and PMD (2 MiB) faults on mappings whose start
 * address and file offset are 2 MiB aligned, or misaligned by whole pages (so the PMD fault
 * must fall back), at the mapping's first page, its last page, a 2 MiB boundary, or anywhere.
 * Every address is page aligned and inside the mapping. Shrinks toward a PTE fault at the first
 * page of a 2 MiB-aligned mapping at file offset 0.
 */
public final class GensFaults {
  /** The PTE fault size. */
  public static final long PTE = 4096;
  /** The PMD fault size. */
  public static final long PMD = 2L << 20;
  /** The lowest mapping address generated (the top-down mmap area's neighbourhood). */
  public static final long MAP_BASE = 0x7f00_0000_0000L;

  private GensFaults() {}

  /**
   * Faults on mappings of 1 to {@code maxPmds} 2 MiB units of a file of at least that size
   * ({@code maxPmds} from 1): half with the mapping and offset 2 MiB aligned, half misaligned
   * by 1 to 511 pages in the address, the offset or both.
   */
  public static Gen<Fault> faults(int maxPmds) {
    if (maxPmds < 1) {
      throw new IllegalArgumentException("maxPmds " + maxPmds);
    }
    return src -> {
      long size = src.flip() ? PMD : PTE;
      long len = src.choose(1, maxPmds) * PMD;
      long start = MAP_BASE + src.choose(0, 255) * PMD;
      long offset = src.choose(0, 15) * PMD;
      if (src.flip()) { // misaligned by whole pages
        int which = src.chooseInt(0, 2);
        if (which != 1) {
          start += src.choose(1, 511) * PTE;
        }
        if (which != 0) {
          offset += src.choose(1, 511) * PTE;
        }
      }
      long last = start + len - PTE;
      long address = switch (src.chooseInt(0, 3)) {
        case 0 -> start;
        case 1 -> last;
        case 2 -> Math.min(last, ((start + PMD) & -PMD) - src.choose(0, 1) * PTE);
        default -> start + src.choose(0, len / PTE - 1) * PTE;
      };
      return new Fault(start, offset, len, address, size);
    };
  }
}
