package org.daxsim.fs.famfs.tools;

import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * umount(8) of util-linux (sys-utils/umount.c, libmount's mnt_context_get_umount_excode()):
 * umount(2) of each target, and the mount's host-local record goes. No target: "bad usage",
 * exit 1 (MNT_EX_USAGE); a failing target: {@code umount: TARGET: REASON.}, exit 32
 * (MNT_EX_FAIL), with libmount's reasons for the umount(2) errnos (EINVAL "not mounted",
 * EBUSY "target is busy", EPERM "must be superuser to unmount", a target that does not exist
 * "no mount point specified").
 */
final class Umount {
  private Umount() {}

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    if (args.isEmpty()) {
      io.err("umount: bad usage\nTry 'umount --help' for more information.");
      return 1;
    }
    int rc = 0;
    for (String mpt : args) {
      try {
        env.proc().umount(mpt);
        MountRecord.forget(env, mpt);
      } catch (ErrnoException e) {
        io.err("umount: %s: %s", mpt, reason(e.errno()));
        rc = 32;
      }
    }
    return rc;
  }

  private static String reason(Errno e) {
    return switch (e) {
      case EINVAL -> "not mounted.";
      case EBUSY -> "target is busy.";
      case EPERM -> "must be superuser to unmount.";
      case ENOENT -> "no mount point specified.";
      default -> e.strerror() + ".";
    };
  }
}
