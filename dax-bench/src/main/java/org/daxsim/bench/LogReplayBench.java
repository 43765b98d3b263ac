package org.daxsim.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.FormatException;
import org.daxsim.fs.famfs.format.LogEntries;
import org.daxsim.fs.famfs.format.LogEntry;
import org.daxsim.fs.famfs.format.LogFmap;
import org.daxsim.fs.famfs.format.SimpleExtent;
import org.daxsim.fs.famfs.tools.ToolResult;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.sim.DaxSim;
import org.daxsim.sim.Host;
import org.daxsim.sim.RegionRequest;
import org.daxsim.sim.World;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 7 of issue 8: {@code famfs logplay} of a full log (256 MiB: 493,447 entries, each
 * a 2 MiB file in the root directory) into a freshly mounted famfs, creating every file and
 * its map, versus the baseline in the same run: decoding the same entries alone with the
 * format codec ({@link LogEntries#decode}, seqnum + CRC + payload), no file creation. The log
 * is written once per fork, with the codec famfs creat appends through (byte-identical to
 * what creat would have written, see {@link #encodeLog}); every replay iteration gets a fresh
 * kernel mount with its meta files, as {@code famfs mount} makes before it replays. A third
 * benchmark, {@link #dryRun}, measures the part of replay that creates nothing (reading,
 * decoding and one stat per entry): the floor any replay that makes the same calls stands on.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 8)
@Fork(3) // replay shots swing with G1 pauses and the shared host: three JVMs, not one
public class LogReplayBench {
  static final long UNIT = FamfsFormat.ALLOC_UNIT;
  static final String DEV = "/dev/dax0.0";
  static final String MPT = "/mnt";

  /** The world with the famfs device and its full log; the log's entry bytes for decoding. */
  @State(Scope.Benchmark)
  public static class Log {
    @Param({"493447"})
    public int entries;

    World world;
    Host host;
    long logLen;
    byte[] bytes;

    @Setup(Level.Trial)
    public void setup() throws Exception {
      logLen = logLenFor(entries);
      long devSize = FamfsFormat.LOG_OFFSET + logLen + (long) entries * UNIT;
      devSize = Math.max(4L << 30, (devSize + (1L << 30) - 1) & -(1L << 30)); // mkfs: >= 4 GiB
      world = DaxSim.newWorld();
      host = world.currentHost();
      MemoryDevice pool = world.addMemdev("pool0", devSize);
      world.addRegion(host, RegionRequest.ofMemdev("pool0"));
      ok(host.famfsTool("mkfs.famfs", "-M", "-l", Long.toString(logLen), DEV));
      bytes = encodeLog(entries, logLen);
      // dax0.0 spans the pool in one range, so device offsets are pool offsets
      pool.write(FamfsFormat.LOG_OFFSET + FamfsFormat.LOG_HEADER_BYTES, bytes, 0, bytes.length);
      pool.writeLong(FamfsFormat.LOG_OFFSET + 40, entries); // next_index, then next_seqnum
      pool.writeLong(FamfsFormat.LOG_OFFSET + 32, entries);
    }
  }

  /** A fresh mount for every replay: umount (if mounted), mount, mkmeta; no logplay yet. */
  @State(Scope.Benchmark)
  public static class Mount {
    boolean mounted;

    @Setup(Level.Iteration)
    public void remount(Log log) throws Exception {
      Process p = log.host.root();
      if (mounted) {
        ok(log.host.famfsTool("umount", MPT));
      }
      p.mount(DEV, MPT, "famfs", "");
      mounted = true;
      // famfs_mkmeta(), as famfs mount does before its own replay
      p.mkdir(MPT + "/.meta", 0755);
      createMapped(p, MPT + "/.meta/.superblock", 0444, FamfsMap.FAMFS_SUPERBLOCK, 0,
          FamfsFormat.SUPERBLOCK_LEN);
      createMapped(p, MPT + "/.meta/.log", 0644, FamfsMap.FAMFS_LOG, FamfsFormat.LOG_OFFSET,
          log.logLen);
    }
  }

  /** famfs logplay of the whole log into the fresh mount; fails unless every file was made. */
  @Benchmark
  public ToolResult replay(Log log, Mount m) {
    ToolResult r = log.host.famfsTool("famfs", "logplay", MPT);
    if (r.exit() != 0 || !r.stdout().contains("created " + log.entries + ",")) {
      throw new IllegalStateException("logplay: " + r.stdout() + r.stderr());
    }
    return r;
  }

  /**
   * The floor under replay: {@code famfs logplay -n} (dry run) on the same fresh mount. It reads
   * the whole log through the mapped log file, checks and decodes every entry, and stats every
   * path, as replay does before it creates anything; it creates nothing. What replay costs on
   * top of this is the file creation itself (open, chmod, ioctl, close, and the retained files).
   */
  @Benchmark
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  public ToolResult dryRun(Log log, Mount m) {
    ToolResult r = log.host.famfsTool("famfs", "logplay", "-n", MPT);
    if (r.exit() != 0 || !r.stdout().contains("processed " + log.entries + " files, created 0,")) {
      throw new IllegalStateException("logplay -n: " + r.stdout() + r.stderr());
    }
    return r;
  }

  /**
   * The baseline: every entry decoded (seqnum, CRC, path, fmap) from the same bytes. A shot
   * takes 45 ms once compiled, and C2 compiles the loop only after several shots (up to 130 ms
   * each before), so it warms up for 20 shots: the baseline is the steady decode.
   */
  @Benchmark
  @Warmup(iterations = 20)
  @Measurement(iterations = 10)
  public long decode(Log log) throws FormatException {
    byte[] b = log.bytes;
    long sum = 0;
    for (int i = 0; i < log.entries; i++) {
      LogEntry e = LogEntries.decode(b, i * FamfsFormat.LOG_ENTRY_BYTES, i);
      sum += ((FileEntry) e).size();
    }
    return sum;
  }

  /** The smallest valid log length (a power of two, at least 8 MiB) holding {@code n} entries. */
  static long logLenFor(int n) {
    long len = FamfsFormat.MIN_LOG_LEN;
    while (FamfsFormat.lastIndex(len) + 1 < n) {
      len <<= 1;
    }
    return len;
  }

  /** The name of file {@code i}, relative to the mount point. */
  static String name(int i) {
    return String.format("f%06d", i);
  }

  /**
   * The entry bytes of {@code n} files as {@code famfs creat -s 2m /mnt/fNNNNNN} run in order
   * by root (umask 022) would append them: FILE entries with seqnum = slot, size 2 MiB, flags
   * ALL_HOSTS_RW, uid/gid 0, mode 0644, one extent at the first free unit after the log (the
   * allocator is first fit), encoded by {@link LogEntries#encode} as LockedLog.append does.
   */
  static byte[] encodeLog(int n, long logLen) throws FormatException {
    byte[] out = new byte[n * FamfsFormat.LOG_ENTRY_BYTES];
    long first = FamfsFormat.LOG_OFFSET + logLen;
    for (int i = 0; i < n; i++) {
      LogFmap fmap = LogFmap.simple(List.of(new SimpleExtent(0, first + i * UNIT, UNIT)));
      byte[] e = LogEntries.encode(new FileEntry(i, UNIT, FamfsFormat.FILE_FLAG_ALL_HOSTS_RW,
          0, 0, 0644, name(i), fmap));
      System.arraycopy(e, 0, out, i * FamfsFormat.LOG_ENTRY_BYTES, e.length);
    }
    return out;
  }

  private static void createMapped(Process p, String path, int mode, int type, long off,
      long len) throws Exception {
    int fd = p.open(path, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, mode);
    try {
      FamfsIoctl.mapCreateV2(p, fd,
          FamfsMap.simple(type, len, List.of(new FamfsMap.Extent(0, off, len))));
    } finally {
      p.close(fd);
    }
  }

  static void ok(ToolResult r) {
    if (r.exit() != 0) {
      throw new IllegalStateException(r.stderr());
    }
  }
}
