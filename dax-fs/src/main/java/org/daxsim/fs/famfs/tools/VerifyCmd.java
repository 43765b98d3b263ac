package org.daxsim.fs.famfs.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;

/**
 * famfs verify (-f file -S seed | -m file,seed ...) [-t n] [-q] (famfs_cli.c
 * do_famfs_cli_verify, verify_one, verify_multi): maps each file whole, "invalidates" (no
 * processor cache is modelled) and compares it with {@link Pattern} for the seed. One file:
 * exit 0 when it matches, 1 otherwise (also for a missing file, a missing or zero seed — zero
 * means "none" upstream — or a file that cannot be mapped). {@code -m}: the files are checked
 * one after another (the {@code -t} thread count, 0..256, is validated and otherwise has no
 * effect), and the status is the number of failed files, as upstream. -f/-S and -m together,
 * or a -m argument that is not exactly {@code file,seed}, exit 1. Upstream maps read-write;
 * a read-only mapping suffices here (so non-root users can verify client files).
 */
final class VerifyCmd {
  private static final int PIECE = 1 << 20;

  private VerifyCmd() {}

  record Target(String file, long seed) {}

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "f:S:m:t:qh", Map.of("seed", 'S', "filename", 'f', "multi", 'm',
        "threadct", 't', "quiet", 'q'), 1);
    if (o.has('h')) {
      io.out("famfs verify -S <seed> -f <filename> | -m <filename>,<seed> ... [-t n] [-q]");
      return 0;
    }
    boolean quiet = o.has('q');
    if (o.has('m') && (o.has('f') || o.has('S'))) {
      throw ToolError.of(Errno.EINVAL, 1, "famfs verify: -S|-f and -m incompatible");
    }
    if (o.has('t')) {
      long t = parseSeed(o.get('t'));
      if (t < 0 || t > 256) {
        throw ToolError.of(Errno.EINVAL, 1, "famfs verify: bad threadct: %s", o.get('t'));
      }
    }
    if (!o.has('m')) {
      String file = o.get('f');
      long seed = o.has('S') ? parseSeed(o.get('S')) : 0;
      if (file == null) {
        io.err("Must supply filename");
        return 1;
      }
      if (seed == 0) {
        io.err("Must specify random seed to verify file data");
        return 1;
      }
      return one(env.proc(), file, seed, quiet, io);
    }
    List<Target> targets = new ArrayList<>();
    for (String m : o.all('m')) {
      String[] f = m.split(",", -1);
      if (f.length != 2) {
        throw ToolError.of(Errno.EINVAL, 1, "famfs verify: bad multi arg(%d): %s",
            targets.size(), m);
      }
      targets.add(new Target(f[0], parseSeed(f[1])));
    }
    int errs = 0;
    for (Target t : targets) {
      if (t.seed() == 0) {
        io.err("Must specify random seed to verify file data (%s)", t.file());
        errs++;
      } else if (one(env.proc(), t.file(), t.seed(), quiet, io) != 0) {
        errs++;
      }
    }
    io.out("Verify complete for %d files with %d errs", targets.size(), errs);
    return errs;
  }

  /** strtoull(s, 0, 0)-like: decimal (a leading '-' allowed: creat -r prints signed seeds), 0x hex. */
  static long parseSeed(String s) {
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseUnsignedLong(s.substring(2), 16);
      }
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return Opts.size(s);
    }
  }

  /** verify_one(): 0 when the file holds the seed's pattern, else 1. */
  static int one(Process p, String file, long seed, boolean quiet, Io io) throws ErrnoException {
    int fd;
    long size;
    try {
      fd = p.open(file, Fcntl.O_RDONLY);
      size = p.fstat(fd).size();
    } catch (ErrnoException e) {
      io.err("open %s failed: %s", file, e.errno());
      return 1;
    }
    try {
      long va;
      try {
        va = UserMem.map(p, fd, 0, size, false);
      } catch (ErrnoException e) {
        io.err("famfs verify: mmap of %s failed: %s", file, e.errno());
        return 1;
      }
      try {
        // invalidate_processor_cache(va, size): no processor cache is modelled
        byte[] want = new byte[PIECE];
        for (long at = 0; at < size; at += PIECE) {
          int n = (int) Math.min(PIECE, size - at);
          byte[] got = UserMem.load(p, va + at, n);
          Pattern.fill(want, 0, n, at, seed);
          for (int i = 0; i < n; i++) {
            if (got[i] != want[i]) {
              io.err("Verify fail: %s at offset %d of %d bytes", file, at + i, size);
              return 1;
            }
          }
        }
      } finally {
        p.munmap(va, size);
      }
    } finally {
      p.close(fd);
    }
    if (!quiet) {
      io.out("Success: verified %d bytes in file %s", size, file);
    }
    return 0;
  }
}
