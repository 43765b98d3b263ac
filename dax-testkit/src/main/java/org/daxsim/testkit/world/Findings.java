package org.daxsim.testkit.world;

import java.util.ArrayList;
import java.util.List;

/** Collects violations while the checks walk a world (not thread-safe; one per check run). */
final class Findings {
  private final List<Violation> list = new ArrayList<>();

  /** Records a violation of invariant {@code id}; {@code detail} is a format string. */
  void add(String id, String name, String object, String detail, Object... args) {
    list.add(new Violation(id, name, object, args.length == 0 ? detail
        : String.format(detail, args)));
  }

  /** Records a violation when {@code ok} is false; returns {@code ok}. */
  boolean expect(boolean ok, String id, String name, String object, String detail,
      Object... args) {
    if (!ok) {
      add(id, name, object, detail, args);
    }
    return ok;
  }

  List<Violation> list() {
    return List.copyOf(list);
  }
}
