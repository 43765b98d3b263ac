package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * util/parse-options.c (git's parser) for the two option kinds daxctl uses, OPT_STRING and
 * OPT_BOOLEAN: short clusters, {@code --long[=v]}, abbreviations, {@code --no-} negation, and
 * the exact error and usage texts; usage errors exit 129.
 */
final class Options {
  /** One option: short name ('\0' for none), long name, argh (null for booleans), help. */
  record Opt(char shortName, String longName, String argh, String help) {
    boolean isString() {
      return argh != null;
    }
  }

  final List<Opt> opts;
  final String usage;
  final Map<String, String> strings = new HashMap<>();
  final Map<String, Boolean> bools = new HashMap<>();
  private final Io io;

  Options(Io io, String usage, List<Opt> opts) {
    this.io = io;
    this.usage = usage;
    this.opts = opts;
  }

  String str(String longName) {
    return strings.get(longName);
  }

  boolean flag(String longName) {
    return bools.getOrDefault(longName, false);
  }

  /** parse_options(argc, argv, ...): returns the non-option arguments; exits on errors. */
  List<String> parse(List<String> args) {
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("-") || arg.length() == 1) {
        rest.add(arg);
        continue;
      }
      if (arg.charAt(1) != '-') {
        i = shortCluster(args, i);
        continue;
      }
      if (arg.length() == 2) {
        rest.addAll(args.subList(i + 1, args.size()));
        break;
      }
      String name = arg.substring(2);
      if (name.equals("help-all") || name.equals("help")) {
        usageWithOptions();
      }
      if (name.equals("list-opts")) {
        StringBuilder sb = new StringBuilder();
        for (Opt o : opts) {
          sb.append("--").append(o.longName()).append(' ');
        }
        io.out.append(sb);
        throw new Io.Exit(130);
      }
      if (name.equals("list-cmds")) {
        throw new Io.Exit(130);
      }
      i = longOpt(args, i, name);
    }
    return rest;
  }

  private int shortCluster(List<String> args, int i) {
    String arg = args.get(i);
    String opt = arg.substring(1);
    boolean first = true;
    while (opt != null && !opt.isEmpty()) {
      char c = opt.charAt(0);
      if (c == 'h') {
        usageWithOptions();
      }
      Opt o = byShort(c);
      if (o == null) {
        io.error("unknown switch `" + c + "'");
        usageWithOptions();
      }
      String after = opt.length() > 1 ? opt.substring(1) : null;
      if (o.isString()) {
        if (after != null) {
          strings.put(o.longName(), after);
        } else if (i + 1 < args.size()) {
          strings.put(o.longName(), args.get(++i));
        } else {
          io.error("switch `" + c + "' requires a value");
          optionUsage(o);
        }
        after = null;
      } else {
        bools.put(o.longName(), true);
      }
      if (first && after != null) {
        checkTypos(arg.substring(1));
      }
      first = false;
      opt = after;
    }
    return i;
  }

  /** check_typos: "-mode" style single-dash long options. */
  private void checkTypos(String arg) {
    if (arg.length() < 3) {
      return;
    }
    boolean typo = arg.startsWith("no-");
    for (Opt o : opts) {
      typo |= o.longName() != null && o.longName().startsWith(arg);
    }
    if (typo) {
      io.error("did you mean `--" + arg + "` (with two dashes ?)");
      throw new Io.Exit(129);
    }
  }

  /** parse_long_opt: exact, negated and abbreviated matches. */
  private int longOpt(List<String> args, int i, String arg) {
    int eq = arg.indexOf('=');
    String key = eq < 0 ? arg : arg.substring(0, eq);
    String value = eq < 0 ? null : arg.substring(eq + 1);
    Opt abbrev = null;
    boolean abbrevUnset = false;
    Opt ambiguous = null;
    boolean ambiguousUnset = false;
    for (Opt o : opts) {
      String ln = o.longName();
      if (ln == null) {
        continue;
      }
      if (key.equals(ln)) {
        return set(args, i, o, false, value, arg);
      }
      if (ln.startsWith("no-") && key.equals(ln.substring(3))) {
        return set(args, i, o, true, value, arg);
      }
      boolean unset = false;
      boolean isAbbrev = false;
      if (ln.startsWith("no-") && ln.substring(3).startsWith(arg)) {
        unset = true;
        isAbbrev = true;
      } else if (ln.startsWith(key)) {
        isAbbrev = true;
      } else if ("no-".startsWith(arg)) {
        unset = true;
        isAbbrev = true;
      } else if (arg.startsWith("no-")) {
        String neg = key.substring(3);
        if (neg.equals(ln)) {
          return set(args, i, o, true, value, arg);
        }
        if (ln.startsWith(neg)) {
          unset = true;
          isAbbrev = true;
        }
      }
      if (isAbbrev) {
        if (abbrev != null) {
          ambiguous = abbrev;
          ambiguousUnset = abbrevUnset;
        }
        abbrev = o;
        abbrevUnset = unset;
      }
    }
    if (ambiguous != null) {
      io.error("Ambiguous option: " + arg + " (could be --" + (ambiguousUnset ? "no-" : "")
          + ambiguous.longName() + " or --" + (abbrevUnset ? "no-" : "") + abbrev.longName()
          + ")");
      optionUsageFor(arg, false);
    }
    if (abbrev != null) {
      return set(args, i, abbrev, abbrevUnset, abbrevUnset ? null : value, arg);
    }
    io.error("unknown option `" + arg + "'");
    usageWithOptions();
    return i;
  }

  private int set(List<String> args, int i, Opt o, boolean unset, String value, String arg) {
    String name = unset ? "no-" + o.longName() : o.longName();
    if (unset && value != null) {
      io.error("option `" + name + "' takes no value");
      optionUsageFor(arg, false);
    }
    if (!o.isString()) {
      if (value != null) {
        io.error("option `" + name + "' takes no value");
        optionUsageFor(arg, false);
      }
      bools.put(o.longName(), !unset);
      return i;
    }
    if (unset) {
      strings.remove(o.longName());
    } else if (value != null) {
      strings.put(o.longName(), value);
    } else if (i + 1 < args.size()) {
      strings.put(o.longName(), args.get(++i));
    } else {
      io.error("option `" + name + "' requires a value");
      optionUsageFor(arg, false);
    }
    return i;
  }

  private Opt byShort(char c) {
    for (Opt o : opts) {
      if (o.shortName() == c && c != '\0') {
        return o;
      }
    }
    return null;
  }

  /** usage_with_options: the usage line, every option's help, exit 129. */
  void usageWithOptions() {
    io.err.append("\n usage: ").append(usage).append("\n\n");
    for (Opt o : opts) {
      helpLine(o);
    }
    io.err.append('\n');
    throw new Io.Exit(129);
  }

  /** parse_options_usage for a short option: usage line and that option's help, exit 129. */
  private void optionUsage(Opt o) {
    io.err.append("\n usage: ").append(usage).append("\n\n");
    helpLine(o);
    throw new Io.Exit(129);
  }

  /** parse_options_usage for a long option string: the first option it names. */
  private void optionUsageFor(String optstr, boolean unused) {
    io.err.append("\n usage: ").append(usage).append("\n\n");
    for (Opt o : opts) {
      String ln = o.longName();
      if (ln == null) {
        continue;
      }
      if (optstr.startsWith(ln) || (optstr.startsWith("no-") && optstr.substring(3).startsWith(ln))) {
        helpLine(o);
        break;
      }
    }
    throw new Io.Exit(129);
  }

  /** print_option_help: "    -s, --long <argh>" padded to 24 columns, then the help. */
  private void helpLine(Opt o) {
    StringBuilder sb = new StringBuilder("    ");
    sb.append(o.shortName() != '\0' ? "-" + o.shortName() : "    ");
    if (o.longName() != null && o.shortName() != '\0') {
      sb.append(", ");
    }
    if (o.longName() != null) {
      sb.append("--").append(o.longName());
    }
    if (o.isString()) {
      sb.append(" <").append(o.argh()).append('>');
    }
    int pad;
    if (sb.length() <= 24) {
      pad = 24 - sb.length();
    } else {
      sb.append('\n');
      pad = 24;
    }
    sb.append(" ".repeat(pad + 2)).append(o.help()).append('\n');
    io.err.append(sb);
  }
}
