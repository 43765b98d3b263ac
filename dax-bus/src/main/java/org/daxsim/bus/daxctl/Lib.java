package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.bus.sysfs.SysfsView;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * libdaxctl's context (daxctl/lib/libdaxctl.c struct daxctl_ctx): the regions and devices it
 * discovers through sysfs, cached as libdaxctl caches them, and the sysfs read/write helpers
 * of util/sysfs.c.
 */
final class Lib {
  static final String BUS_DEVICES = "/sys/bus/dax/devices";
  static final String CLASS_DAX = "/sys/class/dax";
  static final String DRIVERS = "/sys/bus/dax/drivers";

  final SysfsView sys;
  final Daxctl.ModuleLoader modules;
  final Daxctl.Files files;
  final Io io;
  private final List<LibRegion> regions = new ArrayList<>();
  private boolean regionsInit;
  /** daxctl_set_log_priority(ctx, LOG_DEBUG) (-v): libdaxctl's dbg() lines are printed. */
  boolean debug;

  Lib(SysfsView sys, Daxctl.ModuleLoader modules, Daxctl.Files files, Io io) {
    this.sys = sys;
    this.modules = modules;
    this.files = files;
    this.io = io;
  }

  /** dbg(ctx, ...) of libdaxctl: printed only at LOG_DEBUG. */
  void dbg(String fn, String msg) {
    if (debug) {
      io.libErr(fn, msg);
    }
  }

  /** util/sysfs.c __sysfs_read_attr: the text without its trailing newline, null on error. */
  String read(String path) {
    try {
      String s = sys.read(path);
      if (s.endsWith("\n")) {
        s = s.substring(0, s.length() - 1);
      }
      return s;
    } catch (ErrnoException e) {
      dbg("__sysfs_read_attr", "failed to open " + path + ": " + e.errno().strerror() + "\n");
      return null;
    }
  }

  /** The errno of a failed read (for messages that print it), 0 when it succeeds. */
  int readErrno(String path) {
    try {
      sys.read(path);
      return 0;
    } catch (ErrnoException e) {
      return e.errno().number();
    }
  }

  /** util/sysfs.c write_attr: 0 or -errno (a failure logged at debug unless quiet). */
  int write(String path, String value, boolean quiet) {
    try {
      sys.write(path, value);
      return 0;
    } catch (ErrnoException e) {
      Errno n = e.errno();
      if (n == Errno.ENOENT || n == Errno.EACCES || n == Errno.EISDIR) {
        dbg("write_attr", "failed to open " + path + ": " + n.strerror() + "\n");
      } else if (!quiet) {
        dbg("write_attr", "failed to write " + value + " to " + path + ": " + n.strerror()
            + "\n");
      }
      return n.neg();
    }
  }

  /** sysfs_write_attr. */
  int write(String path, String value) {
    return write(path, value, false);
  }

  /** opendir/readdir of a sysfs directory in the kernel's order; null when it cannot open. */
  List<String> readdir(String dir) {
    try {
      return KernfsOrder.readdir(sys.list(dir));
    } catch (ErrnoException e) {
      return null;
    }
  }

  /** realpath(3), or null. */
  String realpath(String path) {
    try {
      return sys.realpath(path);
    } catch (ErrnoException e) {
      return null;
    }
  }

  static String basename(String path) {
    int i = path.lastIndexOf('/');
    return i < 0 ? path : path.substring(i + 1);
  }

  static String strerror(int negErrno) {
    int n = Math.abs(negErrno);
    if (n == 0) {
      return "Success";
    }
    try {
      return Errno.of(n).strerror();
    } catch (RuntimeException e) {
      return "Unknown error " + n;
    }
  }

  /** daxctl_region_foreach: dax_regions_init then the list (newest region first). */
  List<LibRegion> regions() {
    if (!regionsInit) {
      regionsInit = true;
      scanRegions(CLASS_DAX, true);
      scanRegions(BUS_DEVICES, false);
    }
    return List.copyOf(regions);
  }

  /** __dax_regions_init: one region per distinct parent of a daxX.Y entry. */
  private void scanRegions(String subsys, boolean classModel) {
    if (!sys.exists(subsys)) {
      dbg("__dax_regions_init", "no dax regions found via: " + subsys + "\n");
      return;
    }
    List<String> names = readdir(subsys);
    if (names == null) {
      return;
    }
    for (String name : names) {
      int[] ids = Scan.daxName(name);
      if (ids == null) {
        continue;
      }
      String real = realpath(subsys + "/" + name);
      if (real == null || real.lastIndexOf('/') <= 0) {
        io.libErr("__dax_regions_init", "dax region path allocation failure\n");
        continue;
      }
      String path = real.substring(0, real.lastIndexOf('/'));
      if (classModel) {
        path = path.substring(0, Math.max(0, path.lastIndexOf('/')));
      }
      addRegion(ids[0], path);
    }
  }

  /** add_dax_region: dedup by path, read size and align, list_add (at the head). */
  private void addRegion(int id, String path) {
    dbg("add_dax_region", "add_dax_region: '" + path + "'\n");
    for (LibRegion r : regions) {
      if (r.path.equals(path)) {
        return;
      }
    }
    LibRegion r = new LibRegion(this, id, path);
    String s = read(path + "/dax_region/size");
    if (s != null) {
      r.size = Num.ull(s);
    }
    String a = read(path + "/dax_region/align");
    if (a != null) {
      r.align = Num.ull(a);
    }
    regions.add(0, r);
  }
}
