package org.daxsim.bench;

import static org.daxsim.core.Pages.PAGE_SHIFT;

import java.util.concurrent.TimeUnit;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mm.KernelAddressSpace;
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
 * Benchmark 1 of issue 8: resolving a random in-range pgoff of a dev_dax with {@code ranges}
 * ranges to kaddr/pfn. {@code perRangeLookup} is the fsdev per-range {@code direct_access}
 * (binary search in the device's RangeTable); {@code linearWalkBaseline} is the kernel's
 * dax_pgoff_to_phys() walk over the same ranges, written here, doing the same output work.
 * {@code devDaxPgoffToPhys} is daxsim's own model of that walk, for reference.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PgoffResolutionBench {
  @Param({"1", "16", "256", "4096", "65536"})
  public int ranges;

  private BenchDevice d;
  private long[] pgoffs;
  private long[] rPgoff;
  private long[] rStart;
  private long[] rEnd;
  private int next;
  private final KaddrPfn out = new KaddrPfn();

  @Setup
  public void setup() throws Exception {
    d = new BenchDevice(ranges);
    pgoffs = d.randomPgoffs(0x5eedL + ranges);
    rPgoff = d.rangePgoff;
    rStart = d.rangeStart;
    rEnd = d.rangeEnd;
  }

  private long nextPgoff() {
    int i = next;
    next = (i + 1) & (BenchDevice.PGOFFS - 1);
    return pgoffs[i];
  }

  /** The O(log n) per-range lookup: dev_dax_ops.direct_access (PER_RANGE) for one page. */
  @Benchmark
  public long perRangeLookup() {
    long rc = d.ops.directAccess(d.dax, nextPgoff(), 1, DaxAccessMode.DAX_ACCESS, out);
    return rc + out.pfn();
  }

  /**
   * Baseline: dax_pgoff_to_phys()'s linear walk (drivers/dax/device.c) over the same ranges,
   * then the same kaddr/pfn output and page count as the per-range lookup.
   */
  @Benchmark
  public long linearWalkBaseline() {
    long pgoff = nextPgoff();
    long[] pg = rPgoff;
    long[] st = rStart;
    long[] en = rEnd;
    for (int i = 0; i < pg.length; i++) {
      long first = pg[i];
      long last = first + ((en[i] - st[i] + 1) >>> PAGE_SHIFT) - 1;
      if (Long.compareUnsigned(pgoff, first) < 0 || Long.compareUnsigned(pgoff, last) > 0) {
        continue;
      }
      long phys = st[i] + ((pgoff - first) << PAGE_SHIFT);
      if (Long.compareUnsigned(phys + (1L << PAGE_SHIFT) - 1, en[i]) > 0) {
        break;
      }
      out.set(KernelAddressSpace.va(phys), phys >>> PAGE_SHIFT);
      return Math.min(1, (en[i] - phys + 1) >>> PAGE_SHIFT) + out.pfn();
    }
    return -14;
  }

  /** daxsim's model of the same walk (DevDax.pgoffToPhys), for reference. */
  @Benchmark
  public long devDaxPgoffToPhys() {
    return d.dev.pgoffToPhys(nextPgoff(), 1L << PAGE_SHIFT);
  }
}
