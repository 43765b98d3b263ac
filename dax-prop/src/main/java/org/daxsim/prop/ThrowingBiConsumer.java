package org.daxsim.prop;

/**
 * A two-argument check that fails by throwing, checked exceptions included.
 *
 * @param <A> the type of the first argument
 * @param <B> the type of the second argument
 */
@FunctionalInterface
public interface ThrowingBiConsumer<A, B> {
  /** Checks {@code a} and {@code b}, throwing on failure. */
  void accept(A a, B b) throws Exception;
}
