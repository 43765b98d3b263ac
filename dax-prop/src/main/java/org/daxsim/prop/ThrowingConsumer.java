package org.daxsim.prop;

/**
 * A property body in assertion style: it fails by throwing (an {@link AssertionError} from
 * AssertJ or JUnit, or any other exception, checked ones included).
 *
 * @param <T> the type of the generated value
 */
@FunctionalInterface
public interface ThrowingConsumer<T> {
  /** Checks {@code value}, throwing on failure. */
  void accept(T value) throws Exception;
}
