package org.daxsim.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The issue-8 bars, computed from one JMH run: each line names the measure, the ratio (with the
 * JMH errors of both sides), the bar, and whether it is met. A measure whose benchmarks were not
 * in the run is skipped, so a partial run prints a partial table.
 */
final class Bars {
  /** One evaluated bar. */
  record Line(int bench, String measure, double value, String unit, String bar, boolean met) {}

  /** The bar of a line that is reported for context only (a floor), never met or missed. */
  static final String NO_BAR = "none";

  private final Collection<RunResult> results;
  private final List<Line> lines = new ArrayList<>();

  private Bars(Collection<RunResult> results) {
    this.results = results;
  }

  /** Every bar that the run's results allow to evaluate. */
  static List<Line> evaluate(Collection<RunResult> results) {
    Bars b = new Bars(results);
    b.pgoff();
    b.directAccess();
    b.famfsRead();
    b.mmap();
    b.sparse();
    b.replay();
    return b.lines;
  }

  static void print(List<Line> lines, PrintStream out) {
    out.println();
    out.println("issue 8 bars:");
    for (Line l : lines) {
      out.printf(Locale.ROOT, "  %d  %-52s %10.3f %-3s  bar %-12s %s%n", l.bench(), l.measure(),
          l.value(), l.unit(), l.bar(), NO_BAR.equals(l.bar()) ? "" : l.met() ? "met" : "MISSED");
    }
  }

  // ---- the benchmarks ---------------------------------------------------------------------

  private void pgoff() {
    for (String ranges : new String[] {"1", "4096"}) {
      RunResult look = find("PgoffResolutionBench.perRangeLookup", "ranges", ranges);
      RunResult walk = find("PgoffResolutionBench.linearWalkBaseline", "ranges", ranges);
      if (look == null || walk == null) {
        continue;
      }
      double lookNs = score(look);
      double walkNs = score(walk);
      if (ranges.equals("1")) {
        add(1, "lookup time / walk time, 1 range", lookNs / walkNs, "x", "<= 1.3", lookNs
            / walkNs <= 1.3);
      } else {
        add(1, "walk time / lookup time, 4096 ranges", walkNs / lookNs, "x", ">= 20",
            walkNs / lookNs >= 20);
      }
    }
    double worst = -1;
    for (RunResult r : all("PgoffResolutionBench.perRangeLookup")) {
      worst = Math.max(worst, allocPerOp(r));
    }
    if (worst >= 0) {
      add(1, "lookup allocation, worst over ranges", worst, "B", "0 (< 0.01)", worst < 0.01);
    }
  }

  private void directAccess() {
    RunResult bare = find("DirectAccessBench.bareLookup1T");
    RunResult w1 = find("DirectAccessBench.wrapper1T");
    RunResult w2 = find("DirectAccessBench.wrapper2T");
    if (bare != null && w1 != null) {
      double cost = score(bare) / score(w1); // throughput: time ratio is the inverse
      add(2, "wrapper time / bare lookup time", cost, "x", "<= 3", cost <= 3);
      double alloc = Math.max(allocPerOp(w1), w2 == null ? 0 : allocPerOp(w2));
      add(2, "wrapper allocation", alloc, "B", "0 (< 0.01)", alloc < 0.01);
    }
    if (w1 != null && w2 != null) {
      double scale = score(w2) / score(w1);
      add(2, "wrapper 2-thread / 1-thread throughput", scale, "x", ">= 1.7", scale >= 1.7);
    }
  }

  private void famfsRead() {
    for (String fmap : new String[] {"simple", "interleaved"}) {
      ratio(3, "read(2) / arraycopy bandwidth, " + fmap + " fmap",
          find("FamfsReadBench.famfsRead", "fmap", fmap),
          find("FamfsReadBench.arraycopyBaseline", "fmap", fmap), 0.7);
    }
  }

  private void mmap() {
    for (String mapping : new String[] {"pmd", "pte"}) {
      ratio(4, "mmap bulk loads / arraycopy, " + mapping + " mapping",
          find("FamfsMmapBench.userLoad", "mapping", mapping),
          find("FamfsMmapBench.arraycopyBaseline", "mapping", mapping), 0.5);
    }
    RunResult pmd = find("FamfsMmapBench.fault", "mapping", "pmd");
    RunResult pte = find("FamfsMmapBench.fault", "mapping", "pte");
    if (pmd != null && pte != null) {
      double cost = score(pte) / score(pmd); // faults per second: cost is the inverse
      add(4, "PMD fault cost / PTE fault cost", cost, "x", "<= 4", cost <= 4);
    }
  }

  private void sparse() {
    for (RunResult r : all("SparseMemoryBench.scatteredPages")) {
      double worst = maxPerIteration(r, "overheadPercent");
      add(6, "heap overhead, " + r.getParams().getParam("pages") + " scattered pages", worst,
          "%", "<= 10", worst <= 10);
    }
  }

  private void replay() {
    RunResult replay = find("LogReplayBench.replay");
    RunResult decode = find("LogReplayBench.decode");
    if (replay != null && decode != null) {
      double x = score(replay) / score(decode);
      add(7, "log replay time / decode time", x, "x", "<= 3", x <= 3);
    }
    RunResult dry = find("LogReplayBench.dryRun");
    if (dry != null && decode != null) {
      double x = score(dry) / score(decode);
      add(7, "floor: dry-run replay (no creation) / decode time", x, "x", NO_BAR, true);
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private void ratio(int bench, String measure, RunResult a, RunResult base, double atLeast) {
    if (a != null && base != null) {
      double x = score(a) / score(base);
      add(bench, measure, x, "x", ">= " + atLeast, x >= atLeast);
    }
  }

  private void add(int bench, String measure, double value, String unit, String bar,
      boolean met) {
    lines.add(new Line(bench, measure, value, unit, bar, met));
  }

  private static double score(RunResult r) {
    return r.getPrimaryResult().getScore();
  }

  /** gc.alloc.rate.norm (bytes per operation), or 0 when the run had no -prof gc. */
  private static double allocPerOp(RunResult r) {
    Result<?> norm = r.getSecondaryResults().get("gc.alloc.rate.norm");
    return norm == null ? 0 : norm.getScore();
  }

  /** The largest per-iteration value of an EVENTS counter (JMH's aggregate is a sum). */
  private static double maxPerIteration(RunResult r, String counter) {
    double max = Double.NEGATIVE_INFINITY;
    for (BenchmarkResult b : r.getBenchmarkResults()) {
      for (IterationResult it : b.getIterationResults()) {
        Map<String, Result> sec = it.getSecondaryResults();
        if (sec.containsKey(counter)) {
          max = Math.max(max, sec.get(counter).getScore());
        }
      }
    }
    return max;
  }

  private List<RunResult> all(String method) {
    List<RunResult> out = new ArrayList<>();
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().endsWith("." + method)) {
        out.add(r);
      }
    }
    return out;
  }

  private RunResult find(String method, String... param) {
    for (RunResult r : all(method)) {
      BenchmarkParams p = r.getParams();
      if (param.length == 0 || param[1].equals(p.getParam(param[0]))) {
        return r;
      }
    }
    return null;
  }
}
