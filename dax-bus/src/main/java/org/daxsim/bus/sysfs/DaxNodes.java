package org.daxsim.bus.sysfs;

import static org.daxsim.bus.sysfs.KernelParse.hash;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxDriver;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;

/**
 * The attribute groups of drivers/dax/bus.c as sysfs nodes: dev_dax_attribute_group (with
 * dev_dax_visible), the mappingN groups, dax_region_attribute_group (with
 * dax_region_visible), and the driver attributes of the driver core (bind, unbind) and the dax
 * bus (new_id, remove_id).
 */
final class DaxNodes {
  static final String BUS = "/sys/bus/dax";

  private DaxNodes() {}

  /** An immutable directory made of a name-ordered map. */
  static Node.Dir dir(Map<String, Node> entries) {
    return new Node.Dir() {
      @Override
      public List<String> names() {
        return List.copyOf(entries.keySet());
      }

      @Override
      public Node child(String name) {
        return entries.get(name);
      }
    };
  }

  /**
   * A directory built by {@code make} when first looked into, then kept: {@link Sysfs} builds
   * its tree afresh for every access, and one path walk descends into one device at most, so
   * the other devices' attribute maps are never made (the tree is the same, only cheaper).
   */
  static Node.Dir lazy(java.util.function.Supplier<Node.Dir> make) {
    return new Node.Dir() {
      private Node.Dir dir;

      private Node.Dir get() {
        if (dir == null) {
          dir = make.get();
        }
        return dir;
      }

      @Override
      public List<String> names() {
        return get().names();
      }

      @Override
      public Node child(String name) {
        return get().child(name);
      }
    };
  }

  /** /sys/devices/.../daxR.N: the device attributes (dev_dax_visible), children and links. */
  static Node.Dir device(DevDax d) {
    Map<String, Node> m = new LinkedHashMap<>();
    boolean st = d.region().isStatic();
    DaxBus bus = d.bus();
    m.put("align", Node.Attr.rw(st ? 0444 : 0644, () -> d.align() + "\n",
        buf -> d.setAlign(parseAlign(buf))));
    m.put("dev", Node.Attr.ro(0444, () -> DaxCore.DAX_MAJOR + ":" + d.daxDevice().minor()
        + "\n"));
    if (d.driver() != null) {
      m.put("driver", new Node.Link(BUS + "/drivers/" + d.driver().name()));
    }
    if (!st) {
      m.put("mapping", Node.Attr.wo(buf -> {
        long[] r = parseRange(buf);
        d.mapping(r[0], r[1]);
      }));
    }
    List<Integer> ids = d.mappingIds();
    for (int id : ids) {
      m.put("mapping" + id, lazy(() -> mappingDir(d, id)));
    }
    if (bus.profile() != KernelProfile.LINUX_6_1) {
      m.put("memmap_on_memory", Node.Attr.rw(0644, () -> (d.memmapOnMemory() ? 1 : 0) + "\n",
          buf -> d.setMemmapOnMemory(KernelParse.kstrtobool(buf))));
    }
    m.put("modalias", Node.Attr.ro(0444, () -> "dax:t0\n"));
    m.put("numa_node", Node.Attr.ro(0444, () -> Math.max(d.targetNode(), -1) + "\n"));
    m.put("power", POWER);
    m.put("resource", Node.Attr.ro(0400, () -> hash(d.resourceStart()) + "\n"));
    m.put("size", Node.Attr.rw(st ? 0444 : 0644, () -> Long.toUnsignedString(d.size()) + "\n",
        buf -> d.resize(KernelParse.kstrtoull(buf, 0))));
    m.put("subsystem", new Node.Link(BUS));
    if (d.targetNode() >= 0) {
      m.put("target_node", Node.Attr.ro(0444, () -> d.targetNode() + "\n"));
    }
    m.put("uevent", Node.Attr.rw(0644, () -> uevent(d), DaxNodes::synthUevent));
    return dir(sorted(m));
  }

  /**
   * power/ of dpm_sysfs_add() (drivers/base/power/sysfs.c, with Debian's CONFIG_PM_ADVANCED_DEBUG)
   * for a device without runtime PM, as the oracle read it on 6.1 and 6.12 (transcript
   * power-attrs): fixed values; autosuspend_delay_ms reads EIO (no autosuspend). Runtime PM is
   * not modelled, so the files are read-only here (the kernel accepts writes to async, control
   * and autosuspend_delay_ms).
   */
  static final Node.Dir POWER = power();

  static Node.Dir power() {
    Map<String, Node> m = new LinkedHashMap<>();
    m.put("async", Node.Attr.ro(0444, () -> "disabled\n"));
    m.put("autosuspend_delay_ms", Node.Attr.ro(0444, () -> {
      throw ErrnoException.of(Errno.EIO, "autosuspend is not in use");
    }));
    m.put("control", Node.Attr.ro(0444, () -> "auto\n"));
    m.put("runtime_active_kids", Node.Attr.ro(0444, () -> "0\n"));
    m.put("runtime_active_time", Node.Attr.ro(0444, () -> "0\n"));
    m.put("runtime_enabled", Node.Attr.ro(0444, () -> "disabled\n"));
    m.put("runtime_status", Node.Attr.ro(0444, () -> "unsupported\n"));
    m.put("runtime_suspended_time", Node.Attr.ro(0444, () -> "0\n"));
    m.put("runtime_usage", Node.Attr.ro(0444, () -> "0\n"));
    return dir(m);
  }

  /** align_store(): kstrtoul failure is ENXIO (sic). */
  static long parseAlign(String buf) throws ErrnoException {
    try {
      return KernelParse.kstrtoull(buf, 0);
    } catch (ErrnoException e) {
      throw ErrnoException.of(Errno.ENXIO, "align: %s", e.getMessage());
    }
  }

  /** range_parse(): "start-end", both kstrtoull base 16; no '-' is EINVAL. */
  static long[] parseRange(String buf) throws ErrnoException {
    int dash = buf.indexOf('-');
    if (dash < 0) {
      throw ErrnoException.of(Errno.EINVAL, "mapping '%s' is not start-end", buf);
    }
    long start = KernelParse.kstrtoull(buf.substring(0, dash), 16);
    long end = KernelParse.kstrtoull(buf.substring(dash + 1), 16);
    return new long[] {start, end};
  }

  static String uevent(DevDax d) {
    StringBuilder sb = new StringBuilder();
    sb.append("MAJOR=").append(DaxCore.DAX_MAJOR).append('\n')
        .append("MINOR=").append(d.daxDevice().minor()).append('\n')
        .append("DEVNAME=").append(d.name()).append('\n');
    DaxDriver drv = d.driver();
    if (drv != null) {
      sb.append("DRIVER=").append(drv.name()).append('\n');
    }
    return sb.append("MODALIAS=dax:t0\n").toString();
  }

  /** kobject_synth_uevent(): a known action word is accepted (and does nothing here). */
  static void synthUevent(String buf) throws ErrnoException {
    String action = KernelParse.streqName(buf).split(" ", 2)[0];
    if (!List.of("add", "remove", "change", "move", "online", "offline", "bind", "unbind")
        .contains(action)) {
      throw ErrnoException.of(Errno.EINVAL, "unknown uevent action '%s'", action);
    }
  }

  /** mappingN/{start,end,page_offset} (0400); ENXIO once the range is gone (get_dax_range). */
  static Node.Dir mappingDir(DevDax d, int id) {
    Map<String, Node> m = new LinkedHashMap<>();
    m.put("end", Node.Attr.ro(0400, () -> hash(range(d, id).end()) + "\n"));
    m.put("page_offset", Node.Attr.ro(0400, () -> hash(range(d, id).pgoff()) + "\n"));
    m.put("start", Node.Attr.ro(0400, () -> hash(range(d, id).start()) + "\n"));
    return dir(m);
  }

  static DevDaxRange range(DevDax d, int id) throws ErrnoException {
    List<Integer> ids = d.mappingIds();
    List<DevDaxRange> ranges = d.ranges();
    int i = ids.indexOf(id);
    if (i < 0 || i >= ranges.size()) {
      throw ErrnoException.of(Errno.ENXIO, "%s: mapping%d is gone", d.name(), id);
    }
    return ranges.get(i);
  }

  /** <parent>/dax_region: dax_region_attribute_group with dax_region_visible. */
  static Node.Dir region(DaxRegion r) {
    Map<String, Node> m = new LinkedHashMap<>();
    m.put("align", Node.Attr.ro(0400, () -> r.align() + "\n"));
    m.put("id", Node.Attr.ro(0444, () -> r.id() + "\n"));
    m.put("size", Node.Attr.ro(0444, () -> Long.toUnsignedString(r.size()) + "\n"));
    if (!r.isStatic()) {
      m.put("available_size", Node.Attr.ro(0444, () -> r.availableSize() + "\n"));
      m.put("create", Node.Attr.rw(0644, () -> name(r.youngest()) + "\n", buf -> {
        if (KernelParse.kstrtoint(buf, 0) != 1) {
          throw ErrnoException.of(Errno.EINVAL, "create takes 1");
        }
        r.create();
      }));
      m.put("delete", Node.Attr.wo(buf -> r.delete(KernelParse.streqName(buf))));
      m.put("seed", Node.Attr.ro(0444, () -> name(r.seed()) + "\n"));
    }
    return dir(sorted(m));
  }

  static String name(DevDax d) {
    return d == null ? "" : d.name();
  }

  /** /sys/bus/dax/drivers/NAME: bind, unbind, new_id, remove_id, uevent, bound devices. */
  static Node.Dir driver(DaxBus bus, DaxDriver drv) {
    Map<String, Node> m = new LinkedHashMap<>();
    m.put("bind", Node.Attr.wo(buf -> bus.bind(find(bus, buf), drv.name())));
    // module_add_driver(): the link to the driver's module (oracle: ls drivers/device_dax)
    m.put("module", new Node.Link("/sys/module/" + drv.name()));
    m.put("new_id", Node.Attr.wo(buf -> bus.newId(drv.name(), buf)));
    m.put("remove_id", Node.Attr.wo(buf -> bus.removeId(drv.name(), buf)));
    m.put("unbind", Node.Attr.wo(buf -> {
      DevDax d = find(bus, buf);
      if (d.driver() != drv) {
        throw ErrnoException.of(Errno.ENODEV, "%s is not bound to %s", d.name(), drv.name());
      }
      bus.unbind(d);
    }));
    m.put("uevent", Node.Attr.wo(DaxNodes::synthUevent));
    for (DevDax d : bus.devices()) {
      if (d.driver() == drv) {
        m.put(d.name(), new Node.Link(d.region().parentPath() + "/" + d.name()));
      }
    }
    return dir(sorted(m));
  }

  /** bus_find_device_by_name(): ENODEV when no registered device has that name. */
  static DevDax find(DaxBus bus, String buf) throws ErrnoException {
    DevDax d = bus.device(KernelParse.streqName(buf));
    if (d == null) {
      throw ErrnoException.of(Errno.ENODEV, "no dax device '%s'", KernelParse.streqName(buf));
    }
    return d;
  }

  /** /sys/bus/dax: devices/, drivers/, drivers_autoprobe, drivers_probe, uevent. */
  static Node.Dir bus(DaxBus bus) {
    Map<String, Node> m = new LinkedHashMap<>();
    Map<String, Node> devs = new LinkedHashMap<>();
    for (DevDax d : bus.devices()) {
      devs.put(d.name(), new Node.Link(d.region().parentPath() + "/" + d.name()));
    }
    Map<String, Node> drvs = new LinkedHashMap<>();
    for (DaxDriver drv : bus.drivers()) {
      drvs.put(drv.name(), lazy(() -> driver(bus, drv)));
    }
    m.put("devices", dir(sorted(devs)));
    m.put("drivers", dir(sorted(drvs)));
    // drivers_autoprobe: reads 1 (oracle, transcript power-attrs); turning it off is not modelled
    m.put("drivers_autoprobe", Node.Attr.ro(0444, () -> "1\n"));
    m.put("drivers_probe", Node.Attr.wo(buf -> bus.autoBind(find(bus, buf))));
    m.put("uevent", Node.Attr.wo(DaxNodes::synthUevent));
    return dir(m);
  }

  static Map<String, Node> sorted(Map<String, Node> m) {
    return new java.util.TreeMap<>(m);
  }
}
