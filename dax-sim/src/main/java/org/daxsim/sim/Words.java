package org.daxsim.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The POSIX shell's word splitting for one scenario line: blanks separate words; {@code '..'}
 * keeps everything literally; {@code ".."} keeps everything but {@code \\}, {@code \"},
 * {@code \$}, {@code \`} and backslash-newline, which lose the backslash; an unquoted
 * backslash quotes the next character; an unquoted {@code #} at the start of a word starts a
 * comment; an unquoted {@code >} is a word of its own (the redirection operator), returned as
 * {@link #REDIRECT}.
 */
final class Words {
  /** The token standing for an unquoted {@code >}. */
  static final String REDIRECT = "\u0000>";

  private Words() {}

  /** The words of {@code line}; a syntax error for an unterminated quote or trailing escape. */
  static List<String> split(String line) throws ScriptSyntaxException {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    int n = line.length();
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      switch (c) {
        case ' ', '\t' -> {
          if (inWord) {
            words.add(w.toString());
            w.setLength(0);
            inWord = false;
          }
        }
        case '\'' -> {
          int end = line.indexOf('\'', i + 1);
          if (end < 0) {
            throw new ScriptSyntaxException("unterminated quoted string");
          }
          w.append(line, i + 1, end);
          inWord = true;
          i = end;
        }
        case '"' -> {
          i = doubleQuoted(line, i + 1, w);
          inWord = true;
        }
        case '\\' -> {
          if (i + 1 >= n) {
            throw new ScriptSyntaxException("backslash at the end of the line");
          }
          w.append(line.charAt(++i));
          inWord = true;
        }
        case '#' -> {
          if (!inWord) {
            i = n;
          } else {
            w.append(c);
          }
        }
        case '>' -> {
          if (inWord) {
            words.add(w.toString());
            w.setLength(0);
            inWord = false;
          }
          words.add(REDIRECT);
        }
        default -> {
          w.append(c);
          inWord = true;
        }
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }

  /** Appends the double-quoted text starting at {@code i}; returns the closing quote's index. */
  private static int doubleQuoted(String line, int i, StringBuilder w)
      throws ScriptSyntaxException {
    for (; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' && i + 1 < line.length() && "\\\"$`\n".indexOf(line.charAt(i + 1)) >= 0) {
        w.append(line.charAt(++i));
      } else {
        w.append(c);
      }
    }
    throw new ScriptSyntaxException("unterminated quoted string");
  }
}
