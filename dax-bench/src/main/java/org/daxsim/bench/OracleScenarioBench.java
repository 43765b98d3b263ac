package org.daxsim.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.daxsim.sim.Configuration;
import org.daxsim.sim.DaxSim;
import org.daxsim.sim.ScriptRunner;
import org.daxsim.sim.Shell;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 8 of issue 8, in-process half: the oracle's {@code scenarios/basic.txt} run
 * through the daxsim API exactly as {@code daxsim run --keep-going FILE} runs it (a fresh
 * {@code World} with the default configuration, a {@code Shell}, and {@code ScriptRunner},
 * whose {@code #!oracle} header line builds the oracle's 4 GiB hmem region), its output
 * printed to a discarding stream. {@code --keep-going} because the oracle runs every line
 * whatever the exit codes; without it the run stops at the scenario's deliberately refused
 * {@code destroy-device} (line 6). The baseline is the real kernel: {@link ProcessBench}
 * times the same file on the oracle (QEMU) and divides by this benchmark's mean. Also
 * measured: {@code oracleHeaderOnly}, the world construction alone (the header line), to
 * split a run into world setup and script. Ten 1 s warmups: with five, the first measured
 * iterations were still 2x slower (C2 still compiling the sysfs walk).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OracleScenarioBench {
  /** The scenario text and the discarded output streams. */
  @State(Scope.Thread)
  public static class Scenario {
    /** Run every line (true, as the oracle does) or stop at the first failure. */
    @Param({"true"})
    public boolean keepGoing;

    String name;
    String script;
    String header;
    PrintStream out;

    @Setup
    public void setup() {
      name = "basic.txt";
      script = OracleScenario.text();
      header = script.lines().filter(l -> l.startsWith("#!oracle")).findFirst().orElse("");
      // autoflush off: ScriptRunner flushes after each command, as it does on System.out
      out = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    }
  }

  private static Shell newShell() throws Exception {
    return DaxSim.newShell(DaxSim.newWorld(Configuration.defaults().toBuilder().seed(0).build()));
  }

  /** The whole scenario: world, header, 22 commands (what {@code daxsim run} does). */
  @Benchmark
  public int basicScenario(Scenario s) throws Exception {
    return new ScriptRunner(newShell(), false, s.keepGoing).run(s.name, s.script, s.out, s.out);
  }

  /** World construction only: a fresh world and the {@code #!oracle} header line. */
  @Benchmark
  public Object oracleHeaderOnly(Scenario s) throws Exception {
    Shell sh = newShell();
    sh.run(s.header);
    return sh;
  }
}
