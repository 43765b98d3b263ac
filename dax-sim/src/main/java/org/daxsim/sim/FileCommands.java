package org.daxsim.sim;

import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * busybox's {@code cat} and {@code echo} on a host's file tree: paths under
 * {@code /sys} read the bus's sysfs, other paths the host's VFS (as the root process).
 */
final class FileCommands {
  private FileCommands() {}

  /**
   * busybox cat FILE...: open errors {@code cat: can't open 'FILE': REASON}, read errors {@code
   * cat: read error: REASON}; the data is read into the process's own (user) buffer.
   */
  static Result cat(Host host, List<String> argv) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Errno last = null;
    if (argv.size() < 2) {
      return Result.fail(1, null, "cat: reading stdin is not supported\n");
    }
    for (String f : argv.subList(1, argv.size())) {
      try {
        out.append(f.startsWith("/sys/") ? host.sysfs().read(f) : host.readFileAsUser(f));
      } catch (ErrnoException e) {
        last = e.errno();
        if (e.errno() == Errno.ENOENT || e.errno() == Errno.EACCES
            || e.errno() == Errno.ENOTDIR) {
          err.append("cat: can't open '").append(f).append("': ").append(e.errno().strerror())
              .append('\n');
        } else {
          err.append("cat: read error: ").append(e.errno().strerror()).append('\n');
        }
      }
    }
    return new Result(last == null ? 0 : 1, last == null ? null : last.name(), out.toString(),
        err.toString());
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
