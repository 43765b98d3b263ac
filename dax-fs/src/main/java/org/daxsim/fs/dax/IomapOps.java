package org.daxsim.fs.dax;

import org.daxsim.core.ErrnoException;

/** struct iomap_ops (include/linux/iomap.h): how a file system maps file ranges. */
public interface IomapOps {
  /**
   * iomap_begin: the mapping of file position {@code pos} (at most {@code length} bytes are
   * wanted; the mapping may be longer or shorter); throws with the errno on failure.
   */
  Iomap iomapBegin(DaxInode inode, long pos, long length, int flags) throws ErrnoException;

  /** iomap_end: called after each mapping with the bytes {@code written} (processed). */
  default int iomapEnd(DaxInode inode, long pos, long length, long written, int flags,
      Iomap iomap) {
    return 0;
  }
}
