package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
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
 * Runs every {@code scenarios/NAME.daxsim} test resource with {@code daxsim run} and compares
 * the exit status with the file's {@code # exit: N} header line, stdout with {@code NAME.out}
 * and stderr with {@code NAME.err} (empty when absent). A {@code # args: ...} header line adds
 * options of {@code daxsim run} (e.g. {@code --keep-going}). The expected outputs were written
 * from the tools' formats (daxctl JSON, busybox, io.c, the trace and map layouts) and sha256
 * values computed independently of daxsim.
 */
class ScenarioFilesTest {
  static Path dir() throws URISyntaxException {
    return Path.of(ScenarioFilesTest.class.getResource("/scenarios").toURI());
  }

  static List<Path> scenarios() throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.filter(p -> p.toString().endsWith(".daxsim")).sorted().toList();
    }
  }

  static String header(List<String> lines, String key) {
    for (String l : lines) {
      if (l.startsWith("# " + key + ":")) {
        return l.substring(key.length() + 3).strip();
      }
    }
    return null;
  }

  static String sibling(Path script, String ext) throws IOException {
    String name = script.getFileName().toString().replace(".daxsim", ext);
    Path p = script.resolveSibling(name);
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }

  static void run(Path script) throws IOException {
    List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
    String exit = header(lines, "exit");
    assertThat(exit).as(script + ": '# exit: N' header").isNotNull();
    List<String> args = new ArrayList<>(List.of("run"));
    String extra = header(lines, "args");
    if (extra != null) {
      args.addAll(List.of(extra.split("\\s+")));
    }
    args.add(script.toString());
    MainTest.Run r = MainTest.daxsim("", args.toArray(new String[0]));
    assertThat(r.out()).as(script + " stdout").isEqualTo(sibling(script, ".out"));
    assertThat(r.err()).as(script + " stderr").isEqualTo(sibling(script, ".err"));
    assertThat(r.exit()).as(script + " exit").isEqualTo(Integer.parseInt(exit));
  }

  @TestFactory
  Stream<DynamicTest> everyScenarioFileGivesItsExpectedOutput() throws Exception {
    return scenarios().stream().map(p -> DynamicTest.dynamicTest(
        p.getFileName().toString(), () -> run(p)));
  }

  @Test
  void theScenariosCoverTheWorldDaxctlFamfsIoTraceAndMap() throws Exception {
    List<String> names = scenarios().stream().map(p -> p.getFileName().toString()).toList();
    assertThat(names).contains("world.daxsim", "daxctl.daxsim", "famfs-two-hosts.daxsim",
        "io-famfs.daxsim", "io-devdax.daxsim", "trace.daxsim", "map.daxsim");
    for (String n : names) {
      assertThat(dir().resolve(n.replace(".daxsim", ".out"))).as(n).exists();
    }
  }
}
