package org.daxsim.sim;

/**
 * glibc's {@code strtoull(s, &end, 0)} as io.c uses it: leading white space, an optional sign,
 * a {@code 0x} (hex) or {@code 0} (octal) prefix, saturation at ULLONG_MAX on overflow, and a
 * negated result for {@code -}; the caller accepts the number only when {@code *end} is the
 * terminating NUL (so an empty string reads as 0, as in C).
 */
final class Strtoull {
  private Strtoull() {}

  /** The value as unsigned 64-bit bits in a one-element array, or null if *end != NUL. */
  static long[] parse(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && isSpace(s.charAt(i))) {
      i++;
    }
    boolean neg = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    int base = 10;
    if (i < n && s.charAt(i) == '0') {
      if (i + 2 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
          && Character.digit(s.charAt(i + 2), 16) >= 0 && s.charAt(i + 2) < 0x80) {
        base = 16;
        i += 2;
      } else {
        base = 8;
      }
    }
    int start = i;
    long v = 0;
    boolean overflow = false;
    while (i < n) {
      int d = Character.digit(s.charAt(i), base);
      if (d < 0 || s.charAt(i) > 0x7f) {
        break;
      }
      long hi = Math.multiplyHigh(v, base) + ((v >> 63) & base); // unsigned high word
      long lo = v * base;
      long sum = lo + d;
      if (hi != 0 || Long.compareUnsigned(sum, lo) < 0) {
        overflow = true;
      }
      v = sum;
      i++;
    }
    if (i == start) {
      // no digits: end = nptr, so only the empty string passes io.c's *end check
      return s.isEmpty() ? new long[] {0} : null;
    }
    if (i != n) {
      return null;
    }
    if (overflow) {
      return new long[] {-1L};
    }
    return new long[] {neg ? -v : v};
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }
}
