package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.fs.vfs.Fcntl;
import org.junit.jupiter.api.Test;

/**
 * Two hosts share one memory device through famfs, driven only by scenario lines: the master
 * makes the file system and a file, the client mounts, replays the log and reads the same
 * bytes through its own physical window onto the device.
 */
class EndToEndTest {
  static final String SCRIPT = """
      memdev add pool0 --size 8G
      host add node1 --uuid 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
      region add --memdev pool0
      daxctl reconfigure-device -m famfs dax0.0
      mkfs.famfs /dev/dax0.0
      famfs mount /dev/dax0.0 /mnt
      famfs creat -s 4m -r -S 7 /mnt/f1
      @node1 region add --memdev pool0 --base 0x300000000
      @node1 daxctl reconfigure-device -m famfs dax0.0
      @node1 famfs mount /dev/dax0.0 /mnt
      @node1 famfs logplay /mnt
      @node1 ls -A /mnt
      """;

  static final String RECONFIGURED = """
      [
        {
          "chardev":"dax0.0",
          "size":8589934592,
          "target_node":0,
          "align":2097152,
          "mode":"famfs"
        }
      ]
      """;

  @Test
  void aFileCreatedOnOneHostIsReadOnTheOther() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld("seed=5"));
    Step[] steps = new Step[SCRIPT.split("\n").length];
    int n = 0;
    for (String line : SCRIPT.split("\n")) {
      Step s = sh.run(line);
      assertThat(s.result().exit()).as(line + " -> " + s.result()).isZero();
      assertThat(s.result().errno()).isNull();
      steps[n++] = s;
    }
    assertThat(steps[3].result()).isEqualTo(
        new Result(0, null, RECONFIGURED, "reconfigured 1 device\n"));
    assertThat(steps[8].host()).isEqualTo("node1");
    assertThat(steps[8].result().stdout()).isEqualTo(RECONFIGURED);
    assertThat(steps[9].result().stdout())
        .contains("famfs_logplay: processed 1 files, created 1, 0 existed\n");
    assertThat(steps[10].result().stdout())
        .contains("famfs_logplay: processed 1 files, created 0, 1 existed\n");
    assertThat(steps[11].result()).isEqualTo(Result.ok(".meta\nf1\n"));
    assertThat(sh.world().currentHost().name()).isEqualTo("node0");

    Host h0 = sh.world().host("node0");
    Host h1 = sh.world().host("node1");
    assertThat(h0.regions().get(0).start()).isEqualTo(0x100000000L);
    assertThat(h1.regions().get(0).start()).isEqualTo(0x300000000L);
    byte[] b0 = read(h0, "/mnt/f1", 4 << 20);
    byte[] b1 = read(h1, "/mnt/f1", 4 << 20);
    assertThat(b1).isEqualTo(b0);
    // the -r -S 7 pattern, CLI.md's io pattern: word 0 is mix64(7 + 0x9e3779b97f4a7c15)
    long w0 = 0;
    for (int i = 7; i >= 0; i--) {
      w0 = (w0 << 8) | (b0[i] & 0xff);
    }
    assertThat(w0).isEqualTo(new java.util.SplittableRandom(7).nextLong());
    // the client may not create files
    assertThat(sh.execute("@node1 famfs creat -s 2m /mnt/g").exit()).isEqualTo(1);
    assertThat(sh.execute("@node0 famfs creat -s 2m /mnt/g").exit()).isZero();
  }

  static byte[] read(Host h, String path, int len) throws Exception {
    int fd = h.root().open(path, Fcntl.O_RDONLY);
    byte[] b = new byte[len];
    assertThat(h.root().pread(fd, b, 0, len, 0)).isEqualTo(len);
    h.root().close(fd);
    return b;
  }
}
