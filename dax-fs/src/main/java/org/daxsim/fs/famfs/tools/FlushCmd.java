package org.daxsim.fs.famfs.tools;

import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;

/**
 * famfs flush [-v] &lt;file&gt;... (famfs_cli.c do_famfs_cli_flush, famfs_misc.c
 * famfs_flush_file): maps each regular file whole and flushes + invalidates the processor cache
 * over it. daxsim has no CPU cache model, so the flush is the mapping alone: the file is mapped
 * read-only, nothing is touched, and the mapping is dropped (upstream leaks it). Per file:
 * missing 3, not regular 2, cannot be mapped 1 (e.g. an unmapped or invalid famfs file); each
 * is one error. Returns -(errors), so the exit status is the error count (capped at 127). No
 * file at all is upstream's -1, exit 1.
 */
final class FlushCmd {
  static final int MISSING = 3;
  static final int NOT_REGULAR = 2;
  static final int NO_MAP = 1;

  private FlushCmd() {}

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "hv", Map.of("verbose", 'v'), 1);
    if (o.has('h')) {
      io.out("famfs flush [-v] <file> [<file> ...]");
      return 0;
    }
    if (o.operands.isEmpty()) {
      throw ToolError.of(Errno.EINVAL, 1, "famfs flush: at least one file required");
    }
    int errs = 0;
    for (String f : o.operands) {
      int rc = flushFile(env.proc(), f, o.has('v'), io);
      if (rc != 0) {
        errs++;
      }
    }
    if (errs > 0) {
      io.out("famfs flush: %d errors were detected", errs);
    }
    return -errs;
  }

  /** famfs_flush_file(): 0, or 3 / 2 / 1 as in the class comment. */
  static int flushFile(Process p, String file, boolean verbose, Io io) throws ErrnoException {
    Stat st;
    try {
      st = p.stat(file);
    } catch (ErrnoException e) {
      io.err("famfs_flush_file: file not found (%s)", file);
      return MISSING;
    }
    if (!Fcntl.isReg(st.mode())) {
      io.err("famfs_flush_file: not a regular file: (%s)", file);
      return NOT_REGULAR;
    }
    int fd;
    try {
      fd = p.open(file, Fcntl.O_RDONLY);
    } catch (ErrnoException e) {
      io.err("famfs_flush_file: cannot open %s: %s", file, e.errno());
      return NO_MAP;
    }
    try {
      long va = UserMem.map(p, fd, 0, st.size(), false);
      // hard_flush_processor_cache(va, size): no processor cache is modelled
      p.munmap(va, st.size());
    } catch (ErrnoException e) {
      io.err("famfs_flush_file: cannot map %s: %s", file, e.errno());
      return NO_MAP;
    } finally {
      p.close(fd);
    }
    if (verbose) {
      io.out("famfs_flush_file: flushed %s (%d bytes)", file, st.size());
    }
    return 0;
  }
}
