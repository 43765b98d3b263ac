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
  /** A command-line mistake (EINVAL for callers, but no kernel errno behind it). */
  final boolean usage;

  ToolError(Errno errno, int exit, String message, boolean usage) {
    super(errno, message);
    this.exit = exit;
    this.usage = usage;
  }

  static ToolError of(Errno errno, int exit, String format, Object... args) {
    return new ToolError(errno, exit, String.format(format, args), false);
  }

  /** A usage error: bad options or operands; EINVAL, but no errno in the tool's result. */
  static ToolError usage(int exit, String format, Object... args) {
    return new ToolError(Errno.EINVAL, exit, String.format(format, args), true);
  }
}
