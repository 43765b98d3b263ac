package org.daxsim.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link TwoThreadProbe} runs every mode on two threads that both make progress (never speed). */
class TwoThreadProbeSmokeTest {
  @Test
  void everyModeRunsOnTwoThreads() throws Exception {
    for (String mode : TwoThreadProbe.MODES) {
      double[][] rounds = TwoThreadProbe.run(mode, 50, 2, 50);
      assertThat(rounds).as(mode).hasNumberOfRows(2);
      for (double[] r : rounds) {
        assertThat(r).as(mode).hasSize(2);
        assertThat(r[0]).as(mode + " thread 0").isPositive().isFinite();
        assertThat(r[1]).as(mode + " thread 1").isPositive().isFinite();
      }
    }
  }

  @Test
  void anUnknownModeIsRefused() {
    assertThatThrownBy(() -> TwoThreadProbe.run("spin", 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bare, fence, own");
  }
}
