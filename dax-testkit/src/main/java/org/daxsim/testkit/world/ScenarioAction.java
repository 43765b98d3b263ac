package org.daxsim.testkit.world;

import java.util.List;

/**
 * A generated step that can write itself as lines of the daxsim scenario language (CLI.md:
 * {@code region add}, {@code daxctl ...}, {@code mkfs.famfs}, {@code famfs ...}, {@code io ...},
 * {@code @HOST} prefixes), so that {@link Replay} can print a shrunk failing case as a script
 * that {@code daxsim run} replays. Implement it on the actions of a
 * {@link org.daxsim.prop.Stateful} test (or on forAll arguments) that build or drive a world.
 */
public interface ScenarioAction {
  /** The scenario lines that do what this step does, in order; never null. */
  List<String> scenarioLines();
}
