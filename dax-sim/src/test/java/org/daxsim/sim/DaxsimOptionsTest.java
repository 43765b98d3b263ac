package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Bad options of the {@code daxsim} command itself (CLI.md: a usage error exits 2): picocli's
 * messages followed by the subcommand's usage, nothing on stdout, nothing run.
 */
class DaxsimOptionsTest {
  static void usageError(String firstLine, String usage, String... args) {
    MainTest.Run r = MainTest.daxsim("echo ran\n", args);
    assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
    assertThat(r.out()).as(String.join(" ", args)).isEmpty();
    assertThat(r.err()).as(String.join(" ", args)).startsWith(firstLine + "\n")
        .contains(usage);
  }

  @Test
  void runOptions() {
    usageError("Missing required parameter: 'FILE|-'", "Usage: daxsim run", "run");
    usageError("Missing required parameter: 'FILE|-'", "Usage: daxsim run", "run", "--json");
    usageError("Unknown option: '--bogus'", "Usage: daxsim run", "run", "--bogus", "-");
    usageError("Invalid value for option '--seed': 'abc' is not a long", "Usage: daxsim run",
        "run", "--seed", "abc", "-");
    usageError("Invalid value for option '--seed': '1G' is not a long", "Usage: daxsim run",
        "run", "--seed", "1G", "-");
    usageError("Missing required parameter for option '--seed' (N)", "Usage: daxsim run",
        "run", "-", "--seed");
    usageError("Unmatched argument at index 2: 'extra'", "Usage: daxsim run", "run", "-",
        "extra");
    usageError("Invalid value for option '--keep-going': 'yes' is not a boolean",
        "Usage: daxsim run", "run",
        "--keep-going=yes", "-");
  }

  @Test
  void aMissingScriptFileExits2() {
    MainTest.Run r = MainTest.daxsim("", "run", "--json", "/nonexistent/s.daxsim");
    assertThat(r).isEqualTo(new MainTest.Run(2, "",
        "daxsim: /nonexistent/s.daxsim: No such file or directory\n"));
  }

  @Test
  void otherCommandsAndTopLevel() {
    usageError("Unknown option: '--json'", "Usage: daxsim shell", "shell", "--json");
    usageError("Invalid value for option '--seed': 'x' is not a long", "Usage: daxsim shell",
        "shell", "--seed", "x");
    usageError("Unknown option: '--bogus'", "Usage: daxsim demo", "demo", "--bogus");
    usageError("Unmatched argument at index 2: 'poison'", "Usage: daxsim demo", "demo", "seed",
        "poison");
    usageError("Unknown option: '--bogus'", "Usage: daxsim [-hV] [COMMAND]", "--bogus");
    usageError("Unmatched argument at index 0: 'frob'", "Usage: daxsim [-hV] [COMMAND]", "frob");
    MainTest.Run r = MainTest.daxsim("", "demo", "nosuch");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("daxsim: unknown demo 'nosuch'; the demos are:\n")
        .contains("seed", "allocator", "two-hosts", "poison");
  }
}
