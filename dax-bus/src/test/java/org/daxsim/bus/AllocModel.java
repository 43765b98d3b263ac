package org.daxsim.bus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.daxsim.core.Errno;
import org.daxsim.core.KernelProfile;

/**
 * An independent, deliberately simple model of the dax bus allocator for the stateful test:
 * regions hold devices, devices hold a list of {start, end} in pgoff order, and the used
 * intervals of a region are found by walking every device's ranges linearly. It shares no code
 * with the production classes. Each operation returns the errno the kernel would give, or null.
 */
final class AllocModel {
  static final long TWO_M = 2L << 20;

  static final class Dev {
    final Region region;
    final int id;
    long align;
    boolean bound;
    final List<long[]> ranges = new ArrayList<>();

    Dev(Region region, int id, long align) {
      this.region = region;
      this.id = id;
      this.align = align;
    }

    String name() {
      return "dax" + region.id + "." + id;
    }

    long size() {
      long s = 0;
      for (long[] r : ranges) {
        s += r[1] - r[0] + 1;
      }
      return s;
    }

    long gran() {
      return Math.max(align, TWO_M);
    }
  }

  static final class Region {
    final int id;
    final long start;
    final long end;
    final boolean isStatic;
    final boolean kmem;
    final long align;
    final TreeMap<Integer, Dev> devs = new TreeMap<>();
    Dev seed;
    Dev youngest;
    /** A mapping write placed a range at a start that is not 2 MiB aligned (never checked). */
    boolean unalignedStart;

    Region(int id, long start, long size, boolean isStatic, boolean kmem, long align) {
      this.id = id;
      this.start = start;
      this.end = start + size - 1;
      this.isStatic = isStatic;
      this.kmem = kmem;
      this.align = align;
    }

    /** Every allocated range in address order: {start, end, owner index in all devs}. */
    List<Object[]> used() {
      List<Object[]> u = new ArrayList<>();
      for (Dev d : devs.values()) {
        for (long[] r : d.ranges) {
          u.add(new Object[] {r[0], r[1], d});
        }
      }
      u.sort(Comparator.comparingLong(o -> (Long) o[0]));
      return u;
    }

    long avail() {
      long a = end - start + 1;
      for (Object[] o : used()) {
        a -= (Long) o[1] - (Long) o[0] + 1;
      }
      return a;
    }

    /** The first free gap in address order, {start, end}, or null. */
    long[] firstGap() {
      long cursor = start;
      for (Object[] o : used()) {
        if ((Long) o[0] > cursor) {
          return new long[] {cursor, (Long) o[0] - 1};
        }
        cursor = (Long) o[1] + 1;
      }
      return cursor <= end ? new long[] {cursor, end} : null;
    }

    boolean isFree(long s, long e) {
      if (s < start || e > end) {
        return false;
      }
      for (Object[] o : used()) {
        if (s <= (Long) o[1] && (Long) o[0] <= e) {
          return false;
        }
      }
      return true;
    }

    Dev owner(long addr) {
      for (Object[] o : used()) {
        if ((Long) o[0] <= addr && addr <= (Long) o[1]) {
          return (Dev) o[2];
        }
      }
      return null;
    }
  }

  final KernelProfile profile;
  final List<Region> regions = new ArrayList<>();

  AllocModel(KernelProfile profile) {
    this.profile = profile;
  }

  List<Dev> devices() {
    List<Dev> all = new ArrayList<>();
    for (Region r : regions) {
      all.addAll(r.devs.values());
    }
    return all;
  }

  Dev dev(String name) {
    for (Dev d : devices()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** A producer's first device: whole region (or idle), bound when it has a size. */
  void produce(Region r, long size, int id) {
    regions.add(r);
    Dev d = new Dev(r, id, r.align);
    if (size > 0) {
      d.ranges.add(new long[] {r.start, r.start + size - 1});
      d.bound = true;
    }
    r.devs.put(id, d);
  }

  Errno create(Region r) {
    if (r.isStatic) {
      return Errno.EINVAL;
    }
    if (r.avail() == 0) {
      return Errno.ENOSPC;
    }
    int id = 0;
    while (r.devs.containsKey(id)) {
      id++;
    }
    Dev d = new Dev(r, id, r.align);
    r.devs.put(id, d);
    if (r.seed == null) {
      r.seed = d;
    }
    r.youngest = d;
    return null;
  }

  Errno delete(Region r, String name) {
    if (r.isStatic) {
      return Errno.EINVAL;
    }
    Dev d = null;
    for (Dev x : r.devs.values()) {
      if (x.name().equals(name)) {
        d = x;
      }
    }
    if (d == null) {
      return Errno.ENXIO;
    }
    if (d.bound || d.size() != 0 || d.id == 0) {
      return Errno.EBUSY;
    }
    r.devs.remove(d.id);
    if (r.seed == d) {
      r.seed = null;
    }
    if (r.youngest == d) {
      r.youngest = null;
    }
    return null;
  }

  Errno resize(Dev d, long size) {
    if (d.region.isStatic) {
      return Errno.EACCES;
    }
    if ((size & (d.gran() - 1)) != 0) {
      return Errno.EINVAL;
    }
    if (d.bound) {
      return Errno.EBUSY;
    }
    long cur = d.size();
    if (size == cur) {
      return null;
    }
    if (Long.compareUnsigned(size, cur) > 0
        && Long.compareUnsigned(size - cur, d.region.avail()) > 0) {
      return Errno.ENOSPC;
    }
    if (Long.compareUnsigned(size, cur) < 0) {
      long cut = cur - size;
      while (cut > 0) {
        long[] last = d.ranges.get(d.ranges.size() - 1);
        long len = last[1] - last[0] + 1;
        if (cut >= len) {
          d.ranges.remove(d.ranges.size() - 1);
          cut -= len;
        } else {
          last[1] -= cut;
          cut = 0;
        }
      }
      return null;
    }
    long need = size - cur;
    while (need > 0) {
      long[] gap = d.region.firstGap();
      long take = Math.min(gap[1] - gap[0] + 1, need);
      long[] last = d.ranges.isEmpty() ? null : d.ranges.get(d.ranges.size() - 1);
      if (gap[0] > d.region.start && last != null && last[1] == gap[0] - 1) {
        last[1] += take;
      } else {
        d.ranges.add(new long[] {gap[0], gap[0] + take - 1});
      }
      need -= take;
    }
    return null;
  }

  Errno mapping(Dev d, long s, long e) {
    if (d.region.isStatic) {
      return Errno.ENOENT;
    }
    long len = e - s + 1;
    if ((len & (d.gran() - 1)) != 0) {
      return profile == KernelProfile.LINUX_6_1 ? Errno.ENXIO : null;
    }
    if (len == 0) {
      return d.ranges.isEmpty() ? null : Errno.EBUSY;
    }
    if (s < 0 || len < 0 || !d.region.isFree(s, e) || e < s) {
      return Errno.ENOMEM;
    }
    d.ranges.add(new long[] {s, e});
    if (s % TWO_M != 0) {
      d.region.unalignedStart = true;
    }
    return null;
  }

  Errno align(Dev d, long a) {
    if (d.region.isStatic) {
      return Errno.EACCES;
    }
    if (a != 4096 && a != TWO_M && a != (1L << 30)) {
      return Errno.EINVAL;
    }
    if (d.bound) {
      return Errno.EBUSY;
    }
    long gran = Math.max(a, TWO_M);
    for (long[] r : d.ranges) {
      if ((r[1] - r[0] + 1) % gran != 0) {
        return Errno.EINVAL;
      }
    }
    d.align = a;
    return null;
  }

  Errno bind(Dev d, boolean probeFails) {
    if (d.bound) {
      return Errno.EBUSY;
    }
    if (d.size() == 0) {
      return Errno.ENXIO;
    }
    if (probeFails) {
      return Errno.EIO;
    }
    d.bound = true;
    if (!d.region.isStatic && d.region.seed == d) {
      d.region.seed = null;
    }
    return null;
  }

  Errno unbind(Dev d) {
    if (!d.bound) {
      return Errno.ENODEV;
    }
    d.bound = false;
    return null;
  }

  /** The driver that dax_bus_match picks for the device's region under this profile. */
  String matchingDriver(Dev d) {
    if (profile == KernelProfile.LINUX_6_1 || !d.region.kmem) {
      return "device_dax";
    }
    return "kmem";
  }
}
