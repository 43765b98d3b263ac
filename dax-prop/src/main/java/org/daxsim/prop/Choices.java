package org.daxsim.prop;

import java.util.SplittableRandom;

/**
 * Unsigned arithmetic on choice ranks. A choice in {@code [min, max]} is recorded as a rank in
 * {@code [0, max - min]} (unsigned), where rank 0 is the simplest value: zero when the range
 * contains it, otherwise the bound nearest zero. Ranks grow with distance from that value, so
 * "smaller rank" means "simpler value" and the shrinker never needs to know what a choice means.
 * Ranks are a bijection with values, so a uniform rank is a uniform value.
 */
final class Choices {
  private Choices() {}

  /** The largest rank of {@code [min, max]}; {@code max - min} wraps to the right unsigned value. */
  static long maxRank(long min, long max) {
    return max - min;
  }

  /** {@code rank} limited to {@code [0, maxRank]}, comparing unsigned. */
  static long clamp(long rank, long maxRank) {
    return Long.compareUnsigned(rank, maxRank) > 0 ? maxRank : rank;
  }

  /**
   * A uniform unsigned value in {@code [0, maxRank]}. Uses only {@link SplittableRandom#nextLong()},
   * whose output is specified, so replays agree across JDKs; {@code nextLong(bound)} is not.
   * Rejection sampling: a raw draw is kept only if it lies in a whole block of {@code bound}
   * values, so every remainder is equally likely.
   */
  static long uniform(SplittableRandom rng, long maxRank) {
    if (maxRank == -1L) {
      return rng.nextLong(); // the full 2^64 range: every raw value is a valid rank
    }
    long bound = maxRank + 1;
    while (true) {
      long x = rng.nextLong();
      long r = Long.remainderUnsigned(x, bound);
      // The block starting at x - r ends at x - r + bound - 1; it must not pass 2^64 - 1.
      if (Long.compareUnsigned(x - r, -bound) <= 0) {
        return r;
      }
    }
  }

  /**
   * The value with rank {@code rank} in {@code [min, max]}; rank must be at most maxRank. When
   * the range holds both signs, ranks run 0, 1, ..., max, then -1, -2, ..., min: monotone in the
   * value on each side, so a binary search over ranks finds thresholds like {@code x >= 1000},
   * and non-negative values count as simpler.
   */
  static long toValue(long min, long max, long rank) {
    if (min >= 0) {
      return min + rank;
    }
    if (max <= 0 || Long.compareUnsigned(rank, max) > 0) {
      return max - rank; // wraps to the right negative value, down to MIN_VALUE
    }
    return rank;
  }

  /** The rank of {@code value} in {@code [min, max]}; the inverse of {@link #toValue}. */
  static long toRank(long min, long max, long value) {
    if (min >= 0) {
      return value - min;
    }
    if (max <= 0 || value < 0) {
      return max - value;
    }
    return value;
  }
}
