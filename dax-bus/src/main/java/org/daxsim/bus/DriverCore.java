package org.daxsim.bus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;

/**
 * The driver-core side of the dax bus: drivers/base/dd.c and bus.c as the dax bus uses them
 * (driver_attach, device_attach, bind/unbind stores, really_probe) with drivers/dax/bus.c's
 * dax_bus_match, dax_bus_probe, dax_bus_remove and the new_id lists under dax_bus_lock.
 */
final class DriverCore {
  /** sscanf(buf, "dax%d.%d") followed by the sysfs_streq against the reprinted name. */
  private static final Pattern ID = Pattern.compile("dax(-?[0-9]+)\\.(-?[0-9]+)");

  private final DaxBus bus;
  private final CopyOnWriteArrayList<DaxDriver> drivers = new CopyOnWriteArrayList<>();
  /** Per driver name, the new_id list (guarded by itself: dax_bus_lock). */
  private final Map<String, List<String>> ids = new LinkedHashMap<>();

  DriverCore(DaxBus bus) {
    this.bus = bus;
  }

  DaxDriver get(String name) {
    for (DaxDriver d : drivers) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  List<DaxDriver> all() {
    return List.copyOf(drivers);
  }

  /** __dax_driver_register() + driver_register(): then driver_attach(). */
  void register(DaxDriver driver) throws ErrnoException {
    Args.notNull(driver, "driver");
    Args.notNull(driver.name(), "driver name");
    Args.notNull(driver.type(), "driver type");
    bus.writeLockBoth();
    try {
      if (get(driver.name()) != null) {
        throw ErrnoException.of(Errno.EBUSY, "Driver '%s' is already registered", driver.name());
      }
      drivers.add(driver);
      synchronized (ids) {
        ids.put(driver.name(), new ArrayList<>());
      }
      attach(driver);
    } finally {
      bus.writeUnlockBoth();
    }
  }

  /**
   * dax_bus_match(): an explicit new_id entry matches; otherwise linux-6.1 matches the
   * device_dax driver always (match_always) and nothing else, and later kernels match by type
   * (dax_match_type): a KMEM-flagged region's devices to kmem, all others to device_dax. fsdev
   * never matches by type.
   */
  boolean match(DevDax dev, DaxDriver drv) {
    if (matchId(drv, dev.name())) {
      return true;
    }
    if (bus.profile() == KernelProfile.LINUX_6_1) {
      return drv.type() == DaxDriverType.DEVICE;
    }
    DaxDriverType type = dev.region().hasKmemFlag() ? DaxDriverType.KMEM : DaxDriverType.DEVICE;
    return drv.type() == type;
  }

  private boolean matchId(DaxDriver drv, String devName) {
    synchronized (ids) {
      List<String> l = ids.get(drv.name());
      return l != null && l.contains(devName);
    }
  }

  /** drivers/base/bus.c bind_store() with device_driver_attach(). */
  void bind(DevDax dev, String driverName) throws ErrnoException {
    Args.notNull(dev, "dev");
    bus.writeLockBoth();
    try {
      DaxDriver drv = get(driverName);
      if (drv == null) {
        throw ErrnoException.of(Errno.ENODEV, "no dax driver '%s'", driverName);
      }
      if (!dev.isRegistered(bus) || !match(dev, drv)) {
        throw ErrnoException.of(Errno.ENODEV, "%s does not match driver %s", dev.name(),
            drv.name());
      }
      if (dev.driver() != null) {
        throw ErrnoException.of(Errno.EBUSY, "%s is bound to %s", dev.name(),
            dev.driver().name());
      }
      probe(dev, drv);
    } finally {
      bus.writeUnlockBoth();
    }
  }

  /** unbind_store()/device_release_driver(): dax_bus_remove, then the devm kill_dev_dax. */
  void unbind(DevDax dev) throws ErrnoException {
    Args.notNull(dev, "dev");
    bus.writeLockBoth();
    try {
      DaxDriver drv = dev.driver();
      if (!dev.isRegistered(bus) || drv == null) {
        throw ErrnoException.of(Errno.ENODEV, "%s is not bound", dev.name());
      }
      drv.remove(dev);
      dev.killDevDax();
      dev.setDriver(null);
      bus.dbg("%s: unbound from %s", dev.name(), drv.name());
    } finally {
      bus.writeUnlockBoth();
    }
  }

  /** do_id_store(ID_ADD), then driver_attach(). */
  void newId(String driverName, String text) throws ErrnoException {
    String name = parseId(text);
    bus.writeLockBoth();
    try {
      DaxDriver drv = known(driverName);
      synchronized (ids) {
        List<String> l = ids.get(drv.name());
        if (!l.contains(name)) {
          l.add(0, name);
        }
      }
      attach(drv);
    } finally {
      bus.writeUnlockBoth();
    }
  }

  /** do_id_store(ID_REMOVE). */
  void removeId(String driverName, String text) throws ErrnoException {
    String name = parseId(text);
    DaxDriver drv = known(driverName);
    synchronized (ids) {
      ids.get(drv.name()).remove(name);
    }
  }

  List<String> ids(String driverName) throws ErrnoException {
    DaxDriver drv = known(driverName);
    synchronized (ids) {
      return List.copyOf(ids.get(drv.name()));
    }
  }

  /** device_attach(): the first matching driver whose probe succeeds binds the device. */
  boolean autoBind(DevDax dev) throws ErrnoException {
    Args.notNull(dev, "dev");
    bus.writeLockBoth();
    try {
      if (!dev.isRegistered(bus)) {
        throw ErrnoException.of(Errno.ENODEV, "%s is not registered", dev.name());
      }
      if (dev.driver() != null) {
        return true;
      }
      for (DaxDriver drv : drivers) {
        if (match(dev, drv) && tryProbe(dev, drv)) {
          return true;
        }
      }
      return false;
    } finally {
      bus.writeUnlockBoth();
    }
  }

  /** driver_attach(): every unbound registered device the driver matches is probed. */
  private void attach(DaxDriver drv) throws ErrnoException {
    for (DevDax dev : bus.devices()) {
      if (dev.driver() == null && match(dev, drv)) {
        tryProbe(dev, drv);
      }
    }
  }

  private boolean tryProbe(DevDax dev, DaxDriver drv) throws ErrnoException {
    try {
      probe(dev, drv);
      return true;
    } catch (ErrnoException e) {
      bus.dbg("%s: probe of %s failed with error %d", drv.name(), dev.name(), e.errno().neg());
      return false;
    }
  }

  /**
   * really_probe() + dax_bus_probe(): the driver is set while probing; a 0-size device or one
   * whose id was freed is ENXIO; a failed probe unbinds again and runs the devm unwind
   * (kill_dev_dax); a successful one clears the region's seed if it was this device.
   */
  private void probe(DevDax dev, DaxDriver drv) throws ErrnoException {
    dev.setDriver(drv);
    try {
      if (dev.size() == 0 || dev.id() < 0) {
        throw ErrnoException.of(Errno.ENXIO, "%s: size 0 or no id", dev.name());
      }
      drv.probe(dev);
    } catch (ErrnoException | RuntimeException e) {
      dev.setDriver(null);
      dev.killDevDax();
      throw e;
    }
    DaxRegion region = dev.region();
    if (!region.isStatic() && region.seed() == dev) {
      region.setSeed(null);
    }
    bus.dbg("%s: bound to %s", dev.name(), drv.name());
  }

  private DaxDriver known(String driverName) throws ErrnoException {
    DaxDriver drv = get(driverName);
    if (drv == null) {
      throw ErrnoException.of(Errno.ENODEV, "no dax driver '%s'", driverName);
    }
    return drv;
  }

  /** do_id_store()'s parse: "dax%d.%d" reprinted must equal the input (sysfs_streq). */
  static String parseId(String text) throws ErrnoException {
    Args.notNull(text, "id");
    String s = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    Matcher m = ID.matcher(s);
    if (m.matches()) {
      try {
        String canonical = "dax" + Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2));
        if (canonical.equals(s)) {
          return canonical;
        }
      } catch (NumberFormatException e) {
        // out of int range: sscanf's %d cannot reprint it
      }
    }
    throw ErrnoException.of(Errno.EINVAL, "'%s' is not a dax device name", s);
  }
}
