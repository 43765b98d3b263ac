package org.daxsim.prop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.prop.Hermetic.failure;
import static org.daxsim.prop.Hermetic.noOverrides;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenTest {

  /** Draws 2000 values with a fixed seed. */
  private static <T> List<T> sample(Gen<T> gen) {
    List<T> out = new ArrayList<>();
    Property.forAll(gen).seed(2024).tries(2000).withSystemProperties(noOverrides())
        .check(out::add);
    return out;
  }

  @Test
  void integersStayInRangeAndHitTheEdges() {
    List<Long> longs = sample(Gen.longs(-3, 1_000_000));
    assertThat(longs).allSatisfy(x -> assertThat(x).isBetween(-3L, 1_000_000L))
        .contains(-3L, -2L, 0L, 999_999L, 1_000_000L);
    assertThat(sample(Gen.ints(Integer.MIN_VALUE, Integer.MAX_VALUE)))
        .contains(Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
    assertThat(sample(Gen.ints(7, 7))).containsOnly(7);
  }

  @Test
  void listsRespectTheirSizesAndVary() {
    List<List<Integer>> lists = sample(Gen.lists(Gen.ints(0, 9), 2, 6));
    assertThat(lists).allSatisfy(l -> assertThat(l).hasSizeBetween(2, 6));
    assertThat(lists.stream().map(List::size).distinct()).containsExactlyInAnyOrder(2, 3, 4, 5, 6);
    assertThat(sample(Gen.lists(Gen.booleans(), 0, 0))).containsOnly(List.of());
  }

  @Test
  void choosersCoverTheirAlternatives() {
    assertThat(sample(Gen.booleans())).containsOnly(true, false).contains(true, false);
    assertThat(sample(Gen.elements("a", "b", "c"))).containsOnly("a", "b", "c")
        .contains("a", "b", "c");
    assertThat(sample(Gen.oneOf(Gen.constant(1), Gen.constant(2)))).contains(1, 2);
    assertThat(sample(Gen.constant("x"))).containsOnly("x");
  }

  @Test
  void frequencyFollowsTheWeights() {
    List<String> picks = sample(Gen.frequency(
        Map.entry(9, Gen.constant("common")), Map.entry(1, Gen.constant("rare")),
        Map.entry(0, Gen.constant("never"))));
    Map<String, Integer> counts = new HashMap<>();
    picks.forEach(p -> counts.merge(p, 1, Integer::sum));
    assertThat(counts).doesNotContainKey("never");
    assertThat(counts.get("rare")).isBetween(140, 260); // 10% of 2000
  }

  @Test
  void combinatorsComposeAndCustomGeneratorsAreLambdas() {
    Gen<int[]> custom = src -> new int[] {src.chooseInt(0, 5), src.draw(Gen.ints(10, 20))};
    assertThat(sample(custom)).allSatisfy(p -> {
      assertThat(p[0]).isBetween(0, 5);
      assertThat(p[1]).isBetween(10, 20);
    });
    assertThat(sample(Gen.zip(Gen.ints(0, 9), Gen.ints(0, 9), Integer::sum)))
        .allSatisfy(s -> assertThat(s).isBetween(0, 18));
    assertThat(sample(Gen.zip(Gen.ints(1, 1), Gen.ints(2, 2), Gen.ints(3, 3), (a, b, c) -> a + b + c)))
        .containsOnly(6);
    assertThat(sample(Gen.ints(0, 9).map(x -> x * 2))).allSatisfy(x -> assertThat(x % 2).isZero());
    assertThat(sample(Gen.ints(1, 5).flatMap(n -> Gen.lists(Gen.constant(n), n, n))))
        .allSatisfy(l -> assertThat(l).hasSize(l.get(0)));
  }

  @Test
  void filterKeepsOnlyMatchingValues() {
    assertThat(sample(Gen.ints(0, 100).filter(x -> x % 3 == 0)))
        .allSatisfy(x -> assertThat(x % 3).isZero());
  }

  @Test
  void tooStrictFilterIsReported() {
    PropertyFailure f = failure(() -> Property.forAll(Gen.ints(0, 1000).filter(x -> x == 5000))
        .named("impossible").seed(1).withSystemProperties(noOverrides()).check(x -> true));
    assertThat(f.getMessage()).contains("Property 'impossible' gave up", "too strict",
        "-Ddax.prop.seed=1");
    assertThat(f.failingTry()).isZero();
    assertThat(f.counterexample()).isEmpty();
  }

  @Test
  void filterAcceptingFewValuesStillRuns() {
    int[] runs = {0};
    Property.forAll(Gen.ints(0, 99).filter(x -> x < 10)).seed(3).tries(100)
        .withSystemProperties(noOverrides()).check(x -> ++runs[0] > 0);
    assertThat(runs[0]).isEqualTo(100);
  }

  @Test
  void badArgumentsAreProgrammerErrors() {
    assertThatThrownBy(() -> Gen.lists(Gen.booleans(), 3, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Gen.lists(Gen.booleans(), -1, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Gen.elements(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(Gen::oneOf).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Gen.frequency(Map.entry(0, Gen.constant(1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Gen.frequency(Map.entry(-1, Gen.constant(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
