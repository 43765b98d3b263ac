package org.daxsim.prop;

import java.lang.annotation.Annotation;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Applies {@link PropertyTries} and {@link PropertySeed} to the properties a test runs. JUnit runs
 * these callbacks on the test's thread, so a thread-local carries the values to the builders.
 */
final class PropertyExtension implements BeforeEachCallback, AfterEachCallback {

  @Override
  public void beforeEach(ExtensionContext context) {
    Integer tries = find(context, PropertyTries.class).map(PropertyTries::value).orElse(null);
    if (tries != null && tries < 1) {
      throw new IllegalArgumentException("@PropertyTries must be at least 1: " + tries);
    }
    Long seed = find(context, PropertySeed.class).map(PropertySeed::value).orElse(null);
    Settings.setTestDefaults(new Settings.TestDefaults(tries, seed));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Settings.clearTestDefaults();
  }

  /** The nearest annotation: on the method, its class, then enclosing classes. */
  private static <A extends Annotation> Optional<A> find(ExtensionContext context, Class<A> type) {
    for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent();
        c = c.get().getParent()) {
      Optional<A> found = AnnotationSupport.findAnnotation(c.get().getElement(), type);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
