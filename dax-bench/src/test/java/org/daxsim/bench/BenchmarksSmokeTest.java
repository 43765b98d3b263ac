package org.daxsim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The {@code --quick} profile: every benchmark runs in-process (forks 0) for one 100 ms warmup
 * and one 100 ms measurement, and yields a score. Checks that they run, never their speed.
 */
class BenchmarksSmokeTest {
  private static Collection<RunResult> quick(Class<?> bench, int methods) throws Exception {
    Options opt = new OptionsBuilder()
        .include(bench.getName() + "\\.")
        .param("ranges", "16")
        .forks(0)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(100))
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build();
    Collection<RunResult> results = new Runner(opt).run();
    assertThat(results).hasSize(methods);
    for (RunResult r : results) {
      assertThat(r.getPrimaryResult().getScore())
          .as(r.getParams().getBenchmark())
          .isPositive()
          .isFinite();
    }
    return results;
  }

  @Test
  void pgoffResolutionRuns() throws Exception {
    quick(PgoffResolutionBench.class, 3);
  }

  @Test
  void directAccessRuns() throws Exception {
    quick(DirectAccessBench.class, 4);
  }
}
