package org.daxsim.sim;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.daxsim.bus.sysfs.Sysfs;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;

/**
 * {@code COMMAND > FILE} as busybox ash does it: the file is opened first (a failure prints
 * {@code sh: can't create FILE: REASON} and the command does not run), then the command's
 * stdout is written with one write(2); a failing write prints {@code sh: write error: REASON}.
 * Paths under {@code /sys} are the bus's sysfs (attributes take the text as one store), others
 * the host's VFS.
 */
final class Redirect {
  private Redirect() {}

  static Result run(Host host, String path, Supplier<Result> command) {
    return path.startsWith("/sys/") ? sysfs(host.sysfs(), path, command)
        : vfs(host.root(), path, command);
  }

  private static Result sysfs(Sysfs sysfs, String path, Supplier<Result> command) {
    Errno open = null;
    if (!sysfs.exists(path)) {
      int slash = path.lastIndexOf('/');
      open = sysfs.exists(path.substring(0, slash)) ? Errno.EACCES : Errno.ENOENT;
    } else {
      try {
        sysfs.list(path);
        open = Errno.EISDIR;
      } catch (ErrnoException notADir) {
        try {
          if ((sysfs.mode(path) & 0222) == 0) {
            open = Errno.EACCES;
          }
        } catch (ErrnoException e) {
          open = e.errno();
        }
      }
    }
    if (open != null) {
      return cantCreate(path, open);
    }
    Result r = command.get();
    if (r.stdout().isEmpty()) {
      return r;
    }
    try {
      sysfs.write(path, r.stdout());
      return new Result(r.exit(), r.errno(), "", r.stderr());
    } catch (ErrnoException e) {
      return new Result(1, e.errno().name(), "",
          r.stderr() + "sh: write error: " + e.errno().strerror() + "\n");
    }
  }

  private static Result vfs(Process p, String path, Supplier<Result> command) {
    int fd;
    try {
      fd = p.open(path, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644);
    } catch (ErrnoException e) {
      return cantCreate(path, e.errno());
    }
    try {
      Result r = command.get();
      byte[] b = r.stdout().getBytes(StandardCharsets.UTF_8);
      try {
        if (b.length > 0) {
          p.write(fd, b, 0, b.length);
        }
        return new Result(r.exit(), r.errno(), "", r.stderr());
      } catch (ErrnoException e) {
        return new Result(1, e.errno().name(), "",
            r.stderr() + "sh: write error: " + e.errno().strerror() + "\n");
      }
    } finally {
      try {
        p.close(fd);
      } catch (ErrnoException ignored) {
        // the descriptor was just opened; close cannot fail
      }
    }
  }

  private static Result cantCreate(String path, Errno e) {
    String why = e == Errno.ENOENT ? "nonexistent directory" : e.strerror();
    return Result.fail(1, e.name(), "sh: can't create " + path + ": " + why + "\n");
  }
}
