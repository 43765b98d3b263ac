package org.daxsim.prop;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Shrinks a failing case by editing its recorded choices and replaying them. A candidate is kept
 * when it still fails (any failure counts) and drew a smaller choice sequence: shorter, or as
 * long and lexicographically smaller as unsigned ranks. Since every kept candidate is strictly
 * smaller, shrinking terminates; the run budget keeps it fast. It is deterministic, so a seed
 * replays to the same shrunk case.
 */
final class Shrinker {
  private static final int[] CHUNK_SIZES = {8, 4, 2, 1};
  private static final int SWAP_WINDOW = 8;

  private final Function<long[], Result> replay;
  private final int maxRuns;
  private final Map<Key, Result> replayed = new HashMap<>(); // replays are deterministic
  private Result best;
  private int runs;
  private int steps;

  Shrinker(Function<long[], Result> replay, Result failure, int maxRuns) {
    this.replay = replay;
    this.best = failure;
    this.maxRuns = maxRuns;
  }

  /** Returns the smallest failing case found. */
  Result shrink() {
    long[] before;
    do {
      before = best.choices();
      deleteSpans();
      for (int size : CHUNK_SIZES) {
        deleteChunks(size);
      }
      zeroSpans();
      for (int i = 0; i < best.choices().length && budgetLeft(); i++) {
        minimize(i);
      }
      swapAdjacent();
      if (best.choices() == before) { // costlier passes, only once the cheap ones are stuck
        swapNearby();
        redistribute();
      }
    } while (best.choices() != before && budgetLeft());
    return best;
  }

  /** Candidates kept. */
  int steps() {
    return steps;
  }

  /** Cases replayed. */
  int runs() {
    return runs;
  }

  /** Deletes whole list elements, filter attempts and stateful steps, last first. */
  private void deleteSpans() {
    for (int i = best.spanCount() - 1; i >= 0 && budgetLeft(); i--) {
      i = Math.min(i, best.spanCount() - 1); // a kept deletion may have removed later spans
      if (i < 0) {
        return;
      }
      consider(without(best.choices(), best.spanStart(i), best.spanEnd(i)));
    }
  }

  /**
   * Deletes {@code size} consecutive choices at every position, last first. If that fails, also
   * tries it with the choice before lowered by one: that choice may be a count of what follows
   * (a length drawn before a list, say), which must drop with the deletion.
   */
  private void deleteChunks(int size) {
    int i = best.choices().length - size;
    while (i >= 0 && budgetLeft()) {
      long[] deleted = without(best.choices(), i, i + size);
      if (consider(deleted, false) || (i > 0 && deleted[i - 1] != 0
          && consider(with(deleted, i - 1, deleted[i - 1] - 1), true))) {
        i = Math.min(i, best.choices().length - size); // retry here: later choices moved up
      } else {
        i--;
      }
    }
  }

  /** Sets every choice of a span to its simplest value at once (e.g. a pair to (0, 0)). */
  private void zeroSpans() {
    for (int i = 0; i < best.spanCount() && budgetLeft(); i++) {
      long[] candidate = best.choices().clone();
      Arrays.fill(candidate, best.spanStart(i), best.spanEnd(i), 0);
      consider(candidate);
    }
  }

  /**
   * Lowers choice {@code i}: to zero if possible, else by binary search for the smallest failing
   * rank (assuming failure is monotone in it), then by single steps for when it is not.
   */
  private void minimize(int i) {
    if (best.choices()[i] == 0 || consider(with(best.choices(), i, 0))) {
      return;
    }
    long lo = 0; // known to pass
    long hi = best.choices()[i]; // known to fail
    while (Long.compareUnsigned(hi - lo, 1) > 0 && budgetLeft()) {
      long mid = lo + ((hi - lo) >>> 1);
      if (!consider(with(best.choices(), i, mid))) {
        lo = mid;
      } else if (i >= best.choices().length || Long.compareUnsigned(best.choices()[i], lo) <= 0) {
        return; // the sequence changed shape; the search no longer applies
      } else {
        hi = best.choices()[i];
      }
    }
    for (int step = 1; step <= 2 && i < best.choices().length; step++) {
      long rank = best.choices()[i];
      if (Long.compareUnsigned(rank, step) >= 0) {
        consider(with(best.choices(), i, rank - step));
      }
    }
  }

  /** Swaps adjacent choices that are out of order, which makes the sequence smaller. */
  private void swapAdjacent() {
    for (int i = 0; i + 1 < best.choices().length && budgetLeft(); i++) {
      long[] c = best.choices();
      if (Long.compareUnsigned(c[i], c[i + 1]) > 0) {
        long[] candidate = c.clone();
        candidate[i] = c[i + 1];
        candidate[i + 1] = c[i];
        consider(candidate);
      }
    }
  }

  /**
   * Swaps out-of-order choices up to {@link #SWAP_WINDOW} apart, e.g. two list elements or two
   * actions' arguments in the wrong order, which single-choice passes cannot fix when
   * lowering either one alone makes the case pass.
   */
  private void swapNearby() {
    for (int i = 0; i < best.choices().length && budgetLeft(); i++) {
      for (int j = i + 2; j <= i + SWAP_WINDOW && j < best.choices().length; j++) {
        long[] c = best.choices();
        if (Long.compareUnsigned(c[i], c[j]) > 0) {
          long[] candidate = c.clone();
          candidate[i] = c[j];
          candidate[j] = c[i];
          consider(candidate);
        }
      }
    }
  }

  /**
   * Moves as much rank as fits from a choice to one up to {@link #SWAP_WINDOW} later, keeping
   * their sum: list elements [563, 663] of at most 1000 become [226, 1000]. This gets sums and
   * similar totals out of local minima; a choice moved to zero can then be deleted.
   */
  private void redistribute() {
    for (int i = 0; i < best.choices().length && budgetLeft(); i++) {
      for (int j = i + 1; j <= i + SWAP_WINDOW && j < best.choices().length; j++) {
        long[] c = best.choices();
        long room = best.maxRanks()[j] - c[j];
        long amount = Long.compareUnsigned(c[i], room) < 0 ? c[i] : room;
        if (amount != 0) {
          long[] candidate = c.clone();
          candidate[i] -= amount;
          candidate[j] += amount;
          consider(candidate);
        }
      }
    }
  }

  /** Replays {@code candidate}; keeps it as the new best if it fails and is smaller. */
  private boolean consider(long[] candidate) {
    return consider(candidate, false);
  }

  /**
   * Like {@link #consider(long[])}; with {@code mustBeShorter}, only a shorter result counts, so
   * a deletion that did not take effect cannot sneak in as a mere decrement.
   */
  private boolean consider(long[] candidate, boolean mustBeShorter) {
    if (!smaller(candidate, best.choices())) {
      return false;
    }
    Result result = replayed.get(new Key(candidate));
    if (result == null) {
      if (!budgetLeft()) {
        return false;
      }
      runs++;
      result = replay.apply(candidate);
      replayed.put(new Key(candidate), result);
    }
    if (result.status() != Result.Status.FAIL || !smaller(result.choices(), best.choices())
        || mustBeShorter && result.choices().length >= best.choices().length) {
      return false;
    }
    best = result;
    steps++;
    return true;
  }

  private boolean budgetLeft() {
    return runs < maxRuns;
  }

  /** Shortlex order on unsigned ranks. */
  static boolean smaller(long[] a, long[] b) {
    if (a.length != b.length) {
      return a.length < b.length;
    }
    return Arrays.compareUnsigned(a, b) < 0;
  }

  private static long[] without(long[] a, int from, int to) {
    long[] out = new long[a.length - (to - from)];
    System.arraycopy(a, 0, out, 0, from);
    System.arraycopy(a, to, out, from, a.length - to);
    return out;
  }

  private static long[] with(long[] a, int i, long rank) {
    long[] out = a.clone();
    out[i] = rank;
    return out;
  }

  /** A choice sequence compared by content, to look up candidates already replayed. */
  private record Key(long[] choices) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(choices, k.choices);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(choices);
    }
  }
}
