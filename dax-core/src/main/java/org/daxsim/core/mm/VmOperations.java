package org.daxsim.core.mm;

import org.daxsim.core.Pages;

/**
 * struct vm_operations_struct (include/linux/mm.h): what a driver's mapping does on faults and
 * splits. Handlers run with the mm's fault lock held and must not keep the {@link VmFault}.
 */
public interface VmOperations {
  /**
   * vm_ops->fault: map the page at {@link VmFault#address()} (usually with {@link
   * VmFault#insertPfn}) and return {@link VmFault#VM_FAULT_NOPAGE}, or a VM_FAULT_* error.
   */
  int fault(VmFault vmf);

  /**
   * vm_ops->huge_fault(vmf, order) for {@link org.daxsim.core.Pages#PMD_ORDER} and {@link
   * org.daxsim.core.Pages#PUD_ORDER}; {@link VmFault#VM_FAULT_FALLBACK} (the default) makes the
   * mm retry with the next smaller size.
   */
  default int hugeFault(VmFault vmf, int order) {
    return VmFault.VM_FAULT_FALLBACK;
  }

  /** vm_ops->may_split: 0 to allow splitting {@code vma} at {@code addr}, else -errno. */
  default int maySplit(Vma vma, long addr) {
    return 0;
  }

  /** vm_ops->pagesize: the mapping's page size (smaps KernelPageSize). */
  default long pagesize(Vma vma) {
    return Pages.PAGE_SIZE;
  }
}
