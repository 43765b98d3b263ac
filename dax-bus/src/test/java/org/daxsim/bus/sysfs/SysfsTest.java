package org.daxsim.bus.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxDriver;
import org.daxsim.bus.DaxDriverType;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.PmemNamespace;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;
import org.junit.jupiter.api.Test;

/** Every attribute of the dax sysfs tree: text, mode, visibility and errnos, bad input included. */
class SysfsTest {
  static final long M = 1L << 20;
  static final long G = 1L << 30;
  static final long BASE = 0x100000000L;
  static final String DEV = "/sys/bus/dax/devices/";
  static final String HMEM = "/sys/devices/platform/hmem.0";
  static final String REGION = HMEM + "/dax_region/";

  /** A driver that runs the dax_device, as device_dax does. */
  record Drv(String name, DaxDriverType type) implements DaxDriver {
    @Override
    public void probe(DevDax dev) throws ErrnoException {
      dev.bus().core().runDax(dev.daxDevice());
    }

    @Override
    public void remove(DevDax dev) {}
  }

  DaxBus bus;
  Sysfs fs;

  SysfsTest() throws ErrnoException {
    init(KernelProfile.LINUX_6_1);
  }

  /** A second fixture on another profile (JUnit needs a single constructor on the class). */
  static SysfsTest on(KernelProfile p) throws ErrnoException {
    SysfsTest t = new SysfsTest();
    t.init(p);
    return t;
  }

  private void init(KernelProfile p) throws ErrnoException {
    bus = new DaxBus(new DaxCore(new KernelAddressSpace(new PhysicalAddressSpace())),
        Resource.iomem(), p);
    bus.registerDriver(new Drv("device_dax", DaxDriverType.DEVICE));
    bus.registerDriver(new Drv("kmem", DaxDriverType.KMEM));
    bus.registerDriver(new Drv("fsdev", DaxDriverType.FSDEV));
    Hmem.register(bus, 0, BASE, 4 * G, 0, false);
    fs = new Sysfs(bus);
  }

  Errno errno(ThrowingRunnable r) {
    String before = snapshot();
    try {
      r.run();
    } catch (ErrnoException e) {
      assertThat(snapshot()).as("state unchanged by a failed write").isEqualTo(before);
      return e.errno();
    }
    return null;
  }

  interface ThrowingRunnable {
    void run() throws ErrnoException;
  }

  String snapshot() {
    StringBuilder sb = new StringBuilder();
    for (DevDax d : bus.devices()) {
      sb.append(d).append(d.align()).append(d.memmapOnMemory()).append('\n');
    }
    for (DaxRegion r : bus.regions()) {
      sb.append(r.availableSize()).append(r.seed()).append(r.youngest()).append('\n');
    }
    return sb.toString();
  }

  /** dax0.0 unbound and emptied; dax0.1 created. */
  void idle() throws ErrnoException {
    fs.write("/sys/bus/dax/drivers/device_dax/unbind", "dax0.0\n");
    fs.write(DEV + "dax0.0/size", "0\n");
    fs.write(REGION + "create", "1\n");
  }

  @Test
  void treeShapeAndLinks() throws ErrnoException {
    // as ls /sys/bus/dax/ printed on the oracle (dax-sim transcript region-attrs, 6.1 and 6.12)
    assertThat(fs.list("/sys/bus/dax")).containsExactly("devices", "drivers",
        "drivers_autoprobe", "drivers_probe", "uevent");
    assertThat(fs.list("/sys/bus/dax/drivers")).containsExactly("device_dax", "fsdev", "kmem");
    assertThat(fs.list(DEV)).containsExactly("dax0.0");
    assertThat(fs.isLink(DEV + "dax0.0")).isTrue();
    assertThat(fs.realpath(DEV + "dax0.0")).isEqualTo(HMEM + "/dax0.0");
    assertThat(fs.realpath(DEV + "dax0.0/driver")).isEqualTo("/sys/bus/dax/drivers/device_dax");
    assertThat(fs.realpath(DEV + "dax0.0/../dax_region/size")).isEqualTo(REGION + "size");
    assertThat(fs.realpath("/sys/bus/dax/drivers/device_dax/dax0.0/subsystem"))
        .isEqualTo("/sys/bus/dax");
    assertThat(fs.list(HMEM)).containsExactly("dax0.0", "dax_region");
    assertThat(fs.list(DEV + "dax0.0")).containsExactly("align", "dev", "driver", "mapping",
        "mapping0", "modalias", "numa_node", "power", "resource", "size", "subsystem",
        "target_node", "uevent");
    assertThat(fs.list(DEV + "dax0.0/power")).containsExactly("async", "autosuspend_delay_ms",
        "control", "runtime_active_kids", "runtime_active_time", "runtime_enabled",
        "runtime_status", "runtime_suspended_time", "runtime_usage");
    assertThat(fs.read(DEV + "dax0.0/power/runtime_status")).isEqualTo("unsupported\n");
    assertThat(errno(() -> fs.read(DEV + "dax0.0/power/autosuspend_delay_ms")))
        .isEqualTo(Errno.EIO);
    assertThat(fs.list(DEV + "dax0.0/mapping0")).containsExactly("end", "page_offset", "start");
    assertThat(fs.list(REGION)).containsExactly("align", "available_size", "create", "delete",
        "id", "seed", "size");
    assertThat(fs.exists(DEV + "dax0.1")).isFalse();
    assertThat(fs.exists("/sys/bus/dax/drivers/device_dax/bind")).isTrue();
    assertThat(errno(() -> fs.list(DEV + "dax0.0/size"))).isEqualTo(Errno.ENOTDIR);
    assertThat(errno(() -> fs.read(DEV + "dax0.0"))).isEqualTo(Errno.EISDIR);
    assertThat(errno(() -> fs.read(DEV + "dax0.0/size/x"))).isEqualTo(Errno.ENOTDIR);
    assertThat(errno(() -> fs.read("relative/path"))).isEqualTo(Errno.ENOENT);
    assertThat(errno(() -> fs.read(DEV + "dax0.9/size"))).isEqualTo(Errno.ENOENT);
    assertThat(errno(() -> fs.write(DEV + "dax0.0/nosuch", "1"))).isEqualTo(Errno.ENOENT);
    assertThat(errno(() -> fs.read(null))).isEqualTo(Errno.EINVAL);
  }

  @Test
  void deviceAttributeTextsAndModes() throws ErrnoException {
    String d = DEV + "dax0.0/";
    assertThat(fs.read(d + "size")).isEqualTo("4294967296\n");
    assertThat(fs.read(d + "align")).isEqualTo("2097152\n");
    assertThat(fs.read(d + "modalias")).isEqualTo("dax:t0\n");
    assertThat(fs.read(d + "target_node")).isEqualTo("0\n");
    assertThat(fs.read(d + "numa_node")).isEqualTo("0\n");
    assertThat(fs.read(d + "resource")).isEqualTo("0x100000000\n");
    assertThat(fs.read(d + "mapping0/start")).isEqualTo("0x100000000\n");
    assertThat(fs.read(d + "mapping0/end")).isEqualTo("0x1ffffffff\n");
    assertThat(fs.read(d + "mapping0/page_offset")).isEqualTo("0x0\n");
    assertThat(fs.read(d + "dev")).matches("252:\\d+\n");
    assertThat(fs.read(d + "uevent")).contains("DEVNAME=dax0.0\n", "DRIVER=device_dax\n",
        "MODALIAS=dax:t0\n");
    assertThat(fs.mode(d + "size")).isEqualTo(0644);
    assertThat(fs.mode(d + "align")).isEqualTo(0644);
    assertThat(fs.mode(d + "mapping")).isEqualTo(0200);
    assertThat(fs.mode(d + "resource")).isEqualTo(0400);
    assertThat(fs.mode(d + "mapping0/start")).isEqualTo(0400);
    assertThat(fs.mode(d + "modalias")).isEqualTo(0444);
    assertThat(errno(() -> fs.read(d + "mapping"))).isEqualTo(Errno.EACCES);
    assertThat(errno(() -> fs.write(d + "modalias", "x"))).isEqualTo(Errno.EACCES);
    assertThat(errno(() -> fs.write(d + "mapping0/start", "0"))).isEqualTo(Errno.EACCES);
    assertThat(errno(() -> fs.write(d + "memmap_on_memory", "0"))).as("none on 6.1")
        .isEqualTo(Errno.ENOENT);
  }

  @Test
  void sizeWrites() throws ErrnoException {
    idle();
    String s = DEV + "dax0.1/size";
    assertThat(fs.write(s, "0x20000000\n")).isEqualTo(11);
    assertThat(fs.read(s)).isEqualTo("536870912\n");
    assertThat(fs.write(s, "+01000000000")).as("octal 512M").isEqualTo(12);
    assertThat(fs.read(s)).isEqualTo("134217728\n");
    fs.write(s, "0");
    for (String bad : new String[] {"abc", "-2097152", " 2097152", "2097152 ", "2097152\n\n",
        "0x", "2M", "09", "1e6", "\n", "0x200000g"}) {
      assertThat(errno(() -> fs.write(s, bad))).as("'%s'", bad).isEqualTo(Errno.EINVAL);
    }
    assertThat(errno(() -> fs.write(s, "18446744073709551616"))).isEqualTo(Errno.ERANGE);
    assertThat(errno(() -> fs.write(s, "0x10000000000000000"))).isEqualTo(Errno.ERANGE);
    assertThat(errno(() -> fs.write(s, "18446744073709551615"))).as("u64 max misaligned")
        .isEqualTo(Errno.EINVAL);
    assertThat(errno(() -> fs.write(s, "18446744073707454464"))).as("aligned, too big")
        .isEqualTo(Errno.ENOSPC);
    assertThat(errno(() -> fs.write(s, "267386880"))).as("255M").isEqualTo(Errno.EINVAL);
    assertThat(errno(() -> fs.write(s, "5368709120"))).isEqualTo(Errno.ENOSPC);
    assertThat(fs.write(s, "")).as("empty write: store not called").isZero();
    assertThat(fs.write(s, "2097152\0garbage")).isEqualTo(15);
    assertThat(fs.read(s)).isEqualTo("2097152\n");
    fs.write("/sys/bus/dax/drivers/device_dax/bind", "dax0.1");
    assertThat(errno(() -> fs.write(s, "4194304"))).isEqualTo(Errno.EBUSY);
  }

  @Test
  void alignWrites() throws ErrnoException {
    idle();
    String a = DEV + "dax0.1/align";
    fs.write(a, "4096");
    assertThat(fs.read(a)).isEqualTo("4096\n");
    fs.write(a, "0x40000000\n");
    assertThat(fs.read(a)).isEqualTo("1073741824\n");
    for (String bad : new String[] {"abc", "-4096", "", "0x", "99999999999999999999"}) {
      if (!bad.isEmpty()) {
        assertThat(errno(() -> fs.write(a, bad))).as("'%s'", bad).isEqualTo(Errno.ENXIO);
      }
    }
    for (String bad : new String[] {"0", "1048576", "8192", "2147483648"}) {
      assertThat(errno(() -> fs.write(a, bad))).as("'%s'", bad).isEqualTo(Errno.EINVAL);
    }
    fs.write(a, "2097152");
    fs.write(DEV + "dax0.1/size", "4194304");
    assertThat(errno(() -> fs.write(a, "1073741824"))).isEqualTo(Errno.EINVAL);
    assertThat(fs.read(a)).isEqualTo("2097152\n");
  }

  @Test
  void mappingWrites() throws ErrnoException {
    idle();
    String m = DEV + "dax0.1/mapping";
    assertThat(fs.write(m, "0x110000000-0x11fffffff\n")).isEqualTo(24);
    fs.write(m, "100000000-10fffffff");
    assertThat(fs.read(DEV + "dax0.1/mapping1/page_offset")).isEqualTo("0x10000\n");
    assertThat(fs.read(DEV + "dax0.1/mapping1/start")).isEqualTo("0x100000000\n");
    assertThat(fs.read(DEV + "dax0.1/resource")).isEqualTo("0x110000000\n");
    for (String bad : new String[] {"0x120000000", "x-y", "0x120000000-", "-0x12fffffff",
        "0x120000000 - 0x12fffffff", "0x120000000-0x12fffffff\n\n", "0x1200000000x-1"}) {
      assertThat(errno(() -> fs.write(m, bad))).as("'%s'", bad).isEqualTo(Errno.EINVAL);
    }
    assertThat(errno(() -> fs.write(m, "0-10000000000000000"))).isEqualTo(Errno.ERANGE);
    assertThat(errno(() -> fs.write(m, "0x108000000-0x117ffffff"))).isEqualTo(Errno.ENOMEM);
    assertThat(errno(() -> fs.write(m, "0x200000000-0x2001fffff"))).isEqualTo(Errno.ENOMEM);
    assertThat(errno(() -> fs.write(m, "0x120000000-0x1200fffff"))).as("6.1 misaligned")
        .isEqualTo(Errno.ENXIO);
  }

  @Test
  void regionAttributes() throws ErrnoException {
    assertThat(fs.read(REGION + "id")).isEqualTo("0\n");
    assertThat(fs.read(REGION + "size")).isEqualTo("4294967296\n");
    assertThat(fs.read(REGION + "align")).isEqualTo("2097152\n");
    assertThat(fs.read(REGION + "available_size")).isEqualTo("0\n");
    assertThat(fs.read(REGION + "seed")).isEqualTo("\n");
    assertThat(fs.read(REGION + "create")).isEqualTo("\n");
    assertThat(fs.mode(REGION + "align")).isEqualTo(0400);
    assertThat(fs.mode(REGION + "delete")).isEqualTo(0200);
    assertThat(fs.mode(REGION + "create")).isEqualTo(0644);
    assertThat(errno(() -> fs.write(REGION + "create", "1"))).isEqualTo(Errno.ENOSPC);
    idle();
    assertThat(fs.read(REGION + "seed")).isEqualTo("dax0.1\n");
    assertThat(fs.read(REGION + "create")).isEqualTo("dax0.1\n");
    assertThat(fs.read(REGION + "available_size")).isEqualTo("4294967296\n");
    for (String bad : new String[] {"0", "2", "-1", "yes", "1 ", " 1", "", "0x2"}) {
      if (!bad.isEmpty()) {
        assertThat(errno(() -> fs.write(REGION + "create", bad))).as("'%s'", bad)
            .isEqualTo(Errno.EINVAL);
      }
    }
    assertThat(errno(() -> fs.write(REGION + "create", "4294967297"))).isEqualTo(Errno.ERANGE);
    fs.write(REGION + "create", "0x1\n");
    assertThat(fs.read(REGION + "create")).isEqualTo("dax0.2\n");
    assertThat(errno(() -> fs.write(REGION + "delete", "dax0.0"))).isEqualTo(Errno.EBUSY);
    assertThat(errno(() -> fs.write(REGION + "delete", "dax0.9"))).isEqualTo(Errno.ENXIO);
    assertThat(errno(() -> fs.write(REGION + "delete", "dax0.1\n\n"))).isEqualTo(Errno.ENXIO);
    assertThat(fs.write(REGION + "delete", "dax0.1\n")).isEqualTo(7);
    assertThat(fs.read(REGION + "seed")).isEqualTo("\n");
    assertThat(errno(() -> fs.read(REGION + "delete"))).isEqualTo(Errno.EACCES);
    assertThat(errno(() -> fs.write(REGION + "id", "1"))).isEqualTo(Errno.EACCES);
    assertThat(errno(() -> fs.write(REGION + "seed", "dax0.2"))).isEqualTo(Errno.EACCES);
  }

  @Test
  void driverAttributes() throws ErrnoException {
    String drv = "/sys/bus/dax/drivers/device_dax/";
    assertThat(fs.list(drv)).containsExactly("bind", "dax0.0", "module", "new_id", "remove_id",
        "uevent", "unbind");
    assertThat(errno(() -> fs.write(drv + "bind", "dax0.0"))).isEqualTo(Errno.EBUSY);
    assertThat(errno(() -> fs.write(drv + "bind", "dax9.9"))).isEqualTo(Errno.ENODEV);
    assertThat(errno(() -> fs.write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0")))
        .as("bound to another driver").isEqualTo(Errno.ENODEV);
    assertThat(fs.write(drv + "unbind", "dax0.0\n")).isEqualTo(7);
    assertThat(fs.exists(DEV + "dax0.0/driver")).isFalse();
    assertThat(errno(() -> fs.write(drv + "unbind", "dax0.0"))).isEqualTo(Errno.ENODEV);
    assertThat(errno(() -> fs.write("/sys/bus/dax/drivers/fsdev/bind", "dax0.0")))
        .isEqualTo(Errno.ENODEV);
    assertThat(errno(() -> fs.write("/sys/bus/dax/drivers/fsdev/new_id", "dax0")))
        .isEqualTo(Errno.EINVAL);
    fs.write("/sys/bus/dax/drivers/fsdev/new_id", "dax0.0\n");
    assertThat(fs.realpath(DEV + "dax0.0/driver")).isEqualTo("/sys/bus/dax/drivers/fsdev");
    assertThat(errno(() -> fs.read(drv + "bind"))).isEqualTo(Errno.EACCES);
    fs.write("/sys/bus/dax/drivers/fsdev/unbind", "dax0.0");
    fs.write("/sys/bus/dax/drivers/fsdev/remove_id", "dax0.0");
    fs.write("/sys/bus/dax/drivers_probe", "dax0.0");
    assertThat(fs.realpath(DEV + "dax0.0/driver")).isEqualTo("/sys/bus/dax/drivers/device_dax");
    assertThat(errno(() -> fs.write("/sys/bus/dax/drivers_probe", "dax7.0")))
        .isEqualTo(Errno.ENODEV);
    assertThat(errno(() -> fs.write(DEV + "dax0.0/uevent", "frobnicate")))
        .isEqualTo(Errno.EINVAL);
    assertThat(fs.write(DEV + "dax0.0/uevent", "change\n")).isEqualTo(7);
  }

  @Test
  void memmapOnMemoryOnLaterKernels() throws ErrnoException {
    SysfsTest t = SysfsTest.on(KernelProfile.LINUX_6_12);
    String f = DEV + "dax0.0/memmap_on_memory";
    assertThat(t.fs.read(f)).isEqualTo("0\n");
    assertThat(t.fs.mode(f)).isEqualTo(0644);
    assertThat(t.errno(() -> t.fs.write(f, "maybe"))).isEqualTo(Errno.EINVAL);
    assertThat(t.errno(() -> t.fs.write(f, "y"))).isEqualTo(Errno.EOPNOTSUPP);
    assertThat(t.fs.write(f, "off")).isEqualTo(3);
    t.bus.setMhpSupportsMemmapOnMemory(true);
    assertThat(t.errno(() -> t.fs.write(f, "1\n"))).as("change while bound to kmem")
        .isEqualTo(Errno.EBUSY);
    t.fs.write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0");
    t.fs.write(f, "1\n");
    assertThat(t.fs.read(f)).isEqualTo("1\n");
    assertThat(t.errno(() -> t.fs.write(DEV + "dax0.0/mapping", "0x100000000-0x1000fffff")))
        .as("6.12: misaligned length is a silent no-op").isNull();
    assertThat(t.fs.exists(DEV + "dax0.0/driver")).isFalse();
    assertThat(t.errno(() -> t.fs.write("/sys/bus/dax/drivers/device_dax/bind", "dax0.0")))
        .isEqualTo(Errno.ENODEV);
  }

  @Test
  void staticRegionHidesAttributes() throws ErrnoException {
    PmemNamespace.register(bus, 1, 0, BASE + 8 * G, G, 18 * M, 2 * M, 0);
    String parent = "/sys/devices/platform/e820_pmem/ndbus0/region1/dax1.0";
    assertThat(fs.realpath(DEV + "dax1.0")).isEqualTo(parent + "/dax1.0");
    assertThat(fs.list(parent + "/dax_region")).containsExactly("align", "id", "size");
    assertThat(fs.read(parent + "/dax_region/size")).isEqualTo("1054867456\n");
    List<String> names = new ArrayList<>(fs.list(DEV + "dax1.0"));
    assertThat(names).doesNotContain("mapping").contains("mapping0", "size", "align");
    assertThat(fs.mode(DEV + "dax1.0/size")).isEqualTo(0444);
    assertThat(fs.mode(DEV + "dax1.0/align")).isEqualTo(0444);
    assertThat(errno(() -> fs.write(DEV + "dax1.0/size", "0"))).isEqualTo(Errno.EACCES);
    assertThat(errno(() -> fs.write(DEV + "dax1.0/align", "4096"))).isEqualTo(Errno.EACCES);
    assertThat(errno(() -> fs.write(DEV + "dax1.0/mapping", "0-1"))).isEqualTo(Errno.ENOENT);
    assertThat(errno(() -> fs.write(parent + "/dax_region/create", "1")))
        .isEqualTo(Errno.ENOENT);
    assertThat(fs.read(DEV + "dax1.0/resource")).isEqualTo("0x301200000\n");
  }
}
