package org.daxsim.core.mm;

import static org.daxsim.core.Pages.PAGE_MASK;
import static org.daxsim.core.Pages.PAGE_SHIFT;
import static org.daxsim.core.Pages.PAGE_SIZE;
import static org.daxsim.core.Pages.PMD_ORDER;
import static org.daxsim.core.Pages.PUD_ORDER;
import static org.daxsim.core.mm.VmFault.*;

import org.daxsim.core.ErrnoException;
import org.daxsim.core.Oops;
import org.daxsim.core.mem.PhysWindow;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;

/**
 * The page fault path: arch/x86/mm/fault.c do_user_addr_fault() (VMA lookup, access_error,
 * mm_fault_error) and mm/memory.c handle_mm_fault() (PUD, then PMD huge faults for VMAs that
 * want them, then the PTE level: do_anonymous_page, do_fault, do_wp_page). Callers hold the
 * mm's lock. Results are packed signals (see {@link #signo}), 0 meaning "retry the access".
 */
final class FaultHandler {
  /** Bound on VM_FAULT_RETRY rounds of one fault (the kernel would spin forever). */
  static final int MAX_RETRIES = 64;
  /**
   * Bound on faults for one access that each claim success but leave it unmapped: a driver
   * returning NOPAGE without inserting anything livelocks the kernel. Generous, because a
   * concurrent unmap_mapping_range may legitimately undo a fault a few times.
   */
  static final int MAX_REFAULTS = 10_000;

  private static final int[] HUGE_ORDERS = {PUD_ORDER, PMD_ORDER};
  private static final int[] HUGE_LEVELS = {PageTable.PUD, PageTable.PMD};

  private FaultHandler() {}

  static long pack(int signo, int code) {
    return ((long) signo << 32) | (code & 0xffffffffL);
  }

  static int signo(long packed) {
    return (int) (packed >>> 32);
  }

  static int code(long packed) {
    return (int) packed;
  }

  /**
   * do_user_addr_fault() from the VMA lookup on: resolves a not-present or write-protected
   * access to user address {@code address}; {@code user} is false for uaccess from the kernel.
   */
  static long fault(Mm mm, long address, boolean write, boolean user) {
    Vma vma = mm.vmaLookupLocked(address);
    if (vma == null) {
      return pack(Signal.SIGSEGV, Signal.SEGV_MAPERR);
    }
    if (accessError(vma, write)) {
      return pack(Signal.SIGSEGV, Signal.SEGV_ACCERR);
    }
    int flags = (write ? FAULT_FLAG_WRITE : 0) | (user ? FAULT_FLAG_USER : 0);
    int ret;
    for (int round = 0; ; round++) {
      ret = handleMmFault(mm, vma, address, flags);
      if ((ret & VM_FAULT_RETRY) == 0) {
        break;
      }
      if (round == MAX_RETRIES) {
        throw new Oops("page fault keeps returning VM_FAULT_RETRY", address);
      }
      flags |= FAULT_FLAG_TRIED;
      vma = mm.vmaLookupLocked(address);
      if (vma == null) {
        return pack(Signal.SIGSEGV, Signal.SEGV_MAPERR);
      }
    }
    if ((ret & VM_FAULT_ERROR) == 0) {
      return 0;
    }
    if ((ret & VM_FAULT_OOM) != 0) {
      return pack(Signal.SIGKILL, Signal.SI_KERNEL); // the OOM killer picks the faulting task
    }
    if ((ret & (VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE)) != 0) {
      return pack(Signal.SIGBUS, Signal.BUS_MCEERR_AR);
    }
    if ((ret & VM_FAULT_SIGBUS) != 0) {
      return pack(Signal.SIGBUS, Signal.BUS_ADRERR);
    }
    if ((ret & VM_FAULT_SIGSEGV) != 0) {
      return pack(Signal.SIGSEGV, Signal.SEGV_MAPERR);
    }
    // mm_fault_error(): VM_FAULT_FALLBACK escaping to here is a BUG().
    throw new Oops("kernel BUG: VM_FAULT_FALLBACK from a PTE-level fault", address);
  }

  /** access_error(): writes need VM_WRITE; reads need any of VM_READ/WRITE/EXEC (x86). */
  static boolean accessError(Vma vma, boolean write) {
    long f = vma.flags();
    if (write) {
      return (f & Vma.VM_WRITE) == 0;
    }
    return (f & (Vma.VM_READ | Vma.VM_WRITE | Vma.VM_EXEC)) == 0;
  }

  /** __handle_mm_fault(). */
  static int handleMmFault(Mm mm, Vma vma, long address, int flags) {
    VmFault vmf = mm.vmf.reset(vma, address, flags);
    PageTable pt = mm.pageTable();
    boolean write = (flags & FAULT_FLAG_WRITE) != 0;
    boolean huge = hugeAllowed(vma);
    for (int k = 0; k < 2; k++) {
      long slot = pt.slot(address, HUGE_LEVELS[k]);
      if (slot == PageTable.NONE && huge) {
        int r = callHuge(mm, vmf, HUGE_ORDERS[k]);
        if ((r & VM_FAULT_FALLBACK) == 0) {
          return r;
        }
      } else if (slot > 0) { // a huge leaf is mapped here
        if (!write || (slot & PageTable.RW) != 0) {
          return 0; // huge_pmd_set_accessed(): nothing to do
        }
        int r = wpHuge(mm, vmf, HUGE_ORDERS[k], HUGE_LEVELS[k]);
        if ((r & VM_FAULT_FALLBACK) == 0) {
          return r;
        }
      }
    }
    return handlePteFault(mm, vmf, write);
  }

  /**
   * thp_vma_allowable_order() in the fault path: DAX and huge_fault-capable file VMAs ask for
   * huge faults via VM_HUGEPAGE (device.c and the DAX file systems set it); VM_NOHUGEPAGE wins.
   * The VMA-bounds check is left to the handler, as the kernel does ("huge fault does the check
   * in fault handlers"). Anonymous THP is not modelled.
   */
  private static boolean hugeAllowed(Vma vma) {
    long f = vma.flags();
    return vma.ops() != null && !vma.isAnonymous() && (f & Vma.VM_HUGEPAGE) != 0
        && (f & Vma.VM_NOHUGEPAGE) == 0;
  }

  private static int callHuge(Mm mm, VmFault vmf, int order) {
    vmf.setOrder(order);
    int r = vmf.vma().ops().hugeFault(vmf, order);
    trace(mm, vmf, order, r);
    return r;
  }

  /** wp_huge_pud()/wp_huge_pmd(): shared mappings re-run huge_fault; else split (zap) it. */
  private static int wpHuge(Mm mm, VmFault vmf, int order, int level) {
    Vma vma = vmf.vma();
    if (vma.ops() != null && (vma.flags() & (Vma.VM_SHARED | Vma.VM_MAYSHARE)) != 0) {
      int r = callHuge(mm, vmf, order);
      if ((r & VM_FAULT_FALLBACK) == 0) {
        return r;
      }
    }
    long size = PageTable.span(level);
    long start = vmf.realAddress() & -size;
    mm.pageTable().zap(start, start + size, false, pfn -> { });
    return VM_FAULT_FALLBACK;
  }

  /** handle_pte_fault(). */
  private static int handlePteFault(Mm mm, VmFault vmf, boolean write) {
    long pte = mm.pageTable().slot(vmf.address(), PageTable.PTE);
    if (pte <= 0) {
      if (pte == PageTable.ABOVE) {
        return 0; // raced with a huge insert: retry the access
      }
      return vmf.vma().isAnonymous() ? doAnonymousPage(mm, vmf) : doFault(mm, vmf);
    }
    if (write && (pte & PageTable.RW) == 0) {
      return doWpPage(mm, vmf, pte);
    }
    return 0;
  }

  /** do_fault(): a file VMA without a ->fault SIGBUSes. */
  private static int doFault(Mm mm, VmFault vmf) {
    VmOperations ops = vmf.vma().ops();
    if (ops == null) {
      return VM_FAULT_SIGBUS;
    }
    vmf.setOrder(0);
    int r = ops.fault(vmf);
    trace(mm, vmf, 0, r);
    return r;
  }

  /**
   * do_anonymous_page(): a fresh zeroed page, writable if the VMA is (we skip the shared zero
   * page a read fault would map first).
   */
  private static int doAnonymousPage(Mm mm, VmFault vmf) {
    long flags = (vmf.vma().flags() & Vma.VM_WRITE) != 0 ? PageTable.RW : 0;
    int r = installNewPage(mm, vmf.address(), flags, -1);
    trace(mm, vmf, 0, r);
    return r;
  }

  /**
   * do_wp_page(): a shared mapping just becomes writable (no page_mkwrite/pfn_mkwrite is
   * modelled); a private one reuses its own anonymous page or copies the page (COW).
   */
  private static int doWpPage(Mm mm, VmFault vmf, long pte) {
    long addr = vmf.address();
    PageTable pt = mm.pageTable();
    if ((vmf.vma().flags() & Vma.VM_SHARED) != 0 || (pte & PageTable.ANON) != 0) {
      pt.install(addr, PageTable.PTE, pte | PageTable.RW);
      return 0;
    }
    int r = installNewPage(mm, addr, PageTable.RW, pte);
    trace(mm, vmf, 0, r);
    return r;
  }

  /** Allocates a page, fills it (zeros, or a copy of {@code from}'s page) and maps it. */
  private static int installNewPage(Mm mm, long addr, long rw, long from) {
    KernelAddressSpace kas = mm.kas();
    PhysicalAddressSpace phys = kas.phys();
    long pfn;
    try {
      pfn = kas.allocPage();
    } catch (ErrnoException e) {
      return VM_FAULT_OOM;
    }
    long dst = pfn << PAGE_SHIFT;
    PhysWindow dw = phys.find(dst);
    if (from < 0) {
      PhysIo.zero(dw, dst, PAGE_SIZE);
    } else {
      long src = from & PageTable.PFN_MASK;
      PhysWindow sw = phys.find(src);
      if (sw == null || phys.isPoisoned(src)) {
        mm.freePage(pfn);
        return sw == null ? VM_FAULT_SIGBUS : VM_FAULT_HWPOISON; // __wp_page_copy_user()
      }
      PhysIo.copy(sw, src, dw, dst, PAGE_SIZE);
    }
    long entry = dst | PageTable.PRESENT | PageTable.USER | PageTable.ANON | rw;
    if (!mm.pageTable().install(addr & PAGE_MASK, PageTable.PTE, entry)) {
      mm.freePage(pfn);
      return VM_FAULT_OOM;
    }
    return 0;
  }

  private static void trace(Mm mm, VmFault vmf, int order, int ret) {
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.MM_FAULT, mm, vmf.realAddress(), order, vmf.flags(), ret);
    }
  }
}
