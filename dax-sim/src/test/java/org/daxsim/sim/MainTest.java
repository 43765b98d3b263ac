package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  record Run(int exit, String out, String err) {}

  static Run daxsim(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static final String SCRIPT = """
      # a comment
      memdev add pool0 --size 1G

      region add --memdev pool0
      nosuchcommand
      echo "after the failure"
      """;

  @Test
  void everyCommandSucceedingExits0() {
    Run r = daxsim("echo one\n\n# c\necho 'two  words'\n", "run", "-");
    assertThat(r).isEqualTo(new Run(0, "one\ntwo  words\n", ""));
  }

  @Test
  void aFailingCommandStopsTheRunWithStatus1() {
    Run r = daxsim(SCRIPT, "run", "-");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("[\n  {\n    \"path\":\"\\/platform\\/hmem.0\"")
        .doesNotContain("after the failure");
    assertThat(r.err()).isEqualTo("sh: nosuchcommand: not found\n");
  }

  @Test
  void keepGoingRunsTheRestAndStillExits1() {
    Run r = daxsim(SCRIPT, "run", "--keep-going", "-");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).endsWith("]\nafter the failure\n");
    assertThat(r.err()).isEqualTo("sh: nosuchcommand: not found\n");
  }

  @Test
  void anUnparsableLineExits2AndNamesTheLine() {
    Run r = daxsim("echo ok\necho 'unterminated\necho never\n", "run", "--keep-going", "-");
    assertThat(r).isEqualTo(new Run(2, "ok\n", "daxsim: -:2: unterminated quoted string\n"));
  }

  @Test
  void usageErrorsExit2() {
    assertThat(daxsim("", "run").exit()).isEqualTo(2);
    assertThat(daxsim("", "run", "--bogus", "-").exit()).isEqualTo(2);
    assertThat(daxsim("", "run", "--seed", "abc", "-").exit()).isEqualTo(2);
    assertThat(daxsim("", "frob").exit()).isEqualTo(2);
    assertThat(daxsim("").exit()).isEqualTo(2);
    Run missing = daxsim("", "run", "/nonexistent/scenario.txt");
    assertThat(missing).isEqualTo(
        new Run(2, "", "daxsim: /nonexistent/scenario.txt: No such file or directory\n"));
  }

  @Test
  void runReadsAFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.txt");
    Files.writeString(f, "region add --size 2G\ncat /sys/devices/platform/hmem.0/dax_region/size\n");
    Run r = daxsim("", "run", "--seed", "42", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).endsWith("]\n2147483648\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonIsOneArrayWithAnObjectPerExecutedLine() {
    Run r = daxsim(SCRIPT, "run", "--json", "--keep-going", "-");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    List<Object> steps = (List<Object>) MiniJson.parse(r.out());
    assertThat(steps).hasSize(4);
    Map<String, Object> first = (Map<String, Object>) steps.get(0);
    assertThat(first.keySet()).containsExactly("line", "host", "command", "exit", "errno",
        "stdout", "stderr");
    assertThat(first).containsEntry("line", 2L).containsEntry("host", "node0")
        .containsEntry("command", "memdev add pool0 --size 1G").containsEntry("exit", 0L)
        .containsEntry("errno", null).containsEntry("stdout", "").containsEntry("stderr", "");
    Map<String, Object> region = (Map<String, Object>) steps.get(1);
    assertThat(region.get("line")).isEqualTo(4L);
    assertThat((String) region.get("stdout")).startsWith("[\n  {\n    \"path\":\"\\/platform");
    Map<String, Object> bad = (Map<String, Object>) steps.get(2);
    assertThat(bad).containsEntry("line", 5L).containsEntry("exit", 127L)
        .containsEntry("errno", null).containsEntry("stderr", "sh: nosuchcommand: not found\n");
    Map<String, Object> last = (Map<String, Object>) steps.get(3);
    assertThat(last).containsEntry("line", 6L)
        .containsEntry("command", "echo \"after the failure\"")
        .containsEntry("stdout", "after the failure\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonCarriesErrnoNamesAndTheHostOfAtLines() {
    Run r = daxsim("host add node1\n@node1 memdev add x --size 0\n", "run", "--json", "-");
    assertThat(r.exit()).isEqualTo(1);
    List<Object> steps = (List<Object>) MiniJson.parse(r.out());
    assertThat(steps).hasSize(2);
    Map<String, Object> s = (Map<String, Object>) steps.get(1);
    assertThat(s).containsEntry("host", "node1").containsEntry("command", "memdev add x --size 0")
        .containsEntry("exit", 1L).containsEntry("errno", "EINVAL");
  }

  @Test
  void jsonOfAnEmptyScriptIsAnEmptyArray() {
    assertThat(daxsim("# nothing\n\n", "run", "--json", "-")).isEqualTo(new Run(0, "[]\n", ""));
  }

  @Test
  void jsonEscapesControlCharactersAndQuotes() {
    Run r = daxsim("printf 'a\"\\\\\\t\\001'\n", "run", "--json", "-");
    assertThat(r.out()).contains("\"stdout\": \"a\\\"\\\\\\t\\u0001\"");
    assertThat(MiniJson.parse(r.out())).isInstanceOf(List.class);
  }

  @Test
  void theMiniParserRejectsBrokenJson() {
    for (String bad : List.of("[1,]", "{\"a\":1,}", "[\"x]", "{\"a\" 1}", "[1] 2", "nul")) {
      assertThatThrownBy(() -> MiniJson.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void helpVersionAndDemo() {
    Run v = daxsim("", "--version");
    assertThat(v).isEqualTo(new Run(0, "daxsim " + DaxSim.VERSION + "\n", ""));
    assertThat(DaxSim.VERSION).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    Run h = daxsim("", "--help");
    assertThat(h.exit()).isZero();
    assertThat(h.out()).startsWith("Usage: daxsim [-hV] [COMMAND]").contains("run", "demo",
        "shell");
    Run rh = daxsim("", "run", "--help");
    assertThat(rh.out()).contains("--json", "--keep-going", "--seed=N", "FILE|-");
    Run d = daxsim("", "demo");
    assertThat(d.exit()).isZero();
    assertThat(d.err()).isEmpty();
    assertThat(d.out()).startsWith("The famfs seed story: ")
        .contains("seed-phys        | EFAULT ");
  }
}
