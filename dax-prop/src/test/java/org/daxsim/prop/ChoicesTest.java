package org.daxsim.prop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.daxsim.prop.Hermetic.noOverrides;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChoicesTest {

  /** Bounds (min, max) as a pair, weighted toward the awkward ones. */
  private static final Gen<long[]> BOUNDS = Gen.frequency(
      Map.entry(4, Gen.zip(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE),
          Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE),
          (a, b) -> new long[] {Math.min(a, b), Math.max(a, b)})),
      Map.entry(1, Gen.constant(new long[] {Long.MIN_VALUE, Long.MAX_VALUE})),
      Map.entry(1, Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE).map(x -> new long[] {x, x})),
      Map.entry(1, Gen.zip(Gen.longs(-5, 5), Gen.ints(0, 3), (a, n) -> new long[] {a, a + n})));

  @Test
  void boundedDrawsAreAlwaysInRange() {
    Property.forAll(BOUNDS, Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE))
        .tries(500).withSystemProperties(noOverrides())
        .checkAssert((bounds, seed) -> {
          SplittableRandom rng = new SplittableRandom(seed);
          long min = bounds[0];
          long max = bounds[1];
          for (int i = 0; i < 50; i++) {
            long rank = Choices.uniform(rng, Choices.maxRank(min, max));
            assertThat(Long.compareUnsigned(rank, Choices.maxRank(min, max))).isLessThanOrEqualTo(0);
            long value = Choices.toValue(min, max, rank);
            assertThat(value).isBetween(min, max);
            assertThat(Choices.toRank(min, max, value)).isEqualTo(rank);
          }
        });
  }

  @Test
  void sourceChoicesAreInRangeAndReplayIdentically() {
    Property.forAll(BOUNDS, Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE))
        .tries(300).withSystemProperties(noOverrides())
        .checkAssert((bounds, seed) -> {
          Source fresh = Source.random(seed);
          long[] values = new long[20];
          for (int i = 0; i < values.length; i++) {
            values[i] = i % 2 == 0 ? fresh.choose(bounds[0], bounds[1])
                : fresh.chooseBiased(bounds[0], bounds[1]);
            assertThat(values[i]).isBetween(bounds[0], bounds[1]);
          }
          Source replay = Source.replay(fresh.choices());
          for (int i = 0; i < values.length; i++) {
            assertThat(replay.choose(bounds[0], bounds[1])).isEqualTo(values[i]);
          }
        });
  }

  @Test
  void rankZeroIsTheValueNearestZero() {
    assertThat(Choices.toValue(-10, 10, 0)).isZero();
    assertThat(Choices.toValue(5, 10, 0)).isEqualTo(5);
    assertThat(Choices.toValue(-10, -5, 0)).isEqualTo(-5);
    assertThat(Choices.toValue(-2, 10, 1)).isEqualTo(1);
    assertThat(Choices.toValue(-2, 10, 10)).isEqualTo(10);
    assertThat(Choices.toValue(-2, 10, 11)).isEqualTo(-1); // negatives after the positives
    assertThat(Choices.toValue(-2, 10, 12)).isEqualTo(-2);
    assertThat(Choices.toValue(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Choices.toValue(Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE)).isEqualTo(-1);
    assertThat(Choices.toValue(Long.MIN_VALUE, Long.MAX_VALUE, -1L)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void rejectionSamplingIsUnbiasedWhenTheRangeDoesNotDivide2To64() {
    // 3 * 2^62 values: plain "x mod n" would put half of all draws in the lowest third.
    long maxRank = 3L * (1L << 62) - 1;
    SplittableRandom rng = new SplittableRandom(99);
    int n = 60_000;
    int[] thirds = new int[3];
    for (int i = 0; i < n; i++) {
      thirds[(int) Long.divideUnsigned(Choices.uniform(rng, maxRank), 1L << 62)]++;
    }
    for (int count : thirds) {
      assertThat(count / (double) n).isCloseTo(1 / 3.0, offset(0.01));
    }
  }

  @Test
  void smallRangesAreUniform() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int size = 1; size <= 12; size++) {
      int n = 12_000;
      int[] counts = new int[size];
      for (int i = 0; i < n; i++) {
        counts[(int) Choices.uniform(rng, size - 1)]++;
      }
      double expected = n / (double) size;
      double chiSquare = 0;
      for (int c : counts) {
        chiSquare += (c - expected) * (c - expected) / expected;
      }
      assertThat(chiSquare).as("size %d", size).isLessThan(40); // p < 1e-4 even at 11 df
    }
  }

  @Test
  void badBoundsAreProgrammerErrors() {
    assertThatThrownBy(() -> Gen.longs(2, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Source.random(1).choose(2, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Source.random(1).weighted(1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
