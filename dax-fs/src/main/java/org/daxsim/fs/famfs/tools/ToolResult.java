package org.daxsim.fs.famfs.tools;

import org.daxsim.core.Errno;

/**
 * The outcome of one famfs tool invocation: exit status (0-255), stdout, stderr, and the errno
 * behind a failure (null on success, or when no errno caused it, e.g. a usage error).
 */
public record ToolResult(int exit, String stdout, String stderr, Errno errno) {
  /** A result with no errno. */
  public ToolResult(int exit, String stdout, String stderr) {
    this(exit, stdout, stderr, null);
  }
}
