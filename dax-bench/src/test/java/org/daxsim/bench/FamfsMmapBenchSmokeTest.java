package org.daxsim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.junit.jupiter.api.Test;

/**
 * The {@code --quick} profile for benchmark 4 (see {@link Quick}): a 64 MiB file, both
 * mappings; setup fails unless each mapping takes only the faults it names.
 */
class FamfsMmapBenchSmokeTest {
  /**
   * Also checks that every operation {@code fault} counts was a real fault (PTE mapping: at
   * 64 MiB the PMD variant wraps over its 32 blocks, so only the PTE count is exact).
   */
  @Test
  void famfsMmapRunsAndFaultCountsRealFaults() throws Exception {
    AtomicLong faults = new AtomicLong();
    long counted = 0;
    try (Trace.Registration r = Trace.listen((point, subject, a0, a1, a2, a3) -> {
      if (point == Tracepoint.MM_FAULT && a1 == 0) {
        faults.incrementAndGet();
      }
    })) {
      for (RunResult rr : Quick.run(FamfsMmapBench.class, 6, "fileMiB", "64")) {
        if (rr.getParams().getBenchmark().endsWith(".fault")
            && rr.getParams().getParam("mapping").equals("pte")) {
          for (IterationResult ir : rr.getBenchmarkResults().iterator().next()
              .getIterationResults()) {
            counted += ir.getMetadata().getAllOps();
          }
        }
      }
    }
    assertThat(counted).isPositive();
    assertThat(faults.get()).as("PTE faults traced").isGreaterThanOrEqualTo(counted);
  }
}
