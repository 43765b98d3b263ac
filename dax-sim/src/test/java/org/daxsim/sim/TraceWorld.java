package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout the trace and map tests share (simtrace's fixture): region0 = 8 GiB at
 * {@link #R0}, region1 = 2 GiB at {@link #R1}; dax0.2 made of two ranges by destroying its
 * neighbour and growing it: range 0 = [R0 + 2G, R0 + 4G) at pgoff 0, range 1 = [R0, R0 + 2G)
 * at pgoff 0x80000; famfs on it with {@code pad} (2036 MiB) after the 10 MiB of superblock and
 * log, so that {@code f} (4 MiB) sits at device offset 2046 MiB and crosses the range boundary
 * 2 MiB into the file.
 */
final class TraceWorld {
  static final long G = 1L << 30;
  static final long M = 1L << 20;
  static final long R0 = 0x100000000L;
  static final long R1 = 0x340000000L;
  /** Device offset of f: 2 MiB superblock + 8 MiB log + 2036 MiB pad. */
  static final long F_DEVOFF = 2046 * M;

  private TraceWorld() {}

  static Result ok(Shell sh, String line) throws Exception {
    Result r = sh.execute(line);
    assertThat(r.exit()).as(line + " -> " + r).isZero();
    return r;
  }

  /** The device with two ranges, unbound, before the growth (dax0.2 = [R0 + 2G, R0 + 4G)). */
  static Shell beforeGrowth() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld());
    ok(sh, "region add --size 8G --idle --base 0x100000000");
    ok(sh, "region add --size 2G --idle --base 0x340000000");
    ok(sh, "daxctl create-device -r 0 -s 2G");
    ok(sh, "daxctl create-device -r 0 -s 2G");
    ok(sh, "daxctl disable-device dax0.1");
    ok(sh, "daxctl destroy-device dax0.1");
    ok(sh, "daxctl disable-device dax0.2");
    return sh;
  }

  static final String GROW = "echo 4294967296 > /sys/bus/dax/devices/dax0.2/size";

  /** The whole layout, famfs mounted at /mnt/famfs with pad and f, per-range. */
  static Shell famfs() throws Exception {
    return famfs("per-range");
  }

  /**
   * The whole layout with fsdev's direct_access {@code variant} (fsdev installs the variant
   * when it binds, so it is set before the reconfigure).
   */
  static Shell famfs(String variant) throws Exception {
    Shell sh = beforeGrowth();
    ok(sh, GROW);
    ok(sh, "variant set dev-dax-direct-access " + variant);
    ok(sh, "daxctl reconfigure-device -m famfs dax0.2");
    sh.world().currentHost().root().mkdir("/mnt/famfs", 0755);
    ok(sh, "mkfs.famfs /dev/dax0.2");
    ok(sh, "famfs mount /dev/dax0.2 /mnt/famfs");
    ok(sh, "famfs creat -s 2036M /mnt/famfs/pad");
    ok(sh, "famfs creat -s 4M /mnt/famfs/f");
    assertThat(ok(sh, "famfs getmap /mnt/famfs/f").stdout())
        .contains(Long.toHexString(F_DEVOFF) + "\t" + (4 * M));
    return sh;
  }

  /** One ftrace line as {@link TraceFormat} documents it: comm right-aligned in 16, pid 1. */
  static String line(String comm, String event, String fields) {
    return " ".repeat(16 - comm.length()) + comm + "-1       [000] ..... " + event + ": "
        + fields + "\n";
  }
}
