package org.daxsim.sim;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * A demo's narration: scenario lines run on a {@link Shell} exactly as {@code daxsim run} would
 * run them, each echoed as {@code $ LINE} (with {@code @HOST} when not on node0) followed by
 * what the command printed; plain prose in between. A command that fails where the demo
 * expects success stops the demo with an {@link ErrnoException} naming the line.
 */
final class DemoScript {
  private final Shell shell;
  private final StringBuilder out = new StringBuilder();

  DemoScript(Shell shell) {
    this.shell = shell;
  }

  /** A new world (seed {@code seed}) and its shell. */
  static DemoScript fresh(long seed) throws ErrnoException {
    return new DemoScript(DaxSim.newShell(DaxSim.newWorld(
        Configuration.defaults().toBuilder().seed(seed).build())));
  }

  Shell shell() {
    return shell;
  }

  World world() {
    return shell.world();
  }

  /** Runs {@code line}, echoing it and everything it printed; it must succeed. */
  Result sh(String line) throws ErrnoException {
    return run(line, true, true);
  }

  /** Runs {@code line}, echoing it and only its stderr (summaries); it must succeed. */
  Result quiet(String line) throws ErrnoException {
    return run(line, false, true);
  }

  /** Runs {@code line}, echoing it and its output, whatever its exit status. */
  Result attempt(String line) throws ErrnoException {
    return run(line, true, false);
  }

  private Result run(String line, boolean showStdout, boolean mustSucceed)
      throws ErrnoException {
    Result r;
    try {
      r = shell.execute(line);
    } catch (ScriptSyntaxException e) {
      throw ErrnoException.of(Errno.EINVAL, "demo line '%s': %s", line, e.getMessage());
    }
    out.append("$ ").append(line).append('\n');
    if (showStdout) {
      out.append(r.stdout());
    }
    out.append(r.stderr());
    if (mustSucceed && !r.ok()) {
      throw ErrnoException.of(errno(r.errno()),
          "demo line '%s' failed with status %d: %s", line, r.exit(), r.stderr().strip());
    }
    return r;
  }

  /** The Errno named {@code name}, EIO for null or an unknown name. */
  private static Errno errno(String name) {
    for (Errno e : Errno.values()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return Errno.EIO;
  }

  /** Appends prose (a trailing newline is added when missing). */
  DemoScript say(String text) {
    out.append(text);
    if (!text.endsWith("\n")) {
      out.append('\n');
    }
    return this;
  }

  /** A blank line and an underlined heading. */
  DemoScript heading(String title) {
    out.append('\n').append(title).append('\n').append("-".repeat(title.length())).append('\n');
    return this;
  }

  /** Everything narrated so far. */
  String text() {
    return out.toString();
  }
}
