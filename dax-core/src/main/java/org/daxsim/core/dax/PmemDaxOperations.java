package org.daxsim.core.dax;

import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Oops;
import org.daxsim.core.Pages;
import org.daxsim.core.mem.PhysWindow;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;

/**
 * The dax operations of the persistent-memory block driver (drivers/nvdimm/pmem.c) over one
 * physically contiguous namespace, mapped with devm_memremap_pages(): the reference
 * implementation of the direct_access contract. kaddr is the direct-map address of exactly the
 * returned pfn, and the whole namespace is contiguous in both spaces.
 *
 * <p>Known media errors are kept per page in a badblocks list ({@code struct badblocks}, here a
 * sorted copy-on-write array so that the direct_access path reads it without locks or
 * allocation). The list is what the driver believes; the poison itself lives in the memory device
 * ({@link #injectPoison} sets both, as ndctl inject-error does).
 *
 * <p>Simplifications: no pfn-device metadata ({@code data_offset} and {@code pfn_pad} are 0); a
 * page offset at or past the end yields 0 pages (the wrapper turns that into -ERANGE) where the
 * kernel's unsigned arithmetic would hand out an address past the namespace; and with bad blocks
 * elsewhere the answer "the requested pages" is capped at the end of the namespace (the kernel
 * returns {@code nr_pages} even past it; its callers never ask that far).
 */
public final class PmemDaxOperations implements DaxOperations {
  private static final long[] NONE = new long[0];
  private static final byte[] ZERO_PAGE = new byte[(int) Pages.PAGE_SIZE];

  private final KernelAddressSpace kas;
  private final PhysicalAddressSpace phys;
  private final long physAddr;
  private final long size;
  private final long pages;
  private final long virtAddr;
  private final Object bbLock = new Object();
  private volatile long[] badPages = NONE;

  private PmemDaxOperations(KernelAddressSpace kas, long physAddr, long size, long virtAddr) {
    this.kas = kas;
    this.phys = kas.phys();
    this.physAddr = physAddr;
    this.size = size;
    this.pages = size >>> Pages.PAGE_SHIFT;
    this.virtAddr = virtAddr;
  }

  /**
   * pmem_attach_disk(), mapping half: devm_memremap_pages() of {@code [physAddr, physAddr +
   * size)}, which must be page aligned and backed by memory in {@code kas.phys()}.
   */
  public static PmemDaxOperations create(KernelAddressSpace kas, long physAddr, long size)
      throws ErrnoException {
    Args.notNull(kas, "kas");
    Args.pageAligned(Args.nonNegative(physAddr, "physAddr"), "physAddr");
    Args.pageAligned(Args.positive(size, "size"), "size");
    Args.add(physAddr, size, "physAddr + size");
    long virt = kas.memremapPages(physAddr, size);
    return new PmemDaxOperations(kas, physAddr, size, virt);
  }

  /**
   * pmem_attach_disk(), dax half: alloc_dax(pmem, &pmem_dax_ops), then set_dax_nocache,
   * set_dax_nomc and set_dax_synchronous (a platform whose persistence domain covers the CPU
   * caches); write cache stays off. The device's private data is this object.
   */
  public DaxDevice attach(DaxCore core) throws ErrnoException {
    Args.notNull(core, "core");
    DaxDevice dax = core.allocDax(this, this);
    core.setDaxNocache(dax);
    core.setDaxNomc(dax);
    core.setDaxSynchronous(dax);
    return dax;
  }

  /** devm_memremap_pages' release: removes the direct map of the namespace. */
  public void release() throws ErrnoException {
    kas.memunmapPages(physAddr);
  }

  /** pmem->phys_addr. */
  public long physAddr() {
    return physAddr;
  }

  /** pmem->size in bytes. */
  public long size() {
    return size;
  }

  /** pmem->virt_addr: the kernel address of the first byte. */
  public long virtAddr() {
    return virtAddr;
  }

  /** __pmem_direct_access(). */
  @Override
  public long directAccess(DaxDevice dax, long pgoff, long nrPages, DaxAccessMode mode,
      KaddrPfn out) {
    if (nrPages < 0) {
      return Errno.EINVAL.neg();
    }
    if (pgoff < 0 || pgoff >= pages) {
      return 0;
    }
    long offset = pgoff << Pages.PAGE_SHIFT;
    if (out != null) {
      out.set(virtAddr + offset, (physAddr + offset) >>> Pages.PAGE_SHIFT);
    }
    long[] bb = badPages;
    if (bb.length == 0) {
      return pages - pgoff;
    }
    long end = pgoff + Math.min(nrPages, pages - pgoff);
    long firstBad = firstBad(bb, pgoff, end);
    if (firstBad < 0) {
      return end - pgoff; // bad blocks elsewhere: vouch only for the requested range
    }
    if (mode != DaxAccessMode.DAX_RECOVERY_WRITE) {
      return Errno.EHWPOISON.neg();
    }
    return Math.max(1, firstBad - pgoff); // the recovery stride is one page
  }

  /**
   * pmem_dax_zero_page_range(): writes one zero page at {@code pgoff} (the kernel ignores
   * {@code nrPages} too), clearing known poison first as pmem_do_write does. -EIO for a page
   * outside the namespace.
   */
  @Override
  public int zeroPageRange(DaxDevice dax, long pgoff, long nrPages) {
    if (pgoff < 0 || pgoff >= pages) {
      return Errno.EIO.neg();
    }
    long offset = pgoff << Pages.PAGE_SHIFT;
    if (isBadPage(pgoff)) {
      clearPoison(pgoff, 1);
      clearBadPages(pgoff, 1);
    }
    try {
      kas.write(virtAddr + offset, ZERO_PAGE, 0, ZERO_PAGE.length);
    } catch (ErrnoException e) {
      return Errno.EIO.neg();
    }
    return 0;
  }

  /**
   * pmem_recovery_write(): without known poison in the pages touched, a plain flushcache copy;
   * with poison, only a page-aligned, whole-page write is accepted (else 0): clear the poison,
   * copy, then forget the bad blocks.
   */
  @Override
  public long recoveryWrite(DaxDevice dax, long pgoff, long kaddr, long bytes, IovIter iter) {
    if (bytes < 0 || iter == null || pgoff < 0 || pgoff >= pages) {
      return 0;
    }
    long off = kaddr & ~Pages.PAGE_MASK;
    long nr = Math.min(pages - pgoff, (Math.min(bytes, size) + off + Pages.PAGE_SIZE - 1)
        >>> Pages.PAGE_SHIFT);
    if (firstBad(badPages, pgoff, pgoff + nr) < 0) {
      return IovIter.copyFromIterFlushcache(kas, kaddr, bytes, iter);
    }
    if (off != 0 || (bytes & ~Pages.PAGE_MASK) != 0) {
      return 0;
    }
    clearPoison(pgoff, nr);
    long written = IovIter.copyFromIterFlushcache(kas, kaddr, bytes, iter);
    clearBadPages(pgoff, nr);
    return written;
  }

  @Override
  public boolean hasRecoveryWrite() {
    return true;
  }

  // ---------------------------------------------------------------- badblocks

  /** badblocks_set() for one page: the driver now knows page {@code pgoff} is bad. */
  public void setBadPage(long pgoff) throws ErrnoException {
    checkPage(pgoff);
    synchronized (bbLock) {
      long[] bb = badPages;
      int i = search(bb, pgoff);
      if (i >= 0) {
        return;
      }
      int at = -i - 1;
      long[] n = new long[bb.length + 1];
      System.arraycopy(bb, 0, n, 0, at);
      n[at] = pgoff;
      System.arraycopy(bb, at, n, at + 1, bb.length - at);
      badPages = n;
    }
  }

  /** badblocks_clear() for one page. */
  public void clearBadPage(long pgoff) throws ErrnoException {
    checkPage(pgoff);
    clearBadPages(pgoff, 1);
  }

  /** badblocks_check() for one page. */
  public boolean isBadPage(long pgoff) {
    return search(badPages, pgoff) >= 0;
  }

  /** bb->count, in pages. */
  public int badPageCount() {
    return badPages.length;
  }

  /** A media error on page {@code pgoff}: poisons the memory and records the bad block. */
  public void injectPoison(long pgoff) throws ErrnoException {
    checkPage(pgoff);
    phys.memoryFailure((physAddr >>> Pages.PAGE_SHIFT) + pgoff);
    setBadPage(pgoff);
  }

  private void checkPage(long pgoff) throws ErrnoException {
    if (pgoff < 0 || pgoff >= pages) {
      throw ErrnoException.of(Errno.EINVAL, "page %d is outside the namespace of %d pages",
          pgoff, pages);
    }
  }

  private void clearBadPages(long pgoff, long nr) {
    synchronized (bbLock) {
      long[] bb = badPages;
      int from = insertionPoint(bb, pgoff);
      int to = insertionPoint(bb, pgoff + nr);
      if (from == to) {
        return;
      }
      long[] n = new long[bb.length - (to - from)];
      System.arraycopy(bb, 0, n, 0, from);
      System.arraycopy(bb, to, n, from, bb.length - to);
      badPages = n;
    }
  }

  /** nvdimm_clear_poison(): clears the media poison of the pages (always succeeds here). */
  private void clearPoison(long pgoff, long nr) {
    for (long p = pgoff; p < pgoff + nr; p++) {
      long pa = physAddr + (p << Pages.PAGE_SHIFT);
      PhysWindow w = phys.find(pa);
      if (w == null) {
        throw new Oops("pmem: clearing poison of unbacked memory", pa);
      }
      try {
        w.device().clearPoison(w.toDeviceOffset(pa));
      } catch (ErrnoException e) {
        throw new Oops("pmem: clearing poison failed: " + e.getMessage(), pa);
      }
    }
  }

  /** The first bad page in [from, to), or -1. Allocation free. */
  private static long firstBad(long[] bb, long from, long to) {
    int i = insertionPoint(bb, from);
    return i < bb.length && bb[i] < to ? bb[i] : -1;
  }

  private static int insertionPoint(long[] bb, long key) {
    int i = search(bb, key);
    return i >= 0 ? i : -i - 1;
  }

  private static int search(long[] bb, long key) {
    return java.util.Arrays.binarySearch(bb, key);
  }

  @Override
  public String toString() {
    return String.format("pmem[0x%x+0x%x, %d bad pages]", physAddr, size, badPages.length);
  }
}
