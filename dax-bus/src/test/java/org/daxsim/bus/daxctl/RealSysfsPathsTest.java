package org.daxsim.bus.daxctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.daxsim.bus.Kmem;
import org.daxsim.bus.sysfs.SysfsView;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/**
 * Every sysfs path daxctl reads while replaying the oracle transcripts exists in the real
 * {@link org.daxsim.bus.sysfs.Sysfs}, checked through {@link SysfsView} only. The only misses
 * are the probes the real libdaxctl 76.1 makes on Linux 6.1 and expects to miss.
 */
class RealSysfsPathsTest {
  /** Reads that miss on the oracle too: each a regex of the path with why it is absent. */
  private static final List<String[]> ABSENT = List.of(
      // "__dax_regions_init: no dax regions found via: /sys/class/dax" (-v transcripts)
      new String[] {"/sys/class/dax", "no dax class on 6.1"},
      // "__sysfs_device_parse: no \"dax0.\" devices found" under <region>/dax
      new String[] {"/sys/devices/platform/hmem\\.\\d+/dax", "no dax/ subdirectory"},
      // daxctl_dev_is_enabled on a disabled device
      new String[] {"/sys/devices/platform/hmem\\.\\d+/dax\\d+\\.\\d+/driver", "unbound"},
      // add_dax_dev reads mapping0.. until the first missing one
      new String[] {"/sys/devices/platform/hmem\\.\\d+/dax\\d+\\.\\d+/mapping\\d+/start",
          "past the device's last range"},
      // daxctl 76.1's fsdev probe: linux 6.1 has no fsdev driver
      new String[] {"/sys/bus/dax/drivers/fsdev(_dax)?", "no fsdev on 6.1"});

  /** The attributes daxctl must have read successfully (dax0.N and memoryN generalised). */
  private static final List<String> READ = List.of(
      "list /sys/bus/dax/devices",
      "list /sys/bus/dax/drivers",
      "list /sys/devices/platform/hmem.0",
      "list /sys/devices/system/node/node0",
      "read /sys/devices/platform/hmem.0/daxR.N/align",
      "read /sys/devices/platform/hmem.0/daxR.N/mappingK/end",
      "read /sys/devices/platform/hmem.0/daxR.N/mappingK/page_offset",
      "read /sys/devices/platform/hmem.0/daxR.N/mappingK/start",
      "read /sys/devices/platform/hmem.0/daxR.N/resource",
      "read /sys/devices/platform/hmem.0/daxR.N/size",
      "read /sys/devices/platform/hmem.0/daxR.N/target_node",
      "read /sys/devices/platform/hmem.0/dax_region/align",
      "read /sys/devices/platform/hmem.0/dax_region/available_size",
      "read /sys/devices/platform/hmem.0/dax_region/seed",
      "read /sys/devices/platform/hmem.0/dax_region/size",
      "read /sys/devices/system/memory/auto_online_blocks",
      "read /sys/devices/system/memory/block_size_bytes",
      "read /sys/devices/system/memory/memoryB/phys_index",
      "read /sys/devices/system/node/node0/memoryB/state",
      "read /sys/devices/system/node/node0/memoryB/valid_zones",
      "realpath /sys/bus/dax/devices/daxR.N",
      "realpath /sys/devices/platform/hmem.0/daxR.N/driver");

  private static String general(String path) {
    return path.replaceAll("dax\\d+\\.\\d+", "daxR.N").replaceAll("mapping\\d+", "mappingK")
        .replaceAll("memory\\d+", "memoryB");
  }

  @Test
  void everyPathDaxctlReadsInTheTranscriptsExists() throws ErrnoException {
    TreeSet<String> read = new TreeSet<>();
    List<String> missing = new ArrayList<>();
    for (String t : List.of(OracleTranscripts.BASIC, OracleTranscripts.EXTRA,
        OracleTranscripts.KMEM, OracleTranscripts.MORE)) {
      RealWorld w = new RealWorld();
      RealSysfsGoldenTest.replay(w, t);
      for (RealWorld.Access a : w.accesses) {
        if (a.op().equals("write")) {
          continue;
        }
        if (a.errno() == null) {
          read.add(a.op() + " " + general(a.path()));
        } else if (ABSENT.stream().noneMatch(p -> a.path().matches(p[0]))) {
          missing.add(a.op() + " " + a.path() + ": " + a.errno());
        }
      }
    }
    assertThat(missing).as("paths daxctl read that the real sysfs lacks").isEmpty();
    assertThat(read).containsAll(READ);
  }

  @Test
  void theBootWorldHasEveryFileDaxctlUses() throws ErrnoException {
    RealWorld w = new RealWorld();
    SysfsView fs = w.sysfs;
    String region = "/sys/devices/platform/hmem.0";
    String dev = region + "/dax0.0";
    for (String p : List.of("/sys/bus/dax/devices", "/sys/bus/dax/drivers",
        "/sys/bus/dax/devices/dax0.0", region, region + "/dax_region/align",
        region + "/dax_region/available_size", region + "/dax_region/seed",
        region + "/dax_region/size", region + "/dax_region/create",
        region + "/dax_region/delete", dev + "/align", dev + "/size", dev + "/resource",
        dev + "/target_node", dev + "/mapping", dev + "/mapping0/start", dev + "/mapping0/end",
        dev + "/mapping0/page_offset", dev + "/driver", dev + "/driver/unbind",
        dev + "/driver/remove_id", "/sys/bus/dax/drivers/device_dax/new_id",
        "/sys/bus/dax/drivers/kmem/new_id", "/sys/bus/dax/drivers/kmem/bind",
        "/sys/devices/system/memory/block_size_bytes",
        "/sys/devices/system/memory/auto_online_blocks", "/sys/devices/system/node/node0")) {
      assertThat(fs.exists(p)).as(p).isTrue();
    }
    for (String p : List.of("/sys/class/dax", region + "/dax", "/sys/bus/dax/drivers/fsdev",
        "/sys/devices/system/memory/memory32")) {
      assertThat(fs.exists(p)).as(p).isFalse();
    }
    assertThat(fs.read("/sys/devices/system/memory/block_size_bytes")).isEqualTo("8000000\n");
    assertThat(fs.read("/sys/devices/system/memory/auto_online_blocks")).isEqualTo("offline\n");
    assertThat(fs.read(dev + "/mapping0/page_offset")).isEqualTo("0x0\n");

    // dax0.0 to kmem: its 32 blocks 32..63 appear, under memory/ and linked from node0
    w.bus.unbind(w.bus.device("dax0.0"));
    w.bus.newId(Kmem.NAME, "dax0.0"); // daxctl's new_id write, which attaches
    assertThat(w.bus.device("dax0.0").driver().name()).isEqualTo(Kmem.NAME);
    assertThat(fs.list("/sys/devices/system/node/node0")).hasSize(32).first()
        .isEqualTo("memory32");
    String b = "/sys/devices/system/node/node0/memory32";
    assertThat(fs.realpath(b)).isEqualTo("/sys/devices/system/memory/memory32");
    assertThat(fs.read("/sys/devices/system/memory/memory32/phys_index"))
        .isEqualTo("00000020\n");
    assertThat(fs.read(b + "/state")).isEqualTo("offline\n");
    assertThat(fs.read(b + "/valid_zones")).isEqualTo("Normal Movable\n");
    fs.write(b + "/state", "online_movable");
    assertThat(fs.read(b + "/state")).isEqualTo("online\n");
    assertThat(fs.read(b + "/valid_zones")).isEqualTo("Movable\n");
  }
}
