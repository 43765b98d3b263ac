package org.daxsim.sim;

/**
 * What one scenario command did: its exit status (0 success), the kernel error name when the
 * failure came from one ({@code "EBUSY"}) or null, and its stdout and stderr.
 *
 * @param exit the exit status, 0-255
 * @param errno the errno name, or null
 * @param stdout what the command printed
 * @param stderr what the command printed as errors
 */
public record Result(int exit, String errno, String stdout, String stderr) {
  /** Success with no output (blank and comment lines). */
  public static final Result EMPTY = new Result(0, null, "", "");

  /** The record, with null outputs read as empty. */
  public Result {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
  }

  /** Success printing {@code stdout}. */
  static Result ok(String stdout) {
    return new Result(0, null, stdout, "");
  }

  /** Failure with status {@code exit}, {@code errno} (or null) and message {@code stderr}. */
  static Result fail(int exit, String errno, String stderr) {
    return new Result(exit, errno, "", stderr);
  }

  /** True when the exit status is 0. */
  public boolean ok() {
    return exit == 0;
  }
}
