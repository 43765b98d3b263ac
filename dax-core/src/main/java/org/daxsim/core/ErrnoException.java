package org.daxsim.core;

import java.util.Objects;

/**
 * The error of daxsim's idiomatic API: a failure that carries the Linux errno the kernel (or
 * the tool) would have returned. Checked, so that callers see where a kernel call can fail.
 */
public class ErrnoException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Errno errno;

  public ErrnoException(Errno errno, String message) {
    super(errno.name() + ": " + message);
    this.errno = Objects.requireNonNull(errno, "errno");
  }

  public ErrnoException(Errno errno, String message, Throwable cause) {
    super(errno.name() + ": " + message, cause);
    this.errno = Objects.requireNonNull(errno, "errno");
  }

  /** The errno this failure carries. */
  public Errno errno() {
    return errno;
  }

  /** Formats the message with {@link String#format}. */
  public static ErrnoException of(Errno errno, String format, Object... args) {
    return new ErrnoException(errno, String.format(format, args));
  }

  /**
   * Turns a kernel-style return value into an exception: returns {@code ret} when it is not
   * negative, otherwise throws the errno it names.
   */
  public static long check(long ret, String what) throws ErrnoException {
    if (ret < 0) {
      throw new ErrnoException(Errno.of(ret), what);
    }
    return ret;
  }
}
