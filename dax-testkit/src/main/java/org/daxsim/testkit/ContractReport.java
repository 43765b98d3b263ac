package org.daxsim.testkit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.daxsim.prop.PropertyFailure;

/**
 * The outcome of a {@link DaxOperationsContract} run: which checks passed, which were skipped
 * for want of a claimed feature, and the failure (seed, replay command, shrunk case as a
 * scenario script) of each check that failed.
 */
public final class ContractReport {
  private final Map<ContractCheck, PropertyFailure> failures;
  private final List<ContractCheck> passed;
  private final List<ContractCheck> skipped;

  ContractReport(Map<ContractCheck, PropertyFailure> failures, List<ContractCheck> passed,
      List<ContractCheck> skipped) {
    Map<ContractCheck, PropertyFailure> copy = new EnumMap<>(ContractCheck.class);
    copy.putAll(failures);
    this.failures = Collections.unmodifiableMap(copy);
    this.passed = List.copyOf(passed);
    this.skipped = List.copyOf(skipped);
  }

  /** The checks that held for every case. */
  public List<ContractCheck> passed() {
    return passed;
  }

  /** The checks that did not run because a required feature was not claimed. */
  public List<ContractCheck> skipped() {
    return skipped;
  }

  /** The failed checks and their failures, in check order. */
  public Map<ContractCheck, PropertyFailure> failures() {
    return failures;
  }

  /** True when no check failed. */
  public boolean ok() {
    return failures.isEmpty();
  }

  /**
   * The shrunk counterexample of a failed check, or null if it passed or was skipped.
   */
  public ContractCase shrunkCase(ContractCheck check) {
    PropertyFailure f = failures.get(check);
    return f == null || f.counterexample().isEmpty() ? null
        : (ContractCase) f.counterexample().get(0);
  }

  /** A one-line replay command for a failed check, or null. */
  public String replayCommand(ContractCheck check) {
    PropertyFailure f = failures.get(check);
    return f == null ? null : "mvn -B verify -Ddax.prop.seed=" + f.seed();
  }

  /**
   * Throws the first failure, with the others attached as suppressed exceptions.
   *
   * @throws PropertyFailure if any check failed
   */
  public ContractReport assertOk() {
    PropertyFailure first = null;
    for (PropertyFailure f : failures.values()) {
      if (first == null) {
        first = f;
      } else if (f != first) {
        first.addSuppressed(f);
      }
    }
    if (first != null) {
      throw first;
    }
    return this;
  }

  @Override
  public String toString() {
    return "contract: passed " + passed + ", failed " + failures.keySet() + ", skipped "
        + skipped;
  }
}
