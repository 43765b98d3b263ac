package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/**
 * Random scenario lines built from the language's own words (commands, options, good and bad
 * sizes, names, quotes, redirections, host prefixes) never make the shell throw anything but a
 * ScriptSyntaxException, every result is well formed, and its JSON object parses back.
 */
class ShellFuzzPropertyTest {
  static final Gen<String> WORDS = Gen.elements(List.of("memdev", "add", "host", "use",
      "region", "kernel", "profile", "variant", "set", "show", "daxctl", "list", "-R", "-D",
      "-M", "create-device", "-s", "destroy-device", "disable-device", "reconfigure-device",
      "-m", "famfs", "devdax", "system-ram", "cat", "ls", "echo", "printf", "mkfs.famfs",
      "umount", "mount", "logplay", "creat", "--size", "--memdev", "--kind", "hmem", "cxl",
      "pmem", "--align", "--idle", "--base", "--target-node", "--uuid", "pool0", "node1",
      "dax0.0", "dax0.1", "1G", "512M", "0x100000000", "12Q", "-1", "0", "4k", "'a b'",
      "\"q\\\"\"", "\\x", "'", "\"", ">", "#", "@node1", "@nohost", "%s", "'%d\\n'",
      "/sys/bus/dax/devices", "/sys/devices/platform/hmem.0/dax_region/create",
      "/sys/bus/dax/drivers/device_dax/bind", "/tmp/f", "/mnt", "/dev/dax0.0", "linux-6.12",
      "dev-dax-direct-access", "seed-phys", "/", "/nope/x"));

  static final Gen<List<String>> SCRIPTS = Gen.lists(
      Gen.lists(WORDS, 0, 7).map(w -> String.join(" ", w)), 1, 25);

  @Test
  void randomLinesNeverEscapeAsUncheckedExceptions() {
    Property.forAll(SCRIPTS).named("shell lines fail only with results or syntax errors")
        .tries(150).checkAssert(lines -> {
          Shell sh = DaxSim.newShell(DaxSim.newWorld());
          sh.execute("memdev add pool0 --size 2G");
          sh.execute("host add node1");
          int n = 0;
          for (String line : lines) {
            Step s;
            try {
              s = sh.run(line);
            } catch (ScriptSyntaxException e) {
              assertThat(e.getMessage()).isNotBlank();
              continue;
            }
            if (s == null) {
              continue;
            }
            Result r = s.result();
            assertThat(r.exit()).isBetween(0, 255);
            assertThat(r.errno() == null || r.errno().matches("E[A-Z0-9]+")).isTrue();
            if (r.exit() == 0) {
              assertThat(r.errno()).isNull();
            }
            assertThat(MiniJson.parse(ScriptRunner.object(++n, s))).isInstanceOf(java.util.Map.class);
          }
        });
  }
}
