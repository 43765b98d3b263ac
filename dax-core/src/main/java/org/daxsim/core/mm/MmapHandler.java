package org.daxsim.core.mm;

import org.daxsim.core.ErrnoException;

/**
 * The mmap side of an open file (struct file_operations ->mmap, ->get_unmapped_area,
 * mmap_supported_flags / FOP_MMAP_SYNC, and f_mapping). Passed to {@link Mm#mmap}.
 */
public interface MmapHandler {
  /**
   * f_op->mmap: vets the new VMA and installs its {@link VmOperations} and flags with the
   * {@link Vma} setters. Throwing aborts the mmap and leaves no VMA behind.
   */
  void mmap(Vma vma) throws ErrnoException;

  /**
   * f_op->get_unmapped_area: an address for a mapping of {@code len} bytes at file page
   * {@code pgoff}, a negative errno, or 0 (the default) for "use {@link
   * Mm#getUnmappedArea}". Called for MAP_FIXED too, as the kernel does.
   */
  default long getUnmappedArea(Mm mm, long addr, long len, long pgoff, int flags) {
    return 0;
  }

  /** The file's address_space (f_mapping), which tracks the VMAs mapping it; may be null. */
  default AddressSpace mapping() {
    return null;
  }

  /** MAP_* flags beyond LEGACY_MAP_MASK that MAP_SHARED_VALIDATE accepts (e.g. MAP_SYNC). */
  default int mmapSupportedFlags() {
    return 0;
  }

  /** get_file() for a VMA that now maps this file (at mmap and for each split piece). */
  default void get() {}

  /** fput() when such a VMA goes away (munmap, split, exit). */
  default void put() {}
}
