package org.daxsim.prop;

import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A property over one generated value; made by {@link Property#forAll(Gen)}. Configure it with
 * the inherited setters, then run it with {@link #check} or {@link #checkAssert}.
 *
 * @param <T> the type of the generated value
 */
public final class ForAll<T> extends PropertyConfig<ForAll<T>> {
  private final Gen<T> gen;

  ForAll(Gen<T> gen) {
    this.gen = gen;
  }

  /**
   * Checks that {@code property} holds (returns true and does not throw) for every case.
   *
   * @throws PropertyFailure with the shrunk counterexample and replay seed otherwise
   */
  public void check(Predicate<? super T> property) {
    Engine.run(settings(), src -> property.test(draw(src)));
  }

  /**
   * Checks that {@code property} does not throw for any case; AssertJ or JUnit assertions
   * inside it report the failure.
   *
   * @throws PropertyFailure with the shrunk counterexample and replay seed otherwise
   */
  public void checkAssert(ThrowingConsumer<? super T> property) {
    Engine.run(settings(), src -> {
      property.accept(draw(src));
      return true;
    });
  }

  private T draw(Source src) {
    T value = src.draw(gen);
    String text = Render.value(value); // now, before the property can mutate the value
    src.show(Collections.singletonList(value), () -> text);
    return value;
  }

  /** Shows several drawn values as one tuple; used by the multi-argument properties. */
  static void showTuple(Source src, List<Object> values) {
    String text = Render.tuple(values);
    src.show(values, () -> text);
  }
}
