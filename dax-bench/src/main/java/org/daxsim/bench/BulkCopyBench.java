package org.daxsim.bench;

import java.util.concurrent.TimeUnit;
import org.daxsim.core.mem.MemoryDevice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 6 of issue 8, its bulk-copy bar: {@link MemoryDevice#read} of successive 1 MiB spans
 * of a densely written region (at 512 GiB into a 1 TiB device) versus the baseline, a plain
 * {@code System.arraycopy} of the same spans from a flat {@code byte[]} of the region's size,
 * and versus the previous radix store ({@link RadixStore}) reading the same region: the sparse
 * store must keep bulk copies at one lookup plus one arraycopy per 4 KiB block. The region is
 * larger than the last-level cache, so all three stream from memory. Throughput in spans/s.
 *
 * <p>Each method's fork allocates only the region it reads (separate states): with all three in
 * one heap, whichever was allocated second measured up to 15% slower, in either order, which is
 * heap placement and not the code (in cache the three are within 5%).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class BulkCopyBench {
  private static final long BASE = 1L << 39;

  /** The region's size, the span and the destination. */
  @State(Scope.Thread)
  public static class Spans {
    @Param({"256"})
    public int regionMiB;

    @Param({"1048576"})
    public int spanBytes;

    byte[] dst;
    int spans;
    int next;

    @Setup
    public void setup() {
      dst = new byte[spanBytes];
      spans = (regionMiB << 20) / spanBytes;
    }

    long nextOffset() {
      int s = next;
      next = s + 1 == spans ? 0 : s + 1;
      return (long) s * spanBytes;
    }

    /** The region's bytes at {@code off}: something in every block, so every block exists. */
    byte[] chunk(int off) {
      byte[] b = new byte[1 << 20];
      for (int i = 0; i < b.length; i += 8) {
        b[i] = (byte) ((off + i) >>> 12);
      }
      return b;
    }
  }

  /** The baseline's flat array. */
  @State(Scope.Thread)
  public static class Flat {
    byte[] flat;

    @Setup
    public void setup(Spans s) {
      flat = new byte[s.regionMiB << 20];
      for (int off = 0; off < flat.length; off += 1 << 20) {
        System.arraycopy(s.chunk(off), 0, flat, off, 1 << 20);
      }
    }
  }

  /** The device. */
  @State(Scope.Thread)
  public static class Device {
    MemoryDevice dev;

    @Setup
    public void setup(Spans s) throws Exception {
      dev = MemoryDevice.create("dense", 1L << 40);
      for (int off = 0; off < s.regionMiB << 20; off += 1 << 20) {
        dev.write(BASE + off, s.chunk(off), 0, 1 << 20);
      }
    }
  }

  /** The previous radix store. */
  @State(Scope.Thread)
  public static class Radix {
    RadixStore radix;

    @Setup
    public void setup(Spans s) {
      radix = new RadixStore(1L << 40);
      for (int off = 0; off < s.regionMiB << 20; off += 1 << 20) {
        radix.write(BASE + off, s.chunk(off), 0, 1 << 20);
      }
    }
  }

  /** Baseline: System.arraycopy of the span from the flat array. */
  @Benchmark
  public byte[] arraycopyFlat(Spans s, Flat f) {
    System.arraycopy(f.flat, (int) s.nextOffset(), s.dst, 0, s.spanBytes);
    return s.dst;
  }

  /** The sparse store behind MemoryDevice (argument checks included). */
  @Benchmark
  public byte[] deviceRead(Spans s, Device d) throws Exception {
    d.dev.read(BASE + s.nextOffset(), s.dst, 0, s.spanBytes);
    return s.dst;
  }

  /** The previous radix store, same region. */
  @Benchmark
  public byte[] radixRead(Spans s, Radix r) {
    r.radix.read(BASE + s.nextOffset(), s.dst, 0, s.spanBytes);
    return s.dst;
  }
}
