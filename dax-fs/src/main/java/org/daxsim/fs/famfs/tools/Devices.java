package org.daxsim.fs.famfs.tools;

import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;
import org.daxsim.fs.vfs.Vfs;

/** What the tools learn about a dax device and the host's mounts. */
final class Devices {
  private Devices() {}

  /** famfs_get_device_size(): the char device's size from sysfs; ENODEV for anything else. */
  static long size(ToolEnv env, String dev) throws ErrnoException {
    Stat st;
    try {
      st = env.proc().stat(dev);
    } catch (ErrnoException e) {
      throw ToolError.of(e.errno(), 1, "%s: %s", dev, e.errno());
    }
    if (!org.daxsim.fs.vfs.Fcntl.isChr(st.mode())) {
      throw ToolError.of(Errno.ENODEV, 1, "%s is not a character dax device", dev);
    }
    String name = dev.substring(dev.lastIndexOf('/') + 1);
    try {
      return Long.parseLong(env.sysfs().read("/sys/bus/dax/devices/" + name + "/size").trim());
    } catch (ErrnoException | NumberFormatException e) {
      throw ToolError.of(Errno.ENODEV, 1, "%s: no dax device size in sysfs", dev);
    }
  }

  /** The mount point where famfs has {@code dev} mounted on this host, or null. */
  static String mountedAt(ToolEnv env, String dev) {
    Process p = env.proc();
    long rdev = rdev(p, dev);
    List<Vfs.MountEntry> table = p.vfs().mountTable();
    for (Vfs.MountEntry m : table) {
      if (!m.type().equals("famfs")) {
        continue;
      }
      if (m.source().equals(dev) || (rdev >= 0 && rdev(p, m.source()) == rdev)) {
        return m.target();
      }
    }
    return null;
  }

  private static long rdev(Process p, String path) {
    try {
      return p.stat(path).rdev();
    } catch (ErrnoException e) {
      return -1;
    }
  }

  /** daxctl reconfigure-device -m famfs (the tools' -M/--set-daxmode). */
  static void setFamfsMode(ToolEnv env, String dev, Io io) throws ErrnoException {
    if (env.daxctl() == null) {
      throw ToolError.of(Errno.EOPNOTSUPP, 1, "no daxctl on this host for --set-daxmode");
    }
    String name = dev.substring(dev.lastIndexOf('/') + 1);
    var r = env.daxctl().run(List.of("reconfigure-device", "-m", "famfs", name));
    io.err.append(r.stderr());
    if (r.exit() != 0) {
      throw ToolError.of(Errno.EINVAL, 1, "daxctl reconfigure-device -m famfs %s failed", name);
    }
  }
}
