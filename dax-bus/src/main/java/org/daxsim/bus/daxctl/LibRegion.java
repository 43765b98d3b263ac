package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.List;

/** struct daxctl_region (daxctl/lib/libdaxctl.c): one dax region as libdaxctl sees it. */
final class LibRegion {
  final Lib lib;
  final int id;
  final String path;
  /** ULLONG_MAX (-1) when unreadable. */
  long size = -1;
  /** ULONG_MAX (-1) when unreadable (the attribute is root-only). */
  long align = -1;
  private final List<LibDev> devices = new ArrayList<>();
  boolean devicesInit;

  LibRegion(Lib lib, int id, String path) {
    this.lib = lib;
    this.id = id;
    this.path = path;
  }

  String attr(String name) {
    return path + "/dax_region/" + name;
  }

  /** daxctl_region_get_available_size: re-read every time; 0 when unreadable or malformed. */
  long availableSize() {
    String s = lib.read(attr("available_size"));
    if (s == null || s.isEmpty()) {
      return 0;
    }
    org.daxsim.core.Strtoull.Parsed p = Num.strtoull(s, 0);
    return p.end() == s.length() ? p.value() : 0;
  }

  /** daxctl_region_create_dev: write "1" to create. */
  int createDev() {
    return lib.write(attr("create"), "1");
  }

  /** daxctl_region_destroy_dev: write the device name to delete. */
  int destroyDev(LibDev dev) {
    return lib.write(attr("delete"), dev.devname());
  }

  /** daxctl_region_get_dev_seed: the device named by seed, among the known devices. */
  LibDev seed() {
    String s = lib.read(attr("seed"));
    if (s == null) {
      return null;
    }
    for (LibDev d : devices()) {
      if (s.equals(d.devname())) {
        return d;
      }
    }
    return null;
  }

  /** daxctl_dev_foreach: dax_devices_init then the list (last found first). */
  List<LibDev> devices() {
    init();
    return List.copyOf(devices);
  }

  /** dax_devices_init: scan the region directory for "dax<id>.N" entries. */
  void init() {
    if (devicesInit) {
      return;
    }
    devicesInit = true;
    // DAX_CLASS: <region>/dax; DAX_BUS: the region directory itself
    parse(path + "/dax");
    parse(path);
  }

  /** __sysfs_device_parse with add_dax_dev. */
  private void parse(String base) {
    String prefix = "dax" + id + ".";
    lib.dbg("__sysfs_device_parse", "base: '" + base + "' dev: '" + prefix + "'\n");
    List<String> names = lib.sys.exists(base) ? lib.readdir(base) : null;
    if (names == null) {
      lib.dbg("__sysfs_device_parse", "no \"" + prefix + "\" devices found\n");
      return;
    }
    for (String name : names) {
      Integer devId = Scan.prefixed(name, prefix);
      if (devId == null) {
        continue;
      }
      if (addDev(devId, base + "/" + name) == null) {
        lib.io.libErr("__sysfs_device_parse", prefix + devId + ": add_dev() failed\n");
      } else {
        lib.dbg("__sysfs_device_parse", prefix + devId + ": processed\n");
      }
    }
  }

  /** add_dax_dev: read resource, size (required), align, target_node; dedup by id. */
  private LibDev addDev(int devId, String base) {
    lib.dbg("add_dax_dev", "add_dax_dev: base: '" + base + "'\n");
    LibDev dev = new LibDev(this, devId, base);
    String s = lib.read(base + "/resource");
    dev.resource = s != null ? Num.ull(s) : 0;
    s = lib.read(base + "/size");
    if (s == null) {
      return null;
    }
    dev.size = Num.ull(s);
    s = lib.read(base + "/align");
    dev.align = s != null ? Num.ull(s) : 0;
    s = lib.read(base + "/target_node");
    dev.targetNode = s != null ? (int) Num.strtoull(s, 0).value() : -1;
    for (LibDev d : devices) {
      if (d.id == devId) {
        return d;
      }
    }
    devices.add(0, dev);
    return dev;
  }
}
