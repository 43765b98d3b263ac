package org.daxsim.testkit.world;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.daxsim.prop.PropertyFailure;

/**
 * How to replay a failed property: its seed, the one-line Maven command that reruns exactly
 * that case, and, when every step of the shrunk case is a {@link ScenarioAction}, the case as a
 * daxsim scenario script.
 *
 * <pre>{@code
 * try {
 *   machine.check();
 * } catch (PropertyFailure f) {
 *   throw Replay.failure(f, MyTest.class, List.of("memdev add pool0 --size 8G", ...));
 * }
 * }</pre>
 */
public final class Replay {
  private Replay() {}

  /**
   * {@code mvn -B verify -pl MODULE -am -Dtest=CLASS -Dsurefire.failIfNoSpecifiedTests=false
   * -Ddax.prop.seed=SEED}.
   *
   * @throws IllegalArgumentException for a blank module
   */
  public static String command(String module, Class<?> testClass, long seed) {
    Objects.requireNonNull(testClass, "testClass");
    if (module == null || module.isBlank()) {
      throw new IllegalArgumentException("module must name a Maven module");
    }
    return "mvn -B verify -pl " + module + " -am -Dtest=" + testClass.getSimpleName()
        + " -Dsurefire.failIfNoSpecifiedTests=false -Ddax.prop.seed=" + seed;
  }

  /**
   * The Maven module {@code testClass} was compiled in: the directory holding its
   * {@code target/test-classes} (or {@code target/classes}); empty when it cannot be told.
   */
  public static Optional<String> moduleOf(Class<?> testClass) {
    try {
      CodeSource cs = testClass.getProtectionDomain().getCodeSource();
      if (cs == null) {
        return Optional.empty();
      }
      Path p = Path.of(cs.getLocation().toURI());
      if (p.getParent() != null && p.getParent().getFileName() != null
          && p.getParent().getFileName().toString().equals("target")
          && p.getParent().getParent() != null) {
        return Optional.of(p.getParent().getParent().getFileName().toString());
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      // fall through: unknown
    }
    return Optional.empty();
  }

  /**
   * The shrunk case of {@code failure} as a scenario script: {@code preamble} (the lines that
   * build the world the property's cases start from), then each step's lines, numbered in
   * comments; empty when some step is not a {@link ScenarioAction}.
   */
  public static Optional<String> scenario(PropertyFailure failure, List<String> preamble) {
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(preamble, "preamble");
    List<ScenarioAction> steps = new ArrayList<>();
    if (!collect(failure.counterexample(), steps) || steps.isEmpty() && preamble.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# shrunk counterexample (seed ").append(failure.seed()).append(")\n");
    for (String line : preamble) {
      sb.append(line).append('\n');
    }
    int n = 0;
    for (ScenarioAction a : steps) {
      sb.append("# step ").append(++n).append(": ").append(a).append('\n');
      for (String line : a.scenarioLines()) {
        sb.append(line).append('\n');
      }
    }
    return Optional.of(sb.toString());
  }

  /** Flattens the counterexample; false when any value is not a ScenarioAction. */
  private static boolean collect(Collection<?> values, List<ScenarioAction> into) {
    for (Object v : values) {
      if (v instanceof ScenarioAction a) {
        into.add(a);
      } else if (v instanceof Collection<?> c) {
        if (!collect(c, into)) {
          return false;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * The replay report of {@code failure}: seed, the command (module from
   * {@link #moduleOf}, else {@code MODULE}), and the scenario script when there is one.
   */
  public static String report(PropertyFailure failure, Class<?> testClass,
      List<String> preamble) {
    Objects.requireNonNull(failure, "failure");
    String module = moduleOf(testClass).orElse("MODULE");
    StringBuilder sb = new StringBuilder();
    sb.append("Seed: ").append(failure.seed()).append('\n');
    sb.append("Replay: ").append(command(module, testClass, failure.seed())).append('\n');
    scenario(failure, preamble).ifPresent(s -> sb.append("Scenario (daxsim run FILE):\n")
        .append(s));
    return sb.toString();
  }

  /**
   * Prints {@link #report} to stderr and returns an AssertionError whose message is the report
   * followed by the property's own message, caused by {@code failure}: throw it from the test.
   */
  public static AssertionError failure(PropertyFailure failure, Class<?> testClass,
      List<String> preamble) {
    String report = report(failure, testClass, preamble);
    System.err.print(report);
    return new AssertionError(report + "\n" + failure.getMessage(), failure);
  }
}
