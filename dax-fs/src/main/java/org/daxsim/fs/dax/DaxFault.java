package org.daxsim.fs.dax;

import static org.daxsim.core.Pages.PAGE_SHIFT;
import static org.daxsim.core.Pages.PAGE_SIZE;
import static org.daxsim.core.Pages.PMD_ORDER;
import static org.daxsim.core.Pages.PMD_SIZE;
import static org.daxsim.core.mm.VmFault.VM_FAULT_FALLBACK;
import static org.daxsim.core.mm.VmFault.VM_FAULT_HWPOISON;
import static org.daxsim.core.mm.VmFault.VM_FAULT_MAJOR;
import static org.daxsim.core.mm.VmFault.VM_FAULT_NEEDDSYNC;
import static org.daxsim.core.mm.VmFault.VM_FAULT_NOPAGE;
import static org.daxsim.core.mm.VmFault.VM_FAULT_OOM;
import static org.daxsim.core.mm.VmFault.VM_FAULT_SIGBUS;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mm.VmFault;
import org.daxsim.core.mm.Vma;
import org.daxsim.core.trace.FallbackReason;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;

/**
 * The fault half of fs/dax.c: {@code dax_iomap_fault} for PTE and PMD (PUD falls back). Uses
 * only the pfn that direct_access returns, never the kaddr.
 */
public final class DaxFault {
  /** The fault's iomap and direct_access outputs, per thread (a read's copy may fault). */
  private static final ThreadLocal<IterScratch> FAULT = ThreadLocal.withInitial(IterScratch::new);

  private final FsDax dax;

  public DaxFault(FsDax dax) {
    this.dax = dax;
  }

  /** dax_iomap_fault(): order 0 → PTE, PMD_ORDER → PMD, anything else → FALLBACK. */
  public int daxIomapFault(VmFault vmf, int order, DaxInode inode, IomapOps ops) {
    if (order == 0) {
      return pteFault(vmf, inode, ops);
    } else if (order == PMD_ORDER) {
      return pmdFault(vmf, inode, ops);
    }
    return fallback(vmf, order, FallbackReason.SIZE_UNSUPPORTED);
  }

  /** dax_fault_return(): 0 → NOPAGE, -ENOMEM → OOM, -EHWPOISON → HWPOISON, else SIGBUS. */
  public static int daxFaultReturn(long error) {
    if (error == 0) {
      return VM_FAULT_NOPAGE;
    }
    if (error == Errno.ENOMEM.neg()) {
      return VM_FAULT_OOM;
    }
    if (error == Errno.EHWPOISON.neg()) {
      return VM_FAULT_HWPOISON;
    }
    return VM_FAULT_SIGBUS;
  }

  private static boolean sharedWrite(VmFault vmf) {
    return vmf.isWrite() && (vmf.vma().flags() & Vma.VM_SHARED) != 0;
  }

  /** dax_iomap_pte_fault(). */
  int pteFault(VmFault vmf, DaxInode inode, IomapOps ops) {
    long index = vmf.pgoff();
    long pos = index << PAGE_SHIFT;
    if (pos >= inode.size()) {
      return VM_FAULT_SIGBUS;
    }
    // A private write gets a CoW page from the mm (vmf->cow_page): no IOMAP_WRITE.
    boolean write = sharedWrite(vmf);
    int flags = Iomap.IOMAP_DAX | Iomap.IOMAP_FAULT | (write ? Iomap.IOMAP_WRITE : 0);
    inode.entries().grabPte(index); // downgrades an empty/zero PMD entry; a real one stays
    IterScratch sc = IterScratch.take(FAULT);
    try {
      IomapBuf m = sc.map;
      try {
        ops.iomapBegin(inode, pos, PAGE_SIZE, flags, m.clear());
      } catch (ErrnoException e) {
        FsDax.traceIomap(null, pos, PAGE_SIZE, flags, e.errno().neg());
        return daxFaultReturn(e.errno().neg());
      }
      FsDax.traceIomap(m, pos, PAGE_SIZE, flags, 0);
      int ret;
      if (!m.valid() || m.offset() > pos || m.lengthFrom(pos) < PAGE_SIZE) {
        ret = daxFaultReturn(Errno.EIO.neg()); // WARN_ON_ONCE(iomap_length < PAGE_SIZE)
      } else {
        ret = faultIter(vmf, inode, m, pos, false, write, sc.out);
        if (ret != VM_FAULT_SIGBUS && (m.flags() & Iomap.IOMAP_F_NEW) != 0) {
          ret |= VM_FAULT_MAJOR;
        }
      }
      if (m.valid()) {
        ops.iomapEnd(inode, pos, PAGE_SIZE, ret == VM_FAULT_SIGBUS ? 0 : PAGE_SIZE, flags, m);
      }
      return ret;
    } finally {
      sc.release();
    }
  }

  /** dax_iomap_pmd_fault(), with dax_fault_check_fallback(). */
  int pmdFault(VmFault vmf, DaxInode inode, IomapOps ops) {
    Vma vma = vmf.vma();
    long pmdAddr = vmf.realAddress() & -PMD_SIZE;
    long index = vmf.pgoff() & ~DaxEntries.PG_PMD_COLOUR;
    long maxPgoff = (inode.size() + PAGE_SIZE - 1) >> PAGE_SHIFT;
    if (index >= maxPgoff) {
      return VM_FAULT_SIGBUS;
    }
    if ((vmf.pgoff() & DaxEntries.PG_PMD_COLOUR)
        != ((vmf.address() >> PAGE_SHIFT) & DaxEntries.PG_PMD_COLOUR)) {
      return fallback(vmf, PMD_ORDER, FallbackReason.COLOUR);
    }
    if (vmf.isWrite() && (vma.flags() & Vma.VM_SHARED) == 0) {
      return fallback(vmf, PMD_ORDER, FallbackReason.PRIVATE_WRITE);
    }
    if (pmdAddr < vma.start() || pmdAddr + PMD_SIZE > vma.end()) {
      return fallback(vmf, PMD_ORDER, FallbackReason.OUTSIDE_VMA);
    }
    if ((index | DaxEntries.PG_PMD_COLOUR) >= maxPgoff) {
      return fallback(vmf, PMD_ORDER, FallbackReason.PAST_EOF);
    }
    if (inode.entries().ptesInBlock(index)) {
      // grab_mapping_entry(PMD_ORDER): PTE entries win
      return fallback(vmf, PMD_ORDER, FallbackReason.PTE_ENTRIES);
    }
    boolean write = vmf.isWrite();
    int flags = Iomap.IOMAP_DAX | Iomap.IOMAP_FAULT | (write ? Iomap.IOMAP_WRITE : 0);
    long pos = index << PAGE_SHIFT;
    IterScratch sc = IterScratch.take(FAULT);
    try {
      IomapBuf m = sc.map;
      try {
        ops.iomapBegin(inode, pos, PMD_SIZE, flags, m.clear());
      } catch (ErrnoException e) {
        FsDax.traceIomap(null, pos, PMD_SIZE, flags, e.errno().neg());
        return fallback(vmf, PMD_ORDER, FallbackReason.IOMAP_ERROR);
      }
      FsDax.traceIomap(m, pos, PMD_SIZE, flags, 0);
      int ret;
      if (m.valid() && m.offset() <= pos && m.lengthFrom(pos) >= PMD_SIZE) {
        ret = faultIter(vmf, inode, m, pos, true, write, sc.out);
      } else {
        ret = fallback(vmf, PMD_ORDER, FallbackReason.SHORT_EXTENT);
      }
      if (m.valid()) {
        ops.iomapEnd(inode, pos, PMD_SIZE, ret == VM_FAULT_FALLBACK ? 0 : PMD_SIZE, flags, m);
      }
      return ret;
    } finally {
      sc.release();
    }
  }

  /** dax_fault_iter(): zero page for holes, else the pfn of dax_iomap_direct_access(). */
  private int faultIter(VmFault vmf, DaxInode inode, IomapBuf m, long pos, boolean pmd,
      boolean write, KaddrPfn out) {
    long size = pmd ? PMD_SIZE : PAGE_SIZE;
    long index = pos >> PAGE_SHIFT;
    if (!write && (m.type() == Iomap.IOMAP_HOLE || m.type() == Iomap.IOMAP_UNWRITTEN)) {
      if (pmd) {
        // dax_pmd_load_hole without a huge zero folio
        return fallback(vmf, PMD_ORDER, FallbackReason.HOLE);
      }
      try {
        long zero = dax.zeroPfn();
        inode.entries().insertZero(index);
        return vmf.insertPfn(zero, false);
      } catch (ErrnoException e) {
        return VM_FAULT_OOM;
      }
    }
    if (m.type() != Iomap.IOMAP_MAPPED && (m.flags() & Iomap.IOMAP_F_SHARED) == 0) {
      // WARN_ON_ONCE, -EIO
      return pmd ? fallback(vmf, PMD_ORDER, FallbackReason.NOT_MAPPED) : VM_FAULT_SIGBUS;
    }
    long err = dax.daxIomapDirectAccess(m, pos, size, false, true, out);
    if (err != 0) {
      return pmd ? fallback(vmf, PMD_ORDER, FallbackReason.DIRECT_ACCESS) : daxFaultReturn(err);
    }
    long pfn = out.pfn();
    if (pmd) {
      inode.entries().insert(index, pfn, true);
    } else {
      inode.entries().insertPte(index, pfn);
    }
    if (write && (vmf.vma().flags() & Vma.VM_SYNC) != 0
        && (m.flags() & Iomap.IOMAP_F_DIRTY) != 0) {
      return VM_FAULT_NEEDDSYNC; // the fs fsyncs, then dax_finish_sync_fault()
    }
    if (!pmd) {
      return vmf.insertPfn(pfn, write);
    }
    int ret = vmf.insertPfnPmd(pfn, write);
    return ret == VM_FAULT_FALLBACK ? fallback(vmf, PMD_ORDER, FallbackReason.INSERT) : ret;
  }

  /** VM_FAULT_FALLBACK, with the {@link Tracepoint#FAULT_FALLBACK} hit naming why. */
  private static int fallback(VmFault vmf, int order, FallbackReason why) {
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.FAULT_FALLBACK, vmf, vmf.realAddress(), vmf.pgoff(), order,
          why.ordinal());
    }
    return VM_FAULT_FALLBACK;
  }
}
