package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {
  @Test
  void blanksSeparateWords() throws Exception {
    assertThat(Words.split("  daxctl   list\t-R  ")).containsExactly("daxctl", "list", "-R");
  }

  @Test
  void singleQuotesKeepEverythingLiterally() throws Exception {
    assertThat(Words.split("printf '{\"a\": \"b c\"}\\n' x"))
        .containsExactly("printf", "{\"a\": \"b c\"}\\n", "x");
  }

  @Test
  void doubleQuotesKeepBlanksAndDropOnlyTheirOwnEscapes() throws Exception {
    assertThat(Words.split("echo \"a  b\" \"q\\\"x\\\\y\\n\""))
        .containsExactly("echo", "a  b", "q\"x\\y\\n");
  }

  @Test
  void anUnquotedBackslashQuotesTheNextCharacter() throws Exception {
    assertThat(Words.split("echo a\\ b \\'c \\#d")).containsExactly("echo", "a b", "'c", "#d");
  }

  @Test
  void quotedPartsJoinTheirNeighbours() throws Exception {
    assertThat(Words.split("x'a b'\"c\"d")).containsExactly("xa bcd");
    assertThat(Words.split("'' \"\"")).containsExactly("", "");
  }

  @Test
  void aHashStartsACommentOnlyAtTheStartOfAWord() throws Exception {
    assertThat(Words.split("daxctl list # -R")).containsExactly("daxctl", "list");
    assertThat(Words.split("echo a#b")).containsExactly("echo", "a#b");
    assertThat(Words.split("# only a comment")).isEmpty();
    assertThat(Words.split("echo '# not a comment'")).containsExactly("echo", "# not a comment");
  }

  @Test
  void anUnquotedGreaterThanIsAnOperatorWord() throws Exception {
    assertThat(Words.split("echo 1>/sys/x")).containsExactly("echo", "1", Words.REDIRECT, "/sys/x");
    assertThat(Words.split("echo '1>2'")).containsExactly("echo", "1>2");
  }

  @Test
  void unterminatedQuotesAndATrailingBackslashAreSyntaxErrors() {
    for (String bad : List.of("echo 'abc", "echo \"abc", "echo abc\\", "echo \"a\\\"")) {
      assertThatThrownBy(() -> Words.split(bad)).as(bad)
          .isInstanceOf(ScriptSyntaxException.class);
    }
  }
}
