package org.daxsim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code --quick} profile for benchmark 3 (see {@link Quick}): a 64 MiB file. */
class FamfsReadBenchSmokeTest {
  @Test
  void famfsReadRuns() throws Exception {
    Quick.run(FamfsReadBench.class, 4, "fileMiB", "64");
  }

  /** The file really spans several physically separated ranges, for both fmaps. */
  @Test
  void theFileSpansSeveralRanges() throws Exception {
    assertThat(new FamfsBenchFile(512, false, false).rangesTouched()).isGreaterThanOrEqualTo(2);
    assertThat(new FamfsBenchFile(64, true, false).rangesTouched()).isGreaterThanOrEqualTo(4);
  }
}
