package org.daxsim.prop;

import java.util.Properties;

/**
 * The settings shared by every property builder: name, tries, seed and shrink budget.
 *
 * @param <B> the concrete builder, returned by each setter for chaining
 */
abstract class PropertyConfig<B extends PropertyConfig<B>> {
  private String name;
  private Integer tries;
  private Long seed;
  private int maxShrinks = Settings.DEFAULT_MAX_SHRINKS;
  private Properties system;

  PropertyConfig() {}

  /** Names the property in failure reports. */
  public B named(String name) {
    this.name = name;
    return self();
  }

  /**
   * Runs {@code n} passing cases (default 200). The system property {@code -Ddax.prop.tries=N},
   * when set, replaces this for every property.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public B tries(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("tries must be at least 1: " + n);
    }
    this.tries = n;
    return self();
  }

  /**
   * Fixes the run seed (default: random), e.g. to replay a reported failure. The system property
   * {@code -Ddax.prop.seed=S}, when set, replaces this for every property.
   */
  public B seed(long seed) {
    this.seed = seed;
    return self();
  }

  /**
   * Limits shrinking to {@code runs} replays of the property (default 2000; 0 reports the
   * failure unshrunk).
   *
   * @throws IllegalArgumentException if {@code runs < 0}
   */
  public B maxShrinks(int runs) {
    if (runs < 0) {
      throw new IllegalArgumentException("maxShrinks must not be negative: " + runs);
    }
    this.maxShrinks = runs;
    return self();
  }

  /** Reads the tries and seed overrides from {@code properties} instead of System's (tests). */
  B withSystemProperties(Properties properties) {
    this.system = properties;
    return self();
  }

  Settings settings() {
    return Settings.resolve(name, tries, seed, maxShrinks,
        system != null ? system : System.getProperties());
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
