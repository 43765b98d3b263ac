package org.daxsim.fs.famfs.tools;

/** A tool's standard output and error. */
final class Io {
  final StringBuilder out = new StringBuilder();
  final StringBuilder err = new StringBuilder();

  void out(String format, Object... args) {
    out.append(String.format(format, args)).append('\n');
  }

  void err(String format, Object... args) {
    err.append(String.format(format, args)).append('\n');
  }
}
