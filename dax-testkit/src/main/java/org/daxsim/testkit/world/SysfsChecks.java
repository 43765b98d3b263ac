package org.daxsim.testkit.world;

import java.util.List;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;
import org.daxsim.bus.sysfs.Sysfs;
import org.daxsim.sim.Host;

/**
 * The sysfs attributes of the dax bus against the objects they describe (kernel-dax.md 2.9):
 * region size/align/id/available_size, the static-region hiding rules (invariant 35), device
 * size/align/resource, and the mappingN children (invariant 34).
 */
final class SysfsChecks {
  private static final String K = "kernel-dax#";
  private static final String S = "sysfs";

  private SysfsChecks() {}

  static void region(Host host, DaxRegion r, Findings out) {
    Sysfs fs = host.sysfs();
    String dir = r.parentPath() + "/dax_region";
    String o = host.name() + "/region" + r.id();
    attr(fs, dir + "/size", Long.toUnsignedString(r.size()), o, out);
    attr(fs, dir + "/align", Long.toString(r.align()), o, out);
    attr(fs, dir + "/id", Integer.toString(r.id()), o, out);
    if (r.isStatic()) {
      for (String hidden : List.of("available_size", "create", "seed", "delete")) {
        out.expect(!fs.exists(dir + "/" + hidden), K + "35",
            "static regions hide create/delete/seed/available_size", o, "%s is visible", hidden);
      }
    } else {
      attr(fs, dir + "/available_size", Long.toString(r.availableSize()), o, out);
      attr(fs, dir + "/seed", r.seed() == null ? "" : r.seed().name(), o, out);
    }
  }

  static void device(Host host, DevDax d, Findings out) {
    Sysfs fs = host.sysfs();
    String dir = "/sys/bus/dax/devices/" + d.name();
    String o = host.name() + "/" + d.name();
    attr(fs, dir + "/size", Long.toUnsignedString(d.size()), o, out);
    attr(fs, dir + "/align", Long.toString(d.align()), o, out);
    List<DevDaxRange> ranges = d.ranges();
    long resource = ranges.isEmpty() ? d.region().start() : ranges.get(0).start();
    attr(fs, dir + "/resource", hex(resource), o, out);
    if (d.region().isStatic()) {
      out.expect(!fs.exists(dir + "/mapping"), K + "35", "static devices have no mapping", o,
          "mapping is visible");
    }
    List<Integer> ids = d.mappingIds();
    out.expect(ids.size() == ranges.size(), K + "34", "one mappingN child per range", o,
        "%d mapping children, %d ranges", ids.size(), ranges.size());
    int children = 0;
    try {
      for (String name : fs.list(dir)) {
        if (name.matches("mapping\\d+")) {
          children++;
        }
      }
    } catch (org.daxsim.core.ErrnoException e) {
      out.add(S, "device directory listable", o, "%s: %s", dir, e.getMessage());
    }
    out.expect(children == ranges.size(), K + "34", "one mappingN directory per range", o,
        "%d mappingN directories, %d ranges", children, ranges.size());
    for (int i = 0; i < Math.min(ids.size(), ranges.size()); i++) {
      DevDaxRange x = ranges.get(i);
      String m = dir + "/mapping" + ids.get(i);
      String mo = o + " mapping" + ids.get(i);
      attr(fs, m + "/start", hex(x.start()), mo, out, K + "34");
      attr(fs, m + "/end", hex(x.end()), mo, out, K + "34");
      attr(fs, m + "/page_offset", hex(x.pgoff()), mo, out, K + "34");
    }
  }

  private static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  private static void attr(Sysfs fs, String path, String want, String o, Findings out) {
    attr(fs, path, want, o, out, S);
  }

  private static void attr(Sysfs fs, String path, String want, String o, Findings out,
      String id) {
    String got = BusChecks.read(fs, path, o, out);
    if (got != null && want.startsWith("0x") && got.startsWith("0x")) {
      try {
        got = hex(Long.parseUnsignedLong(got.substring(2), 16)); // values, not leading zeros
      } catch (NumberFormatException e) {
        // not a number: compared as text below, and reported
      }
    }
    if (got != null) {
      out.expect(got.equals(want), id, "attribute matches the object", o, "%s reads '%s', "
          + "object says '%s'", path.substring(path.lastIndexOf('/', path.lastIndexOf('/') - 1)
          + 1), got, want);
    }
  }
}
