package org.daxsim.fs.famfs.tools;

import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * famfs logplay [-n] &lt;mpt&gt; (do_famfs_cli_logplay): replays the log of the famfs mounted at
 * the path; exit 0 when every entry was applied, 1 otherwise (bad entry, errors, no mount).
 */
final class LogplayCmd {
  private LogplayCmd() {}

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "nvMrmcS:sd:", Map.of("dryrun", 'n', "verbose", 'v',
        "set-daxmode", 'M', "read", 'r', "mmap", 'm', "client", 'c', "shadow", 'S',
        "shadowtest", 's', "daxdev", 'd'), 1);
    if (o.has('r') && o.has('m')) {
      throw ToolError.of(Errno.EINVAL, 1, "-r and -m are mutually exclusive");
    }
    if (o.operands.size() != 1) {
      throw ToolError.usage(1, "usage: famfs logplay [-n] <mount point>");
    }
    String mpt = o.operands.get(0);
    Logplay.Stats s;
    try {
      s = Logplay.run(env, mpt, o.has('n'));
    } catch (ToolError e) {
      throw e;
    } catch (ErrnoException e) {
      throw ToolError.of(e.errno(), 1, "famfs logplay %s: %s", mpt, e.getMessage());
    }
    for (String line : Logplay.describe(s)) {
      io.out("%s", line);
    }
    if (s.stoppedAtBadEntry()) {
      io.err("famfs logplay: stopped at an invalid log entry");
    }
    return s.errors() == 0 ? 0 : 1;
  }
}
