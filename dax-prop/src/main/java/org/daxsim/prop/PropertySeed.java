package org.daxsim.prop;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fixes the seed of the properties checked in a JUnit 5 test method, or in every test of a class
 * (and its {@code @Nested} classes), e.g. to pin a replay in place. An explicit {@code .seed(s)}
 * on a property and {@code -Ddax.prop.seed} take precedence. Registers its extension by itself.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ExtendWith(PropertyExtension.class)
public @interface PropertySeed {
  /** The run seed, as printed in a failure report. */
  long value();
}
