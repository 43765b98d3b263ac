package org.daxsim.testkit.world;

import java.util.List;

/**
 * Thrown by {@link WorldInvariants#check}: every invariant the world broke, all at once, one
 * per line of the message. An {@link AssertionError}, so JUnit and the property engine treat it
 * as a test failure (and dax-prop shrinks on it).
 */
public final class InvariantViolations extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /** A failure listing {@code violations} (at least one) found in {@code what}. */
  InvariantViolations(String what, List<Violation> violations) {
    super(message(what, violations));
    this.violations = List.copyOf(violations);
  }

  /** The broken invariants, in the order they were checked (bus first, then famfs). */
  public List<Violation> violations() {
    return violations;
  }

  private static String message(String what, List<Violation> violations) {
    StringBuilder sb = new StringBuilder();
    sb.append(violations.size()).append(violations.size() == 1 ? " invariant" : " invariants")
        .append(" broken in ").append(what).append(':');
    for (Violation v : violations) {
      sb.append("\n  ").append(v);
    }
    return sb.toString();
  }
}
