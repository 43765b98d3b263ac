package org.daxsim.bus.daxctl;

import org.daxsim.core.Errno;

/**
 * daxctl/device.c per-device actions: do_reconfig and the mode switches
 * (reconfig_mode_system_ram, reconfig_mode_devdax, and reconfig_mode_famfs from the ndctl
 * famfs patches), dev_online_memory / dev_offline_memory, do_xline, do_xble, dev_destroy.
 */
final class Modes {
  private final DeviceCommand c;

  Modes(DeviceCommand c) {
    this.c = c;
  }

  private StringBuilder err() {
    return c.io.err;
  }

  /** do_reconfig: align, then size (and stop), else the mode switch and its JSON. */
  int reconfig(LibDev dev, Json.Arr[] jdevs) {
    int rc;
    if (c.align > 0) {
      rc = dev.setAlign(c.align);
      if (rc < 0) {
        return rc;
      }
    }
    if (c.size >= 0) {
      return dev.setSize(c.size);
    }
    rc = switch (c.mode) {
      case DeviceCommand.MODE_RAM -> toSystemRam(dev);
      case DeviceCommand.MODE_DEVDAX -> toDevdax(dev);
      case DeviceCommand.MODE_FAMFS -> toFamfs(dev);
      default -> {
        err().append(dev.devname()).append(": unknown mode requested: ").append(c.mode)
            .append('\n');
        yield Errno.EINVAL.neg();
      }
    };
    if (rc < 0) {
      return rc;
    }
    jdevs[0] = new Json.Arr().add(JsonFormat.dev(dev, c.flags));
    return 0;
  }

  /** reconfig_mode_system_ram. */
  private int toSystemRam(LibDev dev) {
    if ((c.noOnline || !c.noMovable) && !c.force && dev.willAutoOnline()) {
      err().append(dev.devname())
          .append(": error: kernel policy will auto-online memory, aborting\n");
      return Errno.EBUSY.neg();
    }
    boolean skipEnable = false;
    if (dev.isEnabled()) {
      if (dev.memory() != null) {
        err().append(dev.devname()).append(" was already in system-ram mode\n");
        skipEnable = true;
      } else {
        int rc = disable(dev);
        if (rc != 0) {
          return rc;
        }
      }
    }
    if (!skipEnable) {
      int rc = dev.enable(LibDev.KMEM);
      if (rc != 0) {
        return rc;
      }
    }
    if (c.noOnline) {
      return 0;
    }
    return online(dev);
  }

  /** The daxctl_dev_disable call with daxctl's "disable failed" report. */
  private int disable(LibDev dev) {
    int rc = dev.disable();
    if (rc != 0) {
      err().append(dev.devname()).append(": disable failed: ").append(Lib.strerror(rc))
          .append('\n');
    }
    return rc;
  }

  /** disable_system_ram_device. */
  private int disableSystemRam(LibDev dev) {
    LibMemory mem = dev.memory();
    if (mem == null) {
      err().append(dev.devname()).append(" was already in devdax mode\n");
      return 1;
    }
    if (c.force) {
      int rc = offline(dev);
      if (rc < 0) {
        return rc;
      }
    }
    int rc = mem.isOnline();
    if (rc < 0) {
      err().append(dev.devname()).append(": failed to determine online state: ")
          .append(Lib.strerror(rc)).append('\n');
      return rc;
    }
    if (rc > 0) {
      if (c.verbose) {
        err().append(dev.devname()).append(": found ").append(rc)
            .append(" memory sections online\n");
        err().append(dev.devname()).append(": refusing to change modes\n");
      }
      return Errno.EBUSY.neg();
    }
    return disable(dev);
  }

  /** reconfig_mode_devdax (a famfs device is simply disabled, per the famfs patches). */
  private int toDevdax(LibDev dev) {
    if (dev.isEnabled()) {
      int rc = dev.isFamfs() ? disable(dev) : disableSystemRam(dev);
      if (rc != 0) {
        return rc;
      }
    }
    return dev.enable(LibDev.DEVICE_DAX);
  }

  /** reconfig_mode_famfs (ndctl famfs patch): devdax or famfs -> bind the fsdev driver. */
  private int toFamfs(LibDev dev) {
    if (dev.isEnabled()) {
      String drv = dev.driverName();
      if (LibDev.KMEM.equals(drv)) {
        err().append(dev.devname())
            .append(" is in system-ram mode; must be in devdax mode to convert to famfs\n");
        return Errno.EINVAL.neg();
      }
      if (!LibDev.DEVICE_DAX.equals(drv) && !LibDev.FSDEV.contains(drv)) {
        err().append(dev.devname()).append(": unknown mode\n");
        return Errno.EINVAL.neg();
      }
      int rc = disable(dev);
      if (rc != 0) {
        return rc;
      }
    }
    String drv = fsdevDriver(c.lib);
    return dev.enable(drv != null ? drv : LibDev.FSDEV.get(0));
  }

  /** The fsdev driver's directory name under /sys/bus/dax/drivers, or null without one. */
  static String fsdevDriver(Lib lib) {
    for (String name : LibDev.FSDEV) {
      if (lib.sys.exists(Lib.DRIVERS + "/" + name)) {
        return name;
      }
    }
    return null;
  }

  private static String plural(int n) {
    return n == 1 ? "" : "s";
  }

  /** dev_online_memory. */
  int online(LibDev dev) {
    String name = dev.devname();
    LibMemory mem = dev.memory();
    if (mem == null) {
      err().append(name).append(": failed to get the memory object\n");
      return Errno.ENXIO.neg();
    }
    int sections = mem.numSections();
    if (sections < 0) {
      err().append(name).append(": failed to get number of memory sections\n");
      return sections;
    }
    int on = mem.isOnline();
    if (on < 0) {
      err().append(name).append(": failed to determine online state: ")
          .append(Lib.strerror(on)).append('\n');
      return on;
    }
    if (on != 0) {
      err().append(name).append(":\n  WARNING: detected a race while onlining memory\n"
          + "  Some memory may not be in the expected zone. It is\n"
          + "  recommended to disable any other onlining mechanisms,\n"
          + "  and retry. If onlining is to be left to other agents,\n"
          + "  use the --no-online option to suppress this warning\n");
    }
    if (on == sections) {
      err().append(name).append(": all memory sections (").append(on)
          .append(") already online\n");
      return 1;
    }
    if (on > 0) {
      err().append(name).append(": ").append(on).append(" memory section")
          .append(plural(on)).append(" already online\n");
    }
    int rc = mem.online(!c.noMovable);
    if (rc < 0) {
      err().append(name).append(": failed to online memory: ").append(Lib.strerror(rc))
          .append('\n');
      return rc;
    }
    if (c.verbose) {
      err().append(name).append(": ").append(rc).append(" memory section").append(plural(rc))
          .append(" onlined\n");
    }
    on = mem.isOnline();
    if (on < 0) {
      err().append(name).append(": failed to determine online state: ")
          .append(Lib.strerror(on)).append('\n');
      return on;
    }
    if (on < sections) {
      err().append(name).append(": failed to online ").append(sections - on)
          .append(" memory sections\n");
      return Errno.ENXIO.neg();
    }
    return 0;
  }

  /** dev_offline_memory. */
  int offline(LibDev dev) {
    String name = dev.devname();
    LibMemory mem = dev.memory();
    if (mem == null) {
      err().append(name).append(": failed to get the memory object\n");
      return Errno.ENXIO.neg();
    }
    int sections = mem.numSections();
    if (sections < 0) {
      err().append(name).append(": failed to get number of memory sections\n");
      return sections;
    }
    int on = mem.isOnline();
    if (on < 0) {
      err().append(name).append(": failed to determine online state: ")
          .append(Lib.strerror(on)).append('\n');
      return on;
    }
    int off = sections - on;
    if (off == sections) {
      err().append(name).append(": all memory sections (").append(off)
          .append(") already offline\n");
      return 1;
    }
    if (off != 0) {
      err().append(name).append(": ").append(off).append(" memory section")
          .append(plural(off)).append(" already offline\n");
    }
    int rc = mem.offline();
    if (rc < 0) {
      err().append(name).append(": failed to offline memory: ").append(Lib.strerror(rc))
          .append('\n');
      return rc;
    }
    if (c.verbose) {
      err().append(name).append(": ").append(rc).append(" memory section").append(plural(rc))
          .append(" offlined\n");
    }
    on = mem.isOnline();
    if (on < 0) {
      err().append(name).append(": failed to determine online state: ")
          .append(Lib.strerror(on)).append('\n');
      return on;
    }
    if (on != 0) {
      err().append(name).append(": failed to offline ").append(on)
          .append(" memory sections\n");
      return Errno.ENXIO.neg();
    }
    return 0;
  }

  /** do_xline: online-memory / offline-memory, system-ram devices only. */
  int xline(LibDev dev, DeviceCommand.Action action) {
    if (dev.memory() == null) {
      err().append(dev.devname())
          .append(": memory operations are not applicable in devdax mode\n");
      return Errno.ENXIO.neg();
    }
    return action == DeviceCommand.Action.ONLINE ? online(dev) : offline(dev);
  }

  /** do_xble: enable-device / disable-device, not for system-ram devices. */
  int xble(LibDev dev, DeviceCommand.Action action) {
    if (dev.memory() != null) {
      err().append(dev.devname())
          .append(": status operations are only applicable in devdax mode\n");
      return Errno.ENXIO.neg();
    }
    if (action == DeviceCommand.Action.ENABLE) {
      int rc = dev.enable(LibDev.DEVICE_DAX);
      if (rc != 0) {
        err().append(dev.devname()).append(": enable failed: ").append(Lib.strerror(rc))
            .append('\n');
      }
      return rc;
    }
    return disable(dev);
  }

  /** dev_destroy: refuse an enabled device without -f, disable, size 0, delete. */
  int destroy(LibDev dev) {
    if (dev.isEnabled() && !c.force) {
      err().append(dev.devname()).append(" is active, specify --force for deletion\n");
      return Errno.ENXIO.neg();
    }
    int rc = disable(dev);
    if (rc != 0) {
      return rc;
    }
    rc = dev.setSize(0);
    if (rc < 0) {
      return rc;
    }
    rc = dev.region.destroyDev(dev);
    return rc < 0 ? rc : 0;
  }
}
