package org.daxsim.fs.famfs.tools;

/** A budget of metadata bytes before the world stops (see {@link ToolEnv#withCrashAfter}). */
final class CrashPoint {
  private long left;

  CrashPoint(long bytes) {
    this.left = bytes;
  }

  /** How many of {@code want} bytes may still be stored; 0 once the world has stopped. */
  synchronized int take(int want) {
    int n = (int) Math.min(want, left);
    left -= n;
    return n;
  }
}
