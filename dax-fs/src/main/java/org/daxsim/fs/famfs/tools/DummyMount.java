package org.daxsim.fs.famfs.tools;

import java.util.List;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;

/**
 * famfs's "dummy mount": on kernels where the device is in famfs mode its char device cannot
 * be mapped, so the tools mount famfs on a private directory, create meta files that map the
 * superblock (and the log), use them, and unmount.
 */
final class DummyMount extends Meta {
  private final String dir;

  private DummyMount(ToolEnv env, int sb, boolean write, String dir) throws ErrnoException {
    super(env, sb, -1, write, false);
    this.dir = dir;
  }

  static Meta open(ToolEnv env, String dev, boolean write, long logLen) throws ErrnoException {
    Process p = env.proc();
    String dir = "/tmp/.famfs-dummy-" + Long.toHexString(env.random().nextLong() & 0xffffffffL);
    p.mkdir(dir, 0700);
    try {
      p.mount(dev, dir, "famfs", "");
    } catch (ErrnoException e) {
      p.rmdir(dir);
      throw ToolError.of(e.errno(), 1, "dummy mount of %s failed: %s", dev, e.errno());
    }
    DummyMount m = null;
    try {
      p.mkdir(dir + "/.meta", 0700);
      String sbPath = dir + "/.meta/.superblock";
      createMapped(p, sbPath, 0600, FamfsMap.FAMFS_SUPERBLOCK, 0, FamfsFormat.SUPERBLOCK_LEN);
      int sb = p.open(sbPath, write ? Fcntl.O_RDWR : Fcntl.O_RDONLY);
      m = new DummyMount(env, sb, write, dir);
      long len = logLen;
      if (len <= 0 && m.checkSuper() == 0 && FamfsFormat.validLogLen(m.superblock().logLen())) {
        len = m.superblock().logLen();
      }
      if (len > 0) {
        String logPath = dir + "/.meta/.log";
        createMapped(p, logPath, 0600, FamfsMap.FAMFS_LOG, FamfsFormat.LOG_OFFSET, len);
        m.attachLog(p.open(logPath, write ? Fcntl.O_RDWR : Fcntl.O_RDONLY), len, write);
      }
      return m;
    } catch (ErrnoException e) {
      if (m != null) {
        m.close();
      } else {
        unmount(p, dir);
      }
      throw e;
    }
  }

  private int logFd = -1;

  private void attachLog(int fd, long len, boolean write) throws ErrnoException {
    logFd = fd;
    long va = UserMem.map(p, fd, 0, len, write);
    adoptLog(va, len);
  }

  /** Creates {@code path} and attaches a one-extent map of [off, off + len) of the device. */
  static void createMapped(Process p, String path, int mode, int type, long off, long len)
      throws ErrnoException {
    int fd = p.open(path, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, mode);
    try {
      FamfsIoctl.mapCreateV2(p, fd,
          FamfsMap.simple(type, len, List.of(new FamfsMap.Extent(0, off, len))));
    } finally {
      p.close(fd);
    }
  }

  @Override
  public void close() {
    super.close();
    try {
      if (logFd >= 0) {
        p.close(logFd);
      }
    } catch (ErrnoException e) {
      // ours
    }
    unmount(p, dir);
  }

  private static void unmount(Process p, String dir) {
    try {
      p.umount(dir);
      p.rmdir(dir);
    } catch (ErrnoException e) {
      // left behind (busy): a later dummy mount picks another name
    }
  }
}
