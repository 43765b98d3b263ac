package org.daxsim.core.mm;

import static org.daxsim.core.Pages.PAGE_MASK;
import static org.daxsim.core.Pages.PAGE_SHIFT;
import static org.daxsim.core.Pages.PMD_SIZE;
import static org.daxsim.core.Pages.PUD_SIZE;

import org.daxsim.core.mem.PhysicalAddressSpace;

/**
 * struct vm_fault (include/linux/mm.h): the page fault a {@link VmOperations} handler is asked
 * to resolve, plus the insertion helpers of mm/memory.c and mm/huge_memory.c that drivers call.
 * One instance per {@link Mm}, reused for every fault under the mm's fault lock: handlers must
 * not keep it.
 */
public final class VmFault {
  public static final int VM_FAULT_OOM = 0x000001;
  public static final int VM_FAULT_SIGBUS = 0x000002;
  public static final int VM_FAULT_MAJOR = 0x000004;
  public static final int VM_FAULT_HWPOISON = 0x000010;
  public static final int VM_FAULT_HWPOISON_LARGE = 0x000020;
  public static final int VM_FAULT_SIGSEGV = 0x000040;
  public static final int VM_FAULT_NOPAGE = 0x000100;
  public static final int VM_FAULT_LOCKED = 0x000200;
  public static final int VM_FAULT_RETRY = 0x000400;
  public static final int VM_FAULT_FALLBACK = 0x000800;
  public static final int VM_FAULT_DONE_COW = 0x001000;
  public static final int VM_FAULT_NEEDDSYNC = 0x002000;
  public static final int VM_FAULT_COMPLETED = 0x004000;
  /** VM_FAULT_ERROR: the results mm_fault_error() turns into a signal (FALLBACK included). */
  public static final int VM_FAULT_ERROR = VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV
      | VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE | VM_FAULT_FALLBACK;

  public static final int FAULT_FLAG_WRITE = 1 << 0;
  public static final int FAULT_FLAG_TRIED = 1 << 5;
  public static final int FAULT_FLAG_USER = 1 << 6;

  private static final long MAX_PFN = PhysicalAddressSpace.MAX_PHYS >>> PAGE_SHIFT;

  private final Mm mm;
  private Vma vma;
  private long realAddress;
  private int flags;
  private int order;

  VmFault(Mm mm) {
    this.mm = mm;
  }

  VmFault reset(Vma vma, long address, int flags) {
    this.vma = vma;
    this.realAddress = address;
    this.flags = flags;
    this.order = 0;
    return this;
  }

  void setOrder(int order) {
    this.order = order;
  }

  /** The faulting VMA. */
  public Vma vma() {
    return vma;
  }

  /** vmf->address: the faulting address rounded down to its page. */
  public long address() {
    return realAddress & PAGE_MASK;
  }

  /** vmf->real_address: the exact faulting address. */
  public long realAddress() {
    return realAddress;
  }

  /** vmf->pgoff: linear_page_index() of {@link #address()} in the mapped file. */
  public long pgoff() {
    return vma.linearPageIndex(address());
  }

  /** FAULT_FLAG_* bits. */
  public int flags() {
    return flags;
  }

  public boolean isWrite() {
    return (flags & FAULT_FLAG_WRITE) != 0;
  }

  /** The order the mm is trying: 0, PMD_ORDER or PUD_ORDER. */
  public int order() {
    return order;
  }

  /**
   * vmf_insert_mixed(): maps {@code pfn} at {@link #address()} with the VMA's protection
   * (writable only for a shared writable mapping; private mappings copy on write).
   */
  public int insertPfn(long pfn) {
    return insertPfn(pfn, false);
  }

  /**
   * vmf_insert_mixed_mkwrite() / vmf_insert_page_mkwrite(vmf, page, write): as {@link
   * #insertPfn(long)}, and with {@code write} also writable in a VM_WRITE mapping; an existing
   * entry for the same pfn is upgraded, any other existing entry is left alone. Returns
   * VM_FAULT_NOPAGE, or VM_FAULT_SIGBUS for an address outside the VMA or an impossible pfn.
   */
  public int insertPfn(long pfn, boolean write) {
    long addr = address();
    if (!vma.contains(addr) || pfn < 0 || pfn >= MAX_PFN) {
      return VM_FAULT_SIGBUS;
    }
    return insert(addr, PageTable.PTE, pfn, write);
  }

  /**
   * vmf_insert_pfn_pmd() / vmf_insert_folio_pmd(): maps the 2 MiB block containing the fault
   * at {@code pfn}. VM_FAULT_SIGBUS unless the block lies inside the VMA, {@code pfn} is 2 MiB
   * aligned and the whole block has struct pages ({@link KernelAddressSpace#pfnValid}).
   */
  public int insertPfnPmd(long pfn, boolean write) {
    return insertHuge(PageTable.PMD, PMD_SIZE, pfn, write);
  }

  /** vmf_insert_pfn_pud() / vmf_insert_folio_pud(): as {@link #insertPfnPmd} for 1 GiB. */
  public int insertPfnPud(long pfn, boolean write) {
    return insertHuge(PageTable.PUD, PUD_SIZE, pfn, write);
  }

  private int insertHuge(int level, long size, long pfn, boolean write) {
    long addr = realAddress & -size;
    long pages = size >>> PAGE_SHIFT;
    if (addr < vma.start() || vma.end() - addr < size || pfn < 0 || pfn >= MAX_PFN
        || (pfn & (pages - 1)) != 0) {
      return VM_FAULT_SIGBUS;
    }
    long kaddr = KernelAddressSpace.va(pfn << PAGE_SHIFT);
    if (kaddr == -1 || mm.kas().mappedLength(kaddr, size) != size) {
      return VM_FAULT_SIGBUS;
    }
    return insert(addr, level, pfn, write);
  }

  private int insert(long addr, int level, long pfn, boolean write) {
    long vmFlags = vma.flags();
    boolean canWrite = (vmFlags & Vma.VM_WRITE) != 0;
    boolean writable = canWrite && (write || (vmFlags & Vma.VM_SHARED) != 0);
    long entry = (pfn << PAGE_SHIFT) | PageTable.PRESENT | PageTable.USER
        | (level == PageTable.PTE ? 0 : PageTable.PSE) | (writable ? PageTable.RW : 0);
    PageTable pt = mm.pageTable();
    synchronized (pt) {
      long cur = pt.slot(addr, level);
      if (cur == PageTable.ABOVE) {
        // get_locked_pte()/pmd lookup fails under a huge leaf: the kernel reports OOM.
        return VM_FAULT_OOM;
      }
      if (cur == PageTable.TABLE) {
        return VM_FAULT_NOPAGE;
      }
      if (cur != PageTable.NONE) {
        if (write && canWrite && PageTable.pfn(cur) == pfn) {
          pt.install(addr, level, cur | PageTable.RW);
        }
        return VM_FAULT_NOPAGE;
      }
      if (!pt.install(addr, level, entry)) {
        return VM_FAULT_OOM;
      }
    }
    return VM_FAULT_NOPAGE;
  }

  @Override
  public String toString() {
    return String.format("vm_fault{addr=0x%x, pgoff=0x%x, flags=0x%x, order=%d, vma=%s}",
        realAddress, vma == null ? 0 : pgoff(), flags, order, vma);
  }
}
