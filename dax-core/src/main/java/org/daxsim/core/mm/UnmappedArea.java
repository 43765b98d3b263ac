package org.daxsim.core.mm;

import static org.daxsim.core.Pages.PAGE_MASK;
import static org.daxsim.core.Pages.PAGE_SIZE;
import static org.daxsim.core.Pages.PMD_SIZE;
import static org.daxsim.core.mm.Mman.*;

import org.daxsim.core.Errno;

/**
 * Address choice for new mappings: arch/x86/kernel/sys_x86_64.c
 * arch_get_unmapped_area_topdown() with its bottom-up fallback, mm/mmap.c vm_unmapped_area(),
 * and mm/huge_memory.c thp_get_unmapped_area(). Callers hold the mm's lock. Results are
 * kernel style: an address or -errno.
 */
final class UnmappedArea {
  private UnmappedArea() {}

  /** arch_get_unmapped_area_topdown(): MAP_FIXED as is, a free hint, else top-down first fit. */
  static long topdown(Mm mm, long addr, long len, int flags) {
    if (Long.compareUnsigned(len, TASK_SIZE) > 0) {
      return Errno.ENOMEM.neg();
    }
    if ((flags & MAP_FIXED) != 0) {
      return addr;
    }
    if (addr != 0) {
      addr &= PAGE_MASK;
      if (Long.compareUnsigned(addr, TASK_SIZE - len) <= 0 && hintFree(mm, addr, len)) {
        return addr;
      }
    }
    long low = Math.max(PAGE_SIZE, MMAP_MIN_ADDR);
    long a = searchTopdown(mm, len, low, MMAP_BASE);
    if (a >= 0) {
      return a;
    }
    // A failed mmap very likely kills the application: fall back to bottom-up.
    return searchBottomUp(mm, len, TASK_UNMAPPED_BASE, TASK_SIZE);
  }

  /** The hint {@code [addr, addr + len)} is usable when the next VMA starts at or after its end. */
  private static boolean hintFree(Mm mm, long addr, long len) {
    for (Vma v : mm.vmas.tailMap(floorOr(mm, addr), true).values()) {
      if (v.end() > addr) {
        return addr + len <= v.start();
      }
    }
    return true;
  }

  private static long floorOr(Mm mm, long addr) {
    Long k = mm.vmas.floorKey(addr);
    return k == null ? addr : k;
  }

  /** vm_unmapped_area(VM_UNMAPPED_AREA_TOPDOWN): the highest fit in {@code [low, high)}. */
  static long searchTopdown(Mm mm, long len, long low, long high) {
    long hi = high;
    for (Vma v : mm.vmas.descendingMap().values()) {
      long gapStart = Math.max(v.end(), low);
      if (hi > gapStart && hi - gapStart >= len) {
        return hi - len;
      }
      hi = Math.min(hi, v.start());
      if (hi <= low) {
        return Errno.ENOMEM.neg();
      }
    }
    return hi > low && hi - low >= len ? hi - len : Errno.ENOMEM.neg();
  }

  /** vm_unmapped_area() bottom-up: the lowest fit in {@code [low, high)}. */
  static long searchBottomUp(Mm mm, long len, long low, long high) {
    long lo = low;
    for (Vma v : mm.vmas.values()) {
      if (v.end() <= lo) {
        continue;
      }
      long gapEnd = Math.min(v.start(), high);
      if (gapEnd > lo && gapEnd - lo >= len) {
        return lo;
      }
      lo = Math.max(lo, v.end());
      if (lo >= high) {
        return Errno.ENOMEM.neg();
      }
    }
    return high > lo && high - lo >= len ? lo : Errno.ENOMEM.neg();
  }

  /**
   * thp_get_unmapped_area(): asks for {@code len + 2 MiB} and shifts the result so that the
   * address and the file offset {@code pgoff << 12} agree modulo 2 MiB, letting PMD faults
   * happen; falls back to {@link #topdown} when the mapping cannot hold an aligned block.
   */
  static long thp(Mm mm, long addr, long len, long pgoff, int flags) {
    long r = thpPadded(mm, addr, len, pgoff, flags);
    return r != 0 ? r : topdown(mm, addr, len, flags);
  }

  private static long thpPadded(Mm mm, long addr, long len, long pgoff, int flags) {
    if (pgoff < 0 || pgoff > Long.MAX_VALUE >>> 12 || len < 0) {
      return 0;
    }
    long off = pgoff << 12;
    long offEnd = off + len;
    long offAlign = (off + PMD_SIZE - 1) & -PMD_SIZE;
    if (offEnd < 0 || offAlign < 0 || offEnd <= offAlign || offEnd - offAlign < PMD_SIZE) {
      return 0;
    }
    long lenPad = len + PMD_SIZE;
    if (lenPad < len || off + lenPad < off) {
      return 0;
    }
    long ret = topdown(mm, addr, lenPad, flags);
    if (Mmap.isErr(ret)) {
      return 0; // maybe only the padding did not fit: the caller retries without it
    }
    if (ret == addr) {
      return addr;
    }
    long offSub = (off - ret) & (PMD_SIZE - 1);
    return offSub == 0 ? ret + PMD_SIZE : ret + offSub; // top-down: keep the block low
  }
}
