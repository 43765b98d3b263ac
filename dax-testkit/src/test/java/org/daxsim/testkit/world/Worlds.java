package org.daxsim.testkit.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.daxsim.sim.DaxSim;
import org.daxsim.sim.Result;
import org.daxsim.sim.Shell;

/** Scenario fixtures shared by the tests of this package. */
final class Worlds {
  static final String CLIENT_UUID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

  /** Two hosts sharing an 8 GiB pool, famfs made and mounted on both (node0 the master). */
  static final List<String> TWO_HOSTS = List.of(
      "memdev add pool0 --size 8G",
      "host add node1 --uuid " + CLIENT_UUID,
      "region add --memdev pool0 > /tmp/r.json",
      "@node1 region add --memdev pool0 --base 0x300000000 > /tmp/r.json",
      "daxctl reconfigure-device -m famfs dax0.0 > /tmp/d.json",
      "@node1 daxctl reconfigure-device -m famfs dax0.0 > /tmp/d.json",
      "mkfs.famfs /dev/dax0.0 > /tmp/mkfs.out",
      "famfs mount /dev/dax0.0 /mnt > /tmp/mount.out",
      "@node1 famfs mount /dev/dax0.0 /mnt > /tmp/mount.out");

  private Worlds() {}

  /** A shell on a fresh world (seed 0) after {@code lines}, each of which must succeed. */
  static Shell run(List<String> lines) throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld("seed=0"));
    for (String l : lines) {
      ok(sh, l);
    }
    return sh;
  }

  static Result ok(Shell sh, String line) throws Exception {
    Result r = sh.execute(line);
    assertThat(r.exit()).as(line + ": " + r.stderr()).isZero();
    return r;
  }
}
