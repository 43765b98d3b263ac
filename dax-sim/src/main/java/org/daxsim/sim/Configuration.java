package org.daxsim.sim;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;

/**
 * How a {@link World} starts: the kernel profile its hosts boot, the seed every random choice
 * comes from, and the dev_dax direct_access variant fsdev installs. Immutable; built with
 * {@link #builder()} or parsed from a spec string such as {@code "profile=linux-6.1,seed=7"}
 * (keys {@code profile}, {@code seed}, {@code variant}; in the style of CaffeineSpec, so the
 * same text works from code and the command line).
 */
public final class Configuration {
  private static final Configuration DEFAULT = new Configuration(new Builder());

  private final KernelProfile profile;
  private final long seed;
  private final DirectAccessVariant variant;

  private Configuration(Builder b) {
    this.profile = b.profile;
    this.seed = b.seed;
    this.variant = b.variant;
  }

  /** The defaults: profile mainline, seed 0, variant per-range. */
  public static Configuration defaults() {
    return DEFAULT;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configuration a spec describes: comma-separated {@code key=value} pairs, each key at
   * most once, unknown keys and bad values EINVAL; the empty string gives the defaults.
   */
  public static Configuration parse(String spec) throws ErrnoException {
    if (spec == null) {
      throw ErrnoException.of(Errno.EINVAL, "spec is null");
    }
    Builder b = builder();
    if (spec.isBlank()) {
      return b.build();
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String part : spec.split(",", -1)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw ErrnoException.of(Errno.EINVAL, "spec: '%s' is not key=value", part.trim());
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (!seen.add(key)) {
        throw ErrnoException.of(Errno.EINVAL, "spec: %s given twice", key);
      }
      switch (key) {
        case "profile" -> b.profile(KernelProfile.of(value));
        case "seed" -> b.seed(parseSeed(value));
        case "variant" -> b.variant(DirectAccessVariant.of(value));
        default -> throw ErrnoException.of(Errno.EINVAL,
            "spec: unknown key '%s' (profile, seed, variant)", key);
      }
    }
    return b.build();
  }

  private static long parseSeed(String value) throws ErrnoException {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ErrnoException.of(Errno.EINVAL, "spec: seed '%s' is not a number", value);
    }
  }

  /** The kernel profile hosts boot with. */
  public KernelProfile profile() {
    return profile;
  }

  /** The seed of every random choice (host seeds derive from it). */
  public long seed() {
    return seed;
  }

  /** The direct_access variant fsdev installs on new devices. */
  public DirectAccessVariant variant() {
    return variant;
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return builder().profile(profile).seed(seed).variant(variant);
  }

  /** The spec string that parses back to this configuration. */
  public String toSpec() {
    return "profile=" + profile.id() + ",seed=" + seed + ",variant=" + variant.id();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Configuration c && c.profile == profile && c.seed == seed
        && c.variant == variant;
  }

  @Override
  public int hashCode() {
    return Objects.hash(profile, seed, variant);
  }

  @Override
  public String toString() {
    return toSpec();
  }

  /** Builds a {@link Configuration}; {@link #build()} rejects a null profile or variant. */
  public static final class Builder {
    private KernelProfile profile = KernelProfile.MAINLINE;
    private long seed;
    private DirectAccessVariant variant = DirectAccessVariant.PER_RANGE;

    private Builder() {}

    /** The kernel profile. */
    public Builder profile(KernelProfile p) {
      this.profile = p;
      return this;
    }

    /** The seed. */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** The direct_access variant. */
    public Builder variant(DirectAccessVariant v) {
      this.variant = v;
      return this;
    }

    /** The configuration; EINVAL when the profile or the variant is null. */
    public Configuration build() throws ErrnoException {
      if (profile == null || variant == null) {
        throw ErrnoException.of(Errno.EINVAL, "profile and variant are required");
      }
      return new Configuration(this);
    }
  }
}
