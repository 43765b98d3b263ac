package org.daxsim.bus.sysfs;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * The kernel's string parsers as sysfs stores use them (lib/kstrtox.c kstrtoull, kstrtoll,
 * kstrtoint, kstrtobool; lib/string.c sysfs_streq). Inputs are the C string the store sees.
 */
final class KernelParse {
  private KernelParse() {}

  /**
   * kstrtoull(s, base): optional '+', radix prefix (base 0: "0x" hex when a hex digit follows,
   * "0" octal, else decimal; base 16 skips "0x"), at least one digit, one optional trailing
   * newline, nothing else. EINVAL for malformed input, ERANGE on overflow of u64.
   */
  static long kstrtoull(String s, int base) throws ErrnoException {
    int i = 0;
    if (s.startsWith("+")) {
      i++;
    }
    int radix = base;
    if (base == 0) {
      if (at(s, i) == '0' && (at(s, i + 1) | 0x20) == 'x'
          && hexval(at(s, i + 2)) >= 0) {
        radix = 16;
        i += 2;
      } else if (at(s, i) == '0') {
        radix = 8;
      } else {
        radix = 10;
      }
    } else if (base == 16 && at(s, i) == '0' && (at(s, i + 1) | 0x20) == 'x') {
      i += 2;
    }
    long res = 0;
    boolean overflow = false;
    int digits = 0;
    for (; i < s.length(); i++, digits++) {
      int d = hexval(s.charAt(i));
      if (d < 0 || d >= radix) {
        break;
      }
      // res * radix + d overflows u64?
      if (Long.compareUnsigned(res, Long.divideUnsigned(-1L - d, radix)) > 0) {
        overflow = true;
      }
      res = res * radix + d;
    }
    if (overflow) {
      throw ErrnoException.of(Errno.ERANGE, "'%s' overflows u64", s);
    }
    if (digits == 0) {
      throw ErrnoException.of(Errno.EINVAL, "'%s' is not a number", s);
    }
    if (i < s.length() && s.charAt(i) == '\n') {
      i++;
    }
    if (i != s.length()) {
      throw ErrnoException.of(Errno.EINVAL, "'%s' is not a number", s);
    }
    return res;
  }

  /** kstrtoll(): a leading '-' negates a magnitude up to 2^63; ERANGE beyond s64. */
  static long kstrtoll(String s, int base) throws ErrnoException {
    if (s.startsWith("-")) {
      long tmp = kstrtoull(s.substring(1), base);
      if (Long.compareUnsigned(tmp, Long.MIN_VALUE) > 0) {
        throw ErrnoException.of(Errno.ERANGE, "'%s' underflows s64", s);
      }
      return -tmp;
    }
    long tmp = kstrtoull(s, base);
    if (tmp < 0) {
      throw ErrnoException.of(Errno.ERANGE, "'%s' overflows s64", s);
    }
    return tmp;
  }

  /** kstrtoint(): kstrtoll then ERANGE outside int. */
  static int kstrtoint(String s, int base) throws ErrnoException {
    long v = kstrtoll(s, base);
    if (v != (int) v) {
      throw ErrnoException.of(Errno.ERANGE, "'%s' overflows int", s);
    }
    return (int) v;
  }

  /** kstrtobool(): y/Y/t/T/1 true, n/N/f/F/0 false, "on"/"of" by the second letter; EINVAL. */
  static boolean kstrtobool(String s) throws ErrnoException {
    switch (at(s, 0)) {
      case 'y', 'Y', 't', 'T', '1':
        return true;
      case 'n', 'N', 'f', 'F', '0':
        return false;
      case 'o', 'O':
        switch (at(s, 1)) {
          case 'n', 'N':
            return true;
          case 'f', 'F':
            return false;
          default:
            break;
        }
        break;
      default:
        break;
    }
    throw ErrnoException.of(Errno.EINVAL, "'%s' is not a boolean", s);
  }

  /** sysfs_streq() against a name without newline: {@code s} may end in one extra '\n'. */
  static String streqName(String s) {
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * The kernel's sprintf("%#llx") / ("%#lx"): "0x" and lower-case hex, zero included. Unlike
   * C99 printf, lib/vsprintf.c number() emits the prefix whenever SPECIAL is set and the base is
   * 16, so zero prints "0x0" (a mapping's page_offset reads "0x0" on Linux 6.1).
   */
  static String hash(long v) {
    return "0x" + Long.toHexString(v);
  }

  /** _parse_integer's digit value: ASCII 0-9, a-f, A-F only. */
  private static int hexval(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char l = (char) (c | 0x20);
    return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
  }

  private static char at(String s, int i) {
    return i < s.length() ? s.charAt(i) : '\0';
  }
}
