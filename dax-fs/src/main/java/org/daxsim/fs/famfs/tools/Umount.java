package org.daxsim.fs.famfs.tools;

import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/** umount(8) of a famfs mount point: umount(2), and the mount's host-local record goes. */
final class Umount {
  private Umount() {}

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    if (args.size() != 1) {
      throw ToolError.of(Errno.EINVAL, 1, "usage: umount <mount point>");
    }
    String mpt = args.get(0);
    try {
      env.proc().umount(mpt);
    } catch (ErrnoException e) {
      throw ToolError.of(e.errno(), 32, "umount: %s: %s", mpt, e.errno().name());
    }
    MountRecord.forget(env, mpt);
    return 0;
  }
}
