package org.daxsim.prop;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Properties;
import org.junit.jupiter.api.function.Executable;

/** Helpers so the engine's own tests ignore -Ddax.prop.* given to the build. */
final class Hermetic {
  private Hermetic() {}

  /** No dax.prop.* overrides. */
  static Properties noOverrides() {
    return new Properties();
  }

  /** Overrides as if given with -D on the command line. */
  static Properties overrides(String tries, String seed) {
    Properties p = new Properties();
    if (tries != null) {
      p.setProperty(Settings.TRIES_PROPERTY, tries);
    }
    if (seed != null) {
      p.setProperty(Settings.SEED_PROPERTY, seed);
    }
    return p;
  }

  /** Runs a property expected to fail and returns its report. */
  static PropertyFailure failure(Executable property) {
    return assertThrows(PropertyFailure.class, property);
  }
}
