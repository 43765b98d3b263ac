package org.daxsim.sim;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * SIZE and ADDR arguments of the scenario language (CLI.md): plain decimal or {@code 0x} hex
 * bytes, optionally followed by one of the suffixes k/K, m/M, g/G, t/T (powers of 1024).
 */
public final class Sizes {
  private Sizes() {}

  /**
   * The number of bytes {@code text} names; EINVAL (with {@code what} in the message) for null,
   * empty, malformed, negative or overflowing text.
   */
  public static long parse(String text, String what) throws ErrnoException {
    if (text == null || text.isEmpty()) {
      throw ErrnoException.of(Errno.EINVAL, "missing %s", what);
    }
    String s = text;
    int shift = 0;
    char last = s.charAt(s.length() - 1);
    boolean hex = s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
    switch (Character.toLowerCase(last)) {
      case 'k' -> shift = 10;
      case 'm' -> shift = 20;
      case 'g' -> shift = 30;
      case 't' -> shift = 40;
      default -> shift = 0;
    }
    if (shift != 0) {
      s = s.substring(0, s.length() - 1);
    }
    String digits = hex ? s.substring(2) : s;
    if (digits.isEmpty() || digits.length() > 19) {
      throw bad(text, what);
    }
    long v = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = Character.digit(digits.charAt(i), hex ? 16 : 10);
      if (d < 0) {
        throw bad(text, what);
      }
      long radix = hex ? 16 : 10;
      if (v > (Long.MAX_VALUE - d) / radix) {
        throw bad(text, what);
      }
      v = v * radix + d;
    }
    if (v > (Long.MAX_VALUE >> shift)) {
      throw bad(text, what);
    }
    return v << shift;
  }

  private static ErrnoException bad(String text, String what) {
    return ErrnoException.of(Errno.EINVAL, "invalid %s '%s'", what, text);
  }
}
