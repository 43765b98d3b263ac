package org.daxsim.suites;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/**
 * Suite 1 (issue 7 section 2): offset-to-address resolution end to end on random worlds
 * ({@link Resolution}); 200 seeded worlds, each with several files and probes. The coverage
 * assertions keep the generator honest: enough multi-range targets, multi-strip interleaved
 * files and accesses that run across a device range end (only 2-unit simple extents straddling
 * a range boundary can: 2 MiB chunks never cross one).
 */
class ResolutionSuiteTest {
  @Test
  void everyFileOffsetResolvesLikeTheModelAndAllReadPathsAgree() {
    Property.forAll(WorldCase.GEN).named("file offset -> iomap -> pgoff -> phys -> memdev")
        .tries(200).seed(20261124L)
        .checkAssert(c -> Resolution.check(c, Resolution.REAL));
    var cov = Resolution.COVERAGE;
    System.out.println("resolution coverage: " + new java.util.TreeMap<>(cov));
    assertThat(cov.get("worlds")).isGreaterThanOrEqualTo(200);
    assertThat(cov.get("multi-range targets")).isGreaterThanOrEqualTo(80);
    assertThat(cov.get("interleaved files (>1 strip)")).isGreaterThanOrEqualTo(40);
    assertThat(cov.get("simple files")).isGreaterThanOrEqualTo(40);
    assertThat(cov.get("probes crossing a device range end")).isGreaterThanOrEqualTo(15);
  }
}
