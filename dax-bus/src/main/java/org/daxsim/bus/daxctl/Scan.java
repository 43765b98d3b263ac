package org.daxsim.bus.daxctl;

/** The sscanf(3) patterns libdaxctl and daxctl use on names. */
final class Scan {
  private Scan() {}

  /** sscanf(s, "%d") at {@code pos}: {value, newPos} or null. */
  static long[] scanInt(String s, int pos) {
    int i = pos;
    while (i < s.length() && org.daxsim.core.Strtoull.isSpace(s.charAt(i))) {
      i++;
    }
    int start = i;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    int digits = i;
    long v = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      v = v * 10 + (s.charAt(i) - '0');
      i++;
      if (v > Integer.MAX_VALUE * 4L) {
        v = Integer.MAX_VALUE * 4L;
      }
    }
    if (i == digits) {
      return null;
    }
    if (s.charAt(start) == '-') {
      v = -v;
    }
    return new long[] {(int) v, i};
  }

  /** sscanf(name, "dax%d.%d", &region, &id) == 2: {region, id} or null. */
  static int[] daxName(String name) {
    if (!name.startsWith("dax")) {
      return null;
    }
    long[] a = scanInt(name, 3);
    if (a == null || a[1] >= name.length() || name.charAt((int) a[1]) != '.') {
      return null;
    }
    long[] b = scanInt(name, (int) a[1] + 1);
    if (b == null) {
      return null;
    }
    return new int[] {(int) a[0], (int) b[0]};
  }

  /** sscanf(s, "<prefix>%d") == 1: the number or null. */
  static Integer prefixed(String s, String prefix) {
    if (!s.startsWith(prefix)) {
      return null;
    }
    long[] a = scanInt(s, prefix.length());
    return a == null ? null : (int) a[0];
  }

  /** sscanf(s, "%d.%d") == 2: {a, b} or null. */
  static int[] pair(String s) {
    long[] a = scanInt(s, 0);
    if (a == null || a[1] >= s.length() || s.charAt((int) a[1]) != '.') {
      return null;
    }
    long[] b = scanInt(s, (int) a[1] + 1);
    if (b == null) {
      return null;
    }
    return new int[] {(int) a[0], (int) b[0]};
  }
}
