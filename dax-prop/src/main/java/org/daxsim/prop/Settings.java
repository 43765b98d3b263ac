package org.daxsim.prop;

import java.security.SecureRandom;
import java.util.Properties;

/**
 * The resolved configuration of one property run. Precedence, highest first: the system
 * properties {@value #TRIES_PROPERTY} and {@value #SEED_PROPERTY}; the builder's
 * {@code tries(n)} and {@code seed(s)}; {@link PropertyTries} and {@link PropertySeed} on the
 * running test; the defaults (200 tries, a fresh random seed).
 */
record Settings(String name, int tries, long seed, int maxShrinks) {
  static final String TRIES_PROPERTY = "dax.prop.tries";
  static final String SEED_PROPERTY = "dax.prop.seed";
  static final int DEFAULT_TRIES = 200;
  static final int DEFAULT_MAX_SHRINKS = 2000;

  private static final SecureRandom SEEDS = new SecureRandom();

  /** Set by {@link PropertyExtension} around each annotated test, on the test's thread. */
  private static final ThreadLocal<TestDefaults> TEST_DEFAULTS = new ThreadLocal<>();

  /** Tries and seed from annotations; null when not given. */
  record TestDefaults(Integer tries, Long seed) {}

  static void setTestDefaults(TestDefaults defaults) {
    TEST_DEFAULTS.set(defaults);
  }

  static void clearTestDefaults() {
    TEST_DEFAULTS.remove();
  }

  /**
   * Resolves the settings. {@code tries} and {@code seed} are the builder's values, null if not
   * set; {@code system} holds the system properties (blank values count as unset, since Maven
   * passes empty strings for unset knobs).
   */
  static Settings resolve(
      String name, Integer tries, Long seed, int maxShrinks, Properties system) {
    TestDefaults test = TEST_DEFAULTS.get();
    Integer resolvedTries = first(parseTries(system.getProperty(TRIES_PROPERTY)), tries,
        test == null ? null : test.tries());
    Long resolvedSeed = first(parseSeed(system.getProperty(SEED_PROPERTY)), seed,
        test == null ? null : test.seed());
    return new Settings(name,
        resolvedTries == null ? DEFAULT_TRIES : resolvedTries,
        resolvedSeed == null ? SEEDS.nextLong() : resolvedSeed,
        maxShrinks);
  }

  @SafeVarargs
  private static <T> T first(T... candidates) {
    for (T t : candidates) {
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static Integer parseTries(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int tries = Integer.parseInt(value.strip());
      if (tries > 0) {
        return tries;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D" + TRIES_PROPERTY + " must be a positive int, got '" + value + "'");
  }

  /** Accepts a trailing L, so {@code .seed(123L)} can be pasted as is. */
  private static Long parseSeed(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String digits = value.strip();
    if (digits.endsWith("L") || digits.endsWith("l")) {
      digits = digits.substring(0, digits.length() - 1);
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + SEED_PROPERTY + " must be a long, got '" + value + "'", e);
    }
  }
}
