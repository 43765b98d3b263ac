package org.daxsim.sim;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Inode;
import org.daxsim.fs.vfs.SimpleDir;

/**
 * busybox's {@code cat}, {@code ls} and {@code echo} on a host's file tree: paths under
 * {@code /sys} read the bus's sysfs, other paths the host's VFS (as the root process).
 */
final class FileCommands {
  private FileCommands() {}

  /** cat FILE...: open errors {@code cat: FILE: REASON}, read errors {@code cat: read error: REASON}. */
  static Result cat(Host host, List<String> argv) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Errno last = null;
    if (argv.size() < 2) {
      return Result.fail(1, null, "cat: reading stdin is not supported\n");
    }
    for (String f : argv.subList(1, argv.size())) {
      try {
        out.append(f.startsWith("/sys/") ? host.sysfs().read(f) : host.readFile(f));
      } catch (ErrnoException e) {
        last = e.errno();
        if (e.errno() == Errno.ENOENT || e.errno() == Errno.EACCES
            || e.errno() == Errno.ENOTDIR) {
          err.append("cat: ").append(f).append(": ").append(e.errno().strerror()).append('\n');
        } else {
          err.append("cat: read error: ").append(e.errno().strerror()).append('\n');
        }
      }
    }
    return new Result(last == null ? 0 : 1, last == null ? null : last.name(), out.toString(),
        err.toString());
  }

  /** ls [PATH...] (default /): names sorted, one per line; several operands get headers. */
  static Result ls(Host host, List<String> argv) {
    List<String> paths = argv.size() < 2 ? List.of("/") : argv.subList(1, argv.size());
    StringBuilder files = new StringBuilder();
    List<String> dirs = new ArrayList<>();
    List<List<String>> listings = new ArrayList<>();
    StringBuilder err = new StringBuilder();
    Errno last = null;
    for (String p : paths) {
      try {
        List<String> names = list(host, p);
        if (names == null) {
          files.append(p).append('\n');
        } else {
          dirs.add(p);
          listings.add(names);
        }
      } catch (ErrnoException e) {
        last = e.errno();
        err.append("ls: ").append(p).append(": ").append(e.errno().strerror()).append('\n');
      }
    }
    StringBuilder out = new StringBuilder(files);
    for (int i = 0; i < dirs.size(); i++) {
      if (paths.size() > 1) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(dirs.get(i)).append(":\n");
      }
      for (String n : listings.get(i)) {
        out.append(n).append('\n');
      }
    }
    return new Result(last == null ? 0 : 1, last == null ? null : last.name(), out.toString(),
        err.toString());
  }

  /** The sorted names in directory {@code p}, or null when {@code p} is not a directory. */
  private static List<String> list(Host host, String p) throws ErrnoException {
    if (p.startsWith("/sys/") || p.equals("/sys")) {
      if (!host.sysfs().exists(p)) {
        throw ErrnoException.of(Errno.ENOENT, "%s", p);
      }
      try {
        return host.sysfs().list(p);
      } catch (ErrnoException e) {
        if (e.errno() == Errno.ENOTDIR) {
          return null;
        }
        throw e;
      }
    }
    host.root().stat(p);
    Inode inode = host.vfs().kernPath(p);
    if (!inode.isDir()) {
      return null;
    }
    if (!(inode.iop() instanceof SimpleDir)) {
      throw ErrnoException.of(Errno.EOPNOTSUPP, "%s: cannot list this directory", p);
    }
    return new ArrayList<>(SimpleDir.children(inode).keySet());
  }

  /** echo [-n] WORDS: the words joined by blanks, then a newline unless -n. */
  static Result echo(List<String> argv) {
    List<String> words = argv.subList(1, argv.size());
    boolean newline = true;
    if (!words.isEmpty() && words.get(0).equals("-n")) {
      newline = false;
      words = words.subList(1, words.size());
    }
    return Result.ok(String.join(" ", words) + (newline ? "\n" : ""));
  }
}
