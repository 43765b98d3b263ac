package org.daxsim.prop;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The stream of choices a {@link Gen} draws from. Every choice is a bounded integer, recorded so
 * the case can be replayed and shrunk: the shrinker edits the recorded sequence and replays it,
 * so any generator written against this class shrinks without further work.
 *
 * <p>When replaying an edited sequence, a choice beyond its end takes the simplest value and a
 * recorded choice outside its (possibly different) bounds is clamped into them.
 *
 * <p>Write custom generators as lambdas: {@code Gen<Point> points = src -> new
 * Point(src.chooseInt(0, 9), src.draw(ys));}
 */
public final class Source {
  /** More choices than this in one case means a runaway generator; the case is discarded. */
  static final int MAX_CHOICES = 100_000;

  private final SplittableRandom rng; // null when replaying: past the prefix, choose simplest
  private final long[] prefix;
  private long[] ranks = new long[16];
  private long[] maxRanks = new long[16]; // each choice's bound, for moves between choices
  private int size;
  private int[] spans = new int[8]; // (start, end) pairs of regions a shrinker may delete whole
  private int spanCount;
  private List<Object> shownValues = List.of();
  private Supplier<String> shownText = () -> "";

  private Source(SplittableRandom rng, long[] prefix) {
    this.rng = rng;
    this.prefix = prefix;
  }

  /** A source drawing fresh random choices from {@code new SplittableRandom(seed)}. */
  static Source random(long seed) {
    return new Source(new SplittableRandom(seed), new long[0]);
  }

  /** A source replaying {@code prefix}, then choosing the simplest value. */
  static Source replay(long[] prefix) {
    return new Source(null, prefix);
  }

  /**
   * A uniform choice in {@code [min, max]}, both inclusive; the whole long range is allowed.
   * Shrinks toward zero, preferring non-negative values, or toward the bound nearest zero when
   * zero is out of range.
   *
   * @throws IllegalArgumentException if {@code min > max}
   */
  public long choose(long min, long max) {
    checkBounds(min, max);
    long maxRank = Choices.maxRank(min, max);
    return Choices.toValue(min, max, next(maxRank, () -> Choices.uniform(rng, maxRank)));
  }

  /** Like {@link #choose(long, long)} for ints. */
  public int chooseInt(int min, int max) {
    return (int) choose(min, max);
  }

  /** A fair coin; shrinks to {@code false}. */
  public boolean flip() {
    return choose(0, 1) == 1;
  }

  /**
   * {@code true} with the given probability; shrinks to {@code false}. Probabilities 0 and 1 make
   * no choice at all.
   *
   * @throws IllegalArgumentException unless {@code 0 <= probability <= 1}
   */
  public boolean weighted(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
    }
    if (probability == 0 || probability == 1) {
      return probability == 1;
    }
    return next(1, () -> unitDouble() < probability ? 1 : 0) == 1;
  }

  /** Draws a value from {@code gen}; the same as {@code gen.generate(this)}. */
  public <T> T draw(Gen<T> gen) {
    return gen.generate(this);
  }

  /**
   * Like {@link #choose} but, when drawing fresh values, about one draw in eight is a bound or
   * next to one and one in eight is small (near zero, or near the bound nearest zero), where
   * bugs cluster.
   */
  long chooseBiased(long min, long max) {
    checkBounds(min, max);
    long maxRank = Choices.maxRank(min, max);
    return Choices.toValue(min, max, next(maxRank, () -> biasedRank(min, max)));
  }

  /** Marks the start of a region that can be deleted as a whole; pass the result to spanEnd. */
  int spanStart() {
    return size;
  }

  /** Ends a region started by {@link #spanStart()}; empty regions are not recorded. */
  void spanEnd(int start) {
    if (size == start) {
      return;
    }
    if (spanCount * 2 == spans.length) {
      spans = Arrays.copyOf(spans, spans.length * 2);
    }
    spans[spanCount * 2] = start;
    spans[spanCount * 2 + 1] = size;
    spanCount++;
  }

  /** Records what this case is about, for failure reports; text is rendered only if needed. */
  void show(List<Object> values, Supplier<String> text) {
    shownValues = values;
    shownText = text;
  }

  long[] choices() {
    return Arrays.copyOf(ranks, size);
  }

  long[] maxRanks() {
    return Arrays.copyOf(maxRanks, size);
  }

  int[] spans() {
    return Arrays.copyOf(spans, spanCount * 2);
  }

  List<Object> shownValues() {
    return shownValues;
  }

  Supplier<String> shownText() {
    return shownText;
  }

  private long next(long maxRank, LongSupplier fresh) {
    if (size == MAX_CHOICES) {
      throw new Discard("the case drew more than " + MAX_CHOICES + " choices");
    }
    long rank;
    if (size < prefix.length) {
      rank = Choices.clamp(prefix[size], maxRank);
    } else {
      rank = rng == null ? 0 : fresh.getAsLong();
    }
    if (size == ranks.length) {
      ranks = Arrays.copyOf(ranks, size * 2);
      maxRanks = Arrays.copyOf(maxRanks, size * 2);
    }
    maxRanks[size] = maxRank;
    ranks[size++] = rank;
    return rank;
  }

  private long biasedRank(long min, long max) {
    long maxRank = Choices.maxRank(min, max);
    long roll = rng.nextLong() >>> 61; // 0..7
    if (roll == 0) {
      long[] edges = Long.compareUnsigned(maxRank, 2) >= 0
          ? new long[] {min, max, min + 1, max - 1}
          : new long[] {min, max};
      long edge = edges[(int) Choices.uniform(rng, edges.length - 1)];
      return Choices.toRank(min, max, edge);
    }
    if (roll == 1) {
      long bits = 1 + Choices.uniform(rng, 15); // small magnitudes: up to 2^16 - 1
      long offset = Choices.uniform(rng, (1L << bits) - 1);
      if (min < 0 && max > 0) { // either sign: within the range's side, e.g. -3 in [-5, 9]
        return (rng.nextLong() & 1) == 0
            ? Choices.toRank(min, max, Math.min(offset, max))
            : Choices.toRank(min, max, Math.max(-offset, min));
      }
      return Choices.clamp(offset, maxRank); // distance from the bound nearest zero
    }
    return Choices.uniform(rng, maxRank);
  }

  /** A uniform double in [0, 1) from the top 53 bits of one raw draw. */
  private double unitDouble() {
    return (rng.nextLong() >>> 11) * 0x1.0p-53;
  }

  private static void checkBounds(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("min > max: [" + min + ", " + max + "]");
    }
  }
}
