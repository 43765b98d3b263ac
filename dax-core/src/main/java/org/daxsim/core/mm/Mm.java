package org.daxsim.core.mm;

import static org.daxsim.core.Pages.PAGE_MASK;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * struct mm_struct (include/linux/mm_types.h): one process's user address space below {@link
 * Mman#TASK_SIZE}, its VMAs and its 4-level page table, with the system calls and CPU accesses
 * that act on it.
 *
 * <p>Locking: one lock plays mmap_lock (VMA changes and the fault path); the page table has its
 * own page_table_lock (taken by zaps from an {@link AddressSpace} without the mmap_lock). Loads,
 * stores and {@link #translate} on mapped pages take no lock and allocate nothing.
 */
public final class Mm {
  private final KernelAddressSpace kas;
  private final PageTable pt = new PageTable();
  /** mmap_lock. */
  final Object lock = new Object();
  /** The VMAs by start address; guarded by {@link #lock}. */
  final TreeMap<Long, Vma> vmas = new TreeMap<>();
  /**
   * The VMA the last lookup found; guarded by {@link #lock}. Valid while not detached: VMAs
   * never change their range, and unlinking one from {@link #vmas} detaches it.
   */
  private Vma lastLookup;
  /** The one vm_fault, reused under {@link #lock}. */
  final VmFault vmf = new VmFault(this);

  /** An empty address space whose anonymous memory comes from {@code kas}. */
  public Mm(KernelAddressSpace kas) throws ErrnoException {
    this.kas = Args.notNull(kas, "kas");
  }

  /** The kernel address space (and page allocator) of this process's host. */
  public KernelAddressSpace kas() {
    return kas;
  }

  PageTable pageTable() {
    return pt;
  }

  // ---- system calls -----------------------------------------------------------------------

  /**
   * mmap(2) / do_mmap() (mm/mmap.c). {@code prot} is PROT_*, {@code flags} MAP_*, {@code pgoff}
   * the file page to map, {@code file} the file's handler (ignored with MAP_ANONYMOUS).
   * Errors, in the kernel's order: EINVAL (unknown prot bits or a negative pgoff: our argument
   * checks; EBADF without a file), EINVAL for length 0, ENOMEM when the rounded length
   * overflows, EOVERFLOW for a pgoff overflow, ENOMEM when no address fits (or MAP_FIXED beyond
   * TASK_SIZE), EINVAL for a misaligned MAP_FIXED address, EPERM below {@link
   * Mman#MMAP_MIN_ADDR}, EEXIST for MAP_FIXED_NOREPLACE over a mapping, EOPNOTSUPP for flags
   * MAP_SHARED_VALIDATE does not know, EINVAL for a bad mapping type; then whatever a split
   * refused by MAP_FIXED's unmap or the file's ->mmap throws.
   */
  public Vma mmap(long addr, long len, int prot, int flags, long pgoff, MmapHandler file)
      throws ErrnoException {
    synchronized (lock) {
      return Mmap.doMmap(this, addr, len, prot, flags, pgoff, file);
    }
  }

  /**
   * munmap(2) / do_vmi_munmap(): EINVAL for a misaligned start, a range beyond TASK_SIZE or a
   * zero length; a split refused by vm_ops->may_split fails with its errno and changes nothing.
   * A huge page only partly inside the range is unmapped whole (the rest faults back in).
   */
  public void munmap(long addr, long len) throws ErrnoException {
    synchronized (lock) {
      Mmap.doMunmap(this, addr, len);
    }
  }

  /**
   * mm->get_unmapped_area (x86 arch_get_unmapped_area_topdown): where a mapping of {@code len}
   * bytes would go; kernel style, an address or -errno. For {@link MmapHandler} overrides.
   */
  public long getUnmappedArea(long addr, long len, long pgoff, int flags) {
    synchronized (lock) {
      return UnmappedArea.topdown(this, addr, len, flags);
    }
  }

  /**
   * thp_get_unmapped_area() (mm/huge_memory.c): like {@link #getUnmappedArea} but placing the
   * mapping so that file offset {@code pgoff << 12} and the address agree modulo 2 MiB.
   */
  public long thpGetUnmappedArea(long addr, long len, long pgoff, int flags) {
    synchronized (lock) {
      return UnmappedArea.thp(this, addr, len, pgoff, flags);
    }
  }

  /** exit_mmap(): unmaps every VMA (no may_split checks: nothing is split). */
  public void exit() {
    synchronized (lock) {
      for (Vma v : new ArrayList<>(vmas.values())) {
        Mmap.unlink(this, v);
      }
      zapRange(0, 1L << 47, false);
      pt.prune(0, 1L << 47);
    }
  }

  // ---- VMAs -------------------------------------------------------------------------------

  /** vma_lookup(): the VMA containing {@code addr}, or null. */
  public Vma vmaLookup(long addr) {
    synchronized (lock) {
      return vmaLookupLocked(addr);
    }
  }

  Vma vmaLookupLocked(long addr) {
    Vma last = lastLookup;
    if (last != null && !last.isDetached() && last.contains(addr)) {
      return last; // the kernel's per-VMA fault lookups: repeated faults hit the same VMA
    }
    Map.Entry<Long, Vma> e = vmas.floorEntry(addr);
    Vma v = e != null && e.getValue().contains(addr) ? e.getValue() : null;
    if (v != null) {
      lastLookup = v;
    }
    return v;
  }

  /** The VMAs in address order (a snapshot). */
  public List<Vma> vmas() {
    synchronized (lock) {
      return List.copyOf(vmas.values());
    }
  }

  /**
   * zap_page_range_single(): unmaps the pages of {@code [start, end)} inside {@code vma} so that
   * the next touch faults again. EINVAL unless the VMA is this mm's and live and the range is
   * page aligned, non-empty and inside it.
   */
  public void zap(Vma vma, long start, long end) throws ErrnoException {
    Args.notNull(vma, "vma");
    Args.pageAligned(start, "start");
    Args.pageAligned(end, "end");
    synchronized (lock) {
      if (vma.mm() != this || vma.isDetached()) {
        throw ErrnoException.of(Errno.EINVAL, "%s is not a live VMA of this mm", vma);
      }
      if (start < vma.start() || end > vma.end() || start >= end) {
        throw ErrnoException.of(Errno.EINVAL, "0x%x-0x%x is not inside %s", start, end, vma);
      }
      zapRange(start, end, false);
    }
  }

  /** Zaps {@code [start, end)}, freeing anonymous pages unless {@code keepAnon}. */
  void zapRange(long start, long end, boolean keepAnon) {
    pt.zap(start, end, keepAnon, this::freePage);
  }

  void freePage(long pfn) {
    try {
      kas.freePage(pfn);
    } catch (ErrnoException e) {
      throw new AssertionError("anonymous page 0x" + Long.toHexString(pfn) + " not allocated", e);
    }
  }

  // ---- CPU accesses -----------------------------------------------------------------------

  /**
   * The physical address {@code uaddr} maps to, or -1 when no page is mapped there; never
   * faults. Lock free and allocation free.
   */
  public long translate(long uaddr) {
    if (!Mman.isUserHalf(uaddr)) {
      return -1;
    }
    long e = pt.walk(uaddr);
    return e == 0 ? -1 : (e & PageTable.PFN_MASK) | (uaddr & ~PAGE_MASK);
  }

  /**
   * A user-mode load of {@code len} bytes at {@code uaddr} into {@code dst}: missing pages are
   * faulted in; failures raise the process's {@link Signal} (SIGSEGV SEGV_MAPERR/ACCERR,
   * SIGBUS BUS_ADRERR, SIGBUS BUS_MCEERR_AR for poison), with the bytes before the fault
   * already copied. EINVAL for a bad array range.
   */
  public void load(long uaddr, byte[] dst, int off, int len) throws Signal, ErrnoException {
    Args.notNull(dst, "dst");
    Args.arrayRange(off, len, dst.length, "dst");
    UserAccess.access(this, uaddr, dst, off, len, false);
  }

  /** A user-mode store; as {@link #load} (stores do not consume poison). */
  public void store(long uaddr, byte[] src, int off, int len) throws Signal, ErrnoException {
    Args.notNull(src, "src");
    Args.arrayRange(off, len, src.length, "src");
    UserAccess.access(this, uaddr, src, off, len, true);
  }

  /** A user-mode little-endian 64-bit load (any alignment). */
  public long loadLong(long uaddr) throws Signal {
    return UserAccess.loadLong(this, uaddr);
  }

  /** A user-mode little-endian 64-bit store (any alignment). */
  public void storeLong(long uaddr, long value) throws Signal {
    UserAccess.storeLong(this, uaddr, value);
  }

  /** Visits the page table's leaves (tests and dumps). */
  void forEachLeaf(PageTable.LeafVisitor v) {
    pt.forEachLeaf(v);
  }

  @Override
  public String toString() {
    return "Mm" + vmas();
  }
}
