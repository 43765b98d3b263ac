package org.daxsim.fs.vfs;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.Mm;

/**
 * A task with credentials, a umask, a file descriptor table (struct files_struct, at most
 * {@link #RLIMIT_NOFILE} entries, lowest free number first) and an {@link Mm}. Its methods are
 * the system calls; buffers are user addresses in {@link #mm()}, except the {@code byte[]}
 * overloads, which pass a kernel buffer ({@link IovIter#kbuf}) to the file system as
 * kernel_read()/kernel_write() do, after the same descriptor and mode checks. The working
 * directory is always {@code /}. Thread-safe.
 */
public final class Process {
  /** The default RLIMIT_NOFILE soft limit. */
  public static final int RLIMIT_NOFILE = 1024;

  private final Vfs vfs;
  private final Cred cred;
  private final Mm mm;
  private final List<File> fds = new ArrayList<>();
  private volatile int umask = 022;

  Process(Vfs vfs, Cred cred, Mm mm) {
    this.vfs = vfs;
    this.cred = cred;
    this.mm = mm;
  }

  public Cred cred() {
    return cred;
  }

  public Mm mm() {
    return mm;
  }

  public Vfs vfs() {
    return vfs;
  }

  /** umask(2): sets the mask (& 0777) and returns the old one. */
  public int umask(int mask) {
    int old = umask;
    umask = mask & 0777;
    return old;
  }

  // ---- path calls ---------------------------------------------------------------------------

  /** open(2) (fs/open.c do_sys_open()): the lowest free descriptor. EMFILE when full. */
  public int open(String path, int flags, int mode) throws ErrnoException {
    synchronized (fds) {
      if (freeFd() < 0) {
        throw ErrnoException.of(Errno.EMFILE, "%d descriptors open", RLIMIT_NOFILE);
      }
    }
    File f = PathCalls.open(vfs, cred, umask, path, flags, mode);
    synchronized (fds) {
      int fd = freeFd();
      if (fd < 0) {
        FdCalls.put(vfs, f);
        throw ErrnoException.of(Errno.EMFILE, "%d descriptors open", RLIMIT_NOFILE);
      }
      if (fd == fds.size()) {
        fds.add(f);
      } else {
        fds.set(fd, f);
      }
      return fd;
    }
  }

  /** open(2) without O_CREAT. */
  public int open(String path, int flags) throws ErrnoException {
    return open(path, flags & ~Fcntl.O_CREAT, 0);
  }

  private int freeFd() {
    int i = fds.indexOf(null);
    if (i >= 0) {
      return i;
    }
    return fds.size() < RLIMIT_NOFILE ? fds.size() : -1;
  }

  /** mkdir(2) (fs/namei.c do_mkdirat()). */
  public void mkdir(String path, int mode) throws ErrnoException {
    PathCalls.mkdir(vfs, cred, umask, path, mode);
  }

  /** rmdir(2) (fs/namei.c do_rmdir()). */
  public void rmdir(String path) throws ErrnoException {
    PathCalls.rmdir(vfs, cred, path);
  }

  /** unlink(2) (fs/namei.c do_unlinkat()). */
  public void unlink(String path) throws ErrnoException {
    PathCalls.unlink(vfs, cred, path);
  }

  /** rename(2) (fs/namei.c do_renameat2() with flags 0). */
  public void rename(String from, String to) throws ErrnoException {
    PathCalls.rename(vfs, cred, from, to);
  }

  /** mknod(2) of S_IFCHR (or a regular file) (fs/namei.c do_mknodat()). */
  public void mknod(String path, int mode, long rdev) throws ErrnoException {
    PathCalls.mknod(vfs, cred, umask, path, mode, rdev);
  }

  /** stat(2) (fs/stat.c vfs_statx()). */
  public Stat stat(String path) throws ErrnoException {
    return PathCalls.stat(vfs, cred, path);
  }

  /**
   * stat(2) used as an existence probe (user space's {@code stat() == 0 ? ... : errno ==
   * ENOENT}): the same call, but null where {@link #stat} throws ENOENT because the last name
   * is missing from its directory; every other error is thrown as by stat. No exception is
   * made for the expected "no" (a famfs log replay probes every file it creates).
   */
  public Stat statIfExists(String path) throws ErrnoException {
    return PathCalls.statIfExists(vfs, cred, path);
  }

  /** opendir(3)/readdir(3) over getdents64(2): the names in {@code path}, without . and .. */
  public java.util.List<String> readdir(String path) throws ErrnoException {
    return PathCalls.readdir(vfs, cred, path);
  }

  /** truncate(2) (fs/open.c do_sys_truncate()). */
  public void truncate(String path, long length) throws ErrnoException {
    PathCalls.truncate(vfs, cred, path, length);
  }

  /** chmod(2) (fs/open.c chmod_common()). */
  public void chmod(String path, int mode) throws ErrnoException {
    PathCalls.chmod(vfs, cred, path, mode);
  }

  /** chown(2) (fs/open.c chown_common()); only root may change owners here (EPERM). */
  public void chown(String path, int uid, int gid) throws ErrnoException {
    PathCalls.chown(vfs, cred, path, uid, gid);
  }

  /** mount(2) of a new {@code type} instance on directory {@code target} (fs/namespace.c). */
  public void mount(FileSystemType type, String source, String target, String data)
      throws ErrnoException {
    PathCalls.mount(vfs, cred, type, source, target, data);
  }

  /**
   * mount(2) by type name, as user space calls it: {@code mount(source, target, fstype, 0,
   * data)}; ENODEV for an unregistered type (get_fs_type()), then as {@link #mount(FileSystemType,
   * String, String, String)}.
   */
  public void mount(String source, String target, String fstype, String data)
      throws ErrnoException {
    PathCalls.mount(vfs, cred, null, fstype, source, target, data);
  }

  /** umount(2) (fs/namespace.c ksys_umount()); EBUSY while files are open or mounts below. */
  public void umount(String target) throws ErrnoException {
    PathCalls.umount(vfs, cred, target);
  }

  // ---- descriptor calls ---------------------------------------------------------------------

  /** fdget(): EBADF for a closed or out-of-range descriptor. */
  File file(int fd) throws ErrnoException {
    synchronized (fds) {
      File f = fd >= 0 && fd < fds.size() ? fds.get(fd) : null;
      if (f == null) {
        throw ErrnoException.of(Errno.EBADF, "fd %d is not open", fd);
      }
      return f;
    }
  }

  /** close(2) (fs/file.c close_fd()); the last close calls ->release. */
  public void close(int fd) throws ErrnoException {
    File f;
    synchronized (fds) {
      f = file(fd);
      fds.set(fd, null);
    }
    FdCalls.put(vfs, f);
  }

  /** exit(2): closes every descriptor and tears down the address space. */
  public void exit() {
    List<File> open;
    synchronized (fds) {
      open = new ArrayList<>(fds);
      fds.clear();
    }
    for (File f : open) {
      if (f != null) {
        FdCalls.put(vfs, f);
      }
    }
    mm.exit();
  }

  /** The open descriptors' count. */
  public int openFiles() {
    synchronized (fds) {
      return (int) fds.stream().filter(f -> f != null).count();
    }
  }

  /** read(2) into user memory at {@code buf} (fs/read_write.c ksys_read()). */
  public long read(int fd, long buf, long count) throws ErrnoException {
    return FdCalls.read(this, fd, buf, count, -1, false);
  }

  /** write(2) from user memory (fs/read_write.c ksys_write()). */
  public long write(int fd, long buf, long count) throws ErrnoException {
    return FdCalls.write(this, fd, buf, count, -1, false);
  }

  /** pread64(2) (fs/read_write.c ksys_pread64()): EINVAL for pos < 0 before anything else. */
  public long pread(int fd, long buf, long count, long pos) throws ErrnoException {
    return FdCalls.read(this, fd, buf, count, pos, true);
  }

  /** pwrite64(2) (ksys_pwrite64()); with O_APPEND it appends, as Linux does. */
  public long pwrite(int fd, long buf, long count, long pos) throws ErrnoException {
    return FdCalls.write(this, fd, buf, count, pos, true);
  }

  /** read(2) into {@code buf[off, off + len)} through a kernel buffer. */
  public int read(int fd, byte[] buf, int off, int len) throws ErrnoException {
    Args.notNull(buf, "buf");
    Args.arrayRange(off, len, buf.length, "buf");
    return (int) FdCalls.readK(this, fd, buf, off, len, -1, false);
  }

  /** write(2) of {@code buf[off, off + len)} through a kernel buffer. */
  public int write(int fd, byte[] buf, int off, int len) throws ErrnoException {
    Args.notNull(buf, "buf");
    Args.arrayRange(off, len, buf.length, "buf");
    return (int) FdCalls.writeK(this, fd, buf, off, len, -1, false);
  }

  /** pread64(2) into {@code buf} through a kernel buffer. */
  public int pread(int fd, byte[] buf, int off, int len, long pos) throws ErrnoException {
    Args.notNull(buf, "buf");
    Args.arrayRange(off, len, buf.length, "buf");
    return (int) FdCalls.readK(this, fd, buf, off, len, pos, true);
  }

  /** pwrite64(2) of {@code buf} through a kernel buffer. */
  public int pwrite(int fd, byte[] buf, int off, int len, long pos) throws ErrnoException {
    Args.notNull(buf, "buf");
    Args.arrayRange(off, len, buf.length, "buf");
    return (int) FdCalls.writeK(this, fd, buf, off, len, pos, true);
  }

  /** lseek(2) (fs/read_write.c ksys_lseek(), generic_file_llseek_size()). */
  public long lseek(int fd, long offset, int whence) throws ErrnoException {
    return FdCalls.lseek(file(fd), offset, whence);
  }

  /** fstat(2). */
  public Stat fstat(int fd) throws ErrnoException {
    return file(fd).inode().stat();
  }

  /** ftruncate(2) (fs/open.c do_ftruncate()): EINVAL unless a regular file open for write. */
  public void ftruncate(int fd, long length) throws ErrnoException {
    if (length < 0) {
      throw ErrnoException.of(Errno.EINVAL, "negative length %d", length);
    }
    File f = file(fd);
    if (!f.inode().isReg() || !f.canWrite()) {
      throw ErrnoException.of(Errno.EINVAL, "fd %d: not a regular file open for writing", fd);
    }
    f.inode().iop().setSize(f.inode(), length);
  }

  /** fsync(2) (fs/sync.c do_fsync() -> vfs_fsync_range()). */
  public void fsync(int fd) throws ErrnoException {
    File f = file(fd);
    f.fop().fsync(f, 0, Long.MAX_VALUE, false);
  }

  /** ioctl(2) (fs/ioctl.c vfs_ioctl()): ENOTTY when the file has no ->unlocked_ioctl. */
  public long ioctl(int fd, int cmd, long arg) throws ErrnoException {
    File f = file(fd);
    return f.fop().ioctl(f, cmd, arg, mm());
  }

  /**
   * mmap(2) (arch/x86 sys_mmap() -> ksys_mmap_pgoff() -> do_mmap()) of {@code fd}, or
   * anonymous memory with MAP_ANONYMOUS (fd ignored): the mapped address.
   */
  public long mmap(long addr, long len, int prot, int flags, int fd, long offset)
      throws ErrnoException {
    return FdCalls.mmap(this, addr, len, prot, flags, fd, offset);
  }

  /** munmap(2). */
  public void munmap(long addr, long len) throws ErrnoException {
    mm.munmap(addr, len);
  }

  @Override
  public String toString() {
    return "process{uid=" + cred.uid() + "}";
  }
}
