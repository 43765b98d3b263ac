package org.daxsim.sim;

import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * busybox 1.35's {@code mkdir [-p]}, {@code rm [-rRf]}, {@code touch [-c]} and
 * {@code truncate [-c] -s SIZE} on any path of a host, through {@link HostFiles} (the VFS calls
 * a process makes, so on famfs these are the "rogue" operations famfs must survive). Messages
 * are busybox's bb_perror_msg() lines; any failure makes the status 1.
 */
final class ChangeCommands {
  private ChangeCommands() {}

  private static final class Out {
    final StringBuilder err = new StringBuilder();
    Errno errno;
    boolean failed;

    void fail(String message, Errno e) {
      err.append(message).append(": ").append(e.strerror()).append('\n');
      errno = e;
      failed = true;
    }

    void error(String message) {
      err.append(message).append('\n');
      failed = true;
    }

    Result result() {
      return new Result(failed ? 1 : 0, errno == null ? null : errno.name(), "", err.toString());
    }
  }

  /** mkdir [-p] DIRECTORY... (coreutils/mkdir.c, libbb/make_directory.c). */
  static Result mkdir(Host host, List<String> argv) {
    BusyboxArgs a = BusyboxArgs.parse(argv, "p", "", "m");
    if (a.error != null) {
      return a.error;
    }
    if (a.operands.isEmpty()) {
      return BusyboxArgs.usage("mkdir", "");
    }
    HostFiles fs = new HostFiles(host);
    Out o = new Out();
    for (String p : a.operands) {
      makeDirectory(fs, p, a.has('p'), o);
    }
    return o.result();
  }

  /**
   * bb_make_directory(): with -p, mkdir of each prefix up to and including its slashes, an
   * existing directory accepted; the message names the prefix that failed.
   */
  private static void makeDirectory(HostFiles fs, String path, boolean recur, Out o) {
    if (path.equals("/") || path.equals(".")) {
      return;
    }
    int s = 0;
    while (true) {
      boolean last = true;
      String prefix = path;
      if (recur) {
        while (s < path.length()) {
          if (path.charAt(s) == '/') {
            while (s < path.length() && path.charAt(s) == '/') {
              s++;
            }
            if (s < path.length()) {
              last = false;
              prefix = path.substring(0, s);
            }
            break;
          }
          s++;
        }
      }
      try {
        fs.mkdir(prefix);
      } catch (ErrnoException e) {
        Errno err = e.errno();
        boolean exists = err == Errno.EEXIST || err == Errno.EISDIR;
        boolean ok = false;
        if (exists && recur) {
          try {
            ok = fs.stat(prefix, true).isDir();
          } catch (ErrnoException st) {
            err = st.errno();
          }
        }
        if (!ok) {
          o.fail("mkdir: can't create directory '" + prefix + "'", err);
          return;
        }
      }
      if (last) {
        return;
      }
    }
  }

  /** rm [-rRf] FILE... (coreutils/rm.c, libbb/remove_file.c). */
  static Result rm(Host host, List<String> argv) {
    BusyboxArgs a = BusyboxArgs.parse(argv, "rRf", "", "iv");
    if (a.error != null) {
      return a.error;
    }
    boolean force = a.has('f');
    if (a.operands.isEmpty() && !force) {
      return BusyboxArgs.usage("rm", "");
    }
    HostFiles fs = new HostFiles(host);
    Out o = new Out();
    for (String p : a.operands) {
      String base = p.replaceAll("/+$", "");
      base = base.substring(base.lastIndexOf('/') + 1);
      if (base.equals(".") || base.equals("..")) {
        o.error("rm: can't remove '.' or '..'");
        continue;
      }
      removeFile(fs, p, a.has('r') || a.has('R'), force, o);
    }
    return o.result();
  }

  /** remove_file(): lstat, then recursive removal of a directory's entries and rmdir, or unlink. */
  private static boolean removeFile(HostFiles fs, String path, boolean recur, boolean force,
      Out o) {
    HostFiles.Info info;
    try {
      info = fs.stat(path, false);
    } catch (ErrnoException e) {
      if (e.errno() != Errno.ENOENT) {
        o.fail("rm: can't stat '" + path + "'", e.errno());
        return false;
      }
      if (!force) {
        o.fail("rm: can't remove '" + path + "'", e.errno());
        return false;
      }
      return true;
    }
    if (info.isDir()) {
      if (!recur) {
        o.error("rm: '" + path + "' is a directory");
        return false;
      }
      List<String> names;
      try {
        names = fs.readdir(path);
      } catch (ErrnoException e) {
        o.fail("rm: can't open '" + path + "'", e.errno());
        return false;
      }
      boolean ok = true;
      for (String n : names) {
        ok &= removeFile(fs, ListCommands.join(path, n), true, force, o);
      }
      if (!ok) {
        return false;
      }
      try {
        fs.rmdir(path);
        return true;
      } catch (ErrnoException e) {
        o.fail("rm: can't remove '" + path + "'", e.errno());
        return false;
      }
    }
    try {
      fs.unlink(path);
      return true;
    } catch (ErrnoException e) {
      o.fail("rm: can't remove '" + path + "'", e.errno());
      return false;
    }
  }

  /** touch [-c] FILE... (coreutils/touch.c): utimes(NULL), creating a missing file. */
  static Result touch(Host host, List<String> argv) {
    BusyboxArgs a = BusyboxArgs.parse(argv, "c", "", "hamdtr");
    if (a.error != null) {
      return a.error;
    }
    if (a.operands.isEmpty()) {
      return BusyboxArgs.usage("touch", "");
    }
    HostFiles fs = new HostFiles(host);
    Out o = new Out();
    for (String p : a.operands) {
      try {
        fs.utimes(p);
      } catch (ErrnoException e) {
        Errno err = e.errno();
        if (err == Errno.ENOENT) {
          if (a.has('c')) {
            continue;
          }
          try {
            fs.create(p);
            continue;
          } catch (ErrnoException c) {
            err = c.errno();
          }
        }
        o.fail("touch: " + p, err);
      }
    }
    return o.result();
  }

  /** truncate [-c] -s SIZE FILE... (coreutils/truncate.c). */
  static Result truncate(Host host, List<String> argv) {
    BusyboxArgs a = BusyboxArgs.parse(argv, "c", "s", "");
    if (a.error != null) {
      return a.error;
    }
    String sizeStr = a.values.get('s');
    if (sizeStr == null || a.operands.isEmpty()) {
      return BusyboxArgs.usage("truncate", "");
    }
    long size;
    try {
      size = xatoullSfx(sizeStr);
    } catch (NumberFormatException e) {
      return Result.fail(1, null, "truncate: " + e.getMessage() + "\n");
    }
    HostFiles fs = new HostFiles(host);
    Out o = new Out();
    for (String p : a.operands) {
      HostFiles.TruncateError t = fs.truncate(p, size, !a.has('c'));
      if (t == null || (t.error().errno() == Errno.ENOENT && a.has('c'))) {
        continue;
      }
      o.fail("truncate: " + p + ": " + t.call(), t.error().errno());
    }
    return o.result();
  }

  private static final String[] SUFFIXES = {"kB", "KB", "kD", "KD", "k", "K", "MB", "MD", "M",
      "GB", "GD", "G"};
  private static final long[] MULTS = {1000, 1000, 1000, 1000, 1024, 1024, 1000000, 1000000,
      1 << 20, 1000000000, 1000000000, 1 << 30};

  /**
   * xatoull_sfx() with busybox 1.35's kmg_i_suffixes: decimal digits only, then one of k/K
   * (1024), kB/KB/kD/KD (1000), M, MB/MD, G, GB/GD; the value as unsigned 64-bit bits.
   * NumberFormatException with busybox's message otherwise.
   */
  static long xatoullSfx(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    String digits = s.substring(0, i);
    String sfx = s.substring(i);
    long mult = 1;
    if (!sfx.isEmpty()) {
      mult = 0;
      for (int k = 0; k < SUFFIXES.length; k++) {
        if (SUFFIXES[k].equals(sfx)) {
          mult = MULTS[k];
        }
      }
    }
    if (digits.isEmpty() || mult == 0) {
      throw new NumberFormatException("invalid number '" + s + "'");
    }
    long v;
    try {
      v = Long.parseUnsignedLong(digits);
    } catch (NumberFormatException e) {
      throw new NumberFormatException("invalid number '" + s + "'");
    }
    if (mult != 1 && Long.compareUnsigned(v, Long.divideUnsigned(-1L, mult)) > 0) {
      throw new NumberFormatException(
          "number " + s + " is not in 0..18446744073709551615 range");
    }
    return v * mult;
  }
}
