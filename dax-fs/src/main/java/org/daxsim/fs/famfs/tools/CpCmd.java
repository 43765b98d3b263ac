package org.daxsim.fs.famfs.tools;

import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;

/**
 * famfs cp (do_famfs_cli_cp, famfs_cp_multi, famfs_cp_dir, famfs_cp, __famfs_cp and
 * famfs_copy_file_data in famfs_lib.c): {@code famfs cp [-r] [-t n] [-m mode] [-u uid] [-g gid]
 * [-v] [-c] [-N nstrips -B nbuckets [-C chunk]] src... dst}. Master only; the whole copy is ONE
 * locked-log session, so contiguous allocation is next fit across the files of one cp.
 *
 * <p>With two operands dst may be a new file, an existing famfs file of the source's size
 * (reused: restartable copy, the data is copied again) or an existing directory (the source's
 * basename is appended). With more operands, or -r, dst must be a directory; -r creates it when
 * missing (one MKDIR entry). As upstream, {@code cp -r srcdir dst} copies the CONTENTS of
 * srcdir into dst (famfs_cp_dir), sub-directories become famfs mkdir entries.
 *
 * <p>Non-fatal errors (reported, copy continues, exit 1): a missing source, a source directory
 * without -r, an empty source file, a non-regular source. Fatal errors abort the copy (files
 * already copied stay copied and logged): out of space (exit 1), log full (exit 12, upstream's
 * -ENOMEM), an existing destination of another size or type (exit 1), a short read (exit 1), a
 * miscompare under -c (exit 1). Data is read from the source with pread(2) and stored through
 * a shared mmap of the destination, 1 MiB at a time; -t is accepted and ignored (one thread).
 */
final class CpCmd {
  /** Upstream's copy piece. */
  static final int PIECE = 1 << 20;
  /** famfs_cp_multi's exit status when the log is full (-ENOMEM). */
  static final int LOG_FULL_EXIT = 12;

  private final ToolEnv env;
  private final Process p;
  private final Io io;
  private final int fileMode;
  private final int uid;
  private final int gid;
  private final MkFile.Interleave il;
  private final boolean compare;
  private final boolean verbose;
  private LockedLog log;
  private int errors;

  private CpCmd(ToolEnv env, Io io, int fileMode, int uid, int gid, MkFile.Interleave il,
      boolean compare, boolean verbose) {
    this.env = env;
    this.p = env.proc();
    this.io = io;
    this.fileMode = fileMode;
    this.uid = uid;
    this.gid = gid;
    this.il = il;
    this.compare = compare;
    this.verbose = verbose;
  }

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "rt:m:u:g:vcN:B:C:", Map.ofEntries(Map.entry("recursive", 'r'),
        Map.entry("threadct", 't'), Map.entry("mode", 'm'), Map.entry("uid", 'u'),
        Map.entry("gid", 'g'), Map.entry("verbose", 'v'), Map.entry("compare", 'c'),
        Map.entry("nstrips", 'N'), Map.entry("nbuckets", 'B'), Map.entry("chunksize", 'C')), 1);
    if (o.operands.size() < 2) {
      throw ToolError.of(Errno.EINVAL, 1, "famfs cp error: source and dest args required");
    }
    MkFile.Interleave il = Interleaving.parse(env, o);
    // mode 0: each file inherits its source's permission bits (do_famfs_cli_cp)
    int mode = o.has('m') ? CreatCmd.parseMode(o.get('m')) & ~CreatCmd.currentUmask(env.proc())
        : 0;
    int uid = o.has('u') ? (int) Opts.size(o.get('u')) : -1;
    int gid = o.has('g') ? (int) Opts.size(o.get('g')) : -1;
    boolean recursive = o.has('r');
    List<String> srcs = o.operands.subList(0, o.operands.size() - 1);
    String dest = FsPaths.absolute(o.operands.get(o.operands.size() - 1));
    CpCmd cp = new CpCmd(env, io, mode, uid, gid, il, o.has('c'), o.has('v'));
    return cp.multi(srcs, dest, recursive);
  }

  /** famfs_cp_multi(): destination checks, then one session for every source. */
  private int multi(List<String> srcs, String dest, boolean recursive) throws ErrnoException {
    Stat dst = Logplay.exists(p, dest);
    boolean needDir = recursive || srcs.size() > 1;
    if (dst != null && !Fcntl.isDir(dst.mode()) && needDir) {
      throw ToolError.of(Errno.ENOTDIR, 1, "famfs cp: destination (%s) exists and is not a "
          + "directory", dest);
    }
    if (dst == null) {
      String parent = parentOf(dest);
      Stat ps = Logplay.exists(p, parent);
      if (ps == null || !Fcntl.isDir(ps.mode())) {
        throw ToolError.of(Errno.ENOENT, 1, "famfs cp: parent of %s is not a directory", dest);
      }
      if (srcs.size() > 1 && !recursive) {
        throw ToolError.of(Errno.ENOTDIR, 1, "famfs cp: destination %s must be an existing "
            + "directory when copying several files", dest);
      }
    }
    String mpt = FsPaths.mountOf(env, dest);
    try (LockedLog l = LockedLog.open(env, mpt)) {
      log = l;
      if (dst == null && recursive) {
        Stat first = Logplay.exists(p, FsPaths.absolute(srcs.get(0)));
        int dmode = first != null && Fcntl.isDir(first.mode()) ? first.mode() & 0777 : 0755;
        mkdir(dest, dmode);
      }
      for (String s : srcs) {
        String src = FsPaths.absolute(s);
        Stat st = Logplay.exists(p, src);
        if (st == null) {
          error("famfs cp: cannot stat '%s'", src);
        } else if (Fcntl.isDir(st.mode())) {
          if (recursive) {
            copyDir(src, dest, st.mode() & 0777);
          } else {
            error("famfs cp: -r not specified; omitting directory '%s'", src);
          }
        } else {
          copy(src, st, dest);
        }
      }
    }
    return errors > 0 ? 1 : 0;
  }

  /**
   * famfs_cp_dir(): the contents of {@code src} into {@code dest} (created when missing, with
   * {@code dirMode}); sub-directories recurse into {@code dest/name}.
   */
  private void copyDir(String src, String dest, int dirMode) throws ErrnoException {
    if (dest.equals(src) || dest.startsWith(src.equals("/") ? "/" : src + "/")) {
      error("famfs cp: cannot copy directory '%s' into itself ('%s')", src, dest);
      return;
    }
    Stat dst = Logplay.exists(p, dest);
    if (dst == null) {
      mkdir(dest, dirMode);
    } else if (!Fcntl.isDir(dst.mode())) {
      error("famfs cp: %s exists and is not a directory; skipping %s", dest, src);
      return;
    }
    List<String> names;
    try {
      names = p.readdir(src);
    } catch (ErrnoException e) {
      error("famfs cp: failed to open src dir (%s): %s", src, e.getMessage());
      return;
    }
    for (String name : names) {
      String child = src.equals("/") ? "/" + name : src + "/" + name;
      Stat st = Logplay.exists(p, child);
      if (st == null) {
        error("famfs cp: failed to stat source path (%s)", child);
      } else if (Fcntl.isDir(st.mode())) {
        copyDir(child, dest + "/" + name, st.mode() & 0777);
      } else {
        copy(child, st, dest);
      }
    }
  }

  /** famfs_cp() + __famfs_cp(): one source file to {@code dest} or {@code dest/basename}. */
  private void copy(String src, Stat st, String dest) throws ErrnoException {
    if (!Fcntl.isReg(st.mode())) {
      error("famfs cp: error: src %s is not a regular file", src);
      return;
    }
    if (st.size() == 0) {
      error("famfs cp: skipping empty file %s", src);
      return;
    }
    Stat dst = Logplay.exists(p, dest);
    String target = dst != null && Fcntl.isDir(dst.mode())
        ? (dest.equals("/") ? "" : dest) + src.substring(src.lastIndexOf('/')) : dest;
    int srcFd;
    try {
      srcFd = p.open(src, Fcntl.O_RDONLY);
    } catch (ErrnoException e) {
      error("famfs cp: unable to open srcfile (%s): %s", src, e.getMessage());
      return;
    }
    try {
      int fd = destination(target, st);
      if (fd < 0) {
        return;
      }
      try {
        copyData(srcFd, fd, st.size(), target);
      } finally {
        p.close(fd);
      }
    } finally {
      p.close(srcFd);
    }
    io.out("famfs %s: 100%%: %s", compare ? "compare" : "cp", target);
  }

  /**
   * __famfs_mkfile(open_existing = 1): an existing regular famfs file of the source's size is
   * opened for reuse; any other existing file aborts the copy; a new file is allocated and
   * logged in this session (log full: exit 12). Returns an O_RDWR fd, or -1 (non-fatal skip).
   */
  private int destination(String target, Stat src) throws ErrnoException {
    Stat st = Logplay.exists(p, target);
    if (st != null) {
      if (!Fcntl.isReg(st.mode()) || st.size() != src.size()) {
        throw ToolError.of(Errno.EEXIST, 1, "famfs cp: error: file %s already exists "
            + "(size %d, source %d)", target, st.size(), src.size());
      }
      int fd = p.open(target, Fcntl.O_RDWR);
      try {
        p.ioctl(fd, FamfsIoctl.NOP, 0);
      } catch (ErrnoException e) {
        p.close(fd);
        throw ToolError.of(Errno.EINVAL, 1, "famfs cp: %s exists and is not in famfs", target);
      }
      if (verbose) {
        io.out("famfs cp: reusing existing %s", target);
      }
      return fd;
    }
    if (compare) {
      error("famfs compare: %s does not exist", target);
      return -1;
    }
    if (log.freeSlots() < 1) {
      throw ToolError.of(Errno.ENOSPC, LOG_FULL_EXIT, "famfs cp: %s: famfs log full", target);
    }
    int mode = fileMode != 0 ? fileMode : src.mode() & 0777;
    return MkFile.mkfile(log, target, mode, uid, gid, src.size(), il);
  }

  /** __famfs_copy_file_data(): pread(2) pieces stored through (or compared with) the mmap. */
  private void copyData(int srcFd, int fd, long size, String target) throws ErrnoException {
    long len = Allocator.roundUp(size);
    long va = UserMem.map(p, fd, 0, len, !compare);
    try {
      byte[] buf = new byte[(int) Math.min(PIECE, size)];
      for (long at = 0; at < size; at += PIECE) {
        int n = (int) Math.min(PIECE, size - at);
        int got = p.pread(srcFd, buf, 0, n, at);
        if (got != n) {
          throw ToolError.of(Errno.EIO, 1, "famfs cp: short read of %s at %d: %d of %d bytes",
              target, at, got, n);
        }
        if (compare) {
          byte[] have = UserMem.load(p, va + at, n);
          if (!java.util.Arrays.equals(have, 0, n, buf, 0, n)) {
            throw ToolError.of(Errno.EIO, 1, "famfs compare: %s: miscompare in chunk %d",
                target, at / PIECE);
          }
        } else {
          UserMem.store(p, va + at, buf, 0, n);
        }
      }
    } finally {
      p.munmap(va, len);
    }
  }

  private void mkdir(String abs, int mode) throws ErrnoException {
    MkFile.mkdir(log, abs, mode, uid, gid);
    if (verbose) {
      io.out("famfs cp: mkdir %s", abs);
    }
  }

  private void error(String format, Object... args) {
    errors++;
    io.err(format, args);
  }

  private static String parentOf(String abs) {
    int i = abs.lastIndexOf('/');
    return i <= 0 ? "/" : abs.substring(0, i);
  }
}
