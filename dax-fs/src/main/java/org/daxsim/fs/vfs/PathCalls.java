package org.daxsim.fs.vfs;

import static org.daxsim.fs.vfs.Fcntl.MAY_EXEC;
import static org.daxsim.fs.vfs.Fcntl.MAY_READ;
import static org.daxsim.fs.vfs.Fcntl.MAY_WRITE;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Namei.Last;
import org.daxsim.fs.vfs.Namei.Nd;
import org.daxsim.fs.vfs.Namei.Pos;

/** The path-based system calls; each runs under the namespace lock. */
final class PathCalls {
  private PathCalls() {}

  static ErrnoException err(Errno e, String fmt, Object... args) {
    return ErrnoException.of(e, fmt, args);
  }

  /** do_sys_open() -> path_openat(): open_last_lookups() then do_open() and may_open(). */
  static File open(Vfs vfs, Cred cred, int umask, String path, int flags, int mode)
      throws ErrnoException {
    if ((flags & Fcntl.O_TMPFILE) == Fcntl.O_TMPFILE) {
      throw err(Errno.EOPNOTSUPP, "O_TMPFILE is not supported");
    }
    if ((flags & Fcntl.O_PATH) != 0) {
      throw err(Errno.EINVAL, "O_PATH is not supported");
    }
    int acc = switch (flags & Fcntl.O_ACCMODE) {
      case Fcntl.O_RDONLY -> MAY_READ;
      case Fcntl.O_WRONLY -> MAY_WRITE;
      default -> MAY_READ | MAY_WRITE;
    };
    if ((flags & Fcntl.O_TRUNC) != 0) {
      acc |= MAY_WRITE;
    }
    Namei namei = new Namei(vfs, cred);
    synchronized (vfs.ns) {
      Nd nd = namei.parentat(path);
      boolean created = false;
      Pos pos;
      if ((flags & Fcntl.O_CREAT) != 0) {
        if (nd.type != Last.NORM) {
          pos = namei.lookup(path);
        } else {
          if (nd.trailingSlash) {
            throw err(Errno.EISDIR, "%s: O_CREAT with a trailing slash", path);
          }
          Inode child = Namei.child(nd);
          if (child == null) {
            Inode dir = nd.parent().inode();
            Permission.mayCreate(cred, dir);
            child = dir.iop().create(dir, nd.last(), mode & ~umask & Fcntl.S_IALLUGO, cred);
            created = true;
          }
          pos = namei.crossMounts(new Pos(nd.parent().mnt(), child));
        }
        if ((flags & Fcntl.O_EXCL) != 0 && !created) {
          throw err(Errno.EEXIST, "%s exists", path);
        }
        if (pos.inode().isDir()) {
          throw err(Errno.EISDIR, "%s: O_CREAT on a directory", path);
        }
      } else {
        pos = namei.lookup(path);
      }
      Inode inode = pos.inode();
      if ((flags & Fcntl.O_DIRECTORY) != 0 && !inode.isDir()) {
        throw err(Errno.ENOTDIR, "%s: O_DIRECTORY on a non-directory", path);
      }
      if (!created) {
        mayOpen(cred, inode, acc, flags);
      }
      File file = new File(inode, pos.mnt(), flags, path);
      file.fop().open(inode, file);
      if (!created && (flags & Fcntl.O_TRUNC) != 0 && inode.isReg() && inode.size() != 0) {
        inode.iop().setSize(inode, 0);
      }
      pos.mnt().openFiles++;
      return file;
    }
  }

  /** may_open(): EISDIR for writing a directory, inode_permission(), O_NOATIME's EPERM. */
  private static void mayOpen(Cred cred, Inode inode, int acc, int flags)
      throws ErrnoException {
    if (inode.isDir() && (acc & MAY_WRITE) != 0) {
      throw err(Errno.EISDIR, "%s is a directory", inode);
    }
    Permission.check(cred, inode, acc);
    if ((flags & Fcntl.O_NOATIME) != 0 && cred.uid() != inode.uid() && !cred.isRoot()) {
      throw err(Errno.EPERM, "O_NOATIME by a non-owner");
    }
  }

  /** filename_create(): EEXIST for ".", ".." or an existing name; ENOENT for "name/". */
  private static Nd create(Namei namei, String path, boolean wantDir) throws ErrnoException {
    Nd nd = namei.parentat(path);
    if (nd.type != Last.NORM) {
      throw err(Errno.EEXIST, "%s exists", path);
    }
    if (Namei.child(nd) != null) {
      throw err(Errno.EEXIST, "%s exists", path);
    }
    if (nd.trailingSlash && !wantDir) {
      throw err(Errno.ENOENT, "%s: trailing slash", path);
    }
    return nd;
  }

  /** do_mkdirat() + vfs_mkdir(). */
  static void mkdir(Vfs vfs, Cred cred, int umask, String path, int mode) throws ErrnoException {
    synchronized (vfs.ns) {
      Nd nd = create(new Namei(vfs, cred), path, true);
      Inode dir = nd.parent().inode();
      Permission.mayCreate(cred, dir);
      dir.iop().mkdir(dir, nd.last(), mode & ~umask & (0777 | Fcntl.S_ISVTX), cred);
    }
  }

  /** do_mknodat() + vfs_mknod(): S_IFCHR (or S_IFREG / 0) only; EPERM for non-root chr. */
  static void mknod(Vfs vfs, Cred cred, int umask, String path, int mode, long rdev)
      throws ErrnoException {
    int type = mode & Fcntl.S_IFMT;
    if (type == Fcntl.S_IFDIR) {
      throw err(Errno.EPERM, "mknod of a directory");
    }
    if (type != 0 && type != Fcntl.S_IFREG && type != Fcntl.S_IFCHR) {
      throw err(Errno.EINVAL, "mknod type 0%o is not supported", type);
    }
    synchronized (vfs.ns) {
      Nd nd = create(new Namei(vfs, cred), path, false);
      Inode dir = nd.parent().inode();
      Permission.mayCreate(cred, dir);
      int perm = mode & ~umask & Fcntl.S_IALLUGO;
      if (type == Fcntl.S_IFCHR) {
        if (!cred.isRoot()) {
          throw err(Errno.EPERM, "mknod of a char device needs CAP_MKNOD");
        }
        dir.iop().mknod(dir, nd.last(), perm, rdev, cred);
      } else {
        dir.iop().create(dir, nd.last(), perm, cred);
      }
    }
  }

  /** do_rmdir() + vfs_rmdir(). */
  static void rmdir(Vfs vfs, Cred cred, String path) throws ErrnoException {
    Namei namei = new Namei(vfs, cred);
    synchronized (vfs.ns) {
      Nd nd = namei.parentat(path);
      switch (nd.type) {
        case DOTDOT -> throw err(Errno.ENOTEMPTY, "rmdir ..");
        case DOT -> throw err(Errno.EINVAL, "rmdir .");
        case ROOT -> throw err(Errno.EBUSY, "rmdir /");
        default -> { }
      }
      Inode dir = nd.parent().inode();
      Inode victim = Namei.child(nd);
      if (victim == null) {
        throw err(Errno.ENOENT, "%s: no such directory", path);
      }
      Permission.mayDelete(cred, dir, victim, true);
      if (namei.isMountpoint(victim)) {
        throw err(Errno.EBUSY, "%s is a mountpoint", path);
      }
      dir.iop().rmdir(dir, nd.last());
    }
  }

  /** do_unlinkat() + vfs_unlink(). */
  static void unlink(Vfs vfs, Cred cred, String path) throws ErrnoException {
    Namei namei = new Namei(vfs, cred);
    synchronized (vfs.ns) {
      Nd nd = namei.parentat(path);
      if (nd.type != Last.NORM) {
        throw err(Errno.EISDIR, "unlink of %s", path);
      }
      Inode dir = nd.parent().inode();
      Inode victim = Namei.child(nd);
      if (victim == null) {
        throw err(Errno.ENOENT, "%s: no such file", path);
      }
      if (nd.trailingSlash) {
        throw err(victim.isDir() ? Errno.EISDIR : Errno.ENOTDIR, "unlink %s", path);
      }
      Permission.mayDelete(cred, dir, victim, false);
      if (namei.isMountpoint(victim)) {
        throw err(Errno.EBUSY, "%s is a mountpoint", path);
      }
      dir.iop().unlink(dir, nd.last());
    }
  }

  /** do_renameat2() (flags 0) + vfs_rename(). */
  static void rename(Vfs vfs, Cred cred, String from, String to) throws ErrnoException {
    Namei namei = new Namei(vfs, cred);
    synchronized (vfs.ns) {
      Nd o = namei.parentat(from);
      Nd n = namei.parentat(to);
      if (o.parent().mnt() != n.parent().mnt()) {
        throw err(Errno.EXDEV, "%s and %s are on different mounts", from, to);
      }
      if (o.type != Last.NORM || n.type != Last.NORM) {
        throw err(Errno.EBUSY, "rename of . or ..");
      }
      Inode src = Namei.child(o);
      if (src == null) {
        throw err(Errno.ENOENT, "%s: no such file", from);
      }
      Inode dst = Namei.child(n);
      if (!src.isDir() && (o.trailingSlash || n.trailingSlash)) {
        throw err(Errno.ENOTDIR, "%s is not a directory", from);
      }
      if (contains(n, src)) {
        throw err(Errno.EINVAL, "%s is an ancestor of %s", from, to);
      }
      if (dst != null && contains(o, dst)) {
        throw err(Errno.ENOTEMPTY, "%s is an ancestor of %s", to, from);
      }
      if (src == dst) {
        return;
      }
      Inode odir = o.parent().inode();
      Inode ndir = n.parent().inode();
      boolean isDir = src.isDir();
      Permission.mayDelete(cred, odir, src, isDir);
      if (dst == null) {
        Permission.mayCreate(cred, ndir);
      } else {
        Permission.mayDelete(cred, ndir, dst, isDir);
      }
      if (isDir && odir != ndir) {
        Permission.check(cred, src, MAY_WRITE);
      }
      if (namei.isMountpoint(src) || (dst != null && namei.isMountpoint(dst))) {
        throw err(Errno.EBUSY, "rename of a mountpoint");
      }
      odir.iop().rename(odir, o.last(), ndir, n.last());
    }
  }

  private static boolean contains(Nd nd, Inode inode) {
    return nd.contains(inode);
  }

  /** vfs_stat() -> generic_fillattr(). */
  static Stat stat(Vfs vfs, Cred cred, String path) throws ErrnoException {
    synchronized (vfs.ns) {
      return new Namei(vfs, cred).lookup(path).inode().stat();
    }
  }

  /** {@link #stat}, but null where it would fail with ENOENT for a missing last name. */
  static Stat statIfExists(Vfs vfs, Cred cred, String path) throws ErrnoException {
    synchronized (vfs.ns) {
      Pos p = new Namei(vfs, cred).lookupIfExists(path);
      return p == null ? null : p.inode().stat();
    }
  }

  /**
   * getdents64(2) on a directory opened by path (fs/readdir.c iterate_dir() over
   * dcache_readdir()): the entry names except "." and "..", in the directory's order. ENOTDIR
   * for a non-directory, EACCES without read permission.
   */
  static java.util.List<String> readdir(Vfs vfs, Cred cred, String path) throws ErrnoException {
    synchronized (vfs.ns) {
      Inode inode = new Namei(vfs, cred).lookup(path).inode();
      if (!inode.isDir()) {
        throw err(Errno.ENOTDIR, "%s is not a directory", path);
      }
      Permission.check(cred, inode, MAY_READ);
      if (!(inode.iop() instanceof SimpleDir)) {
        throw err(Errno.ENOTDIR, "%s cannot be listed", path);
      }
      return java.util.List.copyOf(SimpleDir.children(inode).keySet());
    }
  }

  /** do_sys_truncate() + vfs_truncate(). */
  static void truncate(Vfs vfs, Cred cred, String path, long length) throws ErrnoException {
    if (length < 0) {
      throw err(Errno.EINVAL, "negative length %d", length);
    }
    synchronized (vfs.ns) {
      Inode inode = new Namei(vfs, cred).lookup(path).inode();
      if (inode.isDir()) {
        throw err(Errno.EISDIR, "%s is a directory", path);
      }
      if (!inode.isReg()) {
        throw err(Errno.EINVAL, "%s is not a regular file", path);
      }
      Permission.check(cred, inode, MAY_WRITE);
      inode.iop().setSize(inode, length);
    }
  }

  /** chown_common(): root only here (EPERM); -1 keeps the uid or gid. */
  static void chown(Vfs vfs, Cred cred, String path, int uid, int gid) throws ErrnoException {
    synchronized (vfs.ns) {
      Inode inode = new Namei(vfs, cred).lookup(path).inode();
      if (!cred.isRoot()) {
        throw err(Errno.EPERM, "chown of %s needs CAP_CHOWN", path);
      }
      inode.setOwner(uid == -1 ? inode.uid() : uid, gid == -1 ? inode.gid() : gid);
      inode.touchChanged();
    }
  }

  /** chmod_common() + notify_change(): EPERM unless owner or root; drops S_ISGID if needed. */
  static void chmod(Vfs vfs, Cred cred, String path, int mode) throws ErrnoException {
    synchronized (vfs.ns) {
      Inode inode = new Namei(vfs, cred).lookup(path).inode();
      if (!cred.isRoot() && cred.uid() != inode.uid()) {
        throw err(Errno.EPERM, "chmod of %s by a non-owner", path);
      }
      if (!cred.isRoot() && !cred.inGroup(inode.gid())) {
        mode &= ~Fcntl.S_ISGID;
      }
      inode.setPermissions(mode);
      inode.touchChanged();
    }
  }

  /** do_new_mount(): EPERM for non-root, ENOTDIR, EBUSY over an existing mount root. */
  static void mount(Vfs vfs, Cred cred, FileSystemType type, String source, String target,
      String data) throws ErrnoException {
    mount(vfs, cred, type, null, source, target, data);
  }

  /** path_mount(): lookup, may_mount() EPERM, then do_new_mount(): get_fs_type() ENODEV. */
  static void mount(Vfs vfs, Cred cred, FileSystemType type, String typeName, String source,
      String target, String data) throws ErrnoException {
    synchronized (vfs.ns) {
      Pos p = new Namei(vfs, cred).lookup(target);
      if (!cred.isRoot()) {
        throw err(Errno.EPERM, "mount needs CAP_SYS_ADMIN");
      }
      if (type == null) {
        type = vfs.fsType(typeName);
      }
      if (!p.inode().isDir()) {
        throw err(Errno.ENOTDIR, "%s is not a directory", target);
      }
      if (p.inode() == p.mnt().root()) {
        throw err(Errno.EBUSY, "%s is already a mount root", target);
      }
      vfs.graft(type, source, data, p.mnt(), p.inode(), target);
    }
  }

  /** ksys_umount() -> can_umount() + do_umount(): EPERM, EINVAL, EBUSY. */
  static void umount(Vfs vfs, Cred cred, String target) throws ErrnoException {
    synchronized (vfs.ns) {
      Pos p = new Namei(vfs, cred).lookup(target);
      if (!cred.isRoot()) {
        throw err(Errno.EPERM, "umount needs CAP_SYS_ADMIN");
      }
      Mount m = p.mnt();
      if (p.inode() != m.root()) {
        throw err(Errno.EINVAL, "%s is not a mount root", target);
      }
      if (m == vfs.rootMount) {
        throw err(Errno.EBUSY, "the root mount");
      }
      for (Mount child : vfs.mountList) {
        if (child.parent == m) {
          throw err(Errno.EBUSY, "%s has a mount below it", target);
        }
      }
      if (m.openFiles > 0) {
        throw err(Errno.EBUSY, "%s has %d open files", target, m.openFiles);
      }
      vfs.mounts.remove(m.mountpoint);
      m.mountpoint.mounted = null;
      vfs.mountList.remove(m);
      m.sb.type().killSuper(m.sb);
    }
  }
}
