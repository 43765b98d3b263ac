package org.daxsim.bus;

import static org.daxsim.bus.DeviceDaxTestHost.BASE;
import static org.daxsim.bus.DeviceDaxTestHost.MiB;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.ErrnoException;
import org.daxsim.prop.Gen;

/**
 * A generated multi-range device layout and the test's own model of it: ranges in mapping
 * (pgoff) order, each {start, end} inclusive, 2 MiB multiples placed with random gaps in
 * physical order and then written in a random order.
 */
record DevDaxOpsLayout(List<long[]> ranges) {
  /** 1 to 4 ranges of 1 to 4 x 2 MiB, gaps of 0 to 3 x 2 MiB, shuffled. */
  static Gen<DevDaxOpsLayout> layouts() {
    return src -> {
      int n = src.chooseInt(1, 4);
      List<long[]> physical = new ArrayList<>();
      long at = BASE + src.choose(0, 3) * 2 * MiB;
      for (int i = 0; i < n; i++) {
        long len = src.choose(1, 4) * 2 * MiB;
        physical.add(new long[] {at, at + len - 1});
        at += len + src.choose(0, 3) * 2 * MiB;
      }
      List<long[]> order = new ArrayList<>();
      while (!physical.isEmpty()) {
        order.add(physical.remove(src.chooseInt(0, physical.size() - 1)));
      }
      return new DevDaxOpsLayout(order);
    };
  }

  DevDax create(DeviceDaxTestHost h) throws ErrnoException {
    long[] flat = new long[ranges.size() * 2];
    for (int i = 0; i < ranges.size(); i++) {
      flat[2 * i] = ranges.get(i)[0];
      flat[2 * i + 1] = ranges.get(i)[1];
    }
    return h.device(flat);
  }

  long pages() {
    long p = 0;
    for (long[] r : ranges) {
      p += (r[1] - r[0] + 1) >>> 12;
    }
    return p;
  }

  /** The model: physical address of device page {@code pgoff}, or -1. */
  long phys(long pgoff) {
    long first = 0;
    for (long[] r : ranges) {
      long pages = (r[1] - r[0] + 1) >>> 12;
      if (pgoff >= first && pgoff < first + pages) {
        return r[0] + ((pgoff - first) << 12);
      }
      first += pages;
    }
    return -1;
  }

  /** The model: pages from {@code pgoff} to the end of its range. */
  long pagesToRangeEnd(long pgoff) {
    long first = 0;
    for (long[] r : ranges) {
      long pages = (r[1] - r[0] + 1) >>> 12;
      if (pgoff >= first && pgoff < first + pages) {
        return first + pages - pgoff;
      }
      first += pages;
    }
    return 0;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("layout[");
    for (long[] r : ranges) {
      b.append(String.format(" %#x-%#x", r[0], r[1]));
    }
    return b.append(" ]").toString();
  }
}
