package org.daxsim.bus.daxctl;

/** The C library number conversions daxctl relies on (strtoull, strtoll, "%#llx"). */
final class Num {
  private Num() {}

  /** Result of strtoull: the value and how many characters were consumed (0: none). */
  record Parsed(long value, int end, boolean overflow) {}

  /**
   * strtoull(s, &end, base) for base 0, 10 or 16: leading blanks, optional sign, "0x"
   * prefix (base 0/16), "0" octal (base 0); overflow saturates at ULLONG_MAX; a leading
   * '-' negates (as glibc does).
   */
  static Parsed strtoull(String s, int base) {
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
    if ((b == 0 || b == 16) && i + 1 < n && s.charAt(i) == '0'
        && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
        && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
      i += 2;
      b = 16;
    } else if (b == 0) {
      b = (i < n && s.charAt(i) == '0') ? 8 : 10;
    }
    int start = i;
    long v = 0;
    boolean over = false;
    while (i < n) {
      int d = Character.digit(s.charAt(i), b);
      if (d < 0) {
        break;
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, b)) > 0) {
        over = true;
      }
      v = v * b + d;
      i++;
    }
    if (i == start) {
      return new Parsed(0, 0, false);
    }
    if (over) {
      return new Parsed(-1L, i, true);
    }
    return new Parsed(neg ? -v : v, i, false);
  }

  /** strtoull(s, NULL, 0) as libdaxctl uses it on sysfs text. */
  static long ull(String s) {
    return strtoull(s, 0).value();
  }

  /** strtoll(s, &end, 10) as json-c's json_parse_int64: 0 when nothing parses. */
  static long strtoll10(String s) {
    if (s == null) {
      return 0;
    }
    Parsed p = strtoull(s, 10);
    if (p.end() == 0) {
      return 0;
    }
    String t = s.trim();
    boolean neg = t.startsWith("-");
    if (p.overflow()) {
      return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    long mag = neg ? -p.value() : p.value();
    if (mag < 0) {
      return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return p.value();
  }

  /** printf("%#llx"): "0" for zero, else "0x" and lower-case hex digits. */
  static String hashHex(long v) {
    return v == 0 ? "0" : "0x" + Long.toHexString(v);
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
  }

  /** __parse_size64 (util/size.c): number with optional k/m/g/t suffix, ULLONG_MAX on error. */
  static long parseSize64(String str) {
    Parsed p = strtoull(str, 0);
    long val = p.value();
    if (val == -1L) {
      return val;
    }
    long check = val;
    int end = p.end();
    char c = end < str.length() ? str.charAt(end) : '\0';
    long mult = 1;
    switch (c) {
      case 'k', 'K' -> mult = 0x400L;
      case 'm', 'M' -> mult = 0x100000L;
      case 'g', 'G' -> mult = 0x40000000L;
      case 't', 'T' -> mult = 0x10000000000L;
      default -> mult = 1;
    }
    if (mult != 1) {
      val *= mult;
      end++;
    }
    if (Long.compareUnsigned(val, check) < 0 || end != str.length()) {
      val = -1L;
    }
    return val;
  }
}
