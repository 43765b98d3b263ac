package org.daxsim.fs.famfs.tools;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * A tool's failure: the errno (what a library call would return) and the exit status the
 * command ends with (famfs's own codes where the reference gives them).
 */
final class ToolError extends ErrnoException {
  private static final long serialVersionUID = 1L;
  final int exit;

  ToolError(Errno errno, int exit, String message) {
    super(errno, message);
    this.exit = exit;
  }

  static ToolError of(Errno errno, int exit, String format, Object... args) {
    return new ToolError(errno, exit, String.format(format, args));
  }
}
