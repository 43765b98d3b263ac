package org.daxsim.bench;

import java.util.concurrent.TimeUnit;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.mm.Vma;
import org.daxsim.core.mm.VmFault;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Benchmark 4 of issue 8: a MAP_SHARED mapping of the 1 GiB famfs file of benchmark 3 (simple
 * fmap, 16-range dev_dax), faulted in whole during setup, read through the process's page
 * tables; and the cost of one fault.
 *
 * <p>{@code mapping=pmd}: famfs's thp_get_unmapped_area puts the mapping 2 MiB aligned, so
 * every fault is a PMD fault. {@code mapping=pte}: the same file mapped MAP_FIXED at an
 * address 4 KiB past a 2 MiB boundary, so address and file offset disagree modulo 2 MiB and
 * dax_iomap_pmd_fault falls back (its "colour" check) to 4 KiB PTE faults, as the kernel does
 * for a misaligned user mapping. Setup checks, by tracing the faults, that each variant got
 * only the faults it names.
 *
 * <p>{@code userLoad}: a user-mode load of 1 MiB ({@code Mm.load}, the MMU's bulk access: a
 * page-table walk per 4 KiB page, then the copy) into a 1 MiB {@code byte[]}, streaming over
 * the file. Baseline {@code arraycopyBaseline}: {@code MemoryDevice.read} of the same 1 MiB
 * into the same kind of array. {@code fault}: 512 faults per invocation, each a load that
 * misses: PTE, 512 pages of one 2 MiB block; PMD, 512 blocks of 2 MiB (the whole file). The
 * zap that makes them miss runs in a per-invocation setup, outside the measurement; each
 * measured fault includes its one 8-byte load (a few ns, see {@code userLoad}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FamfsMmapBench {
  static final int FAULTS = 512;

  /** The file, its mapping (faulted in whole) and a 1 MiB destination. */
  @State(Scope.Thread)
  public static class Mapping {
    /** File size in MiB (1 GiB by default; the smoke test uses less). */
    @Param({"1024"})
    public int fileMiB;

    /** PMD-aligned mapping (2 MiB faults) or a misaligned one (4 KiB faults only). */
    @Param({"pmd", "pte"})
    public String mapping;

    FamfsBenchFile f;
    Mm mm;
    Vma vma;
    long va;
    long size;
    boolean pmd;
    final byte[] dst = new byte[FamfsBenchFile.CHUNK];
    private int next;
    /** Running {@code fault}: the region its next invocation faults (zapped before it). */
    boolean faultBench;
    long base;
    long stride;
    long span;

    int nextChunk() {
      int k = next;
      next = k + 1 == f.chunks ? 0 : k + 1;
      return k;
    }

    @Setup
    public void setup(BenchmarkParams params) throws Exception {
      setup(params.getBenchmark().endsWith(".fault"));
    }

    void setup(boolean faultBench) throws Exception {
      this.faultBench = faultBench;
      f = new FamfsBenchFile(fileMiB, false, !faultBench);
      Process p = f.proc;
      mm = p.mm();
      size = f.size;
      pmd = mapping.equals("pmd");
      int fd = p.open(FamfsBenchFile.PATH, Fcntl.O_RDONLY);
      if (pmd) {
        va = p.mmap(0, size, Mman.PROT_READ, Mman.MAP_SHARED, fd, 0);
      } else {
        va = 0x7e00_0000_0000L + Pages.PAGE_SIZE; // off the 2 MiB colour of file offset 0
        p.mmap(va, size, Mman.PROT_READ, Mman.MAP_SHARED | Mman.MAP_FIXED, fd, 0);
      }
      p.close(fd); // the mapping holds the file
      vma = mm.vmaLookup(va);
      faultAllIn();
    }

    /**
     * Before each {@code fault} invocation (outside its measurement), zaps the region it will
     * fault: the next 2 MiB block for PTE faults, the first 512 blocks for PMD faults. A no-op
     * for the other benchmarks, whose 1 MiB invocations dwarf the per-invocation timing.
     */
    @Setup(Level.Invocation)
    public void zap() throws Exception {
      if (!faultBench) {
        return;
      }
      if (pmd) {
        stride = Pages.PMD_SIZE;
        span = Math.min(size, FAULTS * stride);
        base = va;
      } else {
        stride = Pages.PAGE_SIZE;
        span = FAULTS * stride;
        base = base == 0 || base + 2 * span > va + size ? va : base + span;
      }
      mm.zap(vma, base, base + span);
    }

    /** Faults the whole mapping in and checks the fault sizes by tracing them. */
    private void faultAllIn() throws Exception {
      long[] counts = new long[2]; // successful PMD faults, PTE faults
      try (Trace.Registration r = Trace.listen((point, subject, addr, order, flags, ret) -> {
        if (point == Tracepoint.MM_FAULT && subject == mm) {
          if (order == Pages.PMD_ORDER && (ret & VmFault.VM_FAULT_FALLBACK) == 0) {
            counts[0]++;
          } else if (order == 0) {
            counts[1]++;
          }
        }
      })) {
        for (long off = 0; off < size; off += Pages.PAGE_SIZE) {
          mm.loadLong(va + off);
        }
      }
      long pmds = size / Pages.PMD_SIZE;
      long ptes = size / Pages.PAGE_SIZE;
      if (pmd ? counts[0] != pmds || counts[1] != 0 : counts[0] != 0 || counts[1] != ptes) {
        throw new IllegalStateException(mapping + " mapping took " + counts[0] + " PMD and "
            + counts[1] + " PTE faults");
      }
    }
  }

  /** Streaming: a user-mode load of the next 1 MiB of the mapping. */
  @Benchmark
  public byte userLoad(Mapping m) throws Exception {
    int k = m.nextChunk();
    m.mm.load(m.va + (long) k * FamfsBenchFile.CHUNK, m.dst, 0, FamfsBenchFile.CHUNK);
    return m.dst[k];
  }

  /** Baseline: the same 1 MiB copied out of the memory device. */
  @Benchmark
  public byte arraycopyBaseline(Mapping m) throws Exception {
    int k = m.nextChunk();
    m.f.mem.read(m.f.chunkDevOff[k], m.dst, 0, FamfsBenchFile.CHUNK);
    return m.dst[k];
  }

  /**
   * 512 faults, each by an 8-byte load that misses: PTE faults over one 2 MiB block, or PMD
   * faults over 512 blocks (a smaller file wraps, which only the smoke test does).
   */
  @Benchmark
  @OperationsPerInvocation(FAULTS)
  public long fault(Mapping m) throws Exception {
    long sum = 0;
    for (int i = 0; i < FAULTS; i++) {
      sum += m.mm.loadLong(m.base + (i * m.stride) % m.span);
    }
    return sum;
  }
}
