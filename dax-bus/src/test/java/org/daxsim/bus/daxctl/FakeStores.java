package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/** The store methods of {@link FakeSysfs}, with the kernel's checks and errnos. */
final class FakeStores {
  private FakeStores() {}

  private static ErrnoException err(Errno e) {
    return new ErrnoException(e, "fake store");
  }

  /** kstrtoull(buf, 0): EINVAL on junk. */
  static long parse(String v, Errno onBad) throws ErrnoException {
    try {
      if (v.startsWith("0x") || v.startsWith("0X")) {
        return Long.parseUnsignedLong(v.substring(2), 16);
      }
      return Long.parseUnsignedLong(v);
    } catch (NumberFormatException e) {
      throw err(onBad);
    }
  }

  static void create(FakeSysfs s, String v) throws ErrnoException {
    if (parse(v, Errno.EINVAL) != 1) {
      throw err(Errno.EINVAL);
    }
    if (s.avail() == 0) {
      throw err(Errno.ENOSPC);
    }
    int id = 0;
    while (s.devs.containsKey(id)) {
      id++;
    }
    s.devs.put(id, new FakeSysfs.Dev(id));
    if (s.seed == null) {
      s.seed = id;
    }
  }

  static void delete(FakeSysfs s, String v) throws ErrnoException {
    FakeSysfs.Dev d = null;
    if (v.startsWith("dax0.")) {
      try {
        d = s.devs.get(Integer.parseInt(v.substring(5)));
      } catch (NumberFormatException e) {
        d = null;
      }
    }
    if (d == null) {
      throw err(Errno.ENXIO);
    }
    if (d.driver != null || d.size() != 0 || d.id == 0) {
      throw err(Errno.EBUSY);
    }
    s.devs.remove(d.id);
    if (s.seed != null && s.seed == d.id) {
      s.seed = null;
    }
  }

  static void devStore(FakeSysfs s, FakeSysfs.Dev d, String attr, String v)
      throws ErrnoException {
    switch (attr) {
      case "size" -> resize(s, d, parse(v, Errno.EINVAL));
      case "align" -> {
        long a = parse(v, Errno.ENXIO);
        if (a != 4096 && a != 2 * FakeSysfs.MB && a != FakeSysfs.GB) {
          throw err(Errno.EINVAL);
        }
        if (d.driver != null) {
          throw err(Errno.EBUSY);
        }
        for (long[] r : d.ranges) {
          if ((r[2] - r[1] + 1) % Math.max(a, 2 * FakeSysfs.MB) != 0) {
            throw err(Errno.EINVAL);
          }
        }
        d.align = a;
      }
      case "mapping" -> mapping(s, d, v);
      default -> throw err(Errno.EACCES);
    }
  }

  private static void mapping(FakeSysfs s, FakeSysfs.Dev d, String v) throws ErrnoException {
    String[] p = v.split("-");
    if (p.length != 2) {
      throw err(Errno.EINVAL);
    }
    long st = parse(p[0].startsWith("0x") ? p[0] : "0x" + p[0], Errno.EINVAL);
    long en = parse(p[1].startsWith("0x") ? p[1] : "0x" + p[1], Errno.EINVAL);
    if (st < s.start || en > s.start + s.size - 1 || en < st || overlaps(s, st, en)) {
      throw err(Errno.ENOMEM);
    }
    if ((en - st + 1) % Math.max(d.align, 2 * FakeSysfs.MB) != 0) {
      throw err(Errno.ENXIO);
    }
    d.ranges.add(new long[] {d.size() >> 12, st, en});
  }

  private static boolean overlaps(FakeSysfs s, long st, long en) {
    for (FakeSysfs.Dev o : s.devs.values()) {
      for (long[] r : o.ranges) {
        if (st <= r[2] && en >= r[1]) {
          return true;
        }
      }
    }
    return false;
  }

  /** size_store + dev_dax_resize with a first-fit allocator. */
  private static void resize(FakeSysfs s, FakeSysfs.Dev d, long val) throws ErrnoException {
    if (val % Math.max(d.align, 2 * FakeSysfs.MB) != 0) {
      throw err(Errno.EINVAL);
    }
    if (d.driver != null) {
      throw err(Errno.EBUSY);
    }
    long cur = d.size();
    if (val == cur) {
      return;
    }
    if (val > cur && val - cur > s.avail()) {
      throw err(Errno.ENOSPC);
    }
    while (d.size() > val) {
      long[] last = d.ranges.get(d.ranges.size() - 1);
      long excess = d.size() - val;
      if (last[2] - last[1] + 1 <= excess) {
        d.ranges.remove(d.ranges.size() - 1);
      } else {
        last[2] -= excess;
      }
    }
    while (d.size() < val) {
      long need = val - d.size();
      long[] gap = firstGap(s);
      long take = Math.min(need, gap[1] - gap[0] + 1);
      long[] last = d.ranges.isEmpty() ? null : d.ranges.get(d.ranges.size() - 1);
      if (last != null && last[2] + 1 == gap[0]) {
        last[2] += take;
      } else {
        d.ranges.add(new long[] {d.size() >> 12, gap[0], gap[0] + take - 1});
      }
    }
  }

  private static long[] firstGap(FakeSysfs s) {
    List<long[]> used = new ArrayList<>();
    for (FakeSysfs.Dev o : s.devs.values()) {
      used.addAll(o.ranges);
    }
    used.sort((a, b) -> Long.compare(a[1], b[1]));
    long pos = s.start;
    for (long[] r : used) {
      if (r[1] > pos) {
        return new long[] {pos, r[1] - 1};
      }
      pos = Math.max(pos, r[2] + 1);
    }
    return new long[] {pos, s.start + s.size - 1};
  }

  static void driverStore(FakeSysfs s, String drv, String attr, String v)
      throws ErrnoException {
    switch (attr) {
      case "new_id" -> {
        if (!v.matches("dax\\d+\\.\\d+")) {
          throw err(Errno.EINVAL);
        }
        s.newIds.computeIfAbsent(drv, k -> new HashSet<>()).add(v);
        // driver_attach: every unbound device the driver matches (device_dax matches all
        // on linux 6.1, dax_bus_match's match_always); probe failures are ignored
        for (FakeSysfs.Dev d : List.copyOf(s.devs.values())) {
          boolean match = drv.equals("device_dax") || s.newIds.get(drv).contains("dax0." + d.id);
          if (d.driver == null && match) {
            try {
              probe(s, d, drv);
            } catch (ErrnoException e) {
              // ignored, as driver_attach does
            }
          }
        }
      }
      case "remove_id" -> {
        if (s.newIds.containsKey(drv)) {
          s.newIds.get(drv).remove(v);
        }
      }
      case "bind" -> {
        FakeSysfs.Dev d = byName(s, v);
        if (d == null) {
          throw err(Errno.ENODEV);
        }
        if (d.driver != null) {
          throw err(Errno.EBUSY);
        }
        probe(s, d, drv);
      }
      case "unbind" -> {
        FakeSysfs.Dev d = byName(s, v);
        if (d == null || !drv.equals(d.driver)) {
          throw err(Errno.ENODEV);
        }
        if (drv.equals("kmem")) {
          s.blocks.entrySet().removeIf(e -> inDev(d, e.getKey()));
        }
        d.driver = null;
      }
      default -> throw err(Errno.EACCES);
    }
  }

  private static boolean inDev(FakeSysfs.Dev d, long block) {
    long a = block * FakeSysfs.BLOCK;
    for (long[] r : d.ranges) {
      if (a >= r[1] && a + FakeSysfs.BLOCK - 1 <= r[2]) {
        return true;
      }
    }
    return false;
  }

  private static FakeSysfs.Dev byName(FakeSysfs s, String v) {
    if (!v.startsWith("dax0.")) {
      return null;
    }
    try {
      return s.devs.get(Integer.parseInt(v.substring(5)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** dax_bus_probe + the driver's probe: size 0 ENXIO; kmem needs whole memory blocks. */
  private static void probe(FakeSysfs s, FakeSysfs.Dev d, String drv) throws ErrnoException {
    if (d.size() == 0) {
      throw err(Errno.ENXIO);
    }
    if (drv.equals("kmem")) {
      List<Long> add = new ArrayList<>();
      for (long[] r : d.ranges) {
        long first = (r[1] + FakeSysfs.BLOCK - 1) / FakeSysfs.BLOCK;
        long last = (r[2] + 1) / FakeSysfs.BLOCK;
        for (long b = first; b < last; b++) {
          add.add(b);
        }
      }
      if (add.isEmpty()) {
        throw err(Errno.EINVAL);
      }
      for (long b : add) {
        s.blocks.put(b, new FakeSysfs.Block());
      }
    }
    d.driver = drv;
    if (s.seed != null && s.seed == d.id) {
      s.seed = null;
    }
  }

  static void state(FakeSysfs s, long idx, FakeSysfs.Block b, String v) throws ErrnoException {
    switch (v) {
      case "online_movable", "online", "online_kernel" -> {
        if (b.online) {
          throw err(Errno.EINVAL);
        }
        b.online = true;
        b.zone = v.equals("online_movable") ? "Movable" : "Normal";
        if (b.zone.equals("Normal") && s.busyIfNormal.contains(idx)) {
          s.busyBlocks.add(idx);
        }
      }
      case "offline" -> {
        if (s.busyBlocks.contains(idx)) {
          throw err(Errno.EBUSY);
        }
        b.online = false;
      }
      default -> throw err(Errno.EINVAL);
    }
  }
}
