package org.daxsim.fs.famfs.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Stat;

/**
 * famfs mkdir [-p] [-m mode] [-u uid] [-g gid] &lt;dir&gt; (do_famfs_cli_mkdir): master only.
 * Without -p the target must not exist and its parent must; with -p existing directories are
 * fine, a file in the way fails, and each missing component costs one log entry. Log full
 * exits 12, as upstream's ENOMEM.
 */
final class MkdirCmd {
  private MkdirCmd() {}

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "pm:u:g:v", Map.of("parents", 'p', "mode", 'm', "uid", 'u',
        "gid", 'g', "verbose", 'v'), 1);
    if (o.operands.size() != 1) {
      throw ToolError.usage(1, "usage: famfs mkdir [-p] [-m mode] <dir>");
    }
    int mode = o.has('m') ? CreatCmd.parseMode(o.get('m')) : 0755;
    int uid = o.has('u') ? (int) Opts.size(o.get('u')) : -1;
    int gid = o.has('g') ? (int) Opts.size(o.get('g')) : -1;
    String abs = FsPaths.absolute(o.operands.get(0));
    String mpt = FsPaths.mountOf(env, abs);
    if (abs.equals(mpt)) {
      if (o.has('p')) {
        return 0;
      }
      throw ToolError.of(Errno.EEXIST, 1, "%s is the mount point", abs);
    }
    List<String> todo = new ArrayList<>();
    if (o.has('p')) {
      for (String at = abs; !at.equals(mpt); at = at.substring(0, at.lastIndexOf('/'))) {
        Stat st = Logplay.exists(env.proc(), at);
        if (st != null) {
          if (!Fcntl.isDir(st.mode())) {
            throw ToolError.of(Errno.ENOTDIR, 1, "%s exists and is not a directory", at);
          }
          break;
        }
        todo.add(0, at);
      }
    } else {
      if (Logplay.exists(env.proc(), abs) != null) {
        throw ToolError.of(Errno.EEXIST, 1, "%s exists", abs);
      }
      String parent = abs.substring(0, abs.lastIndexOf('/'));
      Stat st = Logplay.exists(env.proc(), parent.isEmpty() ? "/" : parent);
      if (st == null || !Fcntl.isDir(st.mode())) {
        throw ToolError.of(Errno.ENOENT, 1, "parent of %s is not a directory", abs);
      }
      todo.add(abs);
    }
    if (todo.isEmpty()) {
      return 0;
    }
    try (LockedLog log = LockedLog.open(env, mpt)) {
      for (String d : todo) {
        MkFile.mkdir(log, d, mode, uid, gid);
      }
    }
    return 0;
  }
}
