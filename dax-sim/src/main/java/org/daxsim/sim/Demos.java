package org.daxsim.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * The built-in scenarios of {@code daxsim demo [NAME]} (CLI.md "Invocation"): {@code seed} (the
 * default), {@code allocator}, {@code two-hosts}, {@code poison}. Each builds its own world,
 * drives it with scenario lines and explains what happened.
 */
public final class Demos {
  /** The demo {@code daxsim demo} runs without a name. */
  public static final String DEFAULT = "seed";

  private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

  static {
    DESCRIPTIONS.put("seed", "read(2) vs mmap on a two-range device, per direct_access variant");
    DESCRIPTIONS.put("allocator", "how a dev_dax device ends up with several physical ranges");
    DESCRIPTIONS.put("two-hosts", "a famfs master and a client sharing files on one memory pool");
    DESCRIPTIONS.put("poison", "a memory failure under famfs: short read, EFAULT, SIGBUS; pmem");
  }

  private Demos() {}

  /** The demos' names with a one-line description each, in listing order. */
  public static Map<String, String> list() {
    return java.util.Collections.unmodifiableMap(DESCRIPTIONS);
  }

  /** The listing {@code daxsim demo --list} and an unknown name print. */
  public static String listing() {
    StringBuilder b = new StringBuilder();
    DESCRIPTIONS.forEach((k, v) -> b.append(String.format("  %-10s %s%n", k, v)));
    return b.toString();
  }

  /** Runs demo {@code name} on a fresh world and returns what it prints; ENOENT if unknown. */
  public static String run(String name) throws ErrnoException {
    switch (name == null ? DEFAULT : name) {
      case "seed":
        return SeedDemo.run().text();
      case "allocator":
        return AllocatorDemo.run();
      case "two-hosts":
        return TwoHostsDemo.run();
      case "poison":
        return PoisonDemo.run();
      default:
        throw ErrnoException.of(Errno.ENOENT, "unknown demo '%s'", name);
    }
  }
}
