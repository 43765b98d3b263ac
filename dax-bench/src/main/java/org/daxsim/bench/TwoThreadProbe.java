package org.daxsim.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.KaddrPfn;

/**
 * A plain two-thread probe of benchmark 2, outside JMH: two threads run one kind of call on a
 * shared 16-range device (as {@link DirectAccessBench} does) and each reports its own
 * throughput, once a second. It exists to tell apart what makes some 2-thread wrapper forks
 * slow (docs/benchmarks.md, benchmark 2): run it in fresh JVMs, one mode at a time, and compare
 * the runs. Modes:
 * <ul>
 *   <li>{@code bare}: the bare ops call of benchmark 1;
 *   <li>{@code fence}: one {@code VarHandle.fullFence()}, then the bare ops call (no SRCU, no
 *       store);
 *   <li>{@code own}: the SRCU read side's pattern on the thread's own padded counters (an
 *       opaque increment, a full fence, the bare ops call, a release increment), no shared
 *       object;
 *   <li>{@code srcu}: dax_read_lock, the bare ops call, dax_read_unlock;
 *   <li>{@code wrapper}: dax_read_lock, dax_direct_access, dax_read_unlock (benchmark 2).
 * </ul>
 * Usage: {@code java -cp dax-bench/target/benchmarks.jar org.daxsim.bench.TwoThreadProbe MODE}.
 */
public final class TwoThreadProbe {
  /** The modes, in the order of the class comment. */
  static final String[] MODES = {"bare", "fence", "own", "srcu", "wrapper"};
  private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
  /** Each thread's count sits 16 longs from the other's: no shared cache line. */
  private static final int STRIDE = 16;

  private TwoThreadProbe() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "wrapper";
    if (args.length > 1 || !java.util.Arrays.asList(MODES).contains(mode)) {
      System.err.println("usage: TwoThreadProbe [" + String.join("|", MODES) + "]");
      System.exit(2);
    }
    double[][] rounds = run(mode, 4000, 4, 1000);
    for (double[] r : rounds) {
      System.out.printf(Locale.ROOT, "%s: %.1f %.1f ops/us, total %.1f%n", mode, r[0], r[1],
          r[0] + r[1]);
    }
  }

  /**
   * Runs {@code mode} on two threads: {@code warmMs} of warmup, then {@code rounds} rounds of
   * {@code roundMs}. Returns each round's ops/µs per thread.
   */
  static double[][] run(String mode, long warmMs, int rounds, long roundMs) throws Exception {
    int kind = java.util.Arrays.asList(MODES).indexOf(mode);
    if (kind < 0) {
      throw new IllegalArgumentException("mode must be one of " + String.join(", ", MODES));
    }
    BenchDevice d = new BenchDevice(16);
    AtomicLongArray counts = new AtomicLongArray(2 * STRIDE);
    long[] sinks = new long[2 * STRIDE];
    Thread[] threads = new Thread[2];
    AtomicBoolean stop = new AtomicBoolean();
    for (int t = 0; t < 2; t++) {
      final int me = t;
      threads[t] = new Thread(() -> {
        long[] pgoffs = d.randomPgoffs(me * 7919 + 1);
        KaddrPfn out = new KaddrPfn();
        long[] own = new long[20]; // as an Srcu cell: slots 8 and 10, 64 bytes of padding
        long sink = 0;
        long ops = 0;
        int i = 0;
        while (!stop.get()) {
          for (int k = 0; k < 1024; k++) {
            long pgoff = pgoffs[i];
            i = (i + 1) & (BenchDevice.PGOFFS - 1);
            sink += call(d, kind, pgoff, out, own) + out.pfn();
          }
          ops += 1024;
          counts.lazySet(me * STRIDE, ops); // a release store every 1024 calls
        }
        sinks[me * STRIDE] = sink;
      }, "probe-" + t);
      threads[t].setDaemon(true);
      threads[t].start();
    }
    Thread.sleep(warmMs);
    double[][] out = new double[rounds][2];
    for (int r = 0; r < rounds; r++) {
      long[] before = {counts.get(0), counts.get(STRIDE)};
      long t0 = System.nanoTime();
      Thread.sleep(roundMs);
      long ns = System.nanoTime() - t0;
      out[r][0] = (counts.get(0) - before[0]) * 1000.0 / ns;
      out[r][1] = (counts.get(STRIDE) - before[1]) * 1000.0 / ns;
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    return out;
  }

  private static long call(BenchDevice d, int kind, long pgoff, KaddrPfn out, long[] own) {
    switch (kind) {
      case 0:
        return d.ops.directAccess(d.dax, pgoff, 1, DaxAccessMode.DAX_ACCESS, out);
      case 1:
        VarHandle.fullFence();
        return d.ops.directAccess(d.dax, pgoff, 1, DaxAccessMode.DAX_ACCESS, out);
      case 2: {
        COUNT.setOpaque(own, 8, own[8] + 1);
        VarHandle.fullFence();
        long rc = d.ops.directAccess(d.dax, pgoff, 1, DaxAccessMode.DAX_ACCESS, out);
        COUNT.setRelease(own, 10, own[10] + 1);
        return rc;
      }
      case 3: {
        int id = d.core.daxReadLock();
        long rc = d.ops.directAccess(d.dax, pgoff, 1, DaxAccessMode.DAX_ACCESS, out);
        d.core.daxReadUnlock(id);
        return rc;
      }
      default: {
        int id = d.core.daxReadLock();
        long rc = d.core.daxDirectAccess(d.dax, pgoff, 1, DaxAccessMode.DAX_ACCESS, out);
        d.core.daxReadUnlock(id);
        return rc;
      }
    }
  }
}
