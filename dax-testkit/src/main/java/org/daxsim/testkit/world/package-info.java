/**
 * Whole-world checks for property-based suites: {@link org.daxsim.testkit.world.WorldInvariants}
 * (every bus and famfs invariant a world's state shows), the JUnit 5 extension
 * {@link org.daxsim.testkit.world.DaxWorld} that injects a fresh world and checks it after the
 * test, and {@link org.daxsim.testkit.world.Replay}, which turns a failed property into a seed, a
 * one-line Maven command and, for {@link org.daxsim.testkit.world.ScenarioAction} steps, a daxsim
 * scenario script.
 */
package org.daxsim.testkit.world;
