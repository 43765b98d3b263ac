package org.daxsim.testkit.world;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test a fresh {@link org.daxsim.sim.World} (and its {@link org.daxsim.sim.Shell} and
 * current {@link org.daxsim.sim.Host}) as method parameters, built from a
 * {@link org.daxsim.sim.Configuration} spec and a scenario script, and checks
 * {@link WorldInvariants} after the test: a broken invariant fails the test.
 *
 * <pre>{@code
 * @Test
 * @DaxWorld(value = "profile=linux-6.12,seed=7",
 *     script = {"region add --size 8G --idle", "daxctl create-device -s 1G"})
 * void devices(World world, Shell sh) { ... }
 * }</pre>
 *
 * <p>On a class, it applies to every test method that does not carry its own. Each test gets
 * its own world; all its parameters share it.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(DaxWorldExtension.class)
public @interface DaxWorld {
  /** The configuration spec (e.g. {@code "profile=linux-6.1,seed=7"}); empty: the defaults. */
  String value() default "";

  /** Scenario lines run in order on the fresh world; every one must succeed (exit 0). */
  String[] script() default {};

  /** Invariant ids not checked after the test, e.g. {@code "famfs#11"}. */
  String[] ignore() default {};

  /** Whether to check the world's invariants after the test (default true). */
  boolean check() default true;
}
