package org.daxsim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.junit.jupiter.api.Test;

/**
 * The {@code --quick} profile for benchmark 6 (see {@link Quick}): 100 pages on a 1 GiB device,
 * a 16 MiB dense region. Checks that the benchmarks run and report their secondary results.
 */
class SparseMemoryBenchSmokeTest {
  @Test
  void sparseMemoryRuns() throws Exception {
    Collection<RunResult> results =
        Quick.run(SparseMemoryBench.class, 4, "pages", "100", "deviceBytes", "1073741824");
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      var secondary = r.getSecondaryResults();
      if (name.endsWith("catteredPages")) {
        Result<?> touched = secondary.get("touchedBytes");
        assertThat(touched).as(name).isNotNull();
        assertThat(touched.getScore()).as(name).isEqualTo(100 * 4096.0);
        assertThat(secondary).as(name).containsKeys("retainedBytes", "overheadPercent");
      } else {
        assertThat(secondary).as(name).containsKey("bytesPerDevice");
      }
    }
  }

  @Test
  void bulkCopyRuns() throws Exception {
    Quick.run(BulkCopyBench.class, 3, "regionMiB", "16");
  }
}
