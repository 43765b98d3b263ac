package org.daxsim.fs.famfs;

import org.daxsim.core.mm.VmFault;
import org.daxsim.core.mm.VmOperations;
import org.daxsim.core.mm.Vma;

/**
 * famfs_file_vm_ops (fs/famfs/famfs_file.c): fault and huge_fault through
 * __famfs_filemap_fault() -> dax_iomap_fault(); a shut-down mount or a non-DAX inode is
 * SIGBUS; a shared write fault updates the file times first.
 */
final class FamfsVmOps implements VmOperations {
  private final FamfsFile file;
  private final FamfsFileOps ops;

  FamfsVmOps(FamfsFile file, FamfsFileOps ops) {
    this.file = file;
    this.ops = ops;
  }

  @Override
  public int fault(VmFault vmf) {
    return filemapFault(vmf, 0);
  }

  @Override
  public int hugeFault(VmFault vmf, int order) {
    return filemapFault(vmf, order);
  }

  /** __famfs_filemap_fault(). */
  private int filemapFault(VmFault vmf, int order) {
    if (file.fsi.deverror || !file.isDax()) {
      return VmFault.VM_FAULT_SIGBUS;
    }
    if (vmf.isWrite() && (vmf.vma().flags() & Vma.VM_SHARED) != 0) {
      file.inode.touchModified(); // sb_start_pagefault + file_update_time
    }
    return ops.faults.daxIomapFault(vmf, order, file, ops);
  }
}
