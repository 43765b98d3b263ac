package org.daxsim.fs.vfs;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Vma;

/**
 * struct file_operations (include/linux/fs.h). A missing operation is a default that fails with
 * the errno the VFS returns when the pointer is NULL. The VFS takes no lock around {@link
 * #readIter}, {@link #writeIter} or {@link #mmap}: serialising the data path is the file
 * system's business.
 */
public interface FileOperations {
  /** ->open, after the VFS's permission checks; throwing fails the open(2). */
  default void open(Inode inode, File file) throws ErrnoException {}

  /** ->release, when the last descriptor of the open file is closed. */
  default void release(Inode inode, File file) {}

  /**
   * ->read_iter: copies from {@link Kiocb#pos()} into {@code to}, advances the position and
   * returns the bytes copied (0 at EOF). vfs_read() returns EINVAL when the file has none.
   */
  default long readIter(Kiocb iocb, IovIter to) throws ErrnoException {
    throw ErrnoException.of(Errno.EINVAL, "%s has no read_iter", iocb.file());
  }

  /** ->write_iter: copies {@code from} to the file at {@link Kiocb#pos()}; bytes written. */
  default long writeIter(Kiocb iocb, IovIter from) throws ErrnoException {
    throw ErrnoException.of(Errno.EINVAL, "%s has no write_iter", iocb.file());
  }

  /** Whether ->llseek is set; without it lseek(2) fails with ESPIPE (no FMODE_LSEEK). */
  default boolean canSeek() {
    return true;
  }

  /**
   * Whether ->llseek is noop_llseek (fs/read_write.c): lseek(2) then succeeds without moving
   * and returns the current position. Only meaningful when {@link #canSeek()}.
   */
  default boolean noopLlseek() {
    return false;
  }

  /** ->mmap: vets the VMA and installs its operations; ENODEV when the file has none. */
  default void mmap(File file, Vma vma) throws ErrnoException {
    throw ErrnoException.of(Errno.ENODEV, "%s has no mmap", file);
  }

  /** ->get_unmapped_area: an address, -errno, or 0 for the mm's default. */
  default long getUnmappedArea(File file, Mm mm, long addr, long len, long pgoff, int flags) {
    return 0;
  }

  /** ->mmap_supported_flags (e.g. MAP_SYNC). */
  default int mmapSupportedFlags() {
    return 0;
  }

  /**
   * ->unlocked_ioctl: ENOTTY when the file has none (vfs_ioctl()). {@code mm} is the caller's
   * address space (current->mm), where a pointer {@code arg} points.
   */
  default long ioctl(File file, int cmd, long arg, Mm mm) throws ErrnoException {
    throw ErrnoException.of(Errno.ENOTTY, "%s has no ioctl", file);
  }

  /** ->fsync: EINVAL when the file has none (vfs_fsync_range()). */
  default void fsync(File file, long start, long end, boolean datasync) throws ErrnoException {
    throw ErrnoException.of(Errno.EINVAL, "%s has no fsync", file);
  }
}
