package org.daxsim.fs.famfs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.bus.DevDax;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.fs.vfs.Fcntl;
import org.junit.jupiter.api.Test;

class ToolsSmokeTest {
  static final long MiB = 1L << 20;

  static void ok(ToolResult r) {
    assertThat(r.exit()).as(r.toString()).isZero();
  }

  @Test
  void mkfsMountLogplayOnAFamfsModeDevice() throws Exception {
    ToolsHost h = new ToolsHost(1);
    DevDax d = h.famfsDevice(0, 256 * MiB);
    ok(h.run("mkfs.famfs", "/dev/" + d.name()));
    ok(h.run("famfs", "mount", "/dev/" + d.name(), "/mnt"));
    assertThat(h.root.stat("/mnt/.meta/.log").size()).isEqualTo(8 * MiB);
    ok(h.run("famfs", "logplay", "/mnt"));
    assertThat(h.run("mkfs.famfs", "/dev/" + d.name()).exit()).isEqualTo(2);
    ok(h.run("famfs", "creat", "-s", "5000", "-r", "-S", "-5", "/mnt/neg"));
    ok(h.run("famfs", "verify", "-f", "/mnt/neg", "-S", "-5"));
    assertThat(h.run("famfs", "verify", "-f", "/mnt/neg", "-S", "5").exit()).isEqualTo(1);
  }

  @Test
  void aStubLeftByACrashedCreateIsNotReusedAsIfLogged() throws Exception {
    ToolsHost h = new ToolsHost(3);
    DevDax d = h.famfsDevice(0, 256 * MiB);
    ok(h.run("mkfs.famfs", "/dev/" + d.name()));
    ok(h.run("famfs", "mount", "/dev/" + d.name(), "/mnt"));
    ToolResult crashed = FamfsCli.run(h.env().withCrashAfter(100), "famfs", "creat", "-s",
        "2m", "/mnt/t");
    assertThat(crashed.exit()).isEqualTo(137);
    assertThat(Logplay.exists(h.root, "/mnt/t")).isNotNull();
    ToolResult again = h.run("famfs", "creat", "-s", "2m", "/mnt/t");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.stderr()).contains("not in the log");
    ok(h.run("famfs", "creat", "-s", "2m", "/mnt/u"));
    ok(h.run("umount", "/mnt"));
    ok(h.run("famfs", "mount", "/dev/" + d.name(), "/mnt"));
    assertThat(Logplay.exists(h.root, "/mnt/t")).isNull();
    ok(h.run("famfs", "creat", "-s", "2m", "/mnt/t"));
    ok(h.run("famfs", "fsck", "/mnt"));
  }

  @Test
  void mkfsOnADevdaxModeDeviceMapsItRaw() throws Exception {
    ToolsHost h = new ToolsHost(2);
    DevDax d = h.devdaxDevice(0, 256 * MiB);
    ok(h.run("mkfs.famfs", "/dev/" + d.name()));
    ok(h.run("famfs", "mount", "-M", "/dev/" + d.name(), "/mnt"));
  }

  @Test
  void aClientSeesTheMastersFilesAfterLogplay() throws Exception {
    MemoryDevice shared = MemoryDevice.create("cxl-shared", ToolsHost.WINDOW);
    ToolsHost master = new ToolsHost(shared, 11);
    ToolsHost client = new ToolsHost(shared, 12);
    DevDax dm = master.famfsDevice(64 * MiB, 256 * MiB);
    DevDax dc = client.famfsDevice(64 * MiB, 256 * MiB);
    ok(master.run("mkfs.famfs", "/dev/" + dm.name()));
    ok(master.run("famfs", "mount", "/dev/" + dm.name(), "/mnt"));
    ok(client.run("famfs", "mount", "/dev/" + dc.name(), "/mnt"));
    ok(master.run("famfs", "mkdir", "-p", "/mnt/a/b"));
    ok(master.run("famfs", "creat", "-s", "3m", "-r", "-S", "7", "/mnt/a/b/f"));
    assertThat(client.root.vfs().mountTable()).isNotEmpty();
    assertThat(Logplay.exists(client.root, "/mnt/a/b/f")).isNull();
    ok(client.run("famfs", "logplay", "/mnt"));
    byte[] want = new byte[(int) (3 * MiB)];
    Pattern.fill(want, 0, want.length, 0, 7);
    for (ToolsHost h : new ToolsHost[] {master, client}) {
      int fd = h.root.open("/mnt/a/b/f", Fcntl.O_RDONLY);
      byte[] got = new byte[want.length];
      assertThat(h.root.pread(fd, got, 0, got.length, 0)).isEqualTo(got.length);
      assertThat(got).isEqualTo(want);
    }
    assertThat(client.root.stat("/mnt/a/b/f").mode() & 0222).isZero();
    ToolResult refused = client.run("famfs", "creat", "-s", "2m", "/mnt/g");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.errno()).isEqualTo(org.daxsim.core.Errno.EPERM);
    ToolResult noDev = master.run("mkfs.famfs", "/dev/nope");
    assertThat(noDev.exit()).isEqualTo(2);
    assertThat(noDev.errno()).isEqualTo(org.daxsim.core.Errno.ENOENT);
    ToolResult usage = master.run("famfs", "creat");
    assertThat(usage.exit()).isEqualTo(1);
    assertThat(usage.errno()).isNull();
    ToolResult badOption = master.run("famfs", "mkdir", "--bogus", "/mnt/x");
    assertThat(badOption.exit()).isEqualTo(1);
    assertThat(badOption.errno()).isNull();
    ToolResult badValue = master.run("famfs", "creat", "-s", "2m", "-N", "17", "-B", "20", "/mnt/y");
    assertThat(badValue.exit()).isEqualTo(1);
    assertThat(badValue.errno()).as("a bad value is the library's EINVAL").isEqualTo(
        org.daxsim.core.Errno.EINVAL);
  }
}
