package org.daxsim.bus.daxctl;

import org.daxsim.core.Strtoull;
import org.daxsim.core.Strtoull.Parsed;

/** The C library number conversions daxctl relies on (strtoull, strtoll, "%#llx"). */
final class Num {
  private Num() {}

  /** strtoull(s, &end, base) for base 0, 10 or 16 ({@link Strtoull}). */
  static Parsed strtoull(String s, int base) {
    return Strtoull.parse(s, base);
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
