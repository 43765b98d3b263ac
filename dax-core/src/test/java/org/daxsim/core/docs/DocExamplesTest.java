package org.daxsim.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the docs honest: every Java block in {@code docs/*.md} that starts with
 * {@code // example: Name} must be, line for line, the region between {@code // begin-example:
 * Name} and {@code // end-example: Name} of a test source, where a test runs it.
 */
class DocExamplesTest {
  private static final Pattern DOC_BLOCK =
      Pattern.compile("```java\\n// example: (\\S+)\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern SOURCE_REGION =
      Pattern.compile(
          "// begin-example: (\\S+)[^\\n]*\\n(.*?)^[ \\t]*// end-example: \\1", 
          Pattern.DOTALL | Pattern.MULTILINE);

  static Path projectRoot() {
    Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("docs/index.md"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no docs/index.md above " + System.getProperty("user.dir"));
    }
    return p;
  }

  static Map<String, String> docExamples(Path root) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      for (Path md : docs.filter(f -> f.toString().endsWith(".md")).sorted().collect(Collectors.toList())) {
        Matcher m = DOC_BLOCK.matcher(read(md));
        while (m.find()) {
          String previous = out.put(m.group(1), normalize(m.group(2)));
          assertThat(previous).as("example %s appears twice in the docs", m.group(1)).isNull();
        }
      }
    }
    return out;
  }

  static Map<String, String> sourceExamples(Path root) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      all.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> f.toString().contains("/src/test/java/"))
          .filter(f -> !f.toString().contains("/target/"))
          .forEach(sources::add);
    }
    for (Path src : sources) {
      Matcher m = SOURCE_REGION.matcher(read(src));
      while (m.find()) {
        out.put(m.group(1), normalize(m.group(2)));
      }
    }
    return out;
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Strips the common indentation and trailing blank lines. */
  static String normalize(String block) {
    List<String> lines = new ArrayList<>(List.of(block.split("\n", -1)));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return lines.stream()
        .map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void everyDocExampleIsRunByATest() throws IOException {
    Path root = projectRoot();
    Map<String, String> docs = docExamples(root);
    Map<String, String> sources = sourceExamples(root);
    assertThat(docs).as("the docs should show examples").isNotEmpty();
    for (Map.Entry<String, String> e : docs.entrySet()) {
      assertThat(sources).as("no test source holds example %s", e.getKey()).containsKey(e.getKey());
      assertThat(e.getValue())
          .as("docs example %s differs from its test source", e.getKey())
          .isEqualTo(sources.get(e.getKey()));
    }
  }

  @Test
  void normalizeStripsCommonIndentOnly() {
    assertThat(normalize("    a\n      b\n\n    c\n  \n")).isEqualTo("a\n  b\n\nc");
  }
}
