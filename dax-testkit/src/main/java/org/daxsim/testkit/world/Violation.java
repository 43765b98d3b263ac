package org.daxsim.testkit.world;

import java.util.Objects;

/**
 * One broken invariant of a world: which invariant ({@code id} such as {@code "kernel-dax#5"}
 * or {@code "famfs#11"}, numbered as in the reference lists kernel-dax.md section 10 and
 * famfs.md section 8, or {@code "sysfs"} for attribute consistency), its short name, the
 * offending object ({@code "node0/dax0.1 range 2"}) and what was seen.
 *
 * @param id the invariant's identifier, e.g. {@code "kernel-dax#4"}
 * @param name a short statement of the invariant
 * @param object the offending object, host first
 * @param detail what was found instead
 */
public record Violation(String id, String name, String object, String detail) {
  /** The record; no component may be null. */
  public Violation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(detail, "detail");
  }

  /** {@code [id name] object: detail}, one line. */
  @Override
  public String toString() {
    return "[" + id + " " + name + "] " + object + ": " + detail;
  }
}
