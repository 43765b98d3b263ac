package org.daxsim.testkit.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.daxsim.bus.DaxDriver;
import org.daxsim.bus.DaxDriverType;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;
import org.daxsim.bus.sysfs.Sysfs;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.Resource;
import org.daxsim.sim.Host;

/**
 * The bus invariants of kernel-dax.md section 10 that a world's state shows, for one host:
 * 1-4 (pgoff space and physical placement), 5 (available size), 6 (size and alignment),
 * 10 (alive iff bound to a driver that runs the dax device), 13 (unique minors), 18 (0-size
 * devices), 19 (seed), 20 (align values), 34 (mappingN children), 35 (static regions); and
 * the sysfs attributes against the objects. Computed from the ranges alone, not from the
 * bus's own bookkeeping (available size is recomputed, pgoff_to_phys is checked against
 * the arithmetic of invariant 1).
 */
final class BusChecks {
  static final long PAGE = 4096;
  static final long SUBSECTION = 2L << 20;
  private static final String K = "kernel-dax#";

  private final Host host;
  private final Findings out;

  private BusChecks(Host host, Findings out) {
    this.host = host;
    this.out = out;
  }

  static void check(Host host, Findings out) {
    new BusChecks(host, out).run();
  }

  private String obj(Object o) {
    return host.name() + "/" + o;
  }

  private void run() {
    Map<Integer, String> minors = new HashMap<>();
    for (DaxRegion r : host.regions()) {
      region(r);
      for (DevDax d : r.devices()) {
        device(r, d);
        if (d.daxDevice() != null) {
          String other = minors.put(d.daxDevice().minor(), d.name());
          out.expect(other == null, K + "13", "minors unique among live devices", obj(d.name()),
              "minor %d also used by %s", d.daxDevice().minor(), other);
        }
      }
    }
  }

  private void region(DaxRegion r) {
    String o = obj("region" + r.id());
    List<long[]> all = new ArrayList<>();
    long used = 0;
    for (DevDax d : r.devices()) {
      for (DevDaxRange x : d.ranges()) {
        all.add(new long[] {x.start(), x.end()});
        used += x.end() - x.start() + 1;
        out.expect(x.start() >= r.start() && x.end() <= r.end() && x.start() <= x.end(),
            K + "4", "ranges inside region.res", obj(d.name()),
            "range %#x-%#x outside region %#x-%#x", x.start(), x.end(), r.start(), r.end());
      }
    }
    all.sort((a, b) -> Long.compare(a[0], b[0]));
    for (int i = 1; i < all.size(); i++) {
      out.expect(all.get(i)[0] > all.get(i - 1)[1], K + "4",
          "ranges of a region pairwise disjoint", o, "%#x-%#x overlaps %#x-%#x",
          all.get(i - 1)[0], all.get(i - 1)[1], all.get(i)[0], all.get(i)[1]);
    }
    if (!r.isStatic()) {
      long expect = r.size() - used;
      out.expect(r.availableSize() == expect, K + "5", "available_size = size - sum(ranges)",
          o, "available_size %d, size %d - ranges %d = %d", r.availableSize(), r.size(), used,
          expect);
      resourceChildren(r, o);
      DevDax seed = r.seed();
      if (seed != null) {
        out.expect(seed.isRegistered() && r.device(seed.name()) == seed && !seed.isBound(),
            K + "19", "seed is a registered unbound device of the region", o,
            "seed %s (registered %s, bound %s)", seed.name(), seed.isRegistered(),
            seed.isBound());
      }
    } else {
      out.expect(r.devices().size() == 1, K + "35", "a static region has exactly one device",
          o, "%d devices", r.devices().size());
    }
    SysfsChecks.region(host, r, out);
  }

  private void resourceChildren(DaxRegion r, String o) {
    long children = 0;
    for (Resource c : r.resource().children()) {
      children += c.size();
    }
    long ranges = 0;
    for (DevDax d : r.devices()) {
      ranges += d.size();
    }
    out.expect(children == ranges, K + "4", "every range is a child resource of region.res", o,
        "child resources cover %d bytes, device ranges %d", children, ranges);
  }

  private void device(DaxRegion r, DevDax d) {
    String o = obj(d.name());
    out.expect(d.isRegistered() && d.name().equals("dax" + r.id() + "." + d.id()), "bus",
        "a listed device is registered and named daxR.N", o, "registered %s, id %d",
        d.isRegistered(), d.id());
    List<DevDaxRange> ranges = d.ranges();
    out.expect(ranges.size() == d.nrRange(), K + "3", "nr_range = number of ranges", o,
        "nr_range %d, %d ranges", d.nrRange(), ranges.size());
    long pgoff = 0;
    long size = 0;
    long unit = Math.max(d.align(), SUBSECTION);
    for (int i = 0; i < ranges.size(); i++) {
      DevDaxRange x = ranges.get(i);
      String ro = o + " range " + i;
      out.expect(x.pgoff() == pgoff, K + "3", "pgoff space gap-free in index order", ro,
          "pgoff %#x, expected %#x", x.pgoff(), pgoff);
      long len = x.end() - x.start() + 1;
      out.expect(x.start() % PAGE == 0 && len > 0 && len % PAGE == 0, K + "4",
          "ranges page aligned and non-empty", ro, "%#x-%#x", x.start(), x.end());
      out.expect(len % unit == 0, K + "6", "range lengths multiple of max(align, 2M)", ro,
          "length %#x, align %#x", len, d.align());
      for (int j = 0; j < i; j++) {
        DevDaxRange y = ranges.get(j);
        out.expect(x.end() < y.start() || y.end() < x.start(), K + "4",
            "ranges of one device never overlap", ro, "overlaps range %d", j);
      }
      pgoffToPhys(d, x, ro);
      pgoff = x.pgoff() + len / PAGE;
      size += len;
    }
    out.expect(d.size() == size, K + "6", "size = sum of range lengths", o,
        "size %d, ranges %d", d.size(), size);
    out.expect(d.pgoffToPhys(pgoff, PAGE) == -1, K + "2",
        "pgoff_to_phys is -1 past the last range", o, "pgoff %#x gave %#x", pgoff,
        d.pgoffToPhys(pgoff, PAGE));
    long a = d.align();
    out.expect(a == PAGE || a == SUBSECTION || a == 1L << 30, K + "20",
        "align is 4K, 2M or 1G", o, "align %#x", a);
    if (ranges.isEmpty()) {
      out.expect(!d.isBound(), K + "18", "a 0-size device cannot be bound", o,
          "bound to %s", d.driver() == null ? null : d.driver().name());
    }
    alive(d, o);
    SysfsChecks.device(host, d, out);
  }

  /**
   * Invariants 1 and 2 at the first, middle and last page of a range, and the pgoff→phys map
   * being one-to-one: the formula maps disjoint pgoff intervals onto the (disjoint) ranges.
   */
  private void pgoffToPhys(DevDax d, DevDaxRange x, String ro) {
    long pages = (x.end() - x.start() + 1) / PAGE;
    for (long k : new long[] {0, pages / 2, pages - 1}) {
      long want = x.start() + k * PAGE;
      long got = d.pgoffToPhys(x.pgoff() + k, PAGE);
      out.expect(got == want, K + "1", "pgoff_to_phys = start + (pgoff - range.pgoff) * 4096",
          ro, "pgoff %#x -> %#x, expected %#x", x.pgoff() + k, got, want);
    }
    long crossing = d.pgoffToPhys(x.pgoff() + pages - 1, 2 * PAGE);
    out.expect(crossing == -1, K + "2", "a span past the range end gives -1", ro,
        "2 pages at the last pgoff %#x gave %#x", x.pgoff() + pages - 1, crossing);
  }

  private void alive(DevDax d, String o) {
    if (d.daxDevice() == null) {
      return;
    }
    boolean alive = d.daxDevice().isAlive();
    DaxDriver drv = d.driver();
    boolean runs = drv != null && drv.type() != DaxDriverType.KMEM;
    out.expect(alive == runs, K + "10", "dax device alive iff bound to device_dax/fsdev", o,
        "alive %s, driver %s", alive, drv == null ? "none" : drv.name());
  }

  /** The sysfs text of {@code path}, or null (with a violation) when it cannot be read. */
  static String read(Sysfs sysfs, String path, String object, Findings out) {
    try {
      return sysfs.read(path).strip();
    } catch (ErrnoException e) {
      out.add("sysfs", "attributes readable", object, "%s: %s", path, e.getMessage());
      return null;
    }
  }
}
