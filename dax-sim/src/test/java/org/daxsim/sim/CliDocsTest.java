package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the examples of {@code docs/cli.md} and {@code docs/tutorial.md} and checks their
 * output (the convention is stated at the top of cli.md):
 * <ul>
 *   <li>a {@code ```daxsim [json] [keep-going] [shell] [continued] [seed=N]} block is a scenario;
 *       it runs on a fresh world ({@code continued}: on the world of the file's previous
 *       scenario) as {@code daxsim run [--json] [--keep-going] [--seed N] scenario.daxsim}
 *       does, or line by line as {@code daxsim shell} does ({@code shell}, no prompt);</li>
 *   <li>it must be followed, with only blank lines between, by a {@code ```text [exit=N]}
 *       block: everything printed, stdout and stderr on one stream as a terminal shows them,
 *       and the exit status (default 0);</li>
 *   <li>a {@code ```console [exit=N]} block is one {@code $ daxsim ARGS} line (words split as
 *       the scenario language splits them, empty stdin) followed by what it prints.</li>
 * </ul>
 * A {@code text} block without its scenario, a scenario without its {@code text} block, an
 * unknown option or an unterminated fence fails the test.
 */
class CliDocsTest {
  /** One example: a scenario (or a console line) and what it must print. */
  record Example(String file, int line, String kind, List<String> options, String script,
      String expected, int exit) {
    boolean has(String option) {
      return options.contains(option);
    }

    long seed() {
      for (String o : options) {
        if (o.startsWith("seed=")) {
          return Long.parseLong(o.substring(5));
        }
      }
      return 0;
    }

    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  private record Fence(int line, String lang, List<String> info, String body) {}

  private static final List<String> SCENARIO_OPTIONS = List.of("json", "keep-going", "shell",
      "continued");

  /** The examples of a Markdown text; IllegalArgumentException for a malformed pair. */
  static List<Example> parse(String file, String markdown) {
    List<Fence> fences = fences(file, markdown);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < fences.size(); i++) {
      Fence f = fences.get(i);
      switch (f.lang()) {
        case "daxsim" -> {
          for (String o : f.info()) {
            if (!SCENARIO_OPTIONS.contains(o) && !o.matches("seed=-?\\d+")) {
              throw bad(file, f.line(), "unknown scenario option '" + o + "'");
            }
          }
          if (f.info().contains("continued") && out.stream().noneMatch(e -> e.kind()
              .equals("daxsim"))) {
            throw bad(file, f.line(), "'continued' needs an earlier scenario in the file");
          }
          Fence t = i + 1 < fences.size() ? fences.get(i + 1) : null;
          if (t == null || !t.lang().equals("text") || !blankBetween(markdown, f, t)) {
            throw bad(file, f.line(), "a ```daxsim block must be followed by its ```text "
                + "block with only blank lines between");
          }
          out.add(new Example(file, f.line(), "daxsim", f.info(), f.body(), t.body(),
              exit(file, t)));
          i++;
        }
        case "console" -> {
          String[] lines = f.body().split("\n", 2);
          if (!lines[0].startsWith("$ daxsim")) {
            throw bad(file, f.line(), "a ```console block starts with '$ daxsim ...'");
          }
          out.add(new Example(file, f.line(), "console", List.of(), lines[0].substring(2) + "\n",
              lines.length > 1 ? lines[1] : "", exit(file, f)));
        }
        case "text" -> throw bad(file, f.line(), "a ```text block without its ```daxsim block");
        default -> { }
      }
    }
    return out;
  }

  private static int exit(String file, Fence f) {
    int exit = 0;
    for (String o : f.info()) {
      if (!o.matches("exit=\\d{1,3}")) {
        throw bad(file, f.line(), "unknown option '" + o + "' (only exit=N)");
      }
      exit = Integer.parseInt(o.substring(5));
    }
    return exit;
  }

  private static boolean blankBetween(String markdown, Fence a, Fence b) {
    String[] lines = markdown.split("\n", -1);
    int end = a.line() + (int) a.body().lines().count() + 1; // the closing fence (1-based)
    for (int l = end + 1; l < b.line(); l++) {
      if (!lines[l - 1].isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static List<Fence> fences(String file, String markdown) {
    String[] lines = markdown.split("\n", -1);
    List<Fence> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith("```")) {
        continue;
      }
      String[] info = lines[i].substring(3).trim().split("\\s+");
      int start = i;
      StringBuilder body = new StringBuilder();
      for (i++; i < lines.length && !lines[i].equals("```"); i++) {
        body.append(lines[i]).append('\n');
      }
      if (i >= lines.length) {
        throw bad(file, start + 1, "unterminated ``` fence");
      }
      out.add(new Fence(start + 1, info[0], List.of(info).subList(1,
          info.length), body.toString()));
    }
    return out;
  }

  private static IllegalArgumentException bad(String file, int line, String why) {
    return new IllegalArgumentException(file + ":" + line + ": " + why);
  }

  /** What the example prints and its exit status; {@code world} carries continued worlds. */
  static String[] run(Example e, Shell[] world) throws Exception {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(both, true, StandardCharsets.UTF_8);
    int rc;
    if (e.kind().equals("console")) {
      List<String> words = Words.split(e.script().strip().substring("daxsim".length()));
      rc = Main.run(words.toArray(new String[0]), new ByteArrayInputStream(new byte[0]), ps, ps);
    } else {
      Shell shell = e.has("continued") ? world[0] : DaxSim.newShell(DaxSim.newWorld(
          Configuration.defaults().toBuilder().seed(e.seed()).build()));
      world[0] = shell;
      if (e.has("shell")) {
        rc = new InteractiveShell(shell, new BufferedReader(new StringReader(e.script())), ps, ps,
            false).run();
      } else {
        rc = new ScriptRunner(shell, e.has("json"), e.has("keep-going"))
            .run("scenario.daxsim", e.script(), ps, ps);
      }
    }
    return new String[] {both.toString(StandardCharsets.UTF_8), Integer.toString(rc)};
  }

  private static Stream<DynamicTest> examples(String name) throws Exception {
    String md = Files.readString(Path.of("..", "docs", name), StandardCharsets.UTF_8);
    List<Example> examples = parse(name, md);
    assertThat(examples).as(name + " examples").hasSizeGreaterThan(5);
    Shell[] world = new Shell[1];
    return examples.stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> {
      String[] got = run(e, world);
      assertThat(got[0]).as(e + " output").isEqualTo(e.expected());
      assertThat(Integer.parseInt(got[1])).as(e + " exit status").isEqualTo(e.exit());
    }));
  }

  @TestFactory
  Stream<DynamicTest> cliReferenceExamples() throws Exception {
    return examples("cli.md");
  }

  @TestFactory
  Stream<DynamicTest> tutorialExamples() throws Exception {
    return examples("tutorial.md");
  }

  @Test
  void cliMdStatesTheConvention() throws Exception {
    String md = Files.readString(Path.of("..", "docs", "cli.md"), StandardCharsets.UTF_8);
    assertThat(md).startsWith("<!--").contains("CliDocsTest").contains("```daxsim")
        .contains("exit=N").contains("continued");
  }

  @Test
  void aWellFormedPairParses() {
    List<Example> ex = parse("t.md", "x\n```daxsim keep-going seed=3\necho hi\n```\n\n"
        + "```text exit=1\nhi\n```\n```console exit=2\n$ daxsim run\nusage\n```\n");
    assertThat(ex).hasSize(2);
    assertThat(ex.get(0)).isEqualTo(new Example("t.md", 2, "daxsim",
        List.of("keep-going", "seed=3"), "echo hi\n", "hi\n", 1));
    assertThat(ex.get(0).seed()).isEqualTo(3);
    assertThat(ex.get(1)).isEqualTo(new Example("t.md", 9, "console", List.of(),
        "daxsim run\n", "usage\n", 2));
  }

  @Test
  void malformedPairsFail() {
    assertThatThrownBy(() -> parse("t.md", "```daxsim\necho\n```\n"))
        .hasMessageContaining("t.md:1: a ```daxsim block must be followed");
    assertThatThrownBy(() -> parse("t.md", "```daxsim\necho\n```\nprose\n```text\n\n```\n"))
        .hasMessageContaining("t.md:1: a ```daxsim block must be followed");
    assertThatThrownBy(() -> parse("t.md", "```text\nx\n```\n"))
        .hasMessageContaining("t.md:1: a ```text block without");
    assertThatThrownBy(() -> parse("t.md", "```daxsim jsn\nx\n```\n```text\n```\n"))
        .hasMessageContaining("unknown scenario option 'jsn'");
    assertThatThrownBy(() -> parse("t.md", "```daxsim\nx\n```\n```text status=1\n```\n"))
        .hasMessageContaining("unknown option 'status=1'");
    assertThatThrownBy(() -> parse("t.md", "```daxsim continued\nx\n```\n```text\n```\n"))
        .hasMessageContaining("'continued' needs an earlier scenario");
    assertThatThrownBy(() -> parse("t.md", "```daxsim\nx\n```\n```text\nx\n"))
        .hasMessageContaining("t.md:4: unterminated");
    assertThatThrownBy(() -> parse("t.md", "```console\nls\n```\n"))
        .hasMessageContaining("starts with '$ daxsim");
  }

  @Test
  void aWrongExpectationIsCaught() throws Exception {
    Example e = parse("t.md", "```daxsim\necho one\n```\n```text\ntwo\n```\n").get(0);
    String[] got = run(e, new Shell[1]);
    assertThat(got[0]).isEqualTo("one\n").isNotEqualTo(e.expected());
  }
}
