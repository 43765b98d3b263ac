package org.daxsim.prop;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Renders generated values for failure reports: strings quoted, arrays and collections expanded. */
final class Render {
  /** Longer renderings are cut, so a huge value cannot bury the rest of the report. */
  private static final int MAX_CHARS = 10_000;

  private Render() {}

  static String value(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return truncate(out.toString());
  }

  /** {@code (a, b, c)}. */
  static String tuple(List<?> values) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ", ");
      append(out, values.get(i));
    }
    return truncate(out.append(')').toString());
  }

  /** One numbered line per step; the last one is marked as where the failure happened. */
  static String steps(List<?> steps) {
    if (steps.isEmpty()) {
      return "(no steps: failed on the initial state)";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      out.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(value(steps.get(i)));
    }
    return out.append("   <- failed here").toString();
  }

  /** Indents every line of {@code text} by {@code prefix}. */
  static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }

  private static void append(StringBuilder out, Object value) {
    if (out.length() > MAX_CHARS) {
      return;
    }
    if (value instanceof CharSequence s) {
      quote(out, s.toString(), '"');
    } else if (value instanceof Character c) {
      quote(out, c.toString(), '\'');
    } else if (value instanceof Collection<?> c) {
      appendAll(out, c.iterator(), "[", "]");
    } else if (value instanceof Map<?, ?> m) {
      appendAll(out, m.entrySet().iterator(), "{", "}");
    } else if (value instanceof Map.Entry<?, ?> e) {
      append(out, e.getKey());
      out.append('=');
      append(out, e.getValue());
    } else if (value instanceof Object[] a) {
      appendAll(out, Arrays.asList(a).iterator(), "[", "]");
    } else if (value != null && value.getClass().isArray()) {
      out.append(primitiveArray(value));
    } else {
      out.append(safeToString(value));
    }
  }

  private static void appendAll(StringBuilder out, Iterator<?> it, String open, String close) {
    out.append(open);
    for (boolean first = true; it.hasNext(); first = false) {
      out.append(first ? "" : ", ");
      append(out, it.next());
    }
    out.append(close);
  }

  private static String primitiveArray(Object array) {
    int n = Array.getLength(array);
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < n && out.length() <= MAX_CHARS; i++) {
      out.append(i == 0 ? "" : ", ").append(Array.get(array, i));
    }
    return out.append(']').toString();
  }

  private static String safeToString(Object value) {
    try {
      return String.valueOf(value);
    } catch (RuntimeException e) {
      return "<toString() threw " + e + ">";
    }
  }

  private static void quote(StringBuilder out, String s, char quote) {
    out.append(quote);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c == quote) {
            out.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append(quote);
  }

  private static String truncate(String s) {
    return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS) + "... (cut)";
  }
}
