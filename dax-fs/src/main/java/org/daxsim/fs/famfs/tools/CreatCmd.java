package org.daxsim.fs.famfs.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;

/**
 * famfs creat (do_famfs_cli_creat): {@code -s size} (k/m/g), {@code -r} fills the file with
 * the seeded pattern ({@code -S seed}), {@code -m mode} (default 0644 &amp; ~umask), {@code -u},
 * {@code -g}, {@code -M name,size[,seed]} for several files (each its own session), and
 * {@code -N nstrips -B nbuckets [-C chunk]} for interleaving. An existing famfs file of the
 * same size is a success (re-randomised with -r); another size, or a non-famfs file, fails.
 */
final class CreatCmd {
  private CreatCmd() {}

  record Spec(String path, long size, Long seed) {}

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "s:rS:m:u:g:M:t:N:B:C:v", Map.ofEntries(Map.entry("size", 's'),
        Map.entry("randomize", 'r'), Map.entry("seed", 'S'), Map.entry("mode", 'm'),
        Map.entry("uid", 'u'), Map.entry("gid", 'g'), Map.entry("multi", 'M'),
        Map.entry("threadct", 't'), Map.entry("nstrips", 'N'), Map.entry("nbuckets", 'B'),
        Map.entry("chunksize", 'C'), Map.entry("verbose", 'v')), 1);
    if (o.has('S') && !o.has('r')) {
      throw ToolError.of(Errno.EINVAL, 1, "-S (seed) requires -r");
    }
    if (o.has('t')) {
      long t = Opts.size(o.get('t'));
      if (t < 0 || t > 256) {
        throw ToolError.of(Errno.EINVAL, 1, "-t must be 0..256");
      }
    }
    List<Spec> specs = new ArrayList<>();
    if (o.has('M')) {
      if (o.has('s') || o.has('S') || !o.operands.isEmpty()) {
        throw ToolError.of(Errno.EINVAL, 1, "-M cannot be combined with -s, -S or a file name");
      }
      for (String m : o.all('M')) {
        String[] f = m.split(",", -1);
        if (f.length < 2 || f.length > 3) {
          throw ToolError.of(Errno.EINVAL, 1, "-M takes name,size[,seed]: '%s'", m);
        }
        specs.add(new Spec(f[0], Opts.size(f[1]), f.length == 3 ? seed(f[2]) : null));
      }
    } else {
      if (o.operands.size() != 1) {
        throw ToolError.usage(1, "usage: famfs creat -s size [options] <file>");
      }
      Long seed = o.has('S') ? seed(o.get('S')) : null;
      specs.add(new Spec(o.operands.get(0), o.has('s') ? Opts.size(o.get('s')) : 0, seed));
    }
    MkFile.Interleave il = Interleaving.parse(env, o);
    int mode = o.has('m') ? parseMode(o.get('m')) : 0644 & ~currentUmask(env.proc());
    int uid = o.has('u') ? (int) Opts.size(o.get('u')) : -1;
    int gid = o.has('g') ? (int) Opts.size(o.get('g')) : -1;
    for (Spec s : specs) {
      creat(env, s, mode, uid, gid, il, o.has('r'), io);
    }
    return 0;
  }

  /** A seed: decimal or 0x hex, negative allowed (what creat -r prints can be replayed). */
  static long seed(String s) throws ToolError {
    try {
      return Long.decode(s);
    } catch (NumberFormatException e) {
      throw ToolError.of(Errno.EINVAL, 1, "bad seed '%s'", s);
    }
  }

  static int currentUmask(Process p) {
    int u = p.umask(0);
    p.umask(u);
    return u;
  }

  static int parseMode(String s) throws ToolError {
    try {
      return Integer.parseInt(s, 8) & 07777;
    } catch (NumberFormatException e) {
      throw ToolError.of(Errno.EINVAL, 1, "bad mode '%s'", s);
    }
  }

  private static void creat(ToolEnv env, Spec s, int mode, int uid, int gid,
      MkFile.Interleave il, boolean randomize, Io io) throws ErrnoException {
    Process p = env.proc();
    String abs = FsPaths.absolute(s.path());
    Stat st = Logplay.exists(p, abs);
    int fd;
    if (st != null) {
      fd = existing(env, abs, st, s.size());
    } else {
      if (s.size() <= 0) {
        throw ToolError.of(Errno.EINVAL, 1, "%s: a new file needs a size > 0", abs);
      }
      String mpt = FsPaths.mountOf(env, abs);
      try (LockedLog log = LockedLog.open(env, mpt)) {
        fd = MkFile.mkfile(log, abs, mode, uid, gid, s.size(), il);
      }
    }
    try {
      if (randomize) {
        long seed = s.seed() != null ? s.seed() : env.random().nextLong();
        fillPattern(p, fd, p.fstat(fd).size(), seed);
        io.out("randomized %s with seed %d", abs, seed);
      }
    } finally {
      p.close(fd);
    }
  }

  /** An existing file: a regular famfs file of the same size is fine (fd returned). */
  private static int existing(ToolEnv env, String abs, Stat st, long size)
      throws ErrnoException {
    Process p = env.proc();
    if (!Fcntl.isReg(st.mode())) {
      throw ToolError.of(Errno.EINVAL, 1, "%s exists and is not a regular file", abs);
    }
    int fd = p.open(abs, Fcntl.O_RDWR);
    try {
      p.ioctl(fd, FamfsIoctl.NOP, 0);
    } catch (ErrnoException e) {
      p.close(fd);
      throw ToolError.of(Errno.EINVAL, 1, "%s exists and is not in famfs", abs);
    }
    if (size != 0 && st.size() != size) {
      p.close(fd);
      throw ToolError.of(Errno.EEXIST, 1, "%s exists with size %d, not %d", abs, st.size(), size);
    }
    if (!logged(env, abs)) {
      p.close(fd);
      throw ToolError.of(Errno.EEXIST, 1,
          "%s exists but is not in the log (a create that died before its append?);"
              + " remount to drop it", abs);
    }
    return fd;
  }

  /**
   * Whether the log holds a FILE entry for {@code abs}: upstream reuses any famfs file of the
   * right size, even a stub whose create died before its append, whose space the next
   * session hands out again (famfs.md 7 item 4).
   */
  private static boolean logged(ToolEnv env, String abs) throws ErrnoException {
    String mpt = FsPaths.mountOf(env, abs);
    String rel = FsPaths.relative(mpt, abs);
    try (Meta m = Meta.ofMount(env, mpt, false)) {
      for (var e : LockedLog.readEntries(m, m.header(), null)) {
        if (e instanceof org.daxsim.fs.famfs.format.FileEntry f && f.relpath().equals(rel)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Writes the seeded pattern through a shared mapping of the whole file, 1 MiB at a time. */
  static void fillPattern(Process p, int fd, long size, long seed) throws ErrnoException {
    long len = Allocator.roundUp(size);
    long va = UserMem.map(p, fd, 0, len, true);
    try {
      byte[] buf = new byte[1 << 20];
      for (long at = 0; at < size; at += buf.length) {
        int n = (int) Math.min(buf.length, size - at);
        Pattern.fill(buf, 0, n, at, seed);
        UserMem.store(p, va + at, buf, 0, n);
      }
    } finally {
      p.munmap(va, len);
    }
  }
}
