package org.daxsim.bus.daxctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/** Behaviour of the daxctl commands over the fake sysfs. */
class DaxctlTest {
  private static void ok(Daxctl.Result r) {
    assertThat(r.exit()).as(r.stderr()).isZero();
  }

  /** The basic scenario's state: dax0.1 256M, dax0.2 512M, dax0.3 in two ranges. */
  private static Harness multiRange() {
    Harness h = new Harness();
    for (String c : List.of("disable-device dax0.0", "create-device -s 512M")) {
      h.run(c);
    }
    h.run("destroy-device dax0.0");
    ok(h.run("create-device -s 512M"));
    ok(h.run("create-device -s 512M"));
    ok(h.run("disable-device dax0.1"));
    ok(h.run("reconfigure-device dax0.1 -s 256M"));
    ok(h.run("enable-device dax0.1"));
    ok(h.run("create-device -s 512M"));
    return h;
  }

  private static List<String> ranges(Harness h, int id) {
    List<String> out = new ArrayList<>();
    for (long[] r : h.sys.devs.get(id).ranges) {
      out.add(Long.toHexString(r[0]) + ":" + Long.toHexString(r[1]) + "-"
          + Long.toHexString(r[2]));
    }
    return out;
  }

  @Test
  void multiRangeDeviceListsMappingsHighestIndexFirst() {
    Harness h = multiRange();
    Daxctl.Result r = h.run("list -M -d dax0.3");
    ok(r);
    assertThat(r.stdout()).isEqualTo("""
        [
          {
            "chardev":"dax0.3",
            "size":536870912,
            "target_node":0,
            "align":2097152,
            "mode":"devdax",
            "mappings":[
              {
                "page_offset":65536,
                "start":5368709120,
                "end":5637144575,
                "size":268435456
              },
              {
                "page_offset":0,
                "start":4563402752,
                "end":4831838207,
                "size":268435456
              }
            ]
          }
        ]
        """);
    // -u with one element prints the bare object, sizes human, offsets and addresses hex
    Daxctl.Result u = h.run("list -M -u -d 0.3");
    assertThat(u.stdout()).startsWith("{\n  \"chardev\":\"dax0.3\",\n"
        + "  \"size\":\"512.00 MiB (536.87 MB)\",\n");
    assertThat(u.stdout()).contains("\"page_offset\":\"0x10000\",\n"
        + "      \"start\":\"0x140000000\",\n      \"end\":\"0x14fffffff\",\n"
        + "      \"size\":\"256.00 MiB (268.44 MB)\"");
    assertThat(u.stdout()).contains("\"page_offset\":\"0\",");
  }

  @Test
  void inputRoundTripRecreatesTheSameRangesAndPageOffsets() {
    Harness h = multiRange();
    List<String> before = ranges(h, 3);
    assertThat(before).containsExactly("0:110000000-11fffffff", "10000:140000000-14fffffff");
    Json listed = JsonParser.parse(h.run("list -M -d dax0.3").stdout());
    h.files.put("/tmp/dax0.3.json", ((Json.Arr) listed).items.get(0).pretty() + "\n");
    Daxctl.Result d = h.run("destroy-device dax0.3 -f");
    assertThat(d.stderr()).isEqualTo("destroyed 1 device\n");
    assertThat(h.sys.devs).doesNotContainKey(3);
    h.sys.writes.clear();
    Daxctl.Result c = h.run("create-device --input /tmp/dax0.3.json");
    ok(c);
    assertThat(c.stderr()).isEqualTo("created 1 device\n");
    assertThat(c.stdout()).contains("\"chardev\":\"dax0.3\"").contains("\"size\":536870912");
    assertThat(ranges(h, 3)).isEqualTo(before);
    // mappings replayed in page_offset order, then the (matching) size, then the bind
    assertThat(h.sys.writes).containsExactly(
        "/sys/devices/platform/hmem.0/dax_region/create=1",
        "/sys/devices/platform/hmem.0/dax0.3/align=0x200000",
        "/sys/devices/platform/hmem.0/dax0.3/mapping=0x110000000-0x11fffffff",
        "/sys/devices/platform/hmem.0/dax0.3/mapping=0x140000000-0x14fffffff",
        "/sys/devices/platform/hmem.0/dax0.3/size=0x20000000",
        "/sys/bus/dax/drivers/device_dax/new_id=dax0.3",
        "/sys/bus/dax/drivers/device_dax/bind=dax0.3");
  }

  @Test
  void inputSizeMismatchWarnsAndKeepsTheMappings() {
    Harness h = new Harness();
    h.run("disable-device dax0.0");
    h.run("destroy-device dax0.0");
    h.files.put("/tmp/in.json", "{\"chardev\":\"dax0.5\",\"size\":1073741824,\"align\":2097152,"
        + "\"mappings\":[{\"page_offset\":0,\"start\":4294967296,\"end\":4831838207}]}");
    Daxctl.Result r = h.run("create-device --input /tmp/in.json");
    assertThat(r.stderr())
        .isEqualTo("dax0.1: allocated 536870912 but specified size 1073741824\n"
            + "created 1 device\n");
    assertThat(r.exit()).isZero();
    assertThat(ranges(h, 1)).containsExactly("0:100000000-11fffffff");
  }

  @Test
  void overlappingInputMappingIsReportedAsEnxio() {
    Harness h = new Harness();
    h.files.put("/tmp/in.json", "{\"chardev\":\"dax0.5\",\"size\":536870912,\"align\":2097152,"
        + "\"mappings\":[{\"page_offset\":0,\"start\":4294967296,\"end\":4831838207}]}");
    h.run("disable-device dax0.0");
    h.run("reconfigure-device dax0.0 -s 2G");
    Daxctl.Result r = h.run("create-device --input /tmp/in.json");
    assertThat(r.stderr()).isEqualTo(
        "libdaxctl: daxctl_dev_set_mapping: dax0.1: failed to set mapping\n"
            + "error creating devices: No such device or address\ncreated 0 devices\n");
    assertThat(r.exit()).isEqualTo(250);
  }

  @Test
  void systemRamModeReportsMemoryBlocks() {
    Harness h = new Harness();
    h.run("disable-device dax0.0");
    h.run("reconfigure-device dax0.0 -s 512M");
    h.run("enable-device dax0.0");
    Daxctl.Result r = h.run("reconfigure-device dax0.0 -m system-ram -N");
    ok(r);
    assertThat(h.loaded).contains("kmem");
    assertThat(r.stdout()).isEqualTo("""
        [
          {
            "chardev":"dax0.0",
            "size":536870912,
            "target_node":0,
            "align":2097152,
            "mode":"system-ram",
            "online_memblocks":0,
            "total_memblocks":4
          }
        ]
        """);
    Daxctl.Result on = h.run("online-memory dax0.0 --no-movable");
    assertThat(on.stderr()).isEqualTo("onlined memory for 1 device\n");
    assertThat(h.run("list -d dax0.0").stdout())
        .contains("\"online_memblocks\":4,\n    \"total_memblocks\":4,\n    \"movable\":false\n");
    Daxctl.Result again = h.run("online-memory dax0.0");
    // dev_online_memory warns about a race whenever some sections are already online
    assertThat(again.stderr()).isEqualTo("dax0.0:\n"
        + "  WARNING: detected a race while onlining memory\n"
        + "  Some memory may not be in the expected zone. It is\n"
        + "  recommended to disable any other onlining mechanisms,\n"
        + "  and retry. If onlining is to be left to other agents,\n"
        + "  use the --no-online option to suppress this warning\n"
        + "dax0.0: all memory sections (4) already online\nonlined memory for 0 devices\n");
    assertThat(again.exit()).isEqualTo(1);
    Daxctl.Result off = h.run("offline-memory dax0.0 -v");
    // -v also turns on libdaxctl's debug lines (the scan of regions and devices)
    assertThat(off.stderr()).startsWith(
        "libdaxctl: __dax_regions_init: no dax regions found via: /sys/class/dax\n");
    assertThat(off.stderr()).endsWith(
        "libdaxctl: __sysfs_device_parse: dax0.0: processed\n"
            + "dax0.0: 4 memory sections offlined\nofflined memory for 1 device\n");
    Daxctl.Result off2 = h.run("offline-memory dax0.0");
    assertThat(off2.stderr()).isEqualTo(
        "dax0.0: all memory sections (4) already offline\nofflined memory for 0 devices\n");
    assertThat(off2.exit()).isEqualTo(1);
    Daxctl.Result back = h.run("reconfigure-device dax0.0 -m devdax");
    ok(back);
    assertThat(back.stdout()).contains("\"mode\":\"devdax\"");
    assertThat(h.sys.blocks).isEmpty();
  }

  @Test
  void busyMemoryRefusesDevdaxAndAutoOnlinePolicyAborts() {
    Harness h = new Harness();
    h.sys.autoOnline = "online";
    Daxctl.Result r = h.run("reconfigure-device dax0.0 -m system-ram");
    assertThat(r.stderr()).isEqualTo(
        "dax0.0: error: kernel policy will auto-online memory, aborting\n"
            + "error reconfiguring devices: Device or resource busy\nreconfigured 0 devices\n");
    assertThat(r.exit()).isEqualTo(240);
    h.sys.autoOnline = "offline";
    ok(h.run("reconfigure-device dax0.0 -m system-ram"));
    h.sys.busyBlocks.add(33L);
    Daxctl.Result f = h.run("reconfigure-device dax0.0 -m devdax -f");
    assertThat(f.stderr()).isEqualTo("libdaxctl: offline_one_memblock: dax0.0: Failed to "
        + "offline /sys/devices/system/node/node0/memory33/state: Device or resource busy\n"
        + "dax0.0: failed to offline memory: Device or resource busy\n"
        + "error reconfiguring devices: Device or resource busy\nreconfigured 0 devices\n");
    assertThat(f.exit()).isEqualTo(240);
  }

  @Test
  void famfsModeBindsTheFsdevDriverAndBack() {
    Harness h = new Harness();
    Daxctl.Result r = h.run("reconfigure-device dax0.0 -m famfs");
    ok(r);
    assertThat(h.sys.devs.get(0).driver).isEqualTo("fsdev");
    assertThat(r.stdout()).contains("\"mode\":\"famfs\"");
    assertThat(h.sys.writes).contains("/sys/bus/dax/drivers/fsdev/new_id=dax0.0",
        "/sys/bus/dax/drivers/fsdev/bind=dax0.0");
    assertThat(h.run("list").stdout()).contains("\"mode\":\"famfs\"");
    Daxctl.Result back = h.run("reconfigure-device dax0.0 -m devdax");
    ok(back);
    assertThat(back.stderr()).isEqualTo("reconfigured 1 device\n");
    assertThat(h.sys.devs.get(0).driver).isEqualTo("device_dax");
    ok(h.run("reconfigure-device dax0.0 -m system-ram"));
    Daxctl.Result bad = h.run("reconfigure-device dax0.0 -m famfs");
    assertThat(bad.stderr()).isEqualTo(
        "dax0.0 is in system-ram mode; must be in devdax mode to convert to famfs\n"
            + "error reconfiguring devices: Invalid argument\nreconfigured 0 devices\n");
    assertThat(bad.exit()).isEqualTo(234);
  }

  @Test
  void moduleLoadFailureIsReported() throws ErrnoException {
    FakeSysfs sys = new FakeSysfs();
    Daxctl d = new Daxctl(sys, p -> null, m -> {
      throw new ErrnoException(Errno.ENOENT, m);
    });
    d.run(List.of("disable-device", "dax0.0"));
    Daxctl.Result r = d.run(List.of("enable-device", "dax0.0"));
    assertThat(r.stderr()).isEqualTo(
        "libdaxctl: daxctl_insert_kmod_for_mode: dax0.0: insert failure: -2\n"
            + "dax0.0: enable failed: No such file or directory\n"
            + "error enabling device: No such file or directory\nenabled 0 devices\n");
    assertThat(r.exit()).isEqualTo(254);
  }

  @Test
  void noMatchingRegionOrDeviceIsEnxio() {
    Harness h = new Harness();
    Daxctl.Result c = h.run("create-device -r 5 -s 2M");
    assertThat(c.stderr())
        .isEqualTo("error creating devices: No such device or address\ncreated 0 devices\n");
    assertThat(c.exit()).isEqualTo(250);
    assertThat(h.sys.writes).isEmpty();
    assertThat(h.run("list -r 5").stdout()).isEmpty();
    assertThat(h.run("list -d dax0.7").stdout()).isEmpty();
  }

  @Test
  void badOptionsGiveParseOptionsMessages() {
    Harness h = new Harness();
    Daxctl.Result r = h.run("create-device --size");
    assertThat(r.exit()).isEqualTo(129);
    assertThat(r.stderr()).isEqualTo("  Error: option `size' requires a value\n\n"
        + " usage: daxctl create-device [<options>]\n\n"
        + "    -s, --size <size>     size to switch the device to\n");
    Daxctl.Result t = h.run("list --human=1");
    assertThat(t.stderr()).startsWith("  Error: option `human' takes no value\n\n"
        + " usage: daxctl list [<options>]\n\n    -u, --human ");
    assertThat(t.exit()).isEqualTo(129);
    Daxctl.Result typo = h.run("list -region");
    assertThat(typo.exit()).isZero();
    Daxctl.Result dash = h.run("list -idle");
    assertThat(dash.stderr()).isEqualTo("  Error: did you mean `--idle` (with two dashes ?)\n");
    assertThat(dash.exit()).isEqualTo(129);
    Daxctl.Result unknown = h.run("-x");
    assertThat(unknown.stderr())
        .isEqualTo("Unknown option: -x\n\n Usage: daxctl [--version] [--help] COMMAND [ARGS]\n");
    assertThat(unknown.exit()).isEqualTo(129);
    Daxctl.Result enable = h.run("enable-device");
    assertThat(enable.stderr()).startsWith("specify a device to disable, or \"all\"\n");
    assertThat(h.sys.writes).isEmpty();
  }

  @Test
  void badSizeTakesTheWholeAvailableSpace() {
    Harness h = new Harness();
    h.run("disable-device dax0.0");
    h.run("destroy-device dax0.0");
    Daxctl.Result r = h.run("create-device -s 12Q");
    ok(r);
    assertThat(r.stdout()).contains("\"size\":4294967296");
  }

  @Test
  void resizeToZeroEmptiesTheDeviceWithoutJson() {
    Harness h = new Harness();
    h.run("disable-device dax0.0");
    Daxctl.Result r = h.run("reconfigure-device dax0.0 -s 0");
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEqualTo("reconfigured 1 device\n");
    assertThat(r.exit()).isZero();
    assertThat(h.sys.devs.get(0).ranges).isEmpty();
    assertThat(h.sys.writes).contains("/sys/devices/platform/hmem.0/dax0.0/size=0");
  }

  @Test
  void argvIsValidated() {
    Harness h = new Harness();
    assertThatThrownBy(() -> new Daxctl(null, p -> "", m -> { }))
        .isInstanceOf(ErrnoException.class);
    assertThatThrownBy(() -> h.daxctl.run(Arrays.asList("list", null)))
        .isInstanceOf(ErrnoException.class);
    assertThat(h.run("daxctl --version").stdout()).isEqualTo("76.1\n");
  }
}
