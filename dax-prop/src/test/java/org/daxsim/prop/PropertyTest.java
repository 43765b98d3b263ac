package org.daxsim.prop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.prop.Hermetic.failure;
import static org.daxsim.prop.Hermetic.noOverrides;
import static org.daxsim.prop.Hermetic.overrides;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PropertyTest {

  private static int countRuns(ForAll<Integer> property) {
    int[] runs = {0};
    property.check(x -> ++runs[0] > 0);
    return runs[0];
  }

  private static ForAll<Integer> ints() {
    return Property.forAll(Gen.ints(0, 10));
  }

  @Test
  void passingPropertyRunsExactlyTriesCases() {
    assertThat(countRuns(ints().withSystemProperties(noOverrides()))).isEqualTo(200);
    assertThat(countRuns(ints().tries(37).withSystemProperties(noOverrides()))).isEqualTo(37);
  }

  @Test
  void triesSystemPropertyReplacesEveryPropertysTries() {
    assertThat(countRuns(ints().withSystemProperties(overrides("17", null)))).isEqualTo(17);
    assertThat(countRuns(ints().tries(500).withSystemProperties(overrides(" 17 ", null))))
        .isEqualTo(17);
  }

  @Test
  void blankSystemPropertiesCountAsUnset() {
    // Maven passes -Ddax.prop.tries= with an empty value when the knob is not set.
    assertThat(countRuns(ints().tries(9).withSystemProperties(overrides("", " ")))).isEqualTo(9);
  }

  @Test
  void malformedSystemPropertiesAreRejected() {
    assertThatThrownBy(() -> countRuns(ints().withSystemProperties(overrides("many", null))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dax.prop.tries");
    assertThatThrownBy(() -> countRuns(ints().withSystemProperties(overrides("0", null))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> countRuns(ints().withSystemProperties(overrides(null, "0x12"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dax.prop.seed");
    assertThatThrownBy(() -> ints().tries(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void seedSystemPropertyFixesTheSeedOfEveryProperty() {
    assertThat(values(ints().seed(1).withSystemProperties(overrides(null, "99"))))
        .isEqualTo(values(ints().seed(99).withSystemProperties(noOverrides())))
        .isNotEqualTo(values(ints().seed(1).withSystemProperties(noOverrides())));
  }

  private static List<Integer> values(ForAll<Integer> property) {
    List<Integer> out = new ArrayList<>();
    property.tries(30).check(out::add);
    return out;
  }

  @Test
  void unseededRunsDiffer() {
    List<Integer> a = values(Property.forAll(Gen.ints(0, 1_000_000))
        .withSystemProperties(noOverrides()));
    List<Integer> b = values(Property.forAll(Gen.ints(0, 1_000_000))
        .withSystemProperties(noOverrides()));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void failureReportHasEverythingNeededToUnderstandAndReplay() {
    PropertyFailure f = failure(() -> Property.forAll(Gen.lists(Gen.ints(0, 1000), 0, 50))
        .named("small numbers").seed(4242).withSystemProperties(noOverrides())
        .checkAssert(list -> assertThat(list).allMatch(x -> x <= 100, "at most 100")));
    String msg = f.getMessage();
    assertThat(msg).startsWith("Property 'small numbers' falsified at try " + f.failingTry()
        + ", shrunk in " + f.shrinkSteps() + " steps (");
    assertThat(msg).contains("Shrunk counterexample:\n    [101]\n", "Shrunk failure:\n",
        "Original counterexample:\n    " + Render.value(f.originalCounterexample().get(0)),
        "Original failure:\n    java.lang.AssertionError:", "at most 100",
        "Seed: 4242 (replay with -Ddax.prop.seed=4242 or .seed(4242L))");
    assertThat(f.getCause()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("[101]");
    assertThat(f.seed()).isEqualTo(4242);
  }

  @Test
  void falsePredicateFailsWithoutCause() {
    PropertyFailure f = failure(() -> ints().seed(1).withSystemProperties(noOverrides())
        .check(x -> x < 5));
    assertThat(f.counterexample()).containsExactly(5);
    assertThat(f.getMessage()).contains("Shrunk failure:\n    returned false");
    assertThat(f.getCause()).isNull();
  }

  @Test
  void checkedExceptionsAndErrorsFailTheProperty() {
    PropertyFailure io = failure(() -> ints().seed(2).withSystemProperties(noOverrides())
        .checkAssert(x -> {
          if (x > 3) {
            throw new IOException("disk " + x);
          }
        }));
    assertThat(io.getCause()).isInstanceOf(IOException.class).hasMessage("disk 4");

    PropertyFailure npe = failure(() -> Property.forAll(Gen.elements("a", null, "b"))
        .seed(2).withSystemProperties(noOverrides()).check(s -> s.length() == 1));
    assertThat(npe.counterexample()).containsExactly((Object) null);
    assertThat(npe.getCause()).isInstanceOf(NullPointerException.class);
  }

  @Test
  void multiArgumentPropertiesShowTuples() {
    PropertyFailure f = failure(() -> Property.forAll(
            Gen.ints(0, 100), Gen.elements("x", "y"), Gen.booleans())
        .seed(8).withSystemProperties(noOverrides())
        .checkAssert((n, s, b) -> assertThat(n).isLessThan(50)));
    assertThat(f.counterexample()).containsExactly(50, "x", false);
    assertThat(f.getMessage()).contains("    (50, \"x\", false)\n");

    int[] runs = {0};
    Property.forAll(Gen.ints(0, 1), Gen.ints(0, 1), Gen.ints(0, 1)).tries(12)
        .withSystemProperties(noOverrides()).check((a, b, c) -> ++runs[0] > 0);
    assertThat(runs[0]).isEqualTo(12);
  }

  @Test
  void reportShowsValuesAsGeneratedEvenIfThePropertyMutatesThem() {
    PropertyFailure f = failure(() -> Property.forAll(Gen.lists(Gen.ints(1, 9), 1, 5))
        .seed(3).withSystemProperties(noOverrides())
        .check(list -> {
          list.clear();
          return false;
        }));
    assertThat(f.getMessage()).contains("Shrunk counterexample:\n    [1]\n");
  }

  @Test
  void junitAssumptionsDiscardCases() {
    int[] runs = {0};
    Property.forAll(Gen.ints(0, 9)).tries(50).seed(1).withSystemProperties(noOverrides())
        .checkAssert(x -> {
          org.junit.jupiter.api.Assumptions.assumeTrue(x % 2 == 0);
          runs[0]++;
          assertThat(x % 2).isZero();
        });
    assertThat(runs[0]).isEqualTo(50);
  }

  @Test
  void settingsPrecedence() {
    Properties none = noOverrides();
    Settings.setTestDefaults(new Settings.TestDefaults(5, 6L));
    try {
      assertThat(Settings.resolve(null, null, null, 0, none))
          .extracting(Settings::tries, Settings::seed).containsExactly(5, 6L);
      assertThat(Settings.resolve(null, 7, 8L, 0, none))
          .extracting(Settings::tries, Settings::seed).containsExactly(7, 8L);
      assertThat(Settings.resolve(null, 7, 8L, 0, overrides("9", "10L")))
          .extracting(Settings::tries, Settings::seed).containsExactly(9, 10L);
    } finally {
      Settings.clearTestDefaults();
    }
    assertThat(Settings.resolve(null, null, null, 0, none).tries())
        .isEqualTo(Settings.DEFAULT_TRIES);
  }
}
