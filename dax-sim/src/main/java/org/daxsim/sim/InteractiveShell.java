package org.daxsim.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code daxsim shell}: the scenario language read line by line, one world for the session.
 * Built-ins: {@code help [CMD]}, {@code history}, {@code !N} and {@code !!} (run a history line
 * again, echoed first as bash does), {@code exit [STATUS]}. End of input ends the session with
 * the last command's status, as sh does. Line editing is left to the terminal (the JDK has no
 * portable line editor; {@code rlwrap daxsim shell} adds one).
 */
final class InteractiveShell {
  private final Shell shell;
  private final BufferedReader in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean prompt;
  private final List<String> history = new ArrayList<>();
  private int status;

  InteractiveShell(Shell shell, BufferedReader in, PrintStream out, PrintStream err,
      boolean prompt) {
    this.shell = shell;
    this.in = in;
    this.out = out;
    this.err = err;
    this.prompt = prompt;
  }

  /** Reads and runs lines until {@code exit} or end of input; the session's exit status. */
  int run() {
    if (prompt) {
      out.println("daxsim " + DaxSim.VERSION + " shell; 'help' lists the commands, 'exit'"
          + " leaves.");
    }
    while (true) {
      if (prompt) {
        out.print("daxsim:" + shell.world().currentHost().name() + "> ");
        out.flush();
      }
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        err.println("daxsim: " + e.getMessage());
        return 1;
      }
      if (line == null) {
        if (prompt) {
          out.println();
        }
        return status;
      }
      Integer exit = line(line);
      out.flush();
      err.flush();
      if (exit != null) {
        return exit;
      }
    }
  }

  /** Runs one line; the session's status if the line ends the session, else null. */
  private Integer line(String raw) {
    String t = raw.strip();
    if (t.startsWith("!")) {
      String recalled = recall(t);
      if (recalled == null) {
        return null;
      }
      out.println(recalled);
      t = recalled;
    }
    if (t.isEmpty()) {
      return null;
    }
    if (!t.startsWith("#")) {
      history.add(t);
    }
    List<String> words;
    try {
      words = Words.split(t);
    } catch (ScriptSyntaxException e) {
      return syntax(e);
    }
    String first = words.isEmpty() ? "" : words.get(0);
    switch (first) {
      case "exit", "quit":
        return exit(words);
      case "help":
        help(words);
        return null;
      case "history":
        for (int i = 0; i < history.size(); i++) {
          out.printf("%5d  %s%n", i + 1, history.get(i));
        }
        status = 0;
        return null;
      default:
        break;
    }
    try {
      Result r = shell.execute(t);
      out.print(r.stdout());
      err.print(r.stderr());
      status = r.exit();
    } catch (ScriptSyntaxException e) {
      return syntax(e);
    }
    return null;
  }

  private Integer syntax(ScriptSyntaxException e) {
    err.println("daxsim: syntax error: " + e.getMessage());
    status = ScriptRunner.USAGE;
    return null;
  }

  /** {@code !!} or {@code !N}: the history line, or null (after a message) if there is none. */
  private String recall(String t) {
    String ref = t.substring(1);
    int n;
    if (ref.equals("!")) {
      n = history.size();
    } else {
      try {
        n = Integer.parseInt(ref);
      } catch (NumberFormatException e) {
        n = 0;
      }
    }
    if (n < 1 || n > history.size()) {
      err.println("daxsim: " + t + ": event not found");
      status = 1;
      return null;
    }
    return history.get(n - 1);
  }

  private Integer exit(List<String> words) {
    if (words.size() == 1) {
      return status;
    }
    try {
      int s = Integer.parseInt(words.get(1));
      if (words.size() == 2) {
        return s & 0xff;
      }
    } catch (NumberFormatException e) {
      // falls through to the usage message
    }
    err.println("daxsim: exit: usage: exit [STATUS]");
    status = ScriptRunner.USAGE;
    return null;
  }

  private void help(List<String> words) {
    if (words.size() == 1) {
      out.print(ShellHelp.listing());
      status = 0;
      return;
    }
    StringBuilder b = new StringBuilder();
    status = 0;
    for (String w : words.subList(1, words.size())) {
      String h = ShellHelp.of(w);
      if (h == null) {
        err.println("daxsim: help: no help for '" + w + "'");
        status = 1;
      } else {
        b.append(h);
      }
    }
    out.print(b);
  }
}
