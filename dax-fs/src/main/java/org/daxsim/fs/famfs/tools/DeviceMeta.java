package org.daxsim.fs.famfs.tools;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.Superblock;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;

/**
 * The metadata of an unmounted device, as mkfs, mount and fsck reach it: a device in devdax
 * mode is mapped raw; a device in famfs mode (fsdev, whose char device cannot be mapped) is
 * reached through a temporary internal mount whose meta files map the superblock and log, as
 * upstream famfs does on such kernels.
 */
final class DeviceMeta {
  private DeviceMeta() {}

  /**
   * Opens {@code dev}'s metadata: the log is mapped with {@code logLen} when positive, else
   * with the length a valid superblock gives (no log when the superblock is not valid).
   */
  static Meta open(ToolEnv env, String dev, boolean write, long logLen) throws ErrnoException {
    Process p = env.proc();
    int fd;
    try {
      fd = p.open(dev, write ? Fcntl.O_RDWR : Fcntl.O_RDONLY);
    } catch (ErrnoException e) {
      throw ToolError.of(e.errno(), 1, "cannot open %s: %s", dev, e.errno());
    }
    Meta m;
    try {
      m = new Meta(env, fd, -1, write, true);
    } catch (ErrnoException e) {
      p.close(fd);
      if (e.errno() != Errno.ENODEV) {
        throw ToolError.of(e.errno(), 1, "cannot map %s: %s", dev, e.errno());
      }
      return DummyMount.open(env, dev, write, logLen); // famfs mode: no raw mmap
    }
    try {
      mapLog(m, logLen);
    } catch (ErrnoException e) {
      m.close();
      throw e;
    }
    return m;
  }

  /** Maps the log with {@code logLen}, or the valid superblock's length, or not at all. */
  static void mapLog(Meta m, long logLen) throws ErrnoException {
    if (logLen > 0) {
      m.mapLog(logLen);
      return;
    }
    if (m.checkSuper() == 0) {
      Superblock sb = m.superblock();
      if (FamfsFormat.validLogLen(sb.logLen())) {
        m.mapLog(sb.logLen());
      }
    }
  }
}
