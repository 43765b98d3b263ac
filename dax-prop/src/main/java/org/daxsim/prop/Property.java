package org.daxsim.prop;

/**
 * Entry point for properties over generated values: {@code
 * Property.forAll(Gen.ints(0, 99)).tries(500).check(x -> x < 100);}. See the package
 * documentation for settings, failure reports and replay.
 */
public final class Property {
  private Property() {}

  /** A property over values from {@code gen}. */
  public static <T> ForAll<T> forAll(Gen<T> gen) {
    return new ForAll<>(gen);
  }

  /** A property over pairs of values, drawn from {@code a} then {@code b}. */
  public static <A, B> ForAll2<A, B> forAll(Gen<A> a, Gen<B> b) {
    return new ForAll2<>(a, b);
  }

  /** A property over triples of values, drawn from {@code a}, {@code b}, then {@code c}. */
  public static <A, B, C> ForAll3<A, B, C> forAll(Gen<A> a, Gen<B> b, Gen<C> c) {
    return new ForAll3<>(a, b, c);
  }
}
