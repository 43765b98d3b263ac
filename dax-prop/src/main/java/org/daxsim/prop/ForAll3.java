package org.daxsim.prop;

import java.util.Arrays;

/**
 * A property over three generated values; made by {@link Property#forAll(Gen, Gen, Gen)}. The
 * values are drawn in argument order.
 *
 * @param <A> the type of the first value
 * @param <B> the type of the second value
 * @param <C> the type of the third value
 */
public final class ForAll3<A, B, C> extends PropertyConfig<ForAll3<A, B, C>> {
  private final Gen<A> genA;
  private final Gen<B> genB;
  private final Gen<C> genC;

  ForAll3(Gen<A> genA, Gen<B> genB, Gen<C> genC) {
    this.genA = genA;
    this.genB = genB;
    this.genC = genC;
  }

  /**
   * Checks that {@code property} holds (returns true and does not throw) for every case.
   *
   * @throws PropertyFailure with the shrunk counterexample and replay seed otherwise
   */
  public void check(Predicate3<? super A, ? super B, ? super C> property) {
    run(property::test);
  }

  /**
   * Checks that {@code property} does not throw for any case.
   *
   * @throws PropertyFailure with the shrunk counterexample and replay seed otherwise
   */
  public void checkAssert(Consumer3<? super A, ? super B, ? super C> property) {
    run((a, b, c) -> {
      property.accept(a, b, c);
      return true;
    });
  }

  private void run(Test<A, B, C> test) {
    Engine.run(settings(), src -> {
      A a = src.draw(genA);
      B b = src.draw(genB);
      C c = src.draw(genC);
      ForAll.showTuple(src, Arrays.asList(a, b, c));
      return test.test(a, b, c);
    });
  }

  /** A three-argument property returning whether it holds. */
  @FunctionalInterface
  public interface Predicate3<A, B, C> {
    /** Whether the property holds for these values. */
    boolean test(A a, B b, C c);
  }

  /** A three-argument property failing by throwing, checked exceptions included. */
  @FunctionalInterface
  public interface Consumer3<A, B, C> {
    /** Checks the values, throwing on failure. */
    void accept(A a, B b, C c) throws Exception;
  }

  private interface Test<A, B, C> {
    boolean test(A a, B b, C c) throws Exception;
  }
}
