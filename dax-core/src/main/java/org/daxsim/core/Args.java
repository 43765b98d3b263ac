package org.daxsim.core;

/**
 * Argument checks shared by daxsim's public entry points. Each throws an {@link ErrnoException}
 * (EINVAL unless stated) naming the argument, so bad input never surfaces as an unchecked
 * arithmetic or index exception.
 */
public final class Args {
  private Args() {}

  public static long nonNegative(long v, String what) throws ErrnoException {
    if (v < 0) {
      throw ErrnoException.of(Errno.EINVAL, "%s must not be negative: %d", what, v);
    }
    return v;
  }

  public static long positive(long v, String what) throws ErrnoException {
    if (v <= 0) {
      throw ErrnoException.of(Errno.EINVAL, "%s must be positive: %d", what, v);
    }
    return v;
  }

  public static long pageAligned(long v, String what) throws ErrnoException {
    return aligned(v, Pages.PAGE_SIZE, what);
  }

  public static long aligned(long v, long align, String what) throws ErrnoException {
    if (!Pages.isAligned(v, align)) {
      throw ErrnoException.of(Errno.EINVAL, "%s 0x%x is not a multiple of 0x%x", what, v, align);
    }
    return v;
  }

  /**
   * Checks that {@code [off, off + len)} lies inside {@code [0, size)} without overflowing.
   */
  public static void range(long off, long len, long size, String what) throws ErrnoException {
    if (off < 0 || len < 0 || off > size || len > size - off) {
      throw ErrnoException.of(
          Errno.EINVAL, "%s [0x%x, +0x%x) is outside [0, 0x%x)", what, off, len, size);
    }
  }

  /** Checks that {@code [off, off + len)} lies inside a Java array of {@code length}. */
  public static void arrayRange(int off, int len, int length, String what) throws ErrnoException {
    if (off < 0 || len < 0 || off > length || len > length - off) {
      throw ErrnoException.of(
          Errno.EINVAL, "%s [%d, +%d) is outside an array of %d bytes", what, off, len, length);
    }
  }

  /** Returns {@code a + b}, or throws EOVERFLOW when the sum leaves the signed 64-bit range. */
  public static long add(long a, long b, String what) throws ErrnoException {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      throw ErrnoException.of(Errno.EOVERFLOW, "%s: 0x%x + 0x%x overflows", what, a, b);
    }
    return r;
  }

  public static <T> T notNull(T v, String what) throws ErrnoException {
    if (v == null) {
      throw ErrnoException.of(Errno.EINVAL, "%s must not be null", what);
    }
    return v;
  }
}
