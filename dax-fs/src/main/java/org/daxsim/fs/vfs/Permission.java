package org.daxsim.fs.vfs;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/** generic_permission() and friends (fs/namei.c), with uid 0 holding every capability. */
final class Permission {
  private Permission() {}

  /**
   * generic_permission(): acl_permission_check() (owner, else group, else other class) then
   * capable_wrt_inode_uidgid(): CAP_DAC_OVERRIDE grants all but exec of a file with no x bit;
   * CAP_DAC_READ_SEARCH grants read, and search of directories. EACCES when denied.
   */
  static void check(Cred cred, Inode inode, int mask) throws ErrnoException {
    if (!allowed(cred, inode.mode(), inode.uid(), inode.gid(), mask)) {
      throw ErrnoException.of(Errno.EACCES, "%s: mask %d denied to uid %d", inode, mask,
          cred.uid());
    }
  }

  static boolean allowed(Cred cred, int mode, int uid, int gid, int mask) {
    mask &= Fcntl.MAY_READ | Fcntl.MAY_WRITE | Fcntl.MAY_EXEC;
    int bits;
    if (cred.uid() == uid) {
      bits = mode >> 6;
    } else if (cred.inGroup(gid)) {
      bits = mode >> 3;
    } else {
      bits = mode;
    }
    if ((mask & ~bits & 7) == 0) {
      return true;
    }
    if (cred.isRoot()) {
      return Fcntl.isDir(mode) || (mask & Fcntl.MAY_EXEC) == 0 || (mode & 0111) != 0;
    }
    return false;
  }

  /** may_lookup(): search permission on a directory walked through. */
  static void mayLookup(Cred cred, Inode dir) throws ErrnoException {
    check(cred, dir, Fcntl.MAY_EXEC);
  }

  /** check_sticky(): in a sticky directory only the file's or directory's owner (or root). */
  static boolean sticky(Cred cred, Inode dir, Inode inode) {
    if ((dir.mode() & Fcntl.S_ISVTX) == 0) {
      return false;
    }
    return cred.uid() != inode.uid() && cred.uid() != dir.uid() && !cred.isRoot();
  }

  /** may_delete(): EACCES, EPERM (sticky), ENOTDIR / EISDIR for the wrong type. */
  static void mayDelete(Cred cred, Inode dir, Inode victim, boolean isdir)
      throws ErrnoException {
    check(cred, dir, Fcntl.MAY_WRITE | Fcntl.MAY_EXEC);
    if (sticky(cred, dir, victim)) {
      throw ErrnoException.of(Errno.EPERM, "sticky directory %s", dir);
    }
    if (isdir && !victim.isDir()) {
      throw ErrnoException.of(Errno.ENOTDIR, "%s is not a directory", victim);
    }
    if (!isdir && victim.isDir()) {
      throw ErrnoException.of(Errno.EISDIR, "%s is a directory", victim);
    }
  }

  /** may_create(): write and search permission on the parent. */
  static void mayCreate(Cred cred, Inode dir) throws ErrnoException {
    check(cred, dir, Fcntl.MAY_WRITE | Fcntl.MAY_EXEC);
  }
}
