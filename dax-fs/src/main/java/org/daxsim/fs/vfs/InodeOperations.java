package org.daxsim.fs.vfs;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * struct inode_operations (include/linux/fs.h) of a directory (and ->setattr of any inode).
 * The VFS has done every permission, existence and type check before it calls these, and holds
 * its namespace lock; an operation that throws must change nothing. Defaults refuse with
 * EPERM as the kernel does for a missing operation (EINVAL for setattr on a non-regular file).
 */
public interface InodeOperations {
  /** ->lookup: the child {@code name} of {@code dir}, or null (a negative dentry). */
  default Inode lookup(Inode dir, String name) throws ErrnoException {
    return null;
  }

  /** ->create: a new regular file {@code name} (known absent) with {@code mode}. */
  default Inode create(Inode dir, String name, int mode, Cred cred) throws ErrnoException {
    throw ErrnoException.of(Errno.EPERM, "%s: no create", dir);
  }

  /** ->mkdir. */
  default Inode mkdir(Inode dir, String name, int mode, Cred cred) throws ErrnoException {
    throw ErrnoException.of(Errno.EPERM, "%s: no mkdir", dir);
  }

  /** ->mknod for S_IFCHR with device number {@code rdev}. */
  default Inode mknod(Inode dir, String name, int mode, long rdev, Cred cred)
      throws ErrnoException {
    throw ErrnoException.of(Errno.EPERM, "%s: no mknod", dir);
  }

  /** ->unlink of a non-directory child. */
  default void unlink(Inode dir, String name) throws ErrnoException {
    throw ErrnoException.of(Errno.EPERM, "%s: no unlink", dir);
  }

  /** ->rmdir of a child directory; ENOTEMPTY (simple_rmdir) if it has entries. */
  default void rmdir(Inode dir, String name) throws ErrnoException {
    throw ErrnoException.of(Errno.EPERM, "%s: no rmdir", dir);
  }

  /** ->rename (flags 0); replaces an existing target; ENOTEMPTY for a non-empty target dir. */
  default void rename(Inode oldDir, String oldName, Inode newDir, String newName)
      throws ErrnoException {
    throw ErrnoException.of(Errno.EPERM, "%s: no rename", oldDir);
  }

  /** ->setattr(ATTR_SIZE): truncate or extend a regular file to {@code size}. */
  default void setSize(Inode inode, long size) throws ErrnoException {
    throw ErrnoException.of(Errno.EINVAL, "%s: size cannot change", inode);
  }
}
