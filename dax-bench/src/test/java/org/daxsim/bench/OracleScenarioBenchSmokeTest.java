package org.daxsim.bench;

import org.junit.jupiter.api.Test;

/** The {@code --quick} profile for benchmark 8's in-process half (see {@link Quick}). */
class OracleScenarioBenchSmokeTest {
  @Test
  void basicScenarioRuns() throws Exception {
    Quick.run(OracleScenarioBench.class, 2, "keepGoing", "true");
  }
}
