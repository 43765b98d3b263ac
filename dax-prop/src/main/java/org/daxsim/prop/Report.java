package org.daxsim.prop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Builds the {@link PropertyFailure} messages. */
final class Report {
  private static final String INDENT = "    ";

  private Report() {}

  static PropertyFailure falsified(Settings settings, int failingTry, int discarded,
      Result original, Result shrunk, Shrinker shrinker) {
    StringBuilder msg = new StringBuilder(title(settings))
        .append(" falsified at try ").append(failingTry)
        .append(discarded == 0 ? "" : " (after " + discarded + " discarded)")
        .append(", shrunk in ").append(count(shrinker.steps(), "step")).append(" (")
        .append(count(shrinker.runs(), "run")).append(").\n");
    section(msg, "Shrunk counterexample", shrunk.text().get());
    section(msg, "Shrunk failure", describe(shrunk.failure()));
    section(msg, "Original counterexample", original.text().get());
    section(msg, "Original failure", describe(original.failure()));
    msg.append(replay(settings.seed()));
    return new PropertyFailure(msg.toString(), shrunk.failure(), settings.seed(), failingTry,
        shrinker.steps(), copy(shrunk.values()), copy(original.values()));
  }

  static PropertyFailure gaveUp(Settings settings, int passed, int discarded, Result last) {
    String msg = title(settings) + " gave up: " + discarded + " cases were discarded and only "
        + passed + " of " + settings.tries() + " passed. A filter (Gen.filter), action"
        + " precondition or assumption is too strict; generate valid values directly (e.g. with"
        + " map or flatMap) instead.\nLast discard: " + last.failure().getMessage() + "\n"
        + replay(settings.seed());
    return new PropertyFailure(msg, null, settings.seed(), 0, 0, List.of(), List.of());
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String title(Settings settings) {
    return settings.name() == null ? "Property" : "Property '" + settings.name() + "'";
  }

  private static void section(StringBuilder msg, String heading, String body) {
    msg.append(heading).append(":\n").append(Render.indent(body, INDENT)).append('\n');
  }

  private static String describe(Throwable failure) {
    return failure == null ? "returned false" : String.valueOf(failure);
  }

  private static String replay(long seed) {
    return "Seed: " + seed + " (replay with -Ddax.prop.seed=" + seed + " or .seed(" + seed
        + "L))";
  }

  /** An unmodifiable copy that allows nulls. */
  private static List<Object> copy(List<Object> values) {
    return Collections.unmodifiableList(new ArrayList<>(values));
  }
}
