package org.daxsim.sim;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.daxsim.core.ErrnoException;

/**
 * The entry point: builds {@link World}s from a {@link Configuration} and {@link Shell}s that
 * run the scenario language of CLI.md on them.
 *
 * <pre>{@code
 * World w = DaxSim.newWorld("profile=linux-6.1,seed=7");
 * Shell sh = DaxSim.newShell(w);
 * Result r = sh.execute("region add --size 4G");
 * }</pre>
 */
public final class DaxSim {
  /** The version {@code daxsim --version} prints: the Maven project version of dax-sim. */
  public static final String VERSION = loadVersion();

  private DaxSim() {}

  /** {@code version} from the Maven-filtered {@code daxsim-version.properties}. */
  private static String loadVersion() {
    try (InputStream in = DaxSim.class.getResourceAsStream("daxsim-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException | IllegalArgumentException e) {
      return "unknown";
    }
  }

  /** A world with the default configuration (mainline, seed 0, per-range). */
  public static World newWorld() throws ErrnoException {
    return newWorld(Configuration.defaults());
  }

  /** A world configured by {@code config}; EINVAL for null. */
  public static World newWorld(Configuration config) throws ErrnoException {
    if (config == null) {
      throw new ErrnoException(org.daxsim.core.Errno.EINVAL, "configuration is null");
    }
    return new World(config);
  }

  /** A world configured by a spec string (see {@link Configuration#parse}). */
  public static World newWorld(String spec) throws ErrnoException {
    return newWorld(Configuration.parse(spec));
  }

  /** A shell running scenario lines on {@code world}; EINVAL for null. */
  public static Shell newShell(World world) throws ErrnoException {
    if (world == null) {
      throw new ErrnoException(org.daxsim.core.Errno.EINVAL, "world is null");
    }
    return new Shell(world);
  }
}
