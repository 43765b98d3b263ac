package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's example: {@code readme/example.daxsim} run by {@code daxsim run} prints exactly
 * {@code readme/example.out} (stdout and stderr on one stream, as a terminal shows them), and
 * README.md shows both files verbatim. Also: the packaging facts README and bin/daxsim state.
 */
class ReadmeExampleTest {
  static String resource(String name) throws IOException {
    try (InputStream in = ReadmeExampleTest.class.getResourceAsStream("/readme/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theScenarioPrintsTheExpectedOutput() throws Exception {
    String scenario = resource("example.daxsim");
    assertThat(scenario.lines().count()).isEqualTo(10);
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(both, true, StandardCharsets.UTF_8);
    int rc = Main.run(new String[] {"run", "-"},
        new ByteArrayInputStream(scenario.getBytes(StandardCharsets.UTF_8)), ps, ps);
    assertThat(rc).isZero();
    assertThat(both.toString(StandardCharsets.UTF_8)).isEqualTo(resource("example.out"));
  }

  @Test
  void theReadmeShowsBothFilesVerbatim() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    assertThat(readme).contains("```\n" + resource("example.daxsim") + "```\n")
        .contains("```\n" + resource("example.out") + "```\n")
        .contains("bin/daxsim demo").contains("mvn -B verify");
  }

  @Test
  void versionIsThePomVersion() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
        .matcher(pom);
    assertThat(m.find()).isTrue();
    assertThat(DaxSim.VERSION).isEqualTo(m.group(1));
    assertThat(MainTest.daxsim("", "--version"))
        .isEqualTo(new MainTest.Run(0, "daxsim " + m.group(1) + "\n", ""));
  }

  @Test
  void theLauncherBuildsTheShadedJarAndRunsMain() throws Exception {
    String launcher = Files.readString(Path.of("..", "bin", "daxsim"), StandardCharsets.UTF_8);
    assertThat(launcher).startsWith("#!/usr/bin/env bash\n")
        .contains("jar=\"$here/dax-sim/target/daxsim.jar\"")
        .contains("package -pl dax-sim -am")
        .contains("exec \"$java\" -jar \"$jar\" \"$@\"");
    assertThat(Files.isExecutable(Path.of("..", "bin", "daxsim"))).isTrue();
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    assertThat(pom).contains("<artifactId>maven-shade-plugin</artifactId>")
        .contains("<outputFile>${project.build.directory}/daxsim.jar</outputFile>")
        .contains("<mainClass>org.daxsim.sim.Main</mainClass>");
  }
}
