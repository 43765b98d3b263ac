package org.daxsim.bench;

import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.daxsim.core.mem.MemoryDevice;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Benchmark 6 of issue 8, sparse memory: the heap a {@link MemoryDevice} retains after {@code
 * pages} distinct 4 KiB pages, scattered uniformly over a 1 TiB device (fixed seed, random
 * order), were each written in full. The baseline, in the same run, is the bytes touched,
 * {@code pages * 4096}; the bar is retained / touched - 1 &lt;= 10%. Each single-shot iteration
 * measures the retained heap after GC ({@link HeapProbe}) before creating the device and again
 * after the writes, with the device still reachable; the difference is the device's cost.
 *
 * <p>The numbers are JMH secondary results ({@link AuxCounters}, so they land in the JSON):
 * {@code touchedBytes}, {@code retainedBytes} and {@code overheadPercent} of each iteration
 * (JMH's table shows their sum over the iterations, the JSON's {@code rawData} each one). The
 * primary score is just the time of one iteration (writes plus four full GCs), not a bar.
 * {@code emptyDevices} measures what a fresh, untouched 1 TiB device costs ({@code
 * bytesPerDevice}, averaged over 1000 devices to rise above the noise). The {@code radix*}
 * methods measure the previous store ({@link RadixStore}) the same way, as the "before".
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 3)
// 1,000,000 pages are 4 GiB of blocks. MarkSweepDeadRatio=0: a full GC compacts every region
// (by default G1 may leave up to 5% dead space in mostly-live regions, which showed up as
// +-70 KiB of noise), so the post-GC usage is the exact live bytes.
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:MarkSweepDeadRatio=0"})
public class SparseMemoryBench {
  static final long SEED = 0x5ca77e7edL;
  static final int EMPTY_DEVICES = 1000;

  /** The pages to touch, drawn once per trial (outside the measured heap). */
  @State(Scope.Benchmark)
  public static class Touch {
    @Param({"1000", "100000", "1000000"})
    public int pages;

    @Param({"1099511627776"}) // 1 TiB
    public long deviceBytes;

    long[] offsets;
    final byte[] page = new byte[4096];

    @Setup(Level.Trial)
    public void setup() throws Exception {
      offsets = HeapProbe.scatteredPages(pages, deviceBytes, SEED);
      Arrays.fill(page, (byte) 0xa5);
      warmUp();
    }
  }

  /**
   * Initialises, before the first measurement, what the first writes and the first heap probe
   * would otherwise create and keep (class initialisation, VarHandle linkage, the platform
   * MXBeans: about 27 and 17 KiB), so no iteration counts it.
   */
  static void warmUp() throws Exception {
    MemoryDevice dev = MemoryDevice.create("warm-up", 1L << 30);
    RadixStore radix = new RadixStore(1L << 30);
    byte[] page = new byte[4096];
    for (long off : HeapProbe.scatteredPages(100, 1L << 30, SEED)) {
      dev.write(off, page, 0, page.length);
      dev.read(off, page, 0, page.length);
      radix.write(off, page, 0, page.length);
      radix.read(off, page, 0, page.length);
    }
    dev.zero(0, 1L << 30);
    HeapProbe.retainedAfterGc();
  }

  /** The same for the old radix, which would need about 5.5 GiB at 1,000,000 pages. */
  @State(Scope.Benchmark)
  public static class RadixTouch {
    @Param({"1000", "100000"})
    public int pages;

    @Param({"1099511627776"})
    public long deviceBytes;

    long[] offsets;
    final byte[] page = new byte[4096];

    @Setup(Level.Trial)
    public void setup() throws Exception {
      offsets = HeapProbe.scatteredPages(pages, deviceBytes, SEED);
      Arrays.fill(page, (byte) 0xa5);
      warmUp();
    }
  }

  /** One iteration's result: the heap the device retained against the bytes it was given. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Retained {
    public long touchedBytes;
    public long retainedBytes;
    public double overheadPercent;

    @Setup(Level.Iteration)
    public void reset() {
      touchedBytes = 0;
      retainedBytes = 0;
      overheadPercent = 0;
    }

    void record(long touched, long before, long after) {
      touchedBytes = touched;
      retainedBytes = after - before;
      overheadPercent = 100.0 * retainedBytes / touched - 100.0;
    }
  }

  /** What one untouched device costs. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Empty {
    public long bytesPerDevice;

    @Setup(Level.Iteration)
    public void reset() throws Exception {
      bytesPerDevice = 0;
      warmUp();
    }
  }

  /** Touch the scattered pages of a fresh device and measure what it retains. */
  @Benchmark
  public long scatteredPages(Touch t, Retained r) throws Exception {
    long before = HeapProbe.retainedAfterGc();
    MemoryDevice dev = MemoryDevice.create("sparse", t.deviceBytes);
    for (long off : t.offsets) {
      dev.write(off, t.page, 0, t.page.length);
    }
    long after = HeapProbe.retainedAfterGc();
    r.record((long) t.offsets.length * t.page.length, before, after);
    Reference.reachabilityFence(dev); // the device must be live during the second GC
    return dev.residentBytes();
  }

  /** The same with the previous radix store. */
  @Benchmark
  public long radixScatteredPages(RadixTouch t, Retained r) {
    long before = HeapProbe.retainedAfterGc();
    RadixStore dev = new RadixStore(t.deviceBytes);
    for (long off : t.offsets) {
      dev.write(off, t.page, 0, t.page.length);
    }
    long after = HeapProbe.retainedAfterGc();
    r.record((long) t.offsets.length * t.page.length, before, after);
    Reference.reachabilityFence(dev);
    return after;
  }

  /** A fresh 1 TiB device, averaged over 1000 of them (the array itself is excluded). */
  @Benchmark
  public long emptyDevices(Empty e) throws Exception {
    MemoryDevice[] devs = new MemoryDevice[EMPTY_DEVICES];
    long before = HeapProbe.retainedAfterGc();
    for (int i = 0; i < devs.length; i++) {
      devs[i] = MemoryDevice.create("empty", 1L << 40);
    }
    long after = HeapProbe.retainedAfterGc();
    e.bytesPerDevice = (after - before) / devs.length;
    Reference.reachabilityFence(devs);
    return after;
  }

  /** The same with the previous radix store (its 1024-slot root). */
  @Benchmark
  public long radixEmptyDevices(Empty e) {
    RadixStore[] devs = new RadixStore[EMPTY_DEVICES];
    long before = HeapProbe.retainedAfterGc();
    for (int i = 0; i < devs.length; i++) {
      devs[i] = new RadixStore(1L << 40);
    }
    long after = HeapProbe.retainedAfterGc();
    e.bytesPerDevice = (after - before) / devs.length;
    Reference.reachabilityFence(devs);
    return after;
  }
}
