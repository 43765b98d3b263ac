package org.daxsim.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Canonical forms of daxctl's JSON output for comparing a transcript with daxsim: {@link
 * #canonical} is a compact rendering in which every array's elements are sorted (daxctl does
 * not sort devices, regions or mappings, so a transcript only fixes them as a set), keeping the
 * scalars' exact text ({@code "\/platform\/hmem.0"}, {@code 536870912}) and each object's key
 * order; {@link #lines} is the output's lines without trailing commas, sorted, which keeps
 * daxctl's pretty-printing (indentation, {@code "key":value} spacing) in the comparison.
 */
final class JsonSets {
  private final String s;
  private int i;

  private JsonSets(String s) {
    this.s = s;
  }

  /** True when {@code out} looks like a JSON document (an object or an array). */
  static boolean isJson(String out) {
    String t = out.strip();
    return t.startsWith("[") || t.startsWith("{");
  }

  /** The compact form with sorted arrays; IllegalArgumentException for malformed JSON. */
  static String canonical(String text) {
    JsonSets p = new JsonSets(text);
    String v = p.value();
    p.ws();
    if (p.i != text.length()) {
      throw new IllegalArgumentException("trailing text at " + p.i + " in " + text);
    }
    return v;
  }

  /** The lines of {@code text}, trailing commas removed, sorted. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    for (String l : text.split("\n", -1)) {
      out.add(l.endsWith(",") ? l.substring(0, l.length() - 1) : l);
    }
    out.sort(null);
    return out;
  }

  private String value() {
    ws();
    if (i >= s.length()) {
      throw new IllegalArgumentException("unexpected end");
    }
    char c = s.charAt(i);
    if (c == '{') {
      i++;
      StringBuilder b = new StringBuilder("{");
      ws();
      if (peek() == '}') {
        i++;
        return "{}";
      }
      while (true) {
        ws();
        b.append(string()).append(':');
        ws();
        expect(':');
        b.append(value());
        ws();
        if (peek() == ',') {
          i++;
          b.append(',');
        } else {
          expect('}');
          return b.append('}').toString();
        }
      }
    }
    if (c == '[') {
      i++;
      List<String> items = new ArrayList<>();
      ws();
      if (peek() == ']') {
        i++;
        return "[]";
      }
      while (true) {
        items.add(value());
        ws();
        if (peek() == ',') {
          i++;
        } else {
          expect(']');
          items.sort(null);
          return "[" + String.join(",", items) + "]";
        }
      }
    }
    if (c == '"') {
      return string();
    }
    int start = i;
    while (i < s.length() && "{}[],: \n\t\r".indexOf(s.charAt(i)) < 0) {
      i++;
    }
    if (start == i) {
      throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
    }
    return s.substring(start, i);
  }

  private String string() {
    expect('"');
    int start = i - 1;
    while (i < s.length() && s.charAt(i) != '"') {
      i += s.charAt(i) == '\\' ? 2 : 1;
    }
    expect('"');
    return s.substring(start, i);
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : 0;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + i + " in " + s);
    }
    i++;
  }

  private void ws() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }
}
