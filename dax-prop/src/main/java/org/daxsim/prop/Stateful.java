package org.daxsim.prop;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A stateful property: each case builds a fresh system under test and model, runs a generated
 * sequence of {@link Action}s on both, and checks an invariant after every step. Failing
 * sequences shrink by dropping and simplifying actions, and the report lists the shrunk steps.
 *
 * <pre>{@code
 * Stateful.of(BoundedStack::new, ArrayDeque<Integer>::new)
 *     .actions(Gen.oneOf(pushes, Gen.constant(pop)))
 *     .invariant((stack, model) -> assertThat(stack.size()).isEqualTo(model.size()))
 *     .maxSteps(30)
 *     .check();
 * }</pre>
 *
 * <p>A system implementing {@link AutoCloseable} is closed after each case.
 *
 * @param <S> the system under test
 * @param <M> the model, a mutable reference implementation
 */
public final class Stateful<S, M> extends PropertyConfig<Stateful<S, M>> {
  private final Supplier<? extends S> system;
  private final Supplier<? extends M> model;
  private Function<? super M, ? extends Gen<? extends Action<? super S, ? super M>>> actions;
  private ThrowingBiConsumer<? super S, ? super M> invariant = (s, m) -> {};
  private int maxSteps = 50;

  private Stateful(Supplier<? extends S> system, Supplier<? extends M> model) {
    this.system = system;
    this.model = model;
  }

  /** A stateful property whose cases start from {@code system.get()} and {@code model.get()}. */
  public static <S, M> Stateful<S, M> of(Supplier<? extends S> system,
      Supplier<? extends M> model) {
    return new Stateful<>(system, model);
  }

  /** Draws every step's action from {@code actions}. */
  public Stateful<S, M> actions(Gen<? extends Action<? super S, ? super M>> actions) {
    return actionsFrom(model -> actions);
  }

  /**
   * Draws each step's action from the generator {@code actions} makes of the current model, so
   * the choice can depend on the state (e.g. only pop existing keys). Actions whose precondition
   * fails are redrawn a bounded number of times, then the case is discarded.
   */
  public Stateful<S, M> actionsFrom(
      Function<? super M, ? extends Gen<? extends Action<? super S, ? super M>>> actions) {
    this.actions = actions;
    return this;
  }

  /** Checks {@code invariant} on the initial state and after every step (default: none). */
  public Stateful<S, M> invariant(ThrowingBiConsumer<? super S, ? super M> invariant) {
    this.invariant = invariant;
    return this;
  }

  /**
   * At most {@code n} steps per case (default 50).
   *
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public Stateful<S, M> maxSteps(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("maxSteps must not be negative: " + n);
    }
    this.maxSteps = n;
    return this;
  }

  /**
   * Runs the cases.
   *
   * @throws PropertyFailure with the shrunk numbered steps and the replay seed on failure
   * @throws IllegalArgumentException if no actions were given
   */
  public void check() {
    if (actions == null) {
      throw new IllegalArgumentException("Stateful: give the actions with actions(...)");
    }
    // Steps average half the maximum: long enough to reach deep states, with room to vary.
    double more = Gens.continueProbability(maxSteps, Double.MAX_VALUE);
    Engine.run(settings(), src -> runCase(src, more));
  }

  private boolean runCase(Source src, double more) throws Exception {
    List<Object> steps = new ArrayList<>();
    src.show(steps, () -> Render.steps(steps));
    S sys = system.get();
    try {
      M state = model.get();
      invariant.accept(sys, state);
      while (steps.size() < maxSteps) {
        int start = src.spanStart(); // one span per step, so shrinking can delete steps
        if (!src.weighted(more)) {
          break;
        }
        Action<? super S, ? super M> action =
            src.draw(actions.apply(state).filter(a -> a.precondition(state)));
        steps.add(action);
        action.run(sys, state);
        invariant.accept(sys, state);
        src.spanEnd(start);
      }
    } catch (Exception | Error e) {
      close(sys, e);
      throw e;
    }
    close(sys, null);
    return true;
  }

  /** Closes an AutoCloseable system; a close failure after a step failure is only suppressed. */
  private static void close(Object sys, Throwable failure) throws Exception {
    if (!(sys instanceof AutoCloseable closeable)) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }
}
