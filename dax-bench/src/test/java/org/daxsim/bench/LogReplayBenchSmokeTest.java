package org.daxsim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.sim.DaxSim;
import org.daxsim.sim.Host;
import org.daxsim.sim.RegionRequest;
import org.daxsim.sim.World;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;

/** The {@code --quick} profile of benchmark 7 (see {@link Quick}) and its log's fidelity. */
class LogReplayBenchSmokeTest {
  @Test
  void logReplayRuns() throws Exception {
    Collection<RunResult> r = Quick.run(LogReplayBench.class, 3, "entries", "2000");
    assertThat(Bars.evaluate(r)).extracting(Bars.Line::measure).containsExactly(
        "log replay time / decode time", "floor: dry-run replay (no creation) / decode time");
  }

  @Test
  void fullLogCapacityIs493447Entries() {
    assertThat(LogReplayBench.logLenFor(493_447)).isEqualTo(256L << 20);
    assertThat(FamfsFormat.lastIndex(256L << 20) + 1).isEqualTo(493_447);
    assertThat(LogReplayBench.logLenFor(493_448)).isEqualTo(512L << 20);
  }

  /** The directly encoded log is byte for byte what famfs creat appends for the same files. */
  @Test
  void encodedLogEqualsWhatCreatWrites() throws Exception {
    int n = 5;
    long logLen = FamfsFormat.DEFAULT_LOG_LEN;
    World w = DaxSim.newWorld();
    Host h = w.currentHost();
    MemoryDevice pool = w.addMemdev("pool0", 4L << 30);
    w.addRegion(h, RegionRequest.ofMemdev("pool0"));
    LogReplayBench.ok(h.famfsTool("mkfs.famfs", "-M", LogReplayBench.DEV));
    LogReplayBench.ok(h.famfsTool("famfs", "mount", LogReplayBench.DEV, "/mnt"));
    for (int i = 0; i < n; i++) {
      LogReplayBench.ok(h.famfsTool("famfs", "creat", "-s", "2m",
          "/mnt/" + LogReplayBench.name(i)));
    }
    byte[] logged = new byte[n * FamfsFormat.LOG_ENTRY_BYTES];
    pool.read(FamfsFormat.LOG_OFFSET + FamfsFormat.LOG_HEADER_BYTES, logged, 0, logged.length);
    assertThat(logged).isEqualTo(LogReplayBench.encodeLog(n, logLen));
  }
}
