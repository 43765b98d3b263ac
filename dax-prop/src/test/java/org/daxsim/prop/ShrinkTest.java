package org.daxsim.prop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.prop.Hermetic.failure;
import static org.daxsim.prop.Hermetic.noOverrides;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShrinkTest {

  @Test
  void listWithLargeElementShrinksToSingleMinimalElement() {
    for (long seed = 1; seed <= 5; seed++) {
      long s = seed;
      PropertyFailure f = failure(() -> Property.forAll(Gen.lists(Gen.ints(0, 1000), 0, 50))
          .seed(s).withSystemProperties(noOverrides())
          .check(list -> list.stream().allMatch(x -> x <= 100)));
      assertThat(f.counterexample()).as("seed %d", s).containsExactly(List.of(101));
      assertThat(f.getMessage()).contains("Shrunk counterexample:\n    [101]\n");
    }
  }

  @Test
  void pairShrinksToMinimalSum() {
    for (long seed = 1; seed <= 5; seed++) {
      long s = seed;
      PropertyFailure f = failure(() -> Property.forAll(Gen.ints(-50, 1000), Gen.ints(-50, 1000))
          .seed(s).withSystemProperties(noOverrides())
          .check((a, b) -> a + b <= 10));
      int a = (Integer) f.counterexample().get(0);
      int b = (Integer) f.counterexample().get(1);
      assertThat(a + b).as("seed %d: (%d, %d)", s, a, b).isEqualTo(11);
      assertThat(a).isZero(); // the first choice is simplified first
    }
  }

  @Test
  void stringBuiltWithFlatMapAndMapShrinksToMinimalForm() {
    Gen<Character> letters = Gen.ints('a', 'z').map(i -> (char) i.intValue());
    Gen<String> strings = Gen.ints(1, 12)
        .flatMap(n -> Gen.lists(letters, n, n))
        .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));

    PropertyFailure containsQ = failure(() -> Property.forAll(strings)
        .seed(7).withSystemProperties(noOverrides()).check(s -> !s.contains("q")));
    assertThat(containsQ.counterexample()).containsExactly("q");
    assertThat(containsQ.getMessage()).contains("    \"q\"");

    PropertyFailure longOnes = failure(() -> Property.forAll(strings)
        .seed(7).withSystemProperties(noOverrides()).check(s -> s.length() < 4));
    assertThat(longOnes.counterexample()).containsExactly("aaaa");
  }

  @Test
  void listOfDependentLengthShrinksThroughFlatMap() {
    Gen<List<Integer>> lists = Gen.ints(0, 10).flatMap(n -> Gen.lists(Gen.ints(0, 100), n, n));
    PropertyFailure f = failure(() -> Property.forAll(lists)
        .seed(3).withSystemProperties(noOverrides())
        .check(list -> list.stream().allMatch(x -> x < 50)));
    assertThat(f.counterexample()).containsExactly(List.of(50));
  }

  @Test
  void signedValuesShrinkToTheExactThreshold() {
    Gen<Long> any = Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE);
    for (long seed = 1; seed <= 5; seed++) {
      long s = seed;
      assertThat(failure(() -> Property.forAll(any).seed(s).withSystemProperties(noOverrides())
          .check(x -> x < 1000)).counterexample()).containsExactly(1000L);
      assertThat(failure(() -> Property.forAll(any).seed(s).withSystemProperties(noOverrides())
          .check(x -> x > -1000)).counterexample()).containsExactly(-1000L);
      assertThat(failure(() -> Property.forAll(any).seed(s).withSystemProperties(noOverrides())
          .check(x -> Math.abs(x) < 1000)).counterexample()).containsExactly(1000L);
    }
  }

  @Test
  void oneOfShrinksTowardTheFirstAlternative() {
    Gen<Object> gen = Gen.oneOf(Gen.ints(0, 100), Gen.constant("text"), Gen.booleans());
    PropertyFailure f = failure(() -> Property.forAll(gen)
        .seed(11).withSystemProperties(noOverrides())
        .check(x -> !(x instanceof Integer i) || i < 30));
    assertThat(f.counterexample()).containsExactly(30);
  }

  @Test
  void filteredValuesStayValidWhileShrinking() {
    Gen<Integer> evens = Gen.ints(0, 10_000).filter(x -> x % 2 == 0);
    PropertyFailure f = failure(() -> Property.forAll(evens)
        .seed(5).withSystemProperties(noOverrides()).check(x -> x < 1001));
    assertThat(f.counterexample()).containsExactly(1002);
  }

  @Test
  void shrinkWorkIsBounded() {
    int[] runs = {0};
    PropertyFailure f = failure(() -> Property.forAll(Gen.lists(Gen.ints(0, 1000), 0, 50))
        .seed(1).maxShrinks(10).withSystemProperties(noOverrides())
        .check(list -> ++runs[0] > 0 && list.stream().allMatch(x -> x <= 100)));
    assertThat(runs[0] - f.failingTry()).isEqualTo(10);
    assertThat(f.getMessage()).contains("(10 runs)");
  }

  @Test
  void zeroShrinkBudgetReportsTheOriginal() {
    PropertyFailure f = failure(() -> Property.forAll(Gen.lists(Gen.ints(0, 1000), 0, 50))
        .seed(1).maxShrinks(0).withSystemProperties(noOverrides())
        .check(list -> list.stream().allMatch(x -> x <= 100)));
    assertThat(f.shrinkSteps()).isZero();
    assertThat(f.counterexample()).isEqualTo(f.originalCounterexample());
  }

  @Test
  void shrinkerOrdersShorterThenLexicographicallySmallerUnsigned() {
    assertThat(Shrinker.smaller(new long[] {9}, new long[] {0, 0})).isTrue();
    assertThat(Shrinker.smaller(new long[] {0, 1}, new long[] {0, 2})).isTrue();
    assertThat(Shrinker.smaller(new long[] {5}, new long[] {-1L})).isTrue(); // -1 is 2^64-1
    assertThat(Shrinker.smaller(new long[] {3}, new long[] {3})).isFalse();
  }
}
