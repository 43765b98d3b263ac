package org.daxsim.prop;

import java.util.SplittableRandom;
import org.opentest4j.TestAbortedException;

/** Runs a property's cases, shrinks the first failure and throws the report. */
final class Engine {

  /** One case: draws its inputs from the source and checks them. */
  @FunctionalInterface
  interface Body {
    /** Returns false or throws to fail; throwing {@link Discard} gives the case up. */
    boolean run(Source source) throws Throwable;
  }

  private Engine() {}

  /**
   * Runs cases until {@code settings.tries()} have passed, or throws a {@link PropertyFailure}.
   * Case {@code i} draws from a source seeded with the i-th output of a SplittableRandom seeded
   * with the run seed, so the seed alone determines every case.
   */
  static void run(Settings settings, Body body) {
    SplittableRandom caseSeeds = new SplittableRandom(settings.seed());
    int passed = 0;
    int discarded = 0;
    int tries = 0;
    while (passed < settings.tries()) {
      tries++;
      Result result = execute(body, Source.random(caseSeeds.nextLong()));
      switch (result.status()) {
        case PASS -> passed++;
        case DISCARD -> {
          discarded++;
          if (discarded > maxDiscards(settings)) {
            throw Report.gaveUp(settings, passed, discarded, result);
          }
        }
        case FAIL -> {
          Shrinker shrinker = new Shrinker(
              prefix -> execute(body, Source.replay(prefix)), result, settings.maxShrinks());
          Result shrunk = shrinker.shrink();
          throw Report.falsified(settings, tries, discarded, result, shrunk, shrinker);
        }
      }
    }
  }

  /** Discards allowed before giving up: as many as the cases wanted, and at least 100. */
  static int maxDiscards(Settings settings) {
    return Math.max(100, settings.tries());
  }

  static Result execute(Body body, Source source) {
    Result.Status status;
    Throwable failure = null;
    try {
      status = body.run(source) ? Result.Status.PASS : Result.Status.FAIL;
    } catch (Discard | TestAbortedException e) {
      // TestAbortedException: a JUnit assumption inside the property rejects the case.
      status = Result.Status.DISCARD;
      failure = e;
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
        throw (VirtualMachineError) t; // out of memory etc.: not a property of the code under test
      }
      status = Result.Status.FAIL;
      failure = t;
    }
    return new Result(status, source.choices(), source.maxRanks(), source.spans(), failure,
        source.shownValues(), source.shownText());
  }
}
