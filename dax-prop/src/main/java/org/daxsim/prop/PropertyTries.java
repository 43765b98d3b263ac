package org.daxsim.prop;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sets the default number of tries for the properties checked in a JUnit 5 test method, or in
 * every test of a class (and its {@code @Nested} classes). An explicit {@code .tries(n)} on a
 * property and {@code -Ddax.prop.tries} take precedence. Registers its extension by itself.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ExtendWith(PropertyExtension.class)
public @interface PropertyTries {
  /** The number of passing cases each property runs; at least 1. */
  int value();
}
