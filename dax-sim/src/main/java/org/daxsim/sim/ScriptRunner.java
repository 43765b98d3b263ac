package org.daxsim.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code daxsim run}: runs a scenario script on one fresh world, printing each command's
 * output as the real tool would, or with {@code --json} one JSON array with an object per
 * executed line. Exit status 0 when every command succeeded; 1 when one failed (the run stops
 * there unless keep-going); 2 for a line daxsim cannot parse.
 */
public final class ScriptRunner {
  /** Exit status: every command succeeded. */
  public static final int OK = 0;
  /** Exit status: a command failed. */
  public static final int FAILED = 1;
  /** Exit status: a usage error, or a script line daxsim cannot parse. */
  public static final int USAGE = 2;

  private final Shell shell;
  private final boolean json;
  private final boolean keepGoing;

  /** A runner over {@code shell}'s world. */
  public ScriptRunner(Shell shell, boolean json, boolean keepGoing) {
    this.shell = shell;
    this.json = json;
    this.keepGoing = keepGoing;
  }

  /**
   * Runs {@code script} (named {@code name} in messages), writing to {@code out} and
   * {@code err}; returns the exit status.
   */
  public int run(String name, String script, PrintStream out, PrintStream err) {
    String[] lines = script.split("\r?\n", -1);
    List<String> objects = new ArrayList<>();
    int status = OK;
    for (int i = 0; i < lines.length; i++) {
      Step step;
      try {
        step = shell.run(lines[i]);
      } catch (ScriptSyntaxException e) {
        err.println("daxsim: " + name + ":" + (i + 1) + ": " + e.getMessage());
        status = USAGE;
        break;
      }
      if (step == null) {
        continue;
      }
      Result r = step.result();
      if (json) {
        objects.add(object(i + 1, step));
      } else {
        out.print(r.stdout());
        out.flush();
        err.print(r.stderr());
        err.flush();
      }
      if (!r.ok()) {
        status = FAILED;
        if (!keepGoing) {
          break;
        }
      }
    }
    if (json) {
      out.print(objects.isEmpty() ? "[]\n" : "[\n" + String.join(",\n", objects) + "\n]\n");
      out.flush();
    }
    return status;
  }

  /** One line's JSON object, keys in CLI.md's order. */
  static String object(int line, Step s) {
    Result r = s.result();
    return "  {\"line\": " + line + ", \"host\": " + quote(s.host()) + ", \"command\": "
        + quote(s.command()) + ", \"exit\": " + r.exit() + ", \"errno\": "
        + (r.errno() == null ? "null" : quote(r.errno())) + ", \"stdout\": " + quote(r.stdout())
        + ", \"stderr\": " + quote(r.stderr()) + "}";
  }

  /** {@code s} as a JSON string literal. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
