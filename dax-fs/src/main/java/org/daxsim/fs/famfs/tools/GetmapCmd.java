package org.daxsim.fs.famfs.tools;

import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;

/**
 * famfs getmap [-q] [-c] &lt;file&gt;... (famfs_cli.c do_famfs_cli_getmap, KABI &gt; 42 branch):
 * stat, open, FAMFSIOC_NOP, FAMFSIOC_MAP_GET_V2, then the extent list (simple or interleaved).
 * Exit statuses as famfs.md 4.1: 0 a mapped famfs file, 1 not in famfs, 2 famfs without a map,
 * 9 (EBADF) not found or not openable, 21 (EISDIR) not a regular file, 22 (EINVAL) no file.
 * Without {@code -c} the first failing file ends the command with its status; with {@code -c}
 * every file is examined and the status is the last failure's (upstream falls through to a
 * stale stat buffer after a missing file under -c; here the file is simply skipped).
 */
final class GetmapCmd {
  static final int NOT_FAMFS = 1;
  static final int NO_MAP = 2;

  private GetmapCmd() {}

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "hqc", Map.of("quiet", 'q'), 1);
    if (o.has('h')) {
      io.out("famfs getmap [-q] [-c] <filename>...");
      return 0;
    }
    if (o.operands.isEmpty()) {
      throw ToolError.of(Errno.EINVAL, Errno.EINVAL.number(),
          "famfs_getmap: Must specify filename");
    }
    boolean quiet = o.has('q');
    boolean cont = o.has('c');
    int rc = 0;
    for (String file : o.operands) {
      int r = one(env.proc(), file, quiet, io);
      if (r != 0) {
        rc = r;
        if (!cont) {
          return rc;
        }
      }
    }
    return rc;
  }

  /** One file's status (0, 1, 2, 9, 21). */
  static int one(Process p, String file, boolean quiet, Io io) throws ErrnoException {
    Stat st;
    try {
      st = p.stat(file);
    } catch (ErrnoException e) {
      if (!quiet) {
        io.err("famfs_getmap: file not found (%s)", file);
      }
      return Errno.EBADF.number();
    }
    if (!Fcntl.isReg(st.mode())) {
      if (!quiet) {
        io.err("famfs_getmap: not a regular file (%s)", file);
      }
      return Errno.EISDIR.number();
    }
    int fd;
    try {
      fd = p.open(file, Fcntl.O_RDONLY);
    } catch (ErrnoException e) {
      io.err("famfs_getmap: open failed (%s): %s", file, e.errno());
      return Errno.EBADF.number();
    }
    try {
      try {
        p.ioctl(fd, FamfsIoctl.NOP, 0);
      } catch (ErrnoException e) {
        if (!quiet) {
          io.err("famfs_getmap: file (%s) not in famfs", file);
        }
        return NOT_FAMFS;
      }
      FamfsMap m;
      try {
        m = FamfsIoctl.mapGetV2(p, fd);
      } catch (ErrnoException e) {
        if (!quiet) {
          io.out("famfs_getmap: file (%s) is famfs, but has no map", file);
        }
        return NO_MAP;
      }
      if (!quiet) {
        print(file, m, io);
        io.out("famfs_getmap: good file %s", file);
      }
      return 0;
    } finally {
      p.close(fd);
    }
  }

  /** The map as upstream prints it: offsets in hex, lengths in decimal. */
  static void print(String file, FamfsMap m, Io io) {
    io.out("File:     %s", file);
    io.out("\tsize:    %d", m.fileSize());
    if (m.extentType() == FamfsMap.SIMPLE_DAX_EXTENT) {
      io.out("\textents: %d", m.extents().size());
      for (FamfsMap.Extent e : m.extents()) {
        io.out("\t\t%x\t%d", e.offset(), e.length());
      }
      return;
    }
    io.out("\textents: %d", m.interleaves().size());
    for (FamfsMap.Interleave x : m.interleaves()) {
      io.out("Interleave_Param chunk_size: %d", x.chunkSize());
      io.out("Interleaved extent has %d strips:", x.nstrips());
      for (FamfsMap.Extent e : x.strips()) {
        io.out("\t\t%x\t%d", e.offset(), e.length());
      }
    }
  }
}
