package org.daxsim.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The oracle's {@code scenarios/basic.txt} for benchmark 8: the shared file
 * ({@code ../shared/oracle/scenarios/basic.txt} from the repository root), found from the
 * working directory or its parents, or else the copy bundled in dax-bench's resources.
 */
final class OracleScenario {
  /** The scenario's path from the repository root, as issue 8 names it. */
  static final String SHARED = "../shared/oracle/scenarios/basic.txt";
  /** The oracle's directory from the repository root. */
  static final String ORACLE_DIR = "../shared/oracle";

  private OracleScenario() {}

  /** The shared oracle directory (holding run-scenario.sh), or null when there is none. */
  static Path oracleDir() {
    Path d = Path.of("").toAbsolutePath();
    for (int up = 0; d != null && up < 4; up++, d = d.getParent()) {
      Path o = d.resolve(ORACLE_DIR).normalize();
      if (Files.isRegularFile(o.resolve("scenarios/basic.txt"))) {
        return o;
      }
    }
    return null;
  }

  /** The shared basic.txt, or null when it cannot be found. */
  static Path sharedFile() {
    Path o = oracleDir();
    return o == null ? null : o.resolve("scenarios/basic.txt");
  }

  /** The scenario text: the shared file if found, else the bundled copy. */
  static String text() {
    try {
      Path p = sharedFile();
      if (p != null) {
        return Files.readString(p, StandardCharsets.UTF_8);
      }
      try (InputStream in = OracleScenario.class.getResourceAsStream("oracle-basic.txt")) {
        if (in == null) {
          throw new IOException("no bundled oracle-basic.txt");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
