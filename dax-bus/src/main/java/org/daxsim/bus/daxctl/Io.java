package org.daxsim.bus.daxctl;

/** stdout, stderr and exit(3) of one daxctl invocation. */
final class Io {
  final StringBuilder out = new StringBuilder();
  final StringBuilder err = new StringBuilder();

  /** exit(status) from anywhere in the command: unwinds to {@link Daxctl#run}. */
  static final class Exit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Exit(int status) {
      super(null, null, false, false);
      this.status = status;
    }
  }

  /** util/log.c log_stderr at LOG_ERR: {@code "libdaxctl: <fn>: <msg>"}. */
  void libErr(String fn, String msg) {
    err.append("libdaxctl: ").append(fn).append(": ").append(msg);
  }

  /** util/usage.c error(): {@code "  Error: <msg>\n"}. */
  void error(String msg) {
    err.append("  Error: ").append(msg).append('\n');
  }
}
