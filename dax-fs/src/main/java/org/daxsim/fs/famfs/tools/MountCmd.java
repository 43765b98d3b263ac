package org.daxsim.fs.famfs.tools;

import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.Superblock;
import org.daxsim.fs.vfs.Process;

/**
 * famfs mount (famfs_cli.c do_famfs_cli_mount, standalone): root only; refuses a device
 * mounted anywhere on this host; validates the superblock first (famfs issue #43), mounts,
 * creates the meta files (mkmeta) and replays the log; unmounts again if anything after the
 * mount fails.
 */
final class MountCmd {
  private MountCmd() {}

  static void run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "fFt:duvpS:MLrmRD", Map.ofEntries(Map.entry("fuse", 'f'),
        Map.entry("nofuse", 'F'), Map.entry("timeout", 't'), Map.entry("debug", 'd'),
        Map.entry("nouseraccess", 'u'), Map.entry("verbose", 'v'),
        Map.entry("nodefaultperm", 'p'), Map.entry("shadow", 'S'),
        Map.entry("set-daxmode", 'M'), Map.entry("load-module", 'L'), Map.entry("read", 'r'),
        Map.entry("mmap", 'm'), Map.entry("remount", 'R'), Map.entry("dummy", 'D')), 1);
    if (o.operands.size() != 2) {
      throw ToolError.usage(1, "usage: famfs mount [-M] <daxdev> <mountpoint>");
    }
    if (o.has('r') && o.has('m')) {
      throw ToolError.of(Errno.EINVAL, 1, "-r and -m are mutually exclusive");
    }
    String dev = o.operands.get(0);
    String mpt = o.operands.get(1);
    Process p = env.proc();
    if (!p.cred().isRoot()) {
      throw ToolError.of(Errno.EPERM, 1, "famfs mount must run as root");
    }
    String at = Devices.mountedAt(env, dev);
    if (at != null) {
      throw ToolError.of(Errno.EBUSY, 1, "%s is already mounted at %s", dev, at);
    }
    if (o.has('M')) {
      Devices.setFamfsMode(env, dev, io);
    }
    Superblock sb;
    Role role;
    try (Meta m = DeviceMeta.open(env, dev, false, 0)) {
      role = Role.of(env, m);
      if (role == Role.NOSUPER) {
        throw ToolError.of(Errno.EINVAL, 1, "%s: no valid famfs superblock", dev);
      }
      sb = m.superblock();
    }
    try {
      p.mount(dev, mpt, "famfs", "");
    } catch (ErrnoException e) {
      throw ToolError.of(e.errno(), 1, "mount %s on %s: %s", dev, mpt, e.errno());
    }
    try {
      mkmeta(p, mpt, sb, role == Role.MASTER);
      MountRecord.record(env, mpt, sb);
      Logplay.Stats s = Logplay.run(env, mpt, false);
      for (String line : Logplay.describe(s)) {
        io.out("%s", line);
      }
    } catch (ErrnoException e) {
      MountRecord.forget(env, mpt);
      try {
        p.umount(mpt);
      } catch (ErrnoException ignored) {
        // still busy: the error below says why the mount is unusable
      }
      throw e instanceof ToolError t ? t : ToolError.of(e.errno(), 1, "%s", e.getMessage());
    }
  }

  /** famfs_mkmeta(): .meta with the superblock file (0444) and the log file (0644 / 0444). */
  static void mkmeta(Process p, String mpt, Superblock sb, boolean master)
      throws ErrnoException {
    p.mkdir(mpt + "/.meta", 0755);
    DummyMount.createMapped(p, mpt + "/.meta/.superblock", 0444, FamfsMap.FAMFS_SUPERBLOCK, 0,
        FamfsFormat.SUPERBLOCK_LEN);
    DummyMount.createMapped(p, mpt + "/.meta/.log", master ? 0644 : 0444, FamfsMap.FAMFS_LOG,
        FamfsFormat.LOG_OFFSET, sb.logLen());
  }
}
