package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few json-c objects daxctl builds (json-c json_object.c), printed as
 * json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY) does: two-space indent,
 * {@code "key":value} without a space, {@code /} escaped as {@code \/}.
 */
abstract class Json {
  private Json() {}

  /** json_object's _to_json_string: appends this value at nesting {@code level}. */
  abstract void print(StringBuilder sb, int level);

  /** json_object_get_string: the text of a scalar as json-c returns it. */
  abstract String asString();

  /** json_object_get_int64 of this value (json-c's conversions for each type). */
  abstract long asInt64();

  /** json_object_to_json_string_ext(this, JSON_C_TO_STRING_PRETTY). */
  final String pretty() {
    StringBuilder sb = new StringBuilder();
    print(sb, 0);
    return sb.toString();
  }

  static void indent(StringBuilder sb, int level) {
    for (int i = 0; i < level; i++) {
      sb.append("  ");
    }
  }

  /** json_escape_str without JSON_C_TO_STRING_NOSLASHESCAPE. */
  static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\b' -> sb.append("\\b");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\f' -> sb.append("\\f");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '/' -> sb.append("\\/");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
  }

  /** A json object: keys in insertion order; adding an existing key replaces its value. */
  static final class Obj extends Json {
    final Map<String, Json> members = new LinkedHashMap<>();

    Obj put(String key, Json value) {
      members.put(key, value);
      return this;
    }

    Json get(String key) {
      return members.get(key);
    }

    @Override
    void print(StringBuilder sb, int level) {
      sb.append('{').append('\n');
      boolean had = false;
      for (Map.Entry<String, Json> e : members.entrySet()) {
        if (had) {
          sb.append(",\n");
        }
        had = true;
        indent(sb, level + 1);
        sb.append('"');
        escape(sb, e.getKey());
        sb.append("\":");
        e.getValue().print(sb, level + 1);
      }
      if (had) {
        sb.append('\n');
      }
      indent(sb, level);
      sb.append('}');
    }

    @Override
    String asString() {
      StringBuilder sb = new StringBuilder();
      print(sb, 0);
      return sb.toString();
    }

    @Override
    long asInt64() {
      return 0;
    }
  }

  /** A json array. */
  static final class Arr extends Json {
    final List<Json> items = new ArrayList<>();

    Arr add(Json v) {
      items.add(v);
      return this;
    }

    int size() {
      return items.size();
    }

    @Override
    void print(StringBuilder sb, int level) {
      sb.append('[').append('\n');
      boolean had = false;
      for (Json v : items) {
        if (had) {
          sb.append(",\n");
        }
        had = true;
        indent(sb, level + 1);
        v.print(sb, level + 1);
      }
      if (had) {
        sb.append('\n');
      }
      indent(sb, level);
      sb.append(']');
    }

    @Override
    String asString() {
      StringBuilder sb = new StringBuilder();
      print(sb, 0);
      return sb.toString();
    }

    @Override
    long asInt64() {
      return 0;
    }
  }

  /** A json string. */
  static final class Str extends Json {
    final String value;

    Str(String value) {
      this.value = value;
    }

    @Override
    void print(StringBuilder sb, int level) {
      sb.append('"');
      escape(sb, value);
      sb.append('"');
    }

    @Override
    String asString() {
      return value;
    }

    /** json_parse_int64: strtoll base 10 on the text; 0 when nothing parses. */
    @Override
    long asInt64() {
      return Num.strtoll10(value);
    }
  }

  /**
   * A json integer (int64, or uint64 when {@code unsigned}); {@code human} / {@code hex}
   * select util/json.c's display_size / display_hex serializers.
   */
  static final class Int extends Json {
    final long value;
    final boolean unsigned;
    final Format format;

    enum Format { PLAIN, SIZE, HEX }

    Int(long value, boolean unsigned, Format format) {
      this.value = value;
      this.unsigned = unsigned;
      this.format = format;
    }

    @Override
    void print(StringBuilder sb, int level) {
      switch (format) {
        case SIZE -> sb.append(HumanSize.format(value));
        case HEX -> sb.append('"').append(Num.hashHex(value)).append('"');
        default -> sb.append(asString());
      }
    }

    @Override
    String asString() {
      return unsigned ? Long.toUnsignedString(value) : Long.toString(value);
    }

    @Override
    long asInt64() {
      if (unsigned && value < 0) {
        return Long.MAX_VALUE;
      }
      return value;
    }
  }

  /** A json boolean. */
  static final class Bool extends Json {
    final boolean value;

    Bool(boolean value) {
      this.value = value;
    }

    @Override
    void print(StringBuilder sb, int level) {
      sb.append(value ? "true" : "false");
    }

    @Override
    String asString() {
      return value ? "true" : "false";
    }

    @Override
    long asInt64() {
      return value ? 1 : 0;
    }
  }

  /** A json double (only produced by the input parser). */
  static final class Dbl extends Json {
    final double value;
    final String text;

    Dbl(double value, String text) {
      this.value = value;
      this.text = text;
    }

    @Override
    void print(StringBuilder sb, int level) {
      sb.append(text);
    }

    @Override
    String asString() {
      return text;
    }

    @Override
    long asInt64() {
      return (long) value;
    }
  }

  /** json null (only produced by the input parser). */
  static final class Null extends Json {
    @Override
    void print(StringBuilder sb, int level) {
      sb.append("null");
    }

    @Override
    String asString() {
      return null;
    }

    @Override
    long asInt64() {
      return 0;
    }
  }
}
