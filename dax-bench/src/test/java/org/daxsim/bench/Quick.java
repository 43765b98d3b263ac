package org.daxsim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The {@code --quick} profile shared by the smoke tests: a benchmark class runs in-process
 * (forks 0) for one 100 ms warmup and one 100 ms measurement, with the given parameter
 * overrides, and every method must yield a positive, finite score. It checks that benchmarks
 * run, never their speed.
 */
final class Quick {
  private Quick() {}

  /**
   * Runs every benchmark method of {@code bench}; {@code params} are name/value pairs
   * ({@code "ranges", "16"}). Returns the results, one per method and parameter combination.
   */
  static Collection<RunResult> run(Class<?> bench, int expectedResults, String... params)
      throws Exception {
    ChainedOptionsBuilder opt = new OptionsBuilder()
        .include(bench.getName() + "\\.")
        .forks(0)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(100))
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT);
    for (int i = 0; i + 1 < params.length; i += 2) {
      opt.param(params[i], params[i + 1]);
    }
    Collection<RunResult> results = new Runner(opt.build()).run();
    assertThat(results).hasSize(expectedResults);
    for (RunResult r : results) {
      assertThat(r.getPrimaryResult().getScore())
          .as(r.getParams().getBenchmark())
          .isPositive()
          .isFinite();
    }
    return results;
  }
}
