package org.daxsim.fs.famfs.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * getopt_long() as the famfs tools use it: short options ("fkl:" — a colon marks an argument),
 * long options mapped to their short letter, "--" ending options, and operands. Unknown
 * options and missing arguments are usage errors.
 */
final class Opts {
  private final Map<Character, List<String>> seen = new HashMap<>();
  final List<String> operands = new ArrayList<>();

  /** Parses {@code args} (program name excluded); {@code longs} maps "name" to 'c'. */
  static Opts parse(List<String> args, String shorts, Map<String, Character> longs, int exit)
      throws ToolError {
    Opts o = new Opts();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        o.operands.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (a.startsWith("--")) {
        String name = a.substring(2);
        String val = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          val = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        Character c = longs.get(name);
        if (c == null) {
          throw ToolError.usage(exit, "unrecognized option '--%s'", name);
        }
        if (takesArg(shorts, c) && val == null) {
          if (i + 1 >= args.size()) {
            throw ToolError.usage(exit, "option '--%s' requires an argument", name);
          }
          val = args.get(++i);
        }
        o.add(c, val);
      } else if (a.startsWith("-") && a.length() > 1) {
        for (int k = 1; k < a.length(); k++) {
          char c = a.charAt(k);
          int at = shorts.indexOf(c);
          if (at < 0 || c == ':') {
            throw ToolError.usage(exit, "invalid option -- '%c'", c);
          }
          if (takesArg(shorts, c)) {
            String val = a.substring(k + 1);
            if (val.isEmpty()) {
              if (i + 1 >= args.size()) {
                throw ToolError.usage(exit, "option requires an argument -- '%c'", c);
              }
              val = args.get(++i);
            }
            o.add(c, val);
            break;
          }
          o.add(c, null);
        }
      } else {
        o.operands.add(a);
      }
    }
    return o;
  }

  private static boolean takesArg(String shorts, char c) {
    int at = shorts.indexOf(c);
    return at >= 0 && at + 1 < shorts.length() && shorts.charAt(at + 1) == ':';
  }

  private void add(char c, String v) {
    seen.computeIfAbsent(c, k -> new ArrayList<>()).add(v);
  }

  boolean has(char c) {
    return seen.containsKey(c);
  }

  /** The last value of option {@code c}, or null. */
  String get(char c) {
    List<String> v = seen.get(c);
    return v == null ? null : v.get(v.size() - 1);
  }

  /** Every value of a repeatable option. */
  List<String> all(char c) {
    return seen.getOrDefault(c, List.of());
  }

  /**
   * famfs's size arguments: decimal or 0x hex with one optional k/m/g suffix (powers of 1024);
   * trailing junk leaves the number unscaled, as upstream; -1 when there is no number.
   */
  static long size(String s) {
    if (s == null || s.isEmpty()) {
      return -1;
    }
    int i = 0;
    int radix = 10;
    if (s.startsWith("0x") || s.startsWith("0X")) {
      i = 2;
      radix = 16;
    }
    int start = i;
    while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0) {
      i++;
    }
    if (i == start) {
      return -1;
    }
    long n;
    try {
      n = Long.parseLong(s.substring(start, i), radix);
    } catch (NumberFormatException e) {
      return -1;
    }
    String rest = s.substring(i);
    long mult = switch (rest.toLowerCase()) {
      case "k" -> 1L << 10;
      case "m" -> 1L << 20;
      case "g" -> 1L << 30;
      default -> 1;
    };
    return n * mult;
  }
}
