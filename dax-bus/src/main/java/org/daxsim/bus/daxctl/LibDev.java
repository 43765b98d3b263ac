package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/** struct daxctl_dev (daxctl/lib/libdaxctl.c) and the libdaxctl calls on one device. */
final class LibDev {
  static final String DEVICE_DAX = "device_dax";
  static final String KMEM = "kmem";
  /** famfs mode's driver (ndctl famfs patches: fsdev_dax; daxsim's bus: fsdev). */
  static final List<String> FSDEV = List.of("fsdev_dax", "fsdev");

  /** One mappingN as read by mappings_init. */
  record Mapping(long pgoff, long start, long end) {
    long size() {
      return end - start + 1;
    }
  }

  final LibRegion region;
  final int id;
  final String path;
  long resource;
  long size;
  long align;
  int targetNode;
  LibMemory mem;
  private List<Mapping> mappings;

  LibDev(LibRegion region, int id, String path) {
    this.region = region;
    this.id = id;
    this.path = path;
  }

  private Lib lib() {
    return region.lib;
  }

  /** daxctl_dev_get_devname: basename of the device path. */
  String devname() {
    return Lib.basename(path);
  }

  /** daxctl_dev_is_enabled: the driver link exists (the bus device model is assumed). */
  boolean isEnabled() {
    return lib().sys.exists(path + "/driver");
  }

  /** Name of the bound driver (basename of realpath(driver)), or null. */
  String driverName() {
    if (!isEnabled()) {
      return null;
    }
    String real = lib().realpath(path + "/driver");
    return real == null ? null : Lib.basename(real);
  }

  /** dev_is_system_ram_capable: enabled and bound to kmem. */
  boolean isSystemRam() {
    return KMEM.equals(driverName());
  }

  /** famfs patches' daxctl_dev_is_famfs_mode: bound to the fsdev driver. */
  boolean isFamfs() {
    String d = driverName();
    return d != null && FSDEV.contains(d);
  }

  /** daxctl_dev_get_memory: the cached memory object, or a new one in system-ram mode. */
  LibMemory memory() {
    if (mem == null && isSystemRam()) {
      mem = LibMemory.alloc(this);
    }
    return mem;
  }

  /** daxctl_dev_set_size: write "%#llx\n"; any failure is reported as ENXIO. */
  int setSize(long val) {
    if (lib().write(path + "/size", Num.hashHex(val) + "\n") < 0) {
      lib().io.libErr("daxctl_dev_set_size", devname() + ": failed to set size\n");
      return Errno.ENXIO.neg();
    }
    size = val;
    return 0;
  }

  /** daxctl_dev_set_align: write "%#lx\n"; any failure is reported as ENXIO. */
  int setAlign(long val) {
    if (lib().write(path + "/align", Num.hashHex(val) + "\n") < 0) {
      lib().io.libErr("daxctl_dev_set_align", devname() + ": failed to set align\n");
      return Errno.ENXIO.neg();
    }
    align = val;
    return 0;
  }

  /** daxctl_dev_set_mapping: write "%#llx-%#llx\n"; any failure is reported as ENXIO. */
  int setMapping(long start, long end) {
    String v = Num.hashHex(start) + "-" + Num.hashHex(end) + "\n";
    if (lib().write(path + "/mapping", v) < 0) {
      lib().io.libErr("daxctl_dev_set_mapping", devname() + ": failed to set mapping\n");
      return Errno.ENXIO.neg();
    }
    size += end - start + 1;
    return 0;
  }

  /** daxctl_mapping_foreach: mapping0..N read once, each prepended (highest index first). */
  List<Mapping> mappings() {
    if (mappings == null) {
      mappings = new ArrayList<>();
      for (int i = 0; ; i++) {
        String s = lib().read(path + "/mapping" + i + "/start");
        String e = s == null ? null : lib().read(path + "/mapping" + i + "/end");
        String p = e == null ? null : lib().read(path + "/mapping" + i + "/page_offset");
        if (p == null) {
          break;
        }
        mappings.add(0, new Mapping(Num.ull(p), Num.ull(s), Num.ull(e)));
      }
    }
    return mappings;
  }

  /** daxctl_dev_enable(dev, mode): load the module, bind, rescan the region. */
  int enable(String modName) {
    if (isEnabled()) {
      return 0;
    }
    lib().dbg("daxctl_insert_kmod_for_mode", devname() + " inserting module: " + modName + "\n");
    try {
      lib().modules.load(modName);
    } catch (ErrnoException e) {
      lib().io.libErr("daxctl_insert_kmod_for_mode",
          devname() + ": insert failure: " + e.errno().neg() + "\n");
      return e.errno().neg();
    }
    int rc = bind(modName);
    if (rc != 0) {
      lib().dbg("daxctl_bind", devname() + ": bind failed\n");
    }
    if (!isEnabled()) {
      lib().io.libErr("daxctl_dev_enable", devname() + ": failed to enable\n");
      return rc != 0 ? rc : Errno.ENXIO.neg();
    }
    region.devicesInit = false;
    region.init();
    lib().dbg("daxctl_dev_enable", devname() + ": enabled\n");
    return 0;
  }

  /** daxctl_bind: for the driver directory named modName, write new_id then bind. */
  private int bind(String modName) {
    List<String> drivers = lib().readdir(Lib.DRIVERS);
    if (drivers == null) {
      lib().io.libErr("daxctl_bind",
          devname() + ": opendir(\"" + Lib.DRIVERS + "\") failed\n");
      return Errno.ENXIO.neg();
    }
    int rc = 0;
    for (String d : drivers) {
      if (d.startsWith(".") || !d.equals(modName)) {
        continue;
      }
      lib().write(Lib.DRIVERS + "/" + d + "/new_id", devname(), true);
      rc = lib().write(Lib.DRIVERS + "/" + d + "/bind", devname(), true);
      break;
    }
    return rc;
  }

  /** daxctl_dev_disable: free the memory object, remove_id + unbind, check. */
  int disable() {
    if (!isEnabled()) {
      return 0;
    }
    mem = null;
    if (lib().write(path + "/driver/remove_id", devname()) == 0) {
      lib().write(path + "/driver/unbind", devname());
    }
    if (isEnabled()) {
      lib().io.libErr("daxctl_dev_disable", devname() + ": failed to disable\n");
      return Errno.EBUSY.neg();
    }
    lib().dbg("daxctl_dev_disable", devname() + ": disabled\n");
    return 0;
  }

  /** daxctl_dev_will_auto_online_memory: auto_online_blocks starts with "online". */
  boolean willAutoOnline() {
    String p = "/sys/devices/system/memory/auto_online_blocks";
    String s = lib().read(p);
    if (s == null) {
      lib().io.libErr("daxctl_dev_will_auto_online_memory", devname()
          + ": Unable to determine auto-online policy: " + Lib.strerror(lib().readErrno(p))
          + "\n");
      return false;
    }
    return s.startsWith("online");
  }
}
