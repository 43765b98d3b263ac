package org.daxsim.bus.daxctl;

/**
 * util/json.c display_size (adapted from mdadm human_size_brief): below 5000 KiB the plain
 * number, else {@code "X.YY MiB (X.YY MB)"}, GiB from 2 GiB, TiB from 2 TiB, with the same
 * centi-unit rounding in unsigned 64-bit arithmetic.
 */
final class HumanSize {
  private static final long K = 0x400L;
  private static final long M = 0x100000L;
  private static final long G = 0x40000000L;
  private static final long T = 0x10000000000L;

  private HumanSize() {}

  static String format(long bytes) {
    if (Long.compareUnsigned(bytes, 5000 * K) < 0) {
      return Long.toString(bytes);
    }
    StringBuilder sb = new StringBuilder("\"");
    if (Long.compareUnsigned(bytes, 2 * G) < 0) {
      centi(sb, (Long.divideUnsigned(bytes * 200, M) + 1) / 2, " MiB");
      centi(sb.append(" ("), (Long.divideUnsigned(bytes, 1000000L / 200) + 1) / 2, " MB");
    } else if (Long.compareUnsigned(bytes, 2 * T) < 0) {
      centi(sb, (Long.divideUnsigned(bytes * 200, G) + 1) / 2, " GiB");
      centi(sb.append(" ("), (Long.divideUnsigned(bytes, 1000000000L / 200) + 1) / 2, " GB");
    } else {
      centi(sb, (Long.divideUnsigned(bytes * 200, T) + 1) / 2, " TiB");
      centi(sb.append(" ("), (Long.divideUnsigned(bytes, 1000000000000L / 200) + 1) / 2, " TB");
    }
    return sb.append(")\"").toString();
  }

  private static void centi(StringBuilder sb, long c, String unit) {
    sb.append(c / 100).append('.');
    long frac = c % 100;
    if (frac < 10 && frac >= 0) {
      sb.append('0');
    }
    sb.append(frac).append(unit);
  }
}
