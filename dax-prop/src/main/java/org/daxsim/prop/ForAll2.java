package org.daxsim.prop;

import java.util.Arrays;
import java.util.function.BiPredicate;

/**
 * A property over two generated values; made by {@link Property#forAll(Gen, Gen)}. The values
 * are drawn in order, the first from the first generator.
 *
 * @param <A> the type of the first value
 * @param <B> the type of the second value
 */
public final class ForAll2<A, B> extends PropertyConfig<ForAll2<A, B>> {
  private final Gen<A> genA;
  private final Gen<B> genB;

  ForAll2(Gen<A> genA, Gen<B> genB) {
    this.genA = genA;
    this.genB = genB;
  }

  /**
   * Checks that {@code property} holds (returns true and does not throw) for every case.
   *
   * @throws PropertyFailure with the shrunk counterexample and replay seed otherwise
   */
  public void check(BiPredicate<? super A, ? super B> property) {
    run(property::test);
  }

  /**
   * Checks that {@code property} does not throw for any case.
   *
   * @throws PropertyFailure with the shrunk counterexample and replay seed otherwise
   */
  public void checkAssert(ThrowingBiConsumer<? super A, ? super B> property) {
    run((a, b) -> {
      property.accept(a, b);
      return true;
    });
  }

  private void run(Test<A, B> test) {
    Engine.run(settings(), src -> {
      A a = src.draw(genA);
      B b = src.draw(genB);
      ForAll.showTuple(src, Arrays.asList(a, b));
      return test.test(a, b);
    });
  }

  private interface Test<A, B> {
    boolean test(A a, B b) throws Exception;
  }
}
