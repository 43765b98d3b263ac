package org.daxsim.core;

/**
 * glibc's {@code strtoull(s, &end, base)} for base 0, 10 or 16, which user space (daxctl, the
 * oracle's io.c) uses for numbers on its command line and in sysfs text: leading white space,
 * an optional sign, a {@code 0x} prefix (base 0 or 16, only when a hex digit follows), a
 * leading {@code 0} for octal (base 0), ASCII digits only, saturation at ULLONG_MAX on
 * overflow, and a negated result for {@code -}.
 */
public final class Strtoull {
  private Strtoull() {}

  /**
   * The value (unsigned 64-bit bits), {@code end}, the index of the first character not
   * consumed (0 when there were no digits, as C sets end to the string), and whether it
   * overflowed (the value is then ULLONG_MAX).
   */
  public record Parsed(long value, int end, boolean overflow) {}

  /** strtoull(s, &end, base); {@code base} is 0, 10 or 16. */
  public static Parsed parse(String s, int base) {
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
    int b = base;
    if ((b == 0 || b == 16) && i + 2 < n && s.charAt(i) == '0'
        && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X') && digit(s.charAt(i + 2), 16) >= 0) {
      i += 2;
      b = 16;
    } else if (b == 0) {
      b = i < n && s.charAt(i) == '0' ? 8 : 10;
    }
    int start = i;
    long v = 0;
    boolean overflow = false;
    for (int d; i < n && (d = digit(s.charAt(i), b)) >= 0; i++) {
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, b)) > 0) {
        overflow = true;
      }
      v = v * b + d;
    }
    if (i == start) {
      return new Parsed(0, 0, false);
    }
    if (overflow) {
      return new Parsed(-1L, i, true);
    }
    return new Parsed(neg ? -v : v, i, false);
  }

  /** isspace() in the C locale. */
  public static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
  }

  /** The value of ASCII digit or letter {@code c} in {@code base}, or -1 (no Unicode digits). */
  private static int digit(char c, int base) {
    return c < 0x80 ? Character.digit(c, base) : -1;
  }
}
