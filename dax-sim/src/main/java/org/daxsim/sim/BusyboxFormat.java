package org.daxsim.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** busybox's formatting helpers: bb_mode_string(), ls -l's date, stat's human_time(). */
final class BusyboxFormat {
  /**
   * The current time ls -l compares dates with (its six-month rule): the hosts' VFS clock,
   * which stands at the epoch.
   */
  static final long NOW_SECONDS = 0;

  private static final String TYPES = "?pc?d?b?-?l?s???";

  private BusyboxFormat() {}

  /** libbb/mode_string.c bb_mode_string(): e.g. {@code drwxr-xr-x}, {@code crw-------}. */
  static String modeString(int mode) {
    StringBuilder s = new StringBuilder(10);
    s.append(TYPES.charAt((mode >>> 12) & 0xf));
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      s.append((mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
    }
    special(s, 3, mode, 04000, 0100, 's');
    special(s, 6, mode, 02000, 010, 's');
    special(s, 9, mode, 01000, 01, 't');
    return s.toString();
  }

  private static void special(StringBuilder s, int at, int mode, int bit, int x, char c) {
    if ((mode & bit) != 0) {
      s.setCharAt(at, (mode & x) != 0 ? c : Character.toUpperCase(c));
    }
  }

  /** The user or group name /etc/passwd gives: root for 0, else the number. */
  static String name(int id) {
    return id == 0 ? "root" : Integer.toString(id);
  }

  /**
   * ls -l's date column: {@code "%.6s "} of ctime() (e.g. {@code "Jan  1 "}), then
   * {@code "HH:MM "} if less than six months old, else {@code " YYYY "}.
   */
  static String lsDate(long timeNs) {
    long sec = Math.floorDiv(timeNs, 1_000_000_000L);
    ZonedDateTime t = Instant.ofEpochSecond(sec).atZone(ZoneOffset.UTC);
    String day = t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT)
        + String.format(Locale.ROOT, " %2d ", t.getDayOfMonth());
    long age = NOW_SECONDS - sec;
    if (age < 3600L * 24 * 365 / 2 && age > -15 * 60) {
      return day + String.format(Locale.ROOT, "%02d:%02d ", t.getHour(), t.getMinute());
    }
    return day + String.format(Locale.ROOT, " %4d ", t.getYear());
  }

  /** stat's human_time(): {@code YYYY-MM-DD HH:MM:SS.NNNNNNNNN +0000} (UTC). */
  static String humanTime(long timeNs) {
    long sec = Math.floorDiv(timeNs, 1_000_000_000L);
    long nsec = Math.floorMod(timeNs, 1_000_000_000L);
    ZonedDateTime t = Instant.ofEpochSecond(sec).atZone(ZoneOffset.UTC);
    return String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d.%09d +0000", t.getYear(),
        t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), nsec);
  }
}
