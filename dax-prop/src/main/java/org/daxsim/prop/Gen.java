package org.daxsim.prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of values of type {@code T}, drawn from a {@link Source} of recorded choices.
 * Because shrinking works on the recorded choices, every generator built from these factories,
 * combinators or a lambda over the source shrinks automatically, including through
 * {@link #map} and {@link #flatMap}.
 *
 * <p>Generators must be deterministic functions of the choices they draw (no other randomness,
 * no hidden state), otherwise seeds do not replay.
 *
 * @param <T> the type of generated values
 */
@FunctionalInterface
public interface Gen<T> {

  /** Draws one value. */
  T generate(Source source);

  /** Applies {@code f} to every generated value. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return src -> f.apply(generate(src));
  }

  /** Generates a value, then draws from the generator {@code f} makes of it. */
  default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
    return src -> src.draw(f.apply(generate(src)));
  }

  /**
   * Keeps only values satisfying {@code predicate}, retrying a bounded number of times; if none
   * passes the case is discarded, and a property discarding too many cases fails as too strict.
   * Prefer generating valid values directly when most values would be rejected.
   */
  default Gen<T> filter(Predicate<? super T> predicate) {
    return Gens.filter(this, predicate);
  }

  /**
   * Longs in {@code [min, max]}, both inclusive; the whole long range is allowed. Biased: about
   * a quarter of draws are bounds, next to bounds, or near zero. Shrinks toward zero, or toward
   * the bound nearest zero; see {@link Source#choose}. For uniform draws use {@code src ->
   * src.choose(min, max)}.
   *
   * @throws IllegalArgumentException if {@code min > max}
   */
  static Gen<Long> longs(long min, long max) {
    return Gens.longs(min, max);
  }

  /** Ints in {@code [min, max]}; see {@link #longs(long, long)}. */
  static Gen<Integer> ints(int min, int max) {
    return longs(min, max).map(Long::intValue);
  }

  /** Booleans; shrinks to {@code false}. */
  static Gen<Boolean> booleans() {
    return Source::flip;
  }

  /** Always {@code value}; draws no choices. */
  static <T> Gen<T> constant(T value) {
    return src -> value;
  }

  /**
   * One of {@code values}, uniformly; shrinks toward the first.
   *
   * @throws IllegalArgumentException if {@code values} is empty
   */
  static <T> Gen<T> elements(List<? extends T> values) {
    return Gens.elements(values);
  }

  /** One of {@code values}; see {@link #elements(List)}. */
  @SafeVarargs
  static <T> Gen<T> elements(T... values) {
    List<T> list = new ArrayList<>();
    for (T value : values) { // a loop, not Arrays.asList: the varargs array must not escape
      list.add(value);
    }
    return elements(list);
  }

  /**
   * Lists of {@code minSize..maxSize} elements. Each optional element is preceded by a
   * "continue?" choice, so shrinking can delete elements anywhere. The lists are mutable.
   *
   * @throws IllegalArgumentException unless {@code 0 <= minSize <= maxSize}
   */
  static <T> Gen<List<T>> lists(Gen<T> element, int minSize, int maxSize) {
    return Gens.lists(element, minSize, maxSize);
  }

  /**
   * A value from one of {@code gens}, picked uniformly; shrinks toward the first generator.
   *
   * @throws IllegalArgumentException if no generator is given
   */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> list = new ArrayList<>();
    for (Gen<? extends T> gen : gens) {
      list.add(gen);
    }
    return Gens.oneOf(list);
  }

  /**
   * A value from one of the generators, picked with probability proportional to its weight;
   * shrinks toward the first. Example: {@code frequency(Map.entry(9, small), Map.entry(1, huge))}.
   *
   * @throws IllegalArgumentException if a weight is negative or all are zero
   */
  @SafeVarargs
  static <T> Gen<T> frequency(Map.Entry<Integer, ? extends Gen<? extends T>>... weighted) {
    List<Map.Entry<Integer, ? extends Gen<? extends T>>> list = new ArrayList<>();
    for (Map.Entry<Integer, ? extends Gen<? extends T>> entry : weighted) {
      list.add(entry);
    }
    return Gens.frequency(list);
  }

  /** Pairs of values, combined by {@code f}. */
  static <A, B, R> Gen<R> zip(
      Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
    return src -> f.apply(src.draw(a), src.draw(b));
  }

  /** Triples of values, combined by {@code f}. */
  static <A, B, C, R> Gen<R> zip(
      Gen<A> a, Gen<B> b, Gen<C> c, Function3<? super A, ? super B, ? super C, ? extends R> f) {
    return src -> f.apply(src.draw(a), src.draw(b), src.draw(c));
  }

  /** A function of three arguments, for {@link #zip(Gen, Gen, Gen, Function3)}. */
  @FunctionalInterface
  interface Function3<A, B, C, R> {
    /** Combines three values. */
    R apply(A a, B b, C c);
  }
}
