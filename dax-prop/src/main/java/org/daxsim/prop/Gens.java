package org.daxsim.prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The implementations behind the {@link Gen} factories that need more than a line. */
final class Gens {
  /** Attempts per filtered draw before the case is discarded. */
  static final int FILTER_ATTEMPTS = 50;

  /** Lists aim for about this many optional elements, fewer if maxSize is lower. */
  private static final double LIST_AVERAGE = 10;

  private Gens() {}

  static Gen<Long> longs(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("min > max: [" + min + ", " + max + "]");
    }
    return src -> src.chooseBiased(min, max);
  }

  static <T> Gen<T> filter(Gen<T> gen, Predicate<? super T> predicate) {
    return src -> {
      for (int i = 0; i < FILTER_ATTEMPTS; i++) {
        // Each rejected attempt is a span, so the shrinker can delete it and keep the accepted one.
        int start = src.spanStart();
        T value = src.draw(gen);
        src.spanEnd(start);
        if (predicate.test(value)) {
          return value;
        }
      }
      throw new Discard("a filter rejected " + FILTER_ATTEMPTS + " values in a row");
    };
  }

  static <T> Gen<T> elements(List<? extends T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("elements: no values given");
    }
    List<T> copy = new ArrayList<>(values); // later changes to the caller's list must not leak in
    return src -> copy.get(src.chooseInt(0, copy.size() - 1));
  }

  static <T> Gen<List<T>> lists(Gen<T> element, int minSize, int maxSize) {
    if (minSize < 0 || minSize > maxSize) {
      throw new IllegalArgumentException("list sizes must satisfy 0 <= min <= max: ["
          + minSize + ", " + maxSize + "]");
    }
    double more = continueProbability(maxSize - minSize, LIST_AVERAGE);
    return src -> {
      List<T> list = new ArrayList<>();
      while (list.size() < maxSize) {
        // The "continue?" choice and the element form one span: deleting it drops the element.
        int start = src.spanStart();
        if (list.size() >= minSize && !src.weighted(more)) {
          break;
        }
        list.add(src.draw(element));
        src.spanEnd(start);
      }
      return list;
    };
  }

  /**
   * The chance to add one more optional element so that, ignoring the cap, about
   * {@code min(average, optional / 2)} optional elements are generated (a geometric count).
   */
  static double continueProbability(int optional, double average) {
    double mean = Math.min(average, optional / 2.0);
    return mean / (1 + mean);
  }

  static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
    if (gens.isEmpty()) {
      throw new IllegalArgumentException("oneOf: no generators given");
    }
    List<Gen<? extends T>> copy = new ArrayList<>(gens);
    return src -> src.draw(copy.get(src.chooseInt(0, copy.size() - 1)));
  }

  static <T> Gen<T> frequency(List<? extends Map.Entry<Integer, ? extends Gen<? extends T>>> weighted) {
    List<Gen<? extends T>> gens = new ArrayList<>();
    long[] cumulative = new long[weighted.size()];
    long total = 0;
    for (Map.Entry<Integer, ? extends Gen<? extends T>> entry : weighted) {
      if (entry.getKey() < 0) {
        throw new IllegalArgumentException("frequency: negative weight " + entry.getKey());
      }
      total += entry.getKey();
      cumulative[gens.size()] = total;
      gens.add(entry.getValue());
    }
    if (total == 0) {
      throw new IllegalArgumentException("frequency: weights must not all be zero");
    }
    long last = total - 1;
    return src -> {
      long pick = src.choose(0, last);
      int i = 0;
      while (cumulative[i] <= pick) {
        i++;
      }
      return src.draw(gens.get(i));
    };
  }
}
