package org.daxsim.fs.famfs.tools;

import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;
import org.daxsim.fs.vfs.Vfs;

/**
 * famfs check [-v] &lt;mount point&gt; (famfs_cli.c do_famfs_cli_check, famfs_lib.c famfs_check
 * and famfs_recursive_check): walks every directory of a mounted famfs (readdir) and asks every
 * regular file for its map with FAMFSIOC_MAP_GET; a file without one (created by plain open(2),
 * say) is an error. Returns 0 or 1 (the usage text's OR-ed 1/2/4 are not what the code does,
 * famfs.md 7 item 8). A relative path, a path that is not a famfs mount point, or one without
 * {@code .meta} is upstream's -1, which the CLI's |rc| cap turns into exit 1; no operand is
 * upstream's positive EINVAL, exit 22. Unlike upstream a missing superblock or log file also
 * makes the result 1 (upstream prints them as errors but returns only the walk's verdict), and a
 * regular file that cannot be opened counts as an error (upstream skips it silently).
 */
final class CheckCmd {
  private CheckCmd() {}

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "hqv", Map.of("verbose", 'v'), 1);
    if (o.has('h')) {
      io.out("famfs check [-v] <mount point>");
      return 0;
    }
    if (o.operands.isEmpty()) {
      throw ToolError.of(Errno.EINVAL, Errno.EINVAL.number(), "famfs_check: Must specify filename");
    }
    String path = o.operands.get(0);
    if (!path.startsWith("/")) {
      throw ToolError.of(Errno.EINVAL, 1, "famfs_check: must use absolute path of mount point");
    }
    String mpt = FsPaths.absolute(path);
    if (!isFamfsMountPoint(env.proc(), mpt)) {
      throw ToolError.of(Errno.EINVAL, 1, "famfs_check: path (%s) is not a famfs mount point",
          path);
    }
    Process p = env.proc();
    if (Logplay.exists(p, mpt + "/.meta") == null) {
      throw ToolError.of(Errno.ENOENT, 1, "famfs_check: Error: no .meta in %s (run mkmeta)", mpt);
    }
    long[] c = new long[3]; // files, dirs, errors
    for (String meta : new String[] {"/.meta/.superblock", "/.meta/.log"}) {
      if (Logplay.exists(p, mpt + meta) == null) {
        io.err("famfs_check: %s file not found for file system %s", meta, mpt);
        c[2]++;
      }
    }
    walk(p, mpt, o.has('v'), c, io);
    io.out("famfs_check: %d files, %d directories, %d errors", c[0], c[1], c[2]);
    return c[2] == 0 ? 0 : 1;
  }

  static boolean isFamfsMountPoint(Process p, String abs) {
    for (Vfs.MountEntry m : p.vfs().mountTable()) {
      if (m.type().equals("famfs") && FsPaths.absolute(m.target()).equals(abs)) {
        return true;
      }
    }
    return false;
  }

  /** famfs_recursive_check(): counts into c[0] files, c[1] directories, c[2] errors. */
  private static void walk(Process p, String dir, boolean verbose, long[] c, Io io)
      throws ErrnoException {
    List<String> names;
    try {
      names = p.readdir(dir);
    } catch (ErrnoException e) {
      io.err("famfs_check: failed to open dir (%s): %s", dir, e.errno());
      c[2]++;
      return;
    }
    for (String name : names) {
      String full = dir.equals("/") ? "/" + name : dir + "/" + name;
      Stat st;
      try {
        st = p.stat(full);
      } catch (ErrnoException e) {
        io.err("famfs_check: failed to stat (%s)", full);
        c[2]++;
        continue;
      }
      if (verbose) {
        io.out("famfs_check:  %s", full);
      }
      if (Fcntl.isReg(st.mode())) {
        c[0]++;
        if (!mapped(p, full)) {
          io.err("famfs_check: Error file not mapped: %s", full);
          c[2]++;
        }
      } else if (Fcntl.isDir(st.mode())) {
        c[1]++;
        walk(p, full, verbose, c, io);
      } else if (verbose) {
        io.err("famfs_check: skipping non-file or directory %s", full);
      }
    }
  }

  /** Whether {@code path} opens and answers FAMFSIOC_MAP_GET. */
  private static boolean mapped(Process p, String path) throws ErrnoException {
    int fd;
    try {
      fd = p.open(path, Fcntl.O_RDONLY);
    } catch (ErrnoException e) {
      return false;
    }
    try {
      FamfsIoctl.ioctlWith(p, fd, FamfsIoctl.MAP_GET, new byte[0],
          new byte[FamfsIoctl.SIZEOF_IOC_MAP]);
      return true;
    } catch (ErrnoException e) {
      return false;
    } finally {
      p.close(fd);
    }
  }
}
