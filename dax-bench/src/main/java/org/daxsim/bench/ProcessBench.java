package org.daxsim.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Benchmark 8 of issue 8, whole-process half (not JMH: each sample is a process). Times
 * {@code bin/daxsim run --keep-going basic.txt} as separate processes (JVM start included;
 * one untimed run first, so the jar and its archive are built and in the page cache), and the
 * same file on the oracle ({@code ../shared/oracle/run-scenario.sh}, which boots Linux 6.1
 * under QEMU), and writes every run's wall time with mean, stddev, min and max to a JSON file.
 * With the in-process mean of {@link OracleScenarioBench} (from a JMH JSON result, a number,
 * or a short JMH run of its own) it prints the two ratios of the bars: oracle /
 * in-process (>= 1000x) and oracle / whole process (>= 20x).
 *
 * <pre>
 * java -cp dax-bench/target/benchmarks.jar org.daxsim.bench.ProcessBench [--runs 10]
 *     [--oracle-runs 3] [--no-oracle] [--jmh RESULT.json | --in-process-ms X] [--daxsim bin/daxsim]
 *     [--out dax-bench/results/bench-8-process.json]
 * </pre>
 *
 * Run it from the repository root. Without the shared oracle directory it times the bundled copy
 * of basic.txt; without it, QEMU or a 6.1 kernel it says so and skips the oracle (as
 * {@code --no-oracle} does), recording why in the JSON.
 */
public final class ProcessBench {
  static final Pattern JMH_SCORE = Pattern.compile(
      "\"benchmark\"\\s*:\\s*\"[^\"]*OracleScenarioBench\\.basicScenario\"[\\s\\S]*?"
          + "\"primaryMetric\"\\s*:\\s*\\{\\s*\"score\"\\s*:\\s*([0-9.eE+-]+)[\\s\\S]*?"
          + "\"scoreUnit\"\\s*:\\s*\"([^\"]+)\"");

  private ProcessBench() {}

  /** Options, with defaults for a run from the repository root. */
  static final class Options {
    int runs = 10;
    int oracleRuns = 3;
    boolean oracle = true;
    String daxsim = "bin/daxsim";
    Path scenario;
    Path jmh;
    double inProcessMs = Double.NaN;
    Path out = Path.of("dax-bench/results/bench-8-process.json");

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--no-oracle" -> o.oracle = false;
          case "--runs" -> o.runs = Integer.parseInt(args[++i]);
          case "--oracle-runs" -> o.oracleRuns = Integer.parseInt(args[++i]);
          case "--daxsim" -> o.daxsim = args[++i];
          case "--scenario" -> o.scenario = Path.of(args[++i]);
          case "--jmh" -> o.jmh = Path.of(args[++i]);
          case "--in-process-ms" -> o.inProcessMs = Double.parseDouble(args[++i]);
          case "--out" -> o.out = Path.of(args[++i]);
          default -> throw new IllegalArgumentException("unknown option " + a
              + "; see the javadoc of org.daxsim.bench.ProcessBench");
        }
      }
      return o;
    }
  }

  /** Wall times of one command, in milliseconds, with their summary. */
  record Series(List<String> command, double[] ms, int[] exits) {
    double mean() {
      return Arrays.stream(ms).average().orElse(Double.NaN);
    }

    /** The sample standard deviation (n - 1). */
    double stddev() {
      if (ms.length < 2) {
        return 0;
      }
      double m = mean();
      return Math.sqrt(Arrays.stream(ms).map(x -> (x - m) * (x - m)).sum() / (ms.length - 1));
    }

    double min() {
      return Arrays.stream(ms).min().orElse(Double.NaN);
    }

    double max() {
      return Arrays.stream(ms).max().orElse(Double.NaN);
    }
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Path scenario = o.scenario != null ? o.scenario : OracleScenario.sharedFile();
    if (scenario == null) { // no ../shared here: the bundled copy (the oracle is skipped below)
      scenario = Files.createTempFile("oracle-basic", ".txt");
      scenario.toFile().deleteOnExit();
      Files.writeString(scenario, OracleScenario.text(), StandardCharsets.UTF_8);
      System.out.println("no " + OracleScenario.SHARED + ": timing the bundled copy of it");
    }
    List<String> daxsim = List.of(o.daxsim, "run", "--keep-going", scenario.toString());
    time(daxsim, 1); // untimed: builds the jar (and archive) if needed, warms the page cache
    Series whole = time(daxsim, o.runs);
    print("daxsim run (whole process)", whole);

    String skipped = o.oracle ? oracleMissing() : "--no-oracle";
    Series oracle = null;
    if (skipped == null) {
      Path script = OracleScenario.oracleDir().resolve("run-scenario.sh");
      oracle = time(List.of(script.toString(), scenario.toString()), o.oracleRuns);
      print("oracle run-scenario.sh", oracle);
    } else {
      System.out.println("oracle: skipped (" + skipped + ")");
    }

    double inProcess = inProcessMs(o);
    System.out.printf(Locale.ROOT, "in-process (OracleScenarioBench.basicScenario): %.3f ms%n",
        inProcess);
    if (oracle != null) {
      System.out.printf(Locale.ROOT, "oracle / in-process:    %.0fx (bar >= 1000x)%n",
          oracle.mean() / inProcess);
      System.out.printf(Locale.ROOT, "oracle / whole process: %.1fx (bar >= 20x)%n",
          oracle.mean() / whole.mean());
    }
    Files.createDirectories(o.out.toAbsolutePath().getParent());
    Files.writeString(o.out, json(whole, oracle, skipped, inProcess), StandardCharsets.UTF_8);
    System.out.println("wrote " + o.out);
  }

  /** Runs {@code cmd} {@code n} times, output discarded; the wall time of each. */
  static Series time(List<String> cmd, int n) throws IOException, InterruptedException {
    double[] ms = new double[n];
    int[] exits = new int[n];
    for (int i = 0; i < n; i++) {
      ProcessBuilder pb = new ProcessBuilder(cmd)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      long t0 = System.nanoTime();
      exits[i] = pb.start().waitFor();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    return new Series(cmd, ms, exits);
  }

  /** Why the oracle cannot run here, or null when it can. */
  static String oracleMissing() {
    Path dir = OracleScenario.oracleDir();
    if (dir == null || !Files.isExecutable(dir.resolve("run-scenario.sh"))) {
      return "no " + OracleScenario.ORACLE_DIR + "/run-scenario.sh";
    }
    if (!onPath("qemu-system-x86_64")) {
      return "qemu-system-x86_64 is not installed (see " + OracleScenario.ORACLE_DIR
          + "/README.md)";
    }
    try (var mods = Files.list(Path.of("/lib/modules"))) {
      if (mods.noneMatch(p -> p.getFileName().toString().matches("6\\.1\\.[0-9]+-.*amd64"))) {
        return "no Linux 6.1 kernel installed (linux-image-amd64, see the oracle's README.md)";
      }
    } catch (IOException e) {
      return "no /lib/modules (no kernel images)";
    }
    return null;
  }

  private static boolean onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }

  /** The in-process mean in ms: given, read from a JMH JSON result, or a short JMH run. */
  static double inProcessMs(Options o) throws Exception {
    if (!Double.isNaN(o.inProcessMs)) {
      return o.inProcessMs;
    }
    if (o.jmh != null) {
      return jmhScoreMs(Files.readString(o.jmh, StandardCharsets.UTF_8));
    }
    System.out.println("in-process: a short JMH run of OracleScenarioBench.basicScenario ...");
    RunResult r = new Runner(new OptionsBuilder()
        .include(OracleScenarioBench.class.getName() + "\\.basicScenario")
        .forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
        .measurementIterations(3).measurementTime(TimeValue.seconds(1))
        .verbosity(VerboseMode.SILENT).build()).runSingle();
    return r.getPrimaryResult().getScore(); // ms/op, from the benchmark's @OutputTimeUnit
  }

  /** basicScenario's score in a JMH JSON result, converted to milliseconds. */
  static double jmhScoreMs(String json) {
    Matcher m = JMH_SCORE.matcher(json);
    if (!m.find()) {
      throw new IllegalArgumentException("no OracleScenarioBench.basicScenario in the JMH result");
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "ms/op" -> v;
      case "us/op" -> v / 1e3;
      case "ns/op" -> v / 1e6;
      case "s/op" -> v * 1e3;
      default -> throw new IllegalArgumentException("unit " + m.group(2) + " (want AverageTime)");
    };
  }

  private static void print(String what, Series s) {
    System.out.printf(Locale.ROOT, "%s: mean %.1f ms, stddev %.1f, min %.1f, max %.1f (%d runs: %s)%n",
        what, s.mean(), s.stddev(), s.min(), s.max(), s.ms().length, list(s.ms()));
  }

  static String json(Series whole, Series oracle, String oracleSkipped, double inProcessMs) {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"benchmark\": \"issue 8, benchmark 8: basic.txt, whole process vs oracle\",\n");
    b.append("  \"date\": ").append(q(Instant.now().toString())).append(",\n");
    b.append("  \"machine\": ").append(machine()).append(",\n");
    b.append("  \"daxsim\": ").append(series(whole)).append(",\n");
    b.append("  \"oracle\": ").append(oracle == null
        ? "{\"skipped\": " + q(oracleSkipped) + "}" : series(oracle)).append(",\n");
    b.append("  \"inProcessMs\": ").append(num(inProcessMs)).append(",\n");
    b.append("  \"ratios\": {\"oracleOverInProcess\": ")
        .append(oracle == null ? "null" : num(oracle.mean() / inProcessMs))
        .append(", \"oracleOverWholeProcess\": ")
        .append(oracle == null ? "null" : num(oracle.mean() / whole.mean()))
        .append(", \"bars\": {\"oracleOverInProcess\": 1000, \"oracleOverWholeProcess\": 20}}\n");
    return b.append("}\n").toString();
  }

  private static String series(Series s) {
    List<String> cmd = new ArrayList<>();
    s.command().forEach(c -> cmd.add(q(c)));
    return "{\"command\": [" + String.join(", ", cmd) + "], \"runs\": " + s.ms().length
        + ", \"wallMs\": [" + list(s.ms()) + "], \"exitCodes\": " + Arrays.toString(s.exits())
        + ", \"meanMs\": " + num(s.mean()) + ", \"stddevMs\": " + num(s.stddev())
        + ", \"minMs\": " + num(s.min()) + ", \"maxMs\": " + num(s.max()) + "}";
  }

  private static String machine() {
    String cpu = "unknown";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).map(l -> l.replaceFirst("^[^:]*:\\s*", ""))
          .findFirst().orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // not Linux: the model stays unknown
    }
    return "{\"cores\": " + Runtime.getRuntime().availableProcessors() + ", \"cpu\": " + q(cpu)
        + ", \"os\": " + q(System.getProperty("os.name") + " " + System.getProperty("os.arch"))
        + ", \"jdk\": " + q(System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"))
        + ", \"loadAverage\": " + num(ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage()) + "}";
  }

  private static String list(double[] ms) {
    List<String> l = new ArrayList<>();
    for (double v : ms) {
      l.add(num(v));
    }
    return String.join(", ", l);
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "null";
  }

  private static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
