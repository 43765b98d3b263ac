package org.daxsim.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * busybox's getopt32() for the file applets: short options anywhere on the line (GNU
 * permutation) until {@code --}, clustered flags, an option's argument attached or in the next
 * word; an unknown option or a missing argument gets getopt's message and the applet's usage
 * (exit 1). Options busybox has but daxsim does not model are refused with a plain message.
 */
final class BusyboxArgs {
  final Set<Character> flags = new HashSet<>();
  final Map<Character, String> values = new HashMap<>();
  final List<String> operands = new ArrayList<>();
  /** The usage error to return instead of running, or null. */
  Result error;

  private BusyboxArgs() {}

  /**
   * Parses {@code argv} (argv[0] the applet); {@code flagSet} are the modelled flags,
   * {@code withArg} the modelled options taking an argument, {@code known} every other option
   * letter busybox accepts.
   */
  static BusyboxArgs parse(List<String> argv, String flagSet, String withArg, String known) {
    BusyboxArgs a = new BusyboxArgs();
    String applet = argv.get(0);
    boolean optsDone = false;
    for (int i = 1; i < argv.size() && a.error == null; i++) {
      String w = argv.get(i);
      if (optsDone || !w.startsWith("-") || w.equals("-")) {
        a.operands.add(w);
        continue;
      }
      if (w.equals("--")) {
        optsDone = true;
        continue;
      }
      if (w.startsWith("--")) {
        a.error = usage(applet, applet + ": unrecognized option '" + w + "'\n");
        break;
      }
      for (int j = 1; j < w.length(); j++) {
        char c = w.charAt(j);
        if (flagSet.indexOf(c) >= 0) {
          a.flags.add(c);
        } else if (withArg.indexOf(c) >= 0) {
          if (j + 1 < w.length()) {
            a.values.put(c, w.substring(j + 1));
          } else if (i + 1 < argv.size()) {
            a.values.put(c, argv.get(++i));
          } else {
            a.error = usage(applet, applet + ": option requires an argument -- '" + c + "'\n");
          }
          break;
        } else if (known.indexOf(c) >= 0) {
          a.error = Result.fail(1, null,
              applet + ": option -" + c + " is not modelled by daxsim\n");
          break;
        } else {
          a.error = usage(applet, applet + ": invalid option -- '" + c + "'\n");
          break;
        }
      }
    }
    return a;
  }

  /** bb_show_usage(): {@code message} (may be empty), then the usage text; exit 1. */
  static Result usage(String applet, String message) {
    return Result.fail(1, null, message + BusyboxUsage.of(applet));
  }

  boolean has(char c) {
    return flags.contains(c);
  }
}
