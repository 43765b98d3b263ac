package org.daxsim.core.mm;

import static org.daxsim.core.Pages.PAGE_SHIFT;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.daxsim.core.Args;
import org.daxsim.core.ErrnoException;

/**
 * struct address_space (include/linux/fs.h) reduced to its i_mmap: the VMAs, in any process,
 * that map the file. VMAs join when {@link Mm#mmap} succeeds and leave when unmapped. Thread
 * safe; the lock plays i_mmap_rwsem and is taken after an mm's mmap_lock, before its
 * page_table_lock.
 */
public final class AddressSpace {
  private final Object lock = new Object();
  private final Set<Vma> vmas = new LinkedHashSet<>(); // guarded by lock

  /** An address space nobody maps yet. */
  public AddressSpace() {}

  void add(Vma vma) {
    synchronized (lock) {
      vmas.add(vma);
    }
  }

  void remove(Vma vma) {
    synchronized (lock) {
      vmas.remove(vma);
    }
  }

  /** mapping_mapped(): true while some VMA maps the file. */
  public boolean isMapped() {
    synchronized (lock) {
      return !vmas.isEmpty();
    }
  }

  /** The VMAs mapping the file (a snapshot, in mapping order). */
  public List<Vma> vmas() {
    synchronized (lock) {
      return List.copyOf(vmas);
    }
  }

  /**
   * unmap_mapping_range(mapping, holebegin, holelen, 1) (mm/memory.c): zaps, in every VMA
   * mapping the file, the pages of file bytes {@code [holebegin, holebegin + holelen)} (whole
   * pages; {@code holelen} 0 means to the end of the file), so that the next touch faults
   * again. EINVAL for negative arguments.
   */
  public void unmapMappingRange(long holebegin, long holelen) throws ErrnoException {
    unmapMappingRange(holebegin, holelen, true);
  }

  /**
   * unmap_mapping_range() with {@code evenCows}: when false, private copy-on-write pages
   * (anonymous copies in MAP_PRIVATE mappings) survive, as for truncation's first pass.
   */
  public void unmapMappingRange(long holebegin, long holelen, boolean evenCows)
      throws ErrnoException {
    Args.nonNegative(holebegin, "holebegin");
    Args.nonNegative(holelen, "holelen");
    long first = holebegin >>> PAGE_SHIFT;
    long pages = (holelen + (1L << PAGE_SHIFT) - 1) >>> PAGE_SHIFT;
    long last = pages == 0 ? -1L : first + pages - 1; // unsigned: -1 is ULONG_MAX
    synchronized (lock) {
      for (Vma vma : vmas) {
        zapOverlap(vma, first, last, evenCows);
      }
    }
  }

  /** unmap_mapping_range_vma(): the part of {@code vma} showing file pages [first, last]. */
  private static void zapOverlap(Vma vma, long first, long last, boolean evenCows) {
    long vba = vma.pgoff();
    long vea = vba + vma.pages() - 1;
    if (Long.compareUnsigned(vea, first) < 0 || Long.compareUnsigned(vba, last) > 0) {
      return;
    }
    long zba = Long.compareUnsigned(first, vba) > 0 ? first : vba;
    long zea = Long.compareUnsigned(last, vea) < 0 ? last : vea;
    long start = vma.start() + ((zba - vba) << PAGE_SHIFT);
    long end = vma.start() + ((zea - vba + 1) << PAGE_SHIFT);
    boolean keepAnon = !evenCows && !vma.isShared();
    vma.mm().zapRange(start, end, keepAnon);
  }

  @Override
  public String toString() {
    return "AddressSpace" + vmas();
  }
}
