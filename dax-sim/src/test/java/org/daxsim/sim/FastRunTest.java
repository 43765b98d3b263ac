package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The {@code daxsim run} fast path ({@link FastRun}) accepts only command lines that picocli
 * parses the same way, and leaves everything else (help, usage errors, forms it does not know)
 * to picocli.
 */
class FastRunTest {
  private static final String[] TOKENS = {"--json", "--keep-going", "--seed", "7", "007", "+3",
      "-1", "0x10", "9223372036854775807", "9223372036854775808", "abc", "-", "s.txt",
      "--seed=4", "--", "@args", "-h", "--help", "-V", "--jsonx", "", "run", "demo"};

  /** picocli's reading of {@code args} (after "run") into a Run, or null if it rejects them. */
  private static Main.Run picocli(String[] args) {
    Main.Run r = new Main.Run(null);
    try {
      CommandLine.ParseResult p = new CommandLine(r).parseArgs(
          java.util.Arrays.copyOfRange(args, 1, args.length));
      return p.isUsageHelpRequested() || p.isVersionHelpRequested() ? null : r;
    } catch (CommandLine.ParameterException e) {
      return null;
    }
  }

  private static void assertSameAsPicocli(String[] args) {
    Main.Run fast = FastRun.parse(null, args);
    if (fast == null) {
      return; // picocli decides
    }
    Main.Run slow = picocli(args);
    assertThat(slow).as(String.join(" ", args)).isNotNull();
    assertThat(List.of(fast.json, fast.keepGoing, fast.seed, fast.file))
        .as(String.join(" ", args))
        .isEqualTo(List.of(slow.json, slow.keepGoing, slow.seed, slow.file));
  }

  @Test
  void plainFormsTakeTheFastPath() {
    Main.Run r = FastRun.parse(null, new String[] {"run", "--seed", "42", "--json", "f.txt",
        "--keep-going"});
    assertThat(r).isNotNull();
    assertThat(List.of(r.json, r.keepGoing, r.seed, r.file))
        .isEqualTo(List.of(true, true, 42L, "f.txt"));
    assertThat(FastRun.parse(null, new String[] {"run", "-"}).file).isEqualTo("-");
  }

  @Test
  void everythingElseGoesToPicocli() {
    for (String[] args : List.of(new String[] {"run"}, new String[] {"run", "--help"},
        new String[] {"run", "-h", "f"}, new String[] {"--version"}, new String[] {"demo"},
        new String[] {"run", "--seed=4", "f"}, new String[] {"run", "--", "f"},
        new String[] {"run", "@args"}, new String[] {"run", "--json", "--json", "f"},
        new String[] {"run", "--seed", "1", "--seed", "2", "f"}, new String[] {"run", "a", "b"},
        new String[] {"run", "--seed", "abc", "f"}, new String[] {"run", "--seed", "-1", "f"},
        new String[] {"run", "--bogus", "f"}, new String[] {"run", ""},
        new String[] {"run", "--seed"}, new String[] {"run", "--seed", "9223372036854775808",
            "f"})) {
      assertThat(FastRun.parse(null, args)).as(String.join(" ", args)).isNull();
    }
  }

  @Test
  void randomCommandLinesParseAsPicocliParsesThem() {
    Random rnd = new Random(8);
    for (int i = 0; i < 3000; i++) {
      List<String> a = new ArrayList<>(List.of("run"));
      int n = rnd.nextInt(6);
      for (int k = 0; k < n; k++) {
        a.add(TOKENS[rnd.nextInt(TOKENS.length)]);
      }
      assertSameAsPicocli(a.toArray(new String[0]));
    }
  }
}
