package org.daxsim.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Reproduces every issue-8 benchmark in one go (about 10 minutes on 2 cores): all JMH
 * benchmarks with their default annotations and {@code -prof gc}, raw results to
 * {@code OUT/jmh.json}, the bars computed from them ({@link Bars}), then the whole-process and
 * oracle timings of benchmark 8 ({@link ProcessBench}, to {@code OUT/bench-8-process.json}).
 *
 * <pre>
 * java -cp dax-bench/target/benchmarks.jar org.daxsim.bench.RunAll [--out DIR] [--no-oracle]
 *     [--no-process] [REGEX...]
 * </pre>
 *
 * REGEX limits the JMH part to matching benchmarks (default: all of {@code org.daxsim.bench}).
 * Run it from the repository root; {@code bin/bench} builds the jars first and calls it.
 */
public final class RunAll {
  private RunAll() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("dax-bench/results");
    boolean oracle = true;
    boolean process = true;
    List<String> include = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--no-oracle" -> oracle = false;
        case "--no-process" -> process = false;
        default -> include.add(args[i]);
      }
    }
    if (include.isEmpty()) {
      include.add("org\\.daxsim\\.bench\\.");
    }
    Files.createDirectories(out);
    Path json = out.resolve("jmh.json");
    ChainedOptionsBuilder opt = new OptionsBuilder()
        .addProfiler(GCProfiler.class)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString());
    include.forEach(opt::include);
    Collection<RunResult> results = new Runner(opt.build()).run();
    List<Bars.Line> bars = Bars.evaluate(results);
    Bars.print(bars, System.out);
    if (process) {
      List<String> pb = new ArrayList<>(List.of("--out",
          out.resolve("bench-8-process.json").toString()));
      if (results.stream().anyMatch(r -> r.getParams().getBenchmark()
          .endsWith("OracleScenarioBench.basicScenario"))) {
        pb.addAll(List.of("--jmh", json.toString())); // else ProcessBench runs a short JMH
      }
      if (!oracle) {
        pb.add("--no-oracle");
      }
      System.out.println();
      ProcessBench.main(pb.toArray(new String[0]));
    }
  }
}
