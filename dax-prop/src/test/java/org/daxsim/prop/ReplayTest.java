package org.daxsim.prop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.prop.Hermetic.failure;
import static org.daxsim.prop.Hermetic.noOverrides;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {
  /** SplittableRandom's published constants (java.util.SplittableRandom, JDK 8 to 25). */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  /** SplittableRandom.mix64 (Stafford's variant 13), as specified. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The n-th (1-based) nextLong() of {@code new SplittableRandom(seed)}. */
  private static long nth(long seed, int n) {
    return mix64(seed + n * GOLDEN_GAMMA);
  }

  /** Rank to value for the full long range: 0..MAX_VALUE, then -1, -2, ..., MIN_VALUE. */
  private static long fullRangeValue(long rank) {
    return rank >= 0 ? rank : Long.MAX_VALUE - rank;
  }

  @Test
  void fixedSeedGivesTheValuesSplittableRandomsSpecificationPredicts() {
    long seed = 0x5eed_1234_abcdL;
    List<long[]> drawn = new ArrayList<>();
    Gen<long[]> gen = src -> new long[] {
        src.choose(Long.MIN_VALUE, Long.MAX_VALUE), src.choose(0, 1023), src.choose(0, 9)};
    Property.forAll(gen).seed(seed).tries(4).withSystemProperties(noOverrides())
        .check(drawn::add);

    assertThat(drawn).hasSize(4);
    for (int i = 0; i < 4; i++) {
      long caseSeed = nth(seed, i + 1); // case i is seeded by the run's (i+1)-th output
      long[] expected = {
          fullRangeValue(nth(caseSeed, 1)),
          nth(caseSeed, 2) & 1023,
          Long.remainderUnsigned(nth(caseSeed, 3), 10)}; // rejection needs x >= 2^64 - 6
      assertThat(drawn.get(i)).as("case %d", i).containsExactly(expected);
    }
  }

  @Test
  void sameSeedGeneratesTheSameValues() {
    Gen<List<Long>> gen = Gen.lists(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE), 0, 20);
    assertThat(generated(gen, 42)).isEqualTo(generated(gen, 42)).isNotEqualTo(generated(gen, 43));
  }

  private static <T> List<T> generated(Gen<T> gen, long seed) {
    List<T> out = new ArrayList<>();
    Property.forAll(gen).seed(seed).tries(50).withSystemProperties(noOverrides()).check(out::add);
    return out;
  }

  @Test
  void reportedSeedReplaysTheSameFailureTryAndShrinkResult() {
    Gen<List<Integer>> gen = Gen.lists(Gen.ints(-1000, 1000), 0, 30);
    // No seed: a random one, which the report must give back.
    PropertyFailure first = failure(() -> forAllSortedPairs(gen).withSystemProperties(noOverrides())
        .check(this::noDescendingPairAbove));
    PropertyFailure replayed = failure(() -> forAllSortedPairs(gen).seed(first.seed())
        .withSystemProperties(noOverrides()).check(this::noDescendingPairAbove));
    PropertyFailure viaProperty = failure(() -> forAllSortedPairs(gen).seed(first.seed() + 1)
        .withSystemProperties(Hermetic.overrides(null, first.seed() + "L"))
        .check(this::noDescendingPairAbove));

    for (PropertyFailure again : List.of(replayed, viaProperty)) {
      assertThat(again.getMessage()).isEqualTo(first.getMessage());
      assertThat(again.failingTry()).isEqualTo(first.failingTry());
      assertThat(again.counterexample()).isEqualTo(first.counterexample());
      assertThat(again.originalCounterexample()).isEqualTo(first.originalCounterexample());
    }
    assertThat(first.getMessage()).contains(
        "-Ddax.prop.seed=" + first.seed(), ".seed(" + first.seed() + "L)");
  }

  private static ForAll<List<Integer>> forAllSortedPairs(Gen<List<Integer>> gen) {
    return Property.forAll(gen).named("sorted pairs");
  }

  private boolean noDescendingPairAbove(List<Integer> list) {
    for (int i = 0; i + 1 < list.size(); i++) {
      if (list.get(i) > list.get(i + 1) && list.get(i) > 300) {
        return false;
      }
    }
    return true;
  }
}
