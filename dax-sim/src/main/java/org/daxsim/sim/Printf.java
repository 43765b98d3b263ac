package org.daxsim.sim;

import java.util.List;

/**
 * printf(1) as busybox has it, for the scenario language's {@code printf FORMAT ARGS > FILE}:
 * backslash escapes ({@code \n \t \\ \" \'} and octal {@code \NNN}), {@code %s}, {@code %d},
 * {@code %x}, {@code %%}; the format is reused while arguments remain, and missing arguments
 * read as empty (or 0).
 */
final class Printf {
  private Printf() {}

  static Result run(List<String> argv) {
    if (argv.size() < 2) {
      return BusyboxArgs.usage("printf", "");
    }
    String fmt = argv.get(1);
    List<String> args = argv.subList(2, argv.size());
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int used = 0;
    do {
      int before = used;
      for (int i = 0; i < fmt.length(); i++) {
        char c = fmt.charAt(i);
        if (c == '\\' && i + 1 < fmt.length()) {
          i = escape(fmt, i + 1, out);
        } else if (c == '%' && i + 1 < fmt.length()) {
          char conv = fmt.charAt(++i);
          if (conv == '%') {
            out.append('%');
            continue;
          }
          String a = used < args.size() ? args.get(used) : null;
          used++;
          switch (conv) {
            case 's' -> out.append(a == null ? "" : a);
            case 'd', 'x' -> out.append(number(a, conv, err));
            default -> {
              return new Result(1, null, out.toString(),
                  "printf: %" + conv + ": invalid format\n");
            }
          }
        } else {
          out.append(c);
        }
      }
      if (used == before) {
        break;
      }
    } while (used < args.size());
    return new Result(err.length() == 0 ? 0 : 1, null, out.toString(), err.toString());
  }

  private static String number(String a, char conv, StringBuilder err) {
    if (a == null || a.isEmpty()) {
      return "0";
    }
    try {
      long v = a.startsWith("0x") ? Long.parseLong(a.substring(2), 16) : Long.parseLong(a);
      return conv == 'd' ? Long.toString(v) : Long.toHexString(v);
    } catch (NumberFormatException e) {
      err.append("printf: invalid number '").append(a).append("'\n");
      return "0";
    }
  }

  /** Appends the escape starting at {@code i} (after the backslash); returns its last index. */
  private static int escape(String f, int i, StringBuilder out) {
    char e = f.charAt(i);
    switch (e) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case '\\' -> out.append('\\');
      case '"' -> out.append('"');
      case '\'' -> out.append('\'');
      default -> {
        if (e >= '0' && e <= '7') {
          int v = 0;
          int j = i;
          while (j < f.length() && j < i + 3 && f.charAt(j) >= '0' && f.charAt(j) <= '7') {
            v = v * 8 + (f.charAt(j) - '0');
            j++;
          }
          out.append((char) v);
          return j - 1;
        }
        out.append('\\').append(e);
      }
    }
    return i;
  }
}
