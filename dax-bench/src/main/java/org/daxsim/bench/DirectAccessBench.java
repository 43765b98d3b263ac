package org.daxsim.bench;

import java.util.concurrent.TimeUnit;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.KaddrPfn;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 2 of issue 8: dax_direct_access() through {@code DaxCore} (dax_read_lock, the
 * alive/ops/argument checks, the ops call, the tracepoint check, dax_read_unlock) versus the
 * bare per-range lookup of benchmark 1, with one and with two threads on one shared device.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(5) // forks differ: some run the 2-thread wrapper 25% slower, for the whole fork (benchmarks.md)
public class DirectAccessBench {
  /** The device, shared by all threads as in the kernel. */
  @State(Scope.Benchmark)
  public static class Device {
    @Param({"16"})
    public int ranges;

    BenchDevice d;

    @Setup
    public void setup() throws Exception {
      d = new BenchDevice(ranges);
    }
  }

  /** Each thread's pgoffs, cursor and on-stack kaddr/pfn. */
  @State(Scope.Thread)
  public static class Caller {
    long[] pgoffs;
    int next;
    final KaddrPfn out = new KaddrPfn();

    @Setup
    public void setup(Device dev) {
      pgoffs = dev.d.randomPgoffs(System.identityHashCode(this));
    }

    long nextPgoff() {
      int i = next;
      next = (i + 1) & (BenchDevice.PGOFFS - 1);
      return pgoffs[i];
    }
  }

  private static long wrapper(Device s, Caller c) {
    BenchDevice d = s.d;
    int id = d.core.daxReadLock();
    long rc = d.core.daxDirectAccess(d.dax, c.nextPgoff(), 1, DaxAccessMode.DAX_ACCESS, c.out);
    d.core.daxReadUnlock(id);
    return rc + c.out.pfn();
  }

  private static long bare(Device s, Caller c) {
    BenchDevice d = s.d;
    long rc = d.ops.directAccess(d.dax, c.nextPgoff(), 1, DaxAccessMode.DAX_ACCESS, c.out);
    return rc + c.out.pfn();
  }

  /** dax_read_lock + dax_direct_access + dax_read_unlock, one thread. */
  @Benchmark
  @Threads(1)
  public long wrapper1T(Device s, Caller c) {
    return wrapper(s, c);
  }

  /** The same, two threads on the same device. */
  @Benchmark
  @Threads(2)
  public long wrapper2T(Device s, Caller c) {
    return wrapper(s, c);
  }

  /** Baseline: the bare per-range ops call of benchmark 1, one thread. */
  @Benchmark
  @Threads(1)
  public long bareLookup1T(Device s, Caller c) {
    return bare(s, c);
  }

  /** Baseline, two threads. */
  @Benchmark
  @Threads(2)
  public long bareLookup2T(Device s, Caller c) {
    return bare(s, c);
  }
}
