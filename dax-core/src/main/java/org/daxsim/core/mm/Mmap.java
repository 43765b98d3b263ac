package org.daxsim.core.mm;

import static org.daxsim.core.Pages.PAGE_MASK;
import static org.daxsim.core.Pages.PAGE_SHIFT;
import static org.daxsim.core.Pages.PAGE_SIZE;
import static org.daxsim.core.mm.Mman.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * mm/mmap.c and mm/vma.c: do_mmap(), mmap_region() and do_vmi_munmap() for one {@link Mm},
 * with the kernel's checks in the kernel's order. Callers hold the mm's lock.
 */
final class Mmap {
  private Mmap() {}

  /** do_mmap(); see {@link Mm#mmap}. */
  static Vma doMmap(Mm mm, long addr, long len, int prot, int flags, long pgoff,
      MmapHandler file) throws ErrnoException {
    if ((prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) != 0) {
      throw ErrnoException.of(Errno.EINVAL, "unknown prot bits 0x%x", prot);
    }
    if (pgoff < 0) {
      throw ErrnoException.of(Errno.EINVAL, "pgoff must not be negative: %d", pgoff);
    }
    if ((flags & MAP_ANONYMOUS) != 0) {
      file = null; // ksys_mmap_pgoff ignores the fd of an anonymous mapping
    } else if (file == null) {
      throw ErrnoException.of(Errno.EBADF, "no file for a non-anonymous mapping");
    }
    if (len == 0) {
      throw ErrnoException.of(Errno.EINVAL, "zero length");
    }
    if ((flags & MAP_FIXED_NOREPLACE) != 0) {
      flags |= MAP_FIXED;
    }
    if ((flags & MAP_FIXED) == 0 && addr != 0 && Long.compareUnsigned(addr, MMAP_MIN_ADDR) < 0) {
      addr = MMAP_MIN_ADDR; // round_hint_to_min()
    }
    long alen = (len + PAGE_SIZE - 1) & PAGE_MASK;
    if (alen == 0) {
      throw ErrnoException.of(Errno.ENOMEM, "length 0x%x overflows", len);
    }
    long pages = alen >>> PAGE_SHIFT;
    if (Long.compareUnsigned(pgoff + pages, pgoff) < 0) {
      throw ErrnoException.of(Errno.EOVERFLOW, "pgoff 0x%x + 0x%x pages overflows", pgoff, pages);
    }
    if (mm.vmas.size() > MAX_MAP_COUNT) {
      throw ErrnoException.of(Errno.ENOMEM, "too many mappings");
    }
    long vmFlags = protBits(prot) | flagBits(flags) | Vma.VM_MAYREAD | Vma.VM_MAYWRITE
        | Vma.VM_MAYEXEC;
    long a = getUnmappedArea(mm, file, addr, alen, pgoff, flags);
    if (isErr(a)) {
      throw fail(a, String.format("no address for 0x%x bytes at hint 0x%x", alen, addr));
    }
    if ((flags & MAP_FIXED_NOREPLACE) != 0 && intersects(mm, a, a + alen)) {
      throw ErrnoException.of(Errno.EEXIST, "0x%x-0x%x is already mapped", a, a + alen);
    }
    if (file != null) {
      vmFlags = fileType(file, flags, pgoff, alen, vmFlags);
    } else if ((flags & MAP_TYPE) == MAP_SHARED) {
      pgoff = 0;
      vmFlags |= Vma.VM_SHARED | Vma.VM_MAYSHARE;
    } else if ((flags & MAP_TYPE) == MAP_PRIVATE) {
      pgoff = a >>> PAGE_SHIFT; // anon_vma wants the address as offset
    } else {
      throw ErrnoException.of(Errno.EINVAL, "bad mapping type 0x%x", flags & MAP_TYPE);
    }
    return mmapRegion(mm, file, a, alen, vmFlags, pgoff);
  }

  /**
   * do_mmap()'s file checks: file_mmap_ok() (EOVERFLOW past MAX_LFS_FILESIZE), then the
   * mapping type. MAP_SHARED silently drops flags outside LEGACY_MAP_MASK; MAP_SHARED_VALIDATE
   * refuses those the file does not support (EOPNOTSUPP); other types are EINVAL.
   */
  private static long fileType(MmapHandler file, int flags, long pgoff, long len, long vmFlags)
      throws ErrnoException {
    if (pgoff > (Long.MAX_VALUE - len) >>> PAGE_SHIFT) {
      throw ErrnoException.of(Errno.EOVERFLOW, "pgoff 0x%x too large", pgoff);
    }
    int type = flags & MAP_TYPE;
    if (type == MAP_PRIVATE) {
      return vmFlags;
    }
    if (type != MAP_SHARED && type != MAP_SHARED_VALIDATE) {
      throw ErrnoException.of(Errno.EINVAL, "bad mapping type 0x%x", type);
    }
    if (type == MAP_SHARED) {
      flags &= LEGACY_MAP_MASK;
    }
    int mask = LEGACY_MAP_MASK | file.mmapSupportedFlags();
    if ((flags & ~mask) != 0) {
      throw ErrnoException.of(Errno.EOPNOTSUPP, "unsupported flags 0x%x", flags & ~mask);
    }
    vmFlags |= Vma.VM_SHARED | Vma.VM_MAYSHARE;
    return (flags & MAP_SYNC) != 0 ? vmFlags | Vma.VM_SYNC : vmFlags;
  }

  /**
   * mmap_region(): unmaps what MAP_FIXED replaces, then lets the file's ->mmap vet the new VMA.
   * A failing ->mmap leaves a gap where the old mappings were, as in the kernel once the old
   * page tables are cleared.
   */
  private static Vma mmapRegion(Mm mm, MmapHandler file, long addr, long len, long vmFlags,
      long pgoff) throws ErrnoException {
    if (intersects(mm, addr, addr + len)) {
      doMunmap(mm, addr, len);
    }
    Vma vma = new Vma(mm, addr, addr + len, pgoff, vmFlags, file);
    if (file != null) {
      file.mmap(vma);
    }
    link(mm, vma);
    return vma;
  }

  /** do_vmi_munmap(); see {@link Mm#munmap}. */
  static void doMunmap(Mm mm, long start, long len) throws ErrnoException {
    if ((start & ~PAGE_MASK) != 0 || Long.compareUnsigned(start, TASK_SIZE) > 0
        || Long.compareUnsigned(len, TASK_SIZE - start) > 0) {
      throw ErrnoException.of(Errno.EINVAL, "bad munmap range 0x%x+0x%x", start, len);
    }
    long end = start + ((len + PAGE_SIZE - 1) & PAGE_MASK);
    if (end == start) {
      throw ErrnoException.of(Errno.EINVAL, "zero length");
    }
    List<Vma> hit = overlapping(mm, start, end);
    if (hit.isEmpty()) {
      return;
    }
    Vma first = hit.get(0);
    Vma last = hit.get(hit.size() - 1);
    if (first.start() < start) {
      checkSplit(first, start);
      if (end < first.end() && mm.vmas.size() >= MAX_MAP_COUNT) {
        throw ErrnoException.of(Errno.ENOMEM, "too many mappings to split");
      }
    }
    if (last.end() > end) {
      checkSplit(last, end);
    }
    // The split pieces take their file references before the old VMAs drop theirs, so a
    // split never looks like the last fput.
    Vma head = first.start() < start ? new Vma(first, first.start(), start) : null;
    Vma tail = last.end() > end ? new Vma(last, end, last.end()) : null;
    hold(head);
    hold(tail);
    for (Vma v : hit) {
      unlink(mm, v);
    }
    if (head != null) {
      link(mm, head);
    }
    if (tail != null) {
      link(mm, tail);
    }
    release(head);
    release(tail);
    mm.zapRange(start, end, false);
    Map.Entry<Long, Vma> prev = mm.vmas.lowerEntry(start);
    Map.Entry<Long, Vma> next = mm.vmas.ceilingEntry(end);
    mm.pageTable().prune(prev == null ? 0 : prev.getValue().end(),
        next == null ? 1L << 47 : next.getKey());
  }

  /** __split_vma()'s vm_ops->may_split check. */
  private static void checkSplit(Vma vma, long addr) throws ErrnoException {
    VmOperations ops = vma.ops();
    int r = ops == null ? 0 : ops.maySplit(vma, addr);
    if (r != 0) {
      Errno e = Errno.isError(r) ? Errno.of(r) : Errno.EINVAL;
      throw ErrnoException.of(e, "%s refuses a split at 0x%x", vma, addr);
    }
  }

  private static void hold(Vma v) {
    if (v != null && v.file() != null) {
      v.file().get();
    }
  }

  private static void release(Vma v) {
    if (v != null && v.file() != null) {
      v.file().put();
    }
  }

  static void link(Mm mm, Vma vma) {
    if (vma.file() != null) {
      vma.file().get();
    }
    mm.vmas.put(vma.start(), vma);
    if (vma.mapping() != null) {
      vma.mapping().add(vma);
    }
  }

  static void unlink(Mm mm, Vma vma) {
    mm.vmas.remove(vma.start());
    if (vma.mapping() != null) {
      vma.mapping().remove(vma);
    }
    vma.detach();
    if (vma.file() != null) {
      vma.file().put();
    }
  }

  static List<Vma> overlapping(Mm mm, long start, long end) {
    List<Vma> out = new ArrayList<>();
    Long from = mm.vmas.floorKey(start);
    for (Vma v : mm.vmas.tailMap(from == null ? start : from, true).values()) {
      if (v.start() >= end) {
        break;
      }
      if (v.end() > start) {
        out.add(v);
      }
    }
    return out;
  }

  static boolean intersects(Mm mm, long start, long end) {
    return !overlapping(mm, start, end).isEmpty();
  }

  // ---- get_unmapped_area ------------------------------------------------------------------

  /** __get_unmapped_area(): the checked address for a new mapping, or -errno. */
  static long getUnmappedArea(Mm mm, MmapHandler file, long addr, long len, long pgoff,
      int flags) {
    if (Long.compareUnsigned(len, TASK_SIZE) > 0) {
      return Errno.ENOMEM.neg();
    }
    long a = 0;
    if (file != null) {
      a = file.getUnmappedArea(mm, addr, len, pgoff, flags);
    } else if (addr == 0 && (len & (org.daxsim.core.Pages.PMD_SIZE - 1)) == 0) {
      a = UnmappedArea.thp(mm, addr, len, 0, flags); // THP-align large anonymous mappings
    }
    if (a == 0) {
      a = UnmappedArea.topdown(mm, addr, len, flags);
    }
    if (isErr(a)) {
      return a;
    }
    if (Long.compareUnsigned(a, TASK_SIZE - len) > 0) {
      return Errno.ENOMEM.neg();
    }
    if ((a & ~PAGE_MASK) != 0) {
      return Errno.EINVAL.neg();
    }
    if (Long.compareUnsigned(a, MMAP_MIN_ADDR) < 0) {
      return Errno.EPERM.neg(); // security_mmap_addr()
    }
    return a;
  }

  /** IS_ERR_VALUE(). */
  static boolean isErr(long v) {
    return Long.compareUnsigned(v, -4095L) >= 0;
  }

  private static ErrnoException fail(long ret, String what) {
    return new ErrnoException(Errno.isError(ret) ? Errno.of(ret) : Errno.EINVAL, what);
  }

  private static long protBits(int prot) {
    return ((prot & PROT_READ) != 0 ? Vma.VM_READ : 0)
        | ((prot & PROT_WRITE) != 0 ? Vma.VM_WRITE : 0)
        | ((prot & PROT_EXEC) != 0 ? Vma.VM_EXEC : 0);
  }

  /** calc_vm_flag_bits() for the flags we model (MAP_SYNC is decided by the mapping type). */
  private static long flagBits(int flags) {
    return ((flags & MAP_LOCKED) != 0 ? Vma.VM_LOCKED : 0)
        | ((flags & MAP_STACK) != 0 ? Vma.VM_NOHUGEPAGE : 0);
  }
}
