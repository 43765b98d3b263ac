package org.daxsim.prop;

import java.util.function.Predicate;

/** The {@link Action} made by {@link Action#of}. */
final class NamedAction<S, M> implements Action<S, M> {
  private final String name;
  private final Predicate<? super M> precondition;
  private final ThrowingBiConsumer<? super S, ? super M> step;

  NamedAction(String name, Predicate<? super M> precondition,
      ThrowingBiConsumer<? super S, ? super M> step) {
    this.name = name;
    this.precondition = precondition;
    this.step = step;
  }

  @Override
  public boolean precondition(M model) {
    return precondition.test(model);
  }

  @Override
  public void run(S system, M model) throws Exception {
    step.accept(system, model);
  }

  @Override
  public String toString() {
    return name;
  }
}
