package org.daxsim.bench;

import org.junit.jupiter.api.Test;

/** The {@code --quick} profile for benchmarks 1 and 2 (see {@link Quick}). */
class BenchmarksSmokeTest {
  @Test
  void pgoffResolutionRuns() throws Exception {
    Quick.run(PgoffResolutionBench.class, 3, "ranges", "16");
  }

  @Test
  void directAccessRuns() throws Exception {
    Quick.run(DirectAccessBench.class, 4, "ranges", "16");
  }
}
