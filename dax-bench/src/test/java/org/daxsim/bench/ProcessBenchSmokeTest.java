package org.daxsim.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark 8's whole-process timer runs end to end (with {@code true} standing in for
 * bin/daxsim and the oracle skipped), and its statistics and JMH-result reading are right.
 * Never its speed.
 */
class ProcessBenchSmokeTest {
  @Test
  void runsWithoutTheOracleAndWritesJson(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("basic.txt");
    Files.writeString(scenario, "daxctl list\n");
    Path out = dir.resolve("bench-8-process.json");
    ProcessBench.main(new String[] {"--daxsim", "true", "--scenario", scenario.toString(),
        "--runs", "2", "--no-oracle", "--in-process-ms", "4.5", "--out", out.toString()});
    String json = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(json).contains("\"runs\": 2", "\"exitCodes\": [0, 0]",
        "\"oracle\": {\"skipped\": \"--no-oracle\"}", "\"inProcessMs\": 4.500",
        "\"oracleOverInProcess\": null", "\"cores\": ");
  }

  @Test
  void seriesStatistics() {
    ProcessBench.Series s = new ProcessBench.Series(List.of("x"), new double[] {2, 4, 9},
        new int[] {0, 0, 0});
    assertThat(s.mean()).isEqualTo(5.0);
    assertThat(s.stddev()).isCloseTo(Math.sqrt(13), within(1e-9));
    assertThat(s.min()).isEqualTo(2.0);
    assertThat(s.max()).isEqualTo(9.0);
  }

  @Test
  void readsTheInProcessScoreFromJmhJson() {
    String json = "[{\"benchmark\" : \"org.daxsim.bench.OracleScenarioBench.basicScenario\","
        + " \"mode\" : \"avgt\", \"primaryMetric\" : { \"score\" : 1234.5, \"scoreError\" : 3,"
        + " \"scoreUnit\" : \"us/op\" } }]";
    assertThat(ProcessBench.jmhScoreMs(json)).isEqualTo(1.2345);
  }

  @Test
  void inProcessRunIsTheDaxsimRun() throws Exception {
    // what the JMH benchmark times is the real run: same exit status as daxsim run --keep-going
    OracleScenarioBench.Scenario s = new OracleScenarioBench.Scenario();
    s.keepGoing = true;
    s.setup();
    assertThat(s.header).startsWith("#!oracle");
    assertThat(new OracleScenarioBench().basicScenario(s)).isEqualTo(1);
    s.keepGoing = false;
    assertThat(new OracleScenarioBench().basicScenario(s)).isEqualTo(1);
  }
}
