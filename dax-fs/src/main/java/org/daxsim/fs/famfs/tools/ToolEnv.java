package org.daxsim.fs.famfs.tools;

import java.util.Random;
import org.daxsim.bus.daxctl.Daxctl;
import org.daxsim.bus.sysfs.SysfsView;
import org.daxsim.core.Args;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Process;

/**
 * What a famfs tool process sees on its host: the process it runs as (credentials, files,
 * memory), sysfs, daxctl for {@code --set-daxmode}, a seeded random source (UUIDs, bucket
 * order, file contents), the minimum device size mkfs accepts, and an optional crash point
 * for torn-write experiments. Immutable; the {@code with*} methods return a copy.
 */
public final class ToolEnv {
  /** famfs_mkfs_allowed(): the smallest device mkfs accepts by default (4 GiB). */
  public static final long DEFAULT_MIN_DEV_SIZE = 4L << 30;

  private final Process proc;
  private final SysfsView sysfs;
  private final Daxctl daxctl;
  private final Random random;
  private final long minDevSize;
  private final CrashPoint crash;
  private long minBucketSize = 1L << 30;

  private ToolEnv(Process proc, SysfsView sysfs, Daxctl daxctl, Random random, long minDevSize,
      CrashPoint crash) {
    this.proc = proc;
    this.sysfs = sysfs;
    this.daxctl = daxctl;
    this.random = random;
    this.minDevSize = minDevSize;
    this.crash = crash;
  }

  /** Tools run as {@code proc}, read {@code sysfs}, draw randomness from {@code seed}. */
  public static ToolEnv of(Process proc, SysfsView sysfs, long seed) throws ErrnoException {
    Args.notNull(proc, "proc");
    Args.notNull(sysfs, "sysfs");
    return new ToolEnv(proc, sysfs, null, new Random(seed), DEFAULT_MIN_DEV_SIZE, null);
  }

  /** With daxctl, for {@code -M/--set-daxmode}. */
  public ToolEnv withDaxctl(Daxctl d) {
    return copy(new ToolEnv(proc, sysfs, d, random, minDevSize, crash));
  }

  private ToolEnv copy(ToolEnv e) {
    e.minBucketSize = minBucketSize;
    return e;
  }

  /** With another minimum device size for mkfs (famfs's unit tests relax it too). */
  public ToolEnv withMinDevSize(long bytes) throws ErrnoException {
    Args.nonNegative(bytes, "minDevSize");
    return copy(new ToolEnv(proc, sysfs, daxctl, random, bytes, crash));
  }

  /** As another process (e.g. a non-root user) on the same host. */
  public ToolEnv withProcess(Process p) throws ErrnoException {
    return copy(new ToolEnv(Args.notNull(p, "proc"), sysfs, daxctl, random, minDevSize, crash));
  }

  /**
   * The world stops after {@code bytes} more bytes of famfs metadata are stored by this
   * environment's tools: the store in progress is torn there and the tool dies.
   */
  public ToolEnv withCrashAfter(long bytes) throws ErrnoException {
    Args.nonNegative(bytes, "bytes");
    return copy(new ToolEnv(proc, sysfs, daxctl, random, minDevSize, new CrashPoint(bytes)));
  }

  /**
   * With another minimum bucket size for interleaved allocation (famfs requires 1 GiB buckets;
   * its unit tests relax it with a mock, small simulated devices need the same).
   */
  public ToolEnv withMinBucketSize(long bytes) throws ErrnoException {
    Args.positive(bytes, "minBucketSize");
    ToolEnv e = new ToolEnv(proc, sysfs, daxctl, random, minDevSize, crash);
    e.minBucketSize = bytes;
    return e;
  }

  public long minBucketSize() {
    return minBucketSize;
  }

  public Process proc() {
    return proc;
  }

  public SysfsView sysfs() {
    return sysfs;
  }

  /** daxctl, or null when the host gave none. */
  public Daxctl daxctl() {
    return daxctl;
  }

  public Random random() {
    return random;
  }

  public long minDevSize() {
    return minDevSize;
  }

  CrashPoint crash() {
    return crash;
  }
}
