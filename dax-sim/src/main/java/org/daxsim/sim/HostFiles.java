package org.daxsim.sim;

import java.util.List;
import org.daxsim.bus.sysfs.Sysfs;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Inode;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;

/**
 * The system calls the busybox applets of {@link TreeCommands} make, on one host's file tree:
 * paths under {@code /sys} go to the bus's {@link Sysfs} (kernfs: no create, unlink, mkdir or
 * rmdir: fs/namei.c's vfs_create() EACCES and vfs_unlink()/kernfs_iop_mkdir() EPERM), every
 * other path to the VFS as the host's root process ({@link Host#root()}).
 */
final class HostFiles {
  /** S_IFLNK (the VFS has no symbolic links; sysfs has). */
  static final int S_IFLNK = 0120000;

  /** struct stat as the applets print it; {@code dev} in the user-space (new_encode_dev) form. */
  record Info(int mode, long nlink, int uid, int gid, long size, long blocks, int blksize,
      long dev, long ino, int rdevMajor, int rdevMinor, long atimeNs, long mtimeNs,
      long ctimeNs, String link) {
    boolean isDir() {
      return (mode & Fcntl.S_IFMT) == Fcntl.S_IFDIR;
    }

    boolean isChr() {
      return (mode & Fcntl.S_IFMT) == Fcntl.S_IFCHR;
    }

    boolean isLink() {
      return (mode & Fcntl.S_IFMT) == S_IFLNK;
    }
  }

  private final Host host;
  private final Process p;

  HostFiles(Host host) {
    this.host = host;
    this.p = host.root();
  }

  static boolean isSysfs(String path) {
    return path.equals("/sys") || path.startsWith("/sys/");
  }

  /** lstat(2) ({@code follow} false) or stat(2). */
  Info stat(String path, boolean follow) throws ErrnoException {
    if (isSysfs(path)) {
      Sysfs s = host.sysfs();
      if (!s.exists(path)) {
        throw ErrnoException.of(Errno.ENOENT, "%s", path);
      }
      boolean link = s.isLink(path);
      follow |= path.endsWith("/"); // a trailing slash follows the last link (path_lookupat)
      if (link && !follow) { // lstat works on a dangling link (e.g. drivers/X/module)
        return sysfsInfo(S_IFLNK | 0777, 0, path, linkText(path, s.readlink(path)));
      }
      String target = link ? s.realpath(path) : path;
      int perm = s.mode(target);
      boolean dir = isSysfsDir(target);
      return sysfsInfo((dir ? Fcntl.S_IFDIR : Fcntl.S_IFREG) | perm, dir ? 0 : 4096, target,
          null);
    }
    Stat st = p.stat(path);
    long kdev = st.dev();
    long rdev = st.rdev();
    return new Info(st.mode(), st.nlink(), st.uid(), st.gid(), st.size(), st.blocks(),
        st.blksize(), encodeDev((int) (kdev >>> 20), (int) (kdev & 0xfffff)), st.ino(),
        (int) (rdev >>> 20), (int) (rdev & 0xfffff), st.atimeNs(), st.mtimeNs(), st.ctimeNs(),
        null);
  }

  /**
   * readlink() of a sysfs link: kernfs_get_target_path()'s relative form, one {@code ../} per
   * level from the link's directory up to the common ancestor, then the target's path below it.
   */
  private String linkText(String path, String target) throws ErrnoException {
    int slash = path.lastIndexOf('/');
    String parent = host.sysfs().realpath(slash <= 0 ? "/" : path.substring(0, slash));
    String[] from = parent.substring(1).split("/");
    String[] to = target.substring(1).split("/");
    int common = 0;
    while (common < from.length && common < to.length && from[common].equals(to[common])) {
      common++;
    }
    StringBuilder b = new StringBuilder();
    for (int i = common; i < from.length; i++) {
      b.append("../");
    }
    for (int i = common; i < to.length; i++) {
      b.append(to[i]).append(i + 1 < to.length ? "/" : "");
    }
    return b.toString();
  }

  private boolean isSysfsDir(String path) {
    try {
      host.sysfs().list(path);
      return true;
    } catch (ErrnoException e) {
      return false;
    }
  }

  /** A kernfs node's stat: times 0, device 0, a stable synthetic inode number. */
  private static Info sysfsInfo(int mode, long size, String path, String link) {
    boolean dir = (mode & Fcntl.S_IFMT) == Fcntl.S_IFDIR;
    return new Info(mode, dir ? 2 : 1, 0, 0, size, 0, 4096, 0,
        1 + (path.hashCode() & 0x7fffffffL), 0, 0, 0, 0, 0, link);
  }

  /** new_encode_dev(): what user space sees in st_dev. */
  static long encodeDev(int major, int minor) {
    return (minor & 0xffL) | ((long) major << 8) | ((long) (minor & ~0xff) << 12);
  }

  /** opendir/readdir: the names in {@code path}, without . and .., in directory order. */
  List<String> readdir(String path) throws ErrnoException {
    if (isSysfs(path)) {
      if (!host.sysfs().exists(path)) {
        throw ErrnoException.of(Errno.ENOENT, "%s", path);
      }
      return host.sysfs().list(path);
    }
    return p.readdir(path);
  }

  /** mkdir(2) with mode 0777 (less the umask). */
  void mkdir(String path) throws ErrnoException {
    if (isSysfs(path)) {
      if (host.sysfs().exists(path)) {
        throw ErrnoException.of(Errno.EEXIST, "%s", path);
      }
      sysfsParent(path);
      throw ErrnoException.of(Errno.EPERM, "kernfs: no mkdir in %s", path);
    }
    p.mkdir(path, 0777);
  }

  /** unlink(2). */
  void unlink(String path) throws ErrnoException {
    if (isSysfs(path)) {
      stat(path, false);
      throw ErrnoException.of(Errno.EPERM, "kernfs: no unlink of %s", path);
    }
    p.unlink(path);
  }

  /** rmdir(2). */
  void rmdir(String path) throws ErrnoException {
    if (isSysfs(path)) {
      stat(path, false);
      throw ErrnoException.of(Errno.EPERM, "kernfs: no rmdir of %s", path);
    }
    p.rmdir(path);
  }

  /** utimes(path, NULL): sets the access and modification times to now. */
  void utimes(String path) throws ErrnoException {
    if (isSysfs(path)) {
      stat(path, true);
      return;
    }
    p.stat(path);
    Inode inode = host.vfs().kernPath(path);
    inode.touchAccessed();
    inode.touchModified();
  }

  /** open(path, O_RDWR | O_CREAT, 0666) and close, as touch creates a file. */
  void create(String path) throws ErrnoException {
    if (isSysfs(path)) {
      sysfsParent(path);
      throw ErrnoException.of(Errno.EACCES, "kernfs: no create in %s", path);
    }
    p.close(p.open(path, Fcntl.O_RDWR | Fcntl.O_CREAT, 0666));
  }

  /** Which of busybox truncate's two calls failed, and why. */
  record TruncateError(String call, ErrnoException error) {}

  /**
   * busybox truncate on one file: open(O_WRONLY | O_NONBLOCK [| O_CREAT], 0666), ftruncate,
   * close; null on success.
   */
  TruncateError truncate(String path, long size, boolean create) {
    if (isSysfs(path)) {
      try {
        Info i = stat(path, true);
        if (i.isDir()) {
          return new TruncateError("open", ErrnoException.of(Errno.EISDIR, "%s", path));
        }
        if ((i.mode() & 0222) == 0) { // kernfs_fop_open(): no write method
          return new TruncateError("open", ErrnoException.of(Errno.EACCES, "%s", path));
        }
        return null; // kernfs_iop_setattr() accepts the size and ignores it
      } catch (ErrnoException e) {
        if (!create) {
          return new TruncateError("open", e);
        }
        try {
          create(path);
          return null;
        } catch (ErrnoException c) {
          return new TruncateError("open", c);
        }
      }
    }
    int flags = Fcntl.O_WRONLY | Fcntl.O_NONBLOCK | (create ? Fcntl.O_CREAT : 0);
    int fd;
    try {
      fd = create ? p.open(path, flags, 0666) : p.open(path, flags);
    } catch (ErrnoException e) {
      return new TruncateError("open", e);
    }
    try {
      p.ftruncate(fd, size);
      return null;
    } catch (ErrnoException e) {
      return new TruncateError("truncate", e);
    } finally {
      try {
        p.close(fd);
      } catch (ErrnoException e) {
        // close of a descriptor just opened cannot fail
      }
    }
  }

  /** ENOENT unless the parent directory of sysfs {@code path} exists. */
  private void sysfsParent(String path) throws ErrnoException {
    String t = path;
    while (t.length() > 1 && t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    int slash = t.lastIndexOf('/');
    String parent = slash <= 0 ? "/" : t.substring(0, slash);
    if (isSysfs(parent) && !host.sysfs().exists(parent)) {
      throw ErrnoException.of(Errno.ENOENT, "%s", parent);
    }
  }
}
