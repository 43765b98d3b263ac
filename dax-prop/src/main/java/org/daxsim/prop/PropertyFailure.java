package org.daxsim.prop;

import java.util.List;

/**
 * A property failed, or gave up because too many cases were discarded. The message holds the
 * shrunk and original counterexamples, the original failure, counts, and how to replay the run;
 * the cause is the failure of the shrunk case (none when a predicate just returned false).
 */
public final class PropertyFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final long seed;
  private final int failingTry;
  private final int shrinkSteps;
  private final transient List<Object> counterexample;
  private final transient List<Object> originalCounterexample;

  PropertyFailure(String message, Throwable cause, long seed, int failingTry, int shrinkSteps,
      List<Object> counterexample, List<Object> originalCounterexample) {
    super(message, cause);
    this.seed = seed;
    this.failingTry = failingTry;
    this.shrinkSteps = shrinkSteps;
    this.counterexample = counterexample;
    this.originalCounterexample = originalCounterexample;
  }

  /** The run seed; {@code .seed(seed())} or {@code -Ddax.prop.seed=} replays the run. */
  public long seed() {
    return seed;
  }

  /** The 1-based number of the failing try, discarded tries included; 0 if the run gave up. */
  public int failingTry() {
    return failingTry;
  }

  /** How many smaller failing cases shrinking went through. */
  public int shrinkSteps() {
    return shrinkSteps;
  }

  /**
   * The shrunk case's generated values: the arguments of a {@code forAll} property, or the
   * actions run by a {@link Stateful} property. Empty if the run gave up. Values are as the
   * property left them, if it mutated them; the message shows them as generated.
   */
  public List<Object> counterexample() {
    return counterexample;
  }

  /** The generated values of the first failing case, before shrinking. */
  public List<Object> originalCounterexample() {
    return originalCounterexample;
  }
}
