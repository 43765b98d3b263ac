package org.daxsim.bus.daxctl;

/**
 * json_object_from_file's parse (json-c json_tokener): one JSON value from the text, null
 * when it is not valid JSON. Integers beyond int64 become uint64, as json-c 0.16 does.
 */
final class JsonParser {
  private final String s;
  private int i;

  private JsonParser(String s) {
    this.s = s;
  }

  /** The parsed value, or null. */
  static Json parse(String text) {
    JsonParser p = new JsonParser(text);
    try {
      p.ws();
      return p.value();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  private static IllegalArgumentException bad() {
    return new IllegalArgumentException("bad json");
  }

  private void ws() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        if (end < 0) {
          throw bad();
        }
        i = end + 2;
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
        int end = s.indexOf('\n', i);
        i = end < 0 ? s.length() : end + 1;
      } else {
        return;
      }
    }
  }

  private Json value() {
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return new Json.Str(string());
      default:
        break;
    }
    if (s.startsWith("true", i)) {
      i += 4;
      return new Json.Bool(true);
    }
    if (s.startsWith("false", i)) {
      i += 5;
      return new Json.Bool(false);
    }
    if (s.startsWith("null", i)) {
      i += 4;
      return new Json.Null();
    }
    return number();
  }

  private Json.Obj object() {
    Json.Obj o = new Json.Obj();
    i++;
    ws();
    if (s.charAt(i) == '}') {
      i++;
      return o;
    }
    while (true) {
      ws();
      if (s.charAt(i) != '"') {
        throw bad();
      }
      String k = string();
      ws();
      if (s.charAt(i++) != ':') {
        throw bad();
      }
      ws();
      o.put(k, value());
      ws();
      char c = s.charAt(i++);
      if (c == '}') {
        return o;
      }
      if (c != ',') {
        throw bad();
      }
    }
  }

  private Json.Arr array() {
    Json.Arr a = new Json.Arr();
    i++;
    ws();
    if (s.charAt(i) == ']') {
      i++;
      return a;
    }
    while (true) {
      ws();
      a.add(value());
      ws();
      char c = s.charAt(i++);
      if (c == ']') {
        return a;
      }
      if (c != ',') {
        throw bad();
      }
    }
  }

  private String string() {
    StringBuilder sb = new StringBuilder();
    i++;
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        case '"', '\\', '/' -> sb.append(e);
        default -> throw bad();
      }
    }
  }

  private Json number() {
    int start = i;
    if (s.charAt(i) == '-') {
      i++;
    }
    boolean dbl = false;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isDigit(c)) {
        i++;
      } else if (c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && dbl)) {
        dbl = true;
        i++;
      } else {
        break;
      }
    }
    String t = s.substring(start, i);
    if (t.isEmpty() || t.equals("-")) {
      throw bad();
    }
    if (dbl) {
      return new Json.Dbl(Double.parseDouble(t), t);
    }
    try {
      return new Json.Int(Long.parseLong(t), false, Json.Int.Format.PLAIN);
    } catch (NumberFormatException e) {
      if (t.startsWith("-")) {
        return new Json.Int(Long.MIN_VALUE, false, Json.Int.Format.PLAIN);
      }
      try {
        return new Json.Int(Long.parseUnsignedLong(t), true, Json.Int.Format.PLAIN);
      } catch (NumberFormatException e2) {
        return new Json.Int(-1L, true, Json.Int.Format.PLAIN);
      }
    }
  }
}
