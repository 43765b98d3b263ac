package org.daxsim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code --quick} profile of benchmark 5 (see {@link Quick}): a few small worlds. */
class WorldConstructionBenchSmokeTest {
  @Test
  void worldConstructionRuns() throws Exception {
    Quick.run(WorldConstructionBench.class, 1, "steps", "16", "files", "10");
  }

  @Test
  void stepsEndWithEveryDeviceAndAFamfsDevice() {
    WorldSteps w = new WorldSteps(64L << 30, 8, 32, 100, 0x5eedL);
    long total = 0;
    for (long s : w.sizes) {
      assertThat(s).isPositive();
      total += s;
    }
    assertThat(total).isLessThanOrEqualTo(64L << 30);
    assertThat(w.daxctl.stream().filter(a -> a.get(0).equals("create-device"))).hasSize(8);
    assertThat(w.sizes[Integer.parseInt(w.famfsDev.substring(5)) - 1]).isGreaterThanOrEqualTo(4L << 30);
  }
}
