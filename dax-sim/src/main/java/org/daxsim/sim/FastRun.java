package org.daxsim.sim;

/**
 * The startup fast path of {@code daxsim run} (issue 8, benchmark 8): the plain forms
 * {@code run [--json] [--keep-going] [--seed N] FILE|-}, options in any order, each at most
 * once, are parsed here without picocli, whose construction (annotation reflection, proxies,
 * its type converters) costs about 100 ms of a 300 ms process. Anything else (help, version,
 * another subcommand, {@code --seed=N}, {@code --}, {@code @argfiles}, a repeated or unknown
 * option, a value picocli would reject, any {@code picocli.*} system property) returns null
 * and goes to picocli, so usage errors and help text stay picocli's, byte for byte.
 */
final class FastRun {
  private FastRun() {}

  /** The {@code run} subcommand for {@code args}, or null when picocli must parse them. */
  static Main.Run parse(Main main, String[] args) {
    if (args.length < 2 || !args[0].equals("run") || picocliConfigured()) {
      return null;
    }
    Main.Run run = new Main.Run(main);
    boolean json = false;
    boolean keepGoing = false;
    boolean seed = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--json" -> {
          if (json) {
            return null;
          }
          json = true;
        }
        case "--keep-going" -> {
          if (keepGoing) {
            return null;
          }
          keepGoing = true;
        }
        case "--seed" -> {
          if (seed || i + 1 >= args.length) {
            return null;
          }
          seed = true;
          Long n = decimal(args[++i]);
          if (n == null) {
            return null;
          }
          run.seed = n;
        }
        default -> {
          // one positional; option-like words, argument files and "" are picocli's to judge
          boolean positional = a.equals("-")
              || (!a.isEmpty() && a.charAt(0) != '-' && a.charAt(0) != '@');
          if (run.file != null || !positional) {
            return null;
          }
          run.file = a;
        }
      }
    }
    if (run.file == null) {
      return null;
    }
    run.json = json;
    run.keepGoing = keepGoing;
    return run;
  }

  /** {@code s} as picocli converts a long ({@code Long.valueOf}), unsigned forms only. */
  private static Long decimal(String s) {
    if (s.isEmpty() || s.charAt(0) == '-' || s.charAt(0) == '+') {
      return null;
    }
    try {
      return Long.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether a {@code picocli.*} system property (tracing, ANSI, converters ...) is set. */
  private static boolean picocliConfigured() {
    for (String k : System.getProperties().stringPropertyNames()) {
      if (k.startsWith("picocli.")) {
        return true;
      }
    }
    return false;
  }
}
