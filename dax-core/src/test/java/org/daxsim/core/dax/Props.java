package org.daxsim.core.dax;

import java.util.function.Consumer;
import org.daxsim.prop.Property;

/**
 * The dax properties' entry point into dax-prop: runs {@code property} over at least
 * {@link #MIN_TRIES} cases, each drawing its choices through an {@link Rnd}; a failure is a
 * shrunk {@code PropertyFailure} naming the seed ({@code -Ddax.prop.seed=S} replays it).
 */
final class Props {
  static final int MIN_TRIES = 200;

  private Props() {}

  static void forAll(String name, Consumer<Rnd> property) {
    Property.forAll(Rnd.GEN).named(name).tries(MIN_TRIES).checkAssert(r -> {
      try {
        property.accept(r);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("values drawn " + r.drawn() + ": " + e.getMessage(), e);
      }
    });
  }

  /** A value from {@code choices}. */
  @SafeVarargs
  static <T> T oneOf(Rnd r, T... choices) {
    return choices[r.nextInt(choices.length)];
  }

  /** A long biased to edge cases: 0, 1, small, large, negative, the extremes. */
  static long edgyLong(Rnd r) {
    switch (r.nextInt(8)) {
      case 0: return 0;
      case 1: return 1 + r.nextInt(4);
      case 2: return r.nextLong(1, 1 << 20);
      case 3: return -1 - r.nextInt(4);
      case 4: return Long.MAX_VALUE - r.nextInt(2);
      case 5: return Long.MIN_VALUE + r.nextInt(2);
      case 6: return r.nextLong();
      default: return r.nextLong(1, 64);
    }
  }
}
