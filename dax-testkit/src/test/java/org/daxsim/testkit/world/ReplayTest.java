package org.daxsim.testkit.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.daxsim.prop.PropertyFailure;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.Test;

class ReplayTest {
  /** A counter step that renders as an echo line. */
  record Add(int n) implements Action<int[], int[]>, ScenarioAction {
    @Override
    public void run(int[] sys, int[] model) {
      sys[0] += n;
    }

    @Override
    public List<String> scenarioLines() {
      return List.of("echo add " + n);
    }
  }

  private static PropertyFailure failing() {
    Stateful<int[], int[]> m = Stateful.<int[], int[]>of(() -> new int[1], () -> new int[1])
        .actions(Gen.ints(1, 9).map(Add::new))
        .invariant((s, x) -> assertThat(s[0]).isLessThan(10))
        .seed(5L);
    return catchThrowableOfType(PropertyFailure.class, m::check);
  }

  @Test
  void commandNamesModuleClassAndSeed() {
    assertThat(Replay.command("dax-testkit", ReplayTest.class, 42L)).isEqualTo(
        "mvn -B verify -pl dax-testkit -am -Dtest=ReplayTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Ddax.prop.seed=42");
    assertThat(Replay.moduleOf(ReplayTest.class)).contains("dax-testkit");
  }

  @Test
  void shrunkStatefulCaseBecomesAScript() {
    PropertyFailure f = failing();
    String script = Replay.scenario(f, List.of("region add --size 4G")).orElseThrow();
    assertThat(script).startsWith("# shrunk counterexample (seed 5)\nregion add --size 4G\n");
    // shrunk to the smallest sums reaching 10: every step rendered, in order
    long adds = script.lines().filter(l -> l.startsWith("echo add ")).count();
    assertThat(adds).isEqualTo(f.counterexample().size()).isBetween(2L, 10L);
    String report = Replay.report(f, ReplayTest.class, List.of());
    assertThat(report).contains("Seed: 5\n", "-Ddax.prop.seed=5", "Scenario (daxsim run FILE)");
  }

  @Test
  void valuesThatAreNotActionsGiveNoScript() {
    PropertyFailure f = catchThrowableOfType(PropertyFailure.class,
        () -> Property.forAll(Gen.ints(0, 100)).seed(1L).check(x -> x < 50));
    assertThat(Replay.scenario(f, List.of())).isEmpty();
    assertThat(Replay.report(f, ReplayTest.class, List.of())).doesNotContain("Scenario");
  }
}
