package org.daxsim.fs.famfs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.bus.DevDax;
import org.junit.jupiter.api.Test;

class ToolsSmokeTest {
  static final long MiB = 1L << 20;

  @Test
  void mkfsMountLogplayOnAFamfsModeDevice() throws Exception {
    ToolsHost h = new ToolsHost(1);
    DevDax d = h.famfsDevice(0, 256 * MiB);
    ToolResult r = h.run("mkfs.famfs", "/dev/" + d.name());
    assertThat(r.exit()).as(r.toString()).isZero();
    r = h.run("famfs", "mount", "/dev/" + d.name(), "/mnt");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(h.root.stat("/mnt/.meta/.log").size()).isEqualTo(8 * MiB);
    r = h.run("famfs", "logplay", "/mnt");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(h.run("mkfs.famfs", "/dev/" + d.name()).exit()).isEqualTo(2);
  }

  @Test
  void mkfsOnADevdaxModeDeviceMapsItRaw() throws Exception {
    ToolsHost h = new ToolsHost(2);
    DevDax d = h.devdaxDevice(0, 256 * MiB);
    ToolResult r = h.run("mkfs.famfs", "/dev/" + d.name());
    assertThat(r.exit()).as(r.toString()).isZero();
    r = h.run("famfs", "mount", "-M", "/dev/" + d.name(), "/mnt");
    assertThat(r.exit()).as(r.toString()).isZero();
  }
}
