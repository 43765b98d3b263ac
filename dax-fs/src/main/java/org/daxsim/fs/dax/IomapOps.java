package org.daxsim.fs.dax;

import org.daxsim.core.ErrnoException;

/** struct iomap_ops (include/linux/iomap.h): how a file system maps file ranges. */
public interface IomapOps {
  /**
   * iomap_begin: the mapping of file position {@code pos} (at most {@code length} bytes are
   * wanted; the mapping may be longer or shorter); throws with the errno on failure.
   */
  Iomap iomapBegin(DaxInode inode, long pos, long length, int flags) throws ErrnoException;

  /**
   * iomap_begin into the caller's {@code out} (as the kernel fills iomap_iter's iomap), which
   * the fs-dax engine calls. The default stores the result of
   * {@link #iomapBegin(DaxInode, long, long, int)}; a file system on a hot path overrides it
   * to fill {@code out} without allocating, with the same result.
   */
  default void iomapBegin(DaxInode inode, long pos, long length, int flags, IomapBuf out)
      throws ErrnoException {
    out.set(iomapBegin(inode, pos, length, flags));
  }

  /**
   * iomap_end: called after each mapping with the bytes {@code written} (processed);
   * {@code iomap} is the engine's holder, valid during the call.
   */
  default int iomapEnd(DaxInode inode, long pos, long length, long written, int flags,
      IomapBuf iomap) {
    return 0;
  }
}
