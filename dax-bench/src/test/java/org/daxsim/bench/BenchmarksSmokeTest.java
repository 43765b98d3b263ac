package org.daxsim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;

/**
 * The {@code --quick} profile for benchmarks 1 and 2 (see {@link Quick}), and {@link Bars} on
 * their results: the bars that the run allows are evaluated, each from the right pair of
 * scores.
 */
class BenchmarksSmokeTest {
  @Test
  void pgoffResolutionRunsAndItsBarsAreEvaluated() throws Exception {
    Collection<RunResult> r = Quick.run(PgoffResolutionBench.class, 3, "ranges", "1");
    List<Bars.Line> bars = Bars.evaluate(r);
    assertThat(bars).extracting(Bars.Line::measure)
        .containsExactly("lookup time / walk time, 1 range", "lookup allocation, worst over ranges");
    double lookup = score(r, "perRangeLookup");
    double walk = score(r, "linearWalkBaseline");
    assertThat(bars.get(0).value()).isEqualTo(lookup / walk);
    assertThat(bars.get(0).met()).isEqualTo(lookup / walk <= 1.3);
  }

  @Test
  void directAccessRunsAndItsBarsAreEvaluated() throws Exception {
    Collection<RunResult> r = Quick.run(DirectAccessBench.class, 4, "ranges", "16");
    List<Bars.Line> bars = Bars.evaluate(r);
    assertThat(bars).extracting(Bars.Line::measure).containsExactly(
        "wrapper time / bare lookup time", "wrapper allocation",
        "wrapper 2-thread / 1-thread throughput");
    assertThat(bars.get(0).value()).isEqualTo(score(r, "bareLookup1T") / score(r, "wrapper1T"));
    assertThat(bars.get(2).value()).isEqualTo(score(r, "wrapper2T") / score(r, "wrapper1T"));
  }

  private static double score(Collection<RunResult> r, String method) {
    return r.stream().filter(x -> x.getParams().getBenchmark().endsWith("." + method))
        .findFirst().orElseThrow().getPrimaryResult().getScore();
  }
}
