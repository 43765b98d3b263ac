package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.core.KernelProfile;
import org.junit.jupiter.api.Test;

class WorldCommandsTest {
  /** Everything a failed command must leave as it was. */
  static String fingerprint(World w) throws Exception {
    StringBuilder sb = new StringBuilder(w.toString()).append('\n');
    sb.append("current=").append(w.currentHost().name()).append(" variant=")
        .append(w.variant().id()).append('\n');
    w.memdevs().forEach(m -> sb.append("memdev ").append(m.name()).append(' ')
        .append(m.size()).append('\n'));
    for (Host h : w.hosts()) {
      sb.append("host ").append(h.name()).append(' ').append(h.uuid()).append(' ')
          .append(h.profile().id()).append(' ').append(h.loadedModules()).append('\n');
      for (DaxRegion r : h.regions()) {
        sb.append(" region ").append(r.id()).append(' ').append(r.start()).append(' ')
            .append(r.size()).append('\n');
      }
      for (DevDax d : h.bus().devices()) {
        sb.append(" dev ").append(d.name()).append(' ').append(d.size()).append('\n');
      }
      sb.append(h.daxctl().run(List.of("list", "-R", "-D", "-M", "-i")).stdout());
    }
    return sb.toString();
  }

  static Shell shell() throws Exception {
    return DaxSim.newShell(DaxSim.newWorld());
  }

  /** Runs {@code line}, expects it to fail with {@code errno} and to change nothing. */
  static Result failsUnchanged(Shell sh, String line, String errno) throws Exception {
    String before = fingerprint(sh.world());
    Result r = sh.execute(line);
    assertThat(r.exit()).as(line).isEqualTo(1);
    assertThat(r.errno()).as(line).isEqualTo(errno);
    assertThat(r.stdout()).as(line).isEmpty();
    assertThat(fingerprint(sh.world())).as(line).isEqualTo(before);
    return r;
  }

  @Test
  void memdevAdd() throws Exception {
    Shell sh = shell();
    assertThat(sh.execute("memdev add pool0 --size 8G")).isEqualTo(Result.ok(""));
    assertThat(sh.execute("memdev add pool1 --size=0x40000000")).isEqualTo(Result.ok(""));
    assertThat(sh.world().memdev("pool0").size()).isEqualTo(8L << 30);
    assertThat(sh.world().memdev("pool1").size()).isEqualTo(1L << 30);
    assertThat(failsUnchanged(sh, "memdev add pool0 --size 1G", "EEXIST").stderr())
        .isEqualTo("memdev: memory device pool0 exists (File exists)\n");
    assertThat(failsUnchanged(sh, "memdev add pool2 --size 12Q", "EINVAL").stderr())
        .isEqualTo("memdev: invalid size '12Q' (Invalid argument)\n");
    assertThat(failsUnchanged(sh, "memdev add pool2", "EINVAL").stderr())
        .isEqualTo("memdev: missing --size; usage: memdev add NAME --size SIZE "
            + "(Invalid argument)\n");
    assertThat(failsUnchanged(sh, "memdev add --size 1G", "EINVAL").stderr())
        .isEqualTo("memdev: missing NAME; usage: memdev add NAME --size SIZE "
            + "(Invalid argument)\n");
    failsUnchanged(sh, "memdev add pool2 --size", "EINVAL");
    failsUnchanged(sh, "memdev add pool2 --size 0", "EINVAL");
    failsUnchanged(sh, "memdev add pool2 --size 1G --colour red", "EINVAL");
    failsUnchanged(sh, "memdev add bad/name --size 1G", "EINVAL");
    failsUnchanged(sh, "memdev remove pool0", "EINVAL");
    failsUnchanged(sh, "memdev", "EINVAL");
  }

  @Test
  void hostAddAndUse() throws Exception {
    Shell sh = shell();
    assertThat(sh.execute("host add node1 --uuid 12345678-9ABC-def0-1234-56789abcdef0"))
        .isEqualTo(Result.ok(""));
    Host n1 = sh.world().host("node1");
    assertThat(n1.uuid()).isEqualTo("12345678-9abc-def0-1234-56789abcdef0");
    assertThat(n1.readFile("/opt/famfs/system_uuid"))
        .isEqualTo("12345678-9abc-def0-1234-56789abcdef0\n");
    assertThat(sh.world().currentHost().name()).isEqualTo("node0");
    assertThat(sh.execute("host use node1")).isEqualTo(Result.ok(""));
    assertThat(sh.world().currentHost()).isSameAs(n1);
    failsUnchanged(sh, "host add node1", "EEXIST");
    failsUnchanged(sh, "host add node2 --uuid not-a-uuid", "EINVAL");
    failsUnchanged(sh, "host add", "EINVAL");
    assertThat(failsUnchanged(sh, "host use node7", "ENOENT").stderr())
        .isEqualTo("host: no host node7 (No such file or directory)\n");
    failsUnchanged(sh, "host use", "EINVAL");
    failsUnchanged(sh, "host use node0 node1", "EINVAL");
    assertThat(sh.world().hosts()).extracting(Host::name).containsExactly("node0", "node1");
    assertThat(sh.world().host("node0").seed()).isNotEqualTo(n1.seed());
  }

  @Test
  void regionAddPrintsTheRegionAsDaxctlListR() throws Exception {
    Shell sh = shell();
    sh.execute("memdev add pool0 --size 4G");
    assertThat(sh.execute("region add --memdev pool0")).isEqualTo(Result.ok("""
        [
          {
            "path":"\\/platform\\/hmem.0",
            "id":0,
            "size":4294967296,
            "align":2097152
          }
        ]
        """));
    DaxRegion r0 = sh.world().currentHost().regions().get(0);
    assertThat(r0.start()).isEqualTo(4L << 30);
    assertThat(r0.devices().get(0).driver().name()).isEqualTo("device_dax");
    // the next region goes 1 GiB past the last window, rounded to 1 GiB: 9 GiB
    assertThat(sh.execute("region add --size 1G --idle --target-node 1")).isEqualTo(Result.ok("""
        [
          {
            "path":"\\/platform\\/hmem.1",
            "id":1,
            "size":1073741824,
            "available_size":1073741824,
            "align":2097152
          }
        ]
        """));
    DaxRegion r1 = sh.world().currentHost().regions().get(1);
    assertThat(r1.start()).isEqualTo(9L << 30);
    assertThat(r1.targetNode()).isEqualTo(1);
    assertThat(r1.devices().get(0).size()).isZero();
  }

  @Test
  void pmemAndCxlRegions() throws Exception {
    Shell sh = shell();
    // the oracle's static pmem: a 1 GiB namespace at 4 GiB gives region0/dax0.0 of 1054867456
    // bytes starting at 0x101200000
    assertThat(sh.execute("region add --size 1G --kind pmem --base 0x100000000").stdout())
        .isEqualTo("""
        [
          {
            "path":"\\/platform\\/e820_pmem\\/ndbus0\\/region0\\/dax0.0",
            "id":0,
            "size":1054867456,
            "align":2097152
          }
        ]
        """);
    Host h = sh.world().currentHost();
    assertThat(h.bus().region(0).start()).isEqualTo(0x101200000L);
    assertThat(h.bus().region(0).isStatic()).isTrue();
    assertThat(sh.execute("region add --size 1G --kind cxl").stdout()).contains(
        "\"path\":\"\\/platform\\/ACPI0017:00\\/root0\\/decoder0.0\\/region1\\/dax_region1\"");
    assertThat(h.loadedModules()).containsExactly("device_dax", "fsdev_dax", "kmem");
    assertThat(h.bus().device("dax1.0").driver().name()).isEqualTo("kmem");
    assertThat(h.bus().region(1).start()).isEqualTo(6L << 30);
  }

  @Test
  void regionAddErrorsChangeNothing() throws Exception {
    Shell sh = shell();
    sh.execute("memdev add pool0 --size 1G");
    sh.execute("region add --memdev pool0");
    failsUnchanged(sh, "region add", "EINVAL");
    failsUnchanged(sh, "region add --memdev pool0 --size 1G", "EINVAL");
    assertThat(failsUnchanged(sh, "region add --memdev pool9", "ENOENT").stderr())
        .isEqualTo("region: no memory device pool9 (No such file or directory)\n");
    failsUnchanged(sh, "region add --memdev pool0", "EBUSY");
    failsUnchanged(sh, "region add --size 1x", "EINVAL");
    failsUnchanged(sh, "region add --size 1G --kind nvme", "EINVAL");
    failsUnchanged(sh, "region add --size 1G --align 1G", "EINVAL");
    failsUnchanged(sh, "region add --size 1G --kind cxl --idle", "EINVAL");
    failsUnchanged(sh, "region add --size 1G --base 0x100000000", "EBUSY");
    failsUnchanged(sh, "region add --size 1G --base 0x280001000", "ENOMEM");
    failsUnchanged(sh, "region add --size 1G --target-node 5000", "EINVAL");
    failsUnchanged(sh, "region add --size 1G --bogus", "EINVAL");
    failsUnchanged(sh, "region add extra --size 1G", "EINVAL");
    failsUnchanged(sh, "region remove 0", "EINVAL");
    assertThat(sh.world().currentHost().regions()).hasSize(1);
  }

  @Test
  void kernelProfileOnlyBeforeTheFirstRegion() throws Exception {
    Shell sh = shell();
    sh.execute("host add node1");
    assertThat(sh.execute("kernel profile")).isEqualTo(Result.ok("mainline\n"));
    assertThat(sh.execute("kernel profile linux-6.12")).isEqualTo(Result.ok(""));
    assertThat(sh.world().profile()).isEqualTo(KernelProfile.LINUX_6_12);
    assertThat(sh.world().host("node1").bus().profile()).isEqualTo(KernelProfile.LINUX_6_12);
    failsUnchanged(sh, "kernel profile linux-5.4", "EINVAL");
    failsUnchanged(sh, "kernel profile mainline extra", "EINVAL");
  }

  @Test
  void kernelProfileChangeAfterARegionIsEbusy() throws Exception {
    Shell sh = shell();
    sh.execute("@node0 region add --size 1G");
    assertThat(failsUnchanged(sh, "kernel profile linux-6.1", "EBUSY").stderr()).isEqualTo(
        "kernel: the kernel profile can only change before the first region is added "
            + "(Device or resource busy)\n");
  }

  @Test
  void variantSetAndShow() throws Exception {
    Shell sh = shell();
    sh.execute("host add node1");
    assertThat(sh.execute("variant show")).isEqualTo(Result.ok("dev-dax-direct-access per-range\n"));
    assertThat(sh.execute("variant set dev-dax-direct-access seed-phys")).isEqualTo(Result.ok(""));
    assertThat(sh.execute("variant show")).isEqualTo(Result.ok("dev-dax-direct-access seed-phys\n"));
    for (Host h : sh.world().hosts()) {
      assertThat(h.bus().defaultVariant().id()).isEqualTo("seed-phys");
    }
    failsUnchanged(sh, "variant set dev-dax-direct-access nope", "EINVAL");
    failsUnchanged(sh, "variant set other-knob per-range", "EINVAL");
    failsUnchanged(sh, "variant set dev-dax-direct-access", "EINVAL");
    failsUnchanged(sh, "variant show x", "EINVAL");
  }
}
