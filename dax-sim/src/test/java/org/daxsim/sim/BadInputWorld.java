package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * The world the bad-input tests break things against, and a snapshot of everything a command
 * could change: two hosts sharing an 8 GiB memdev (node0 the famfs master with /mnt/f1 and
 * /mnt/d, node1 a client), an idle 1 GiB region on node0, a file and a directory in /tmp.
 * The snapshot holds every host's {@code daxctl list -R -D -M -i} JSON, {@code ls -lA} of
 * {@code /}, {@code /tmp}, {@code /mnt}, {@code /dev} and {@code /mnt/d}, the sha256 of
 * /mnt/f1 read back on each host, node0's /tmp/keep, the memdevs, the hosts, the current host,
 * the kernel profile and the variant.
 */
final class BadInputWorld {
  static final String CLIENT_UUID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
  static final String[] SETUP = {
      "memdev add pool0 --size 8G",
      "host add node1 --uuid " + CLIENT_UUID,
      "region add --memdev pool0",
      "@node1 region add --memdev pool0 --base 0x300000000",
      "region add --size 1G --idle",
      "daxctl reconfigure-device -m famfs dax0.0",
      "mkfs.famfs /dev/dax0.0",
      "famfs mount /dev/dax0.0 /mnt",
      "famfs creat -s 4m -r -S 7 /mnt/f1",
      "famfs mkdir /mnt/d",
      "@node1 daxctl reconfigure-device -m famfs dax0.0",
      "@node1 famfs mount /dev/dax0.0 /mnt",
      "@node1 famfs logplay /mnt",
      "printf 'keep\\n' > /tmp/keep",
      "mkdir /tmp/dir",
  };

  private BadInputWorld() {}

  /** A fresh world built by {@link #SETUP}; every setup line must succeed. */
  static Shell shell() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld("seed=3"));
    for (String l : SETUP) {
      assertThat(sh.execute(l).exit()).as(l).isZero();
    }
    return sh;
  }

  /** Everything observable that a command could have changed, as one text. */
  static String snapshot(Shell sh) throws Exception {
    World w = sh.world();
    StringBuilder b = new StringBuilder();
    b.append("current=").append(w.currentHost().name()).append('\n');
    b.append("profile=").append(w.profile().id()).append('\n');
    b.append("variant=").append(w.variant().id()).append('\n');
    w.memdevs().forEach(m -> b.append("memdev ").append(m).append('\n'));
    List<String> hosts = new ArrayList<>();
    w.hosts().forEach(h -> hosts.add(h.name()));
    b.append("hosts=").append(hosts).append('\n');
    for (String h : hosts) {
      for (String cmd : new String[] {"daxctl list -R -D -M -i", "ls -lA / /tmp /mnt /dev",
          "ls -lA /mnt/d", "io read /mnt/f1"}) {
        Step s = sh.run("@" + h + " " + cmd);
        assertThat(s.result().exit()).as(h + ": " + cmd + " " + s.result()).isZero();
        b.append('@').append(h).append(' ').append(cmd).append('\n')
            .append(s.result().stdout());
      }
    }
    Step keep = sh.run("@node0 cat /tmp/keep");
    b.append(keep.result()).append('\n');
    return b.toString();
  }
}
