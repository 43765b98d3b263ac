package org.daxsim.prop;

import java.util.function.Predicate;

/**
 * One step of a {@link Stateful} test: it performs an operation on both the system under test and
 * the model, and asserts the postconditions by comparing them. Its {@code toString()} is what
 * the failure report lists, so make it readable, e.g. {@code "push(3)"}.
 *
 * @param <S> the system under test
 * @param <M> the model
 */
public interface Action<S, M> {

  /** Whether the action may run in the model's current state; default: always. */
  default boolean precondition(M model) {
    return true;
  }

  /** Runs the step on both and checks postconditions, throwing on failure. */
  void run(S system, M model) throws Exception;

  /** An action named {@code name} (its report text) that runs {@code step}. */
  static <S, M> Action<S, M> of(String name, ThrowingBiConsumer<? super S, ? super M> step) {
    return of(name, model -> true, step);
  }

  /** An action named {@code name}, allowed only when {@code precondition} holds. */
  static <S, M> Action<S, M> of(String name, Predicate<? super M> precondition,
      ThrowingBiConsumer<? super S, ? super M> step) {
    return new NamedAction<>(name, precondition, step);
  }
}
