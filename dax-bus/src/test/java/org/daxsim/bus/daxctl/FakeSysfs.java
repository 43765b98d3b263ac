package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.daxsim.bus.sysfs.SysfsView;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * A small in-memory model of the sysfs tree daxctl talks to, for the oracle's default world:
 * one hmem region (id 0, 4 GiB at 0x100000000, align 2 MiB) at /sys/devices/platform/hmem.0,
 * dax0.0 spanning it bound to device_dax; the drivers device_dax, kmem and fsdev; memory
 * blocks of 128 MiB on node 0. Stores follow the kernel's checks (first-fit allocator, not
 * the bus's exact one).
 */
final class FakeSysfs implements SysfsView {
  static final long MB = 1L << 20;
  static final long GB = 1L << 30;
  static final long BLOCK = 128 * MB;
  static final String REGION = "/sys/devices/platform/hmem.0";
  static final String BUS = "/sys/bus/dax/devices";
  static final String DRV = "/sys/bus/dax/drivers";
  static final String MEM = "/sys/devices/system/memory";
  static final String NODE = "/sys/devices/system/node/node0";

  final long start;
  final long size;
  final long regionAlign = 2 * MB;
  final TreeMap<Integer, Dev> devs = new TreeMap<>();
  final TreeMap<Long, Block> blocks = new TreeMap<>();
  final Set<String> drivers = new TreeSet<>(List.of("device_dax", "kmem", "fsdev"));
  final TreeMap<String, Set<String>> newIds = new TreeMap<>();
  Integer seed;
  String autoOnline = "offline";

  /** Memory blocks that refuse to go offline (in use). */
  final Set<Long> busyBlocks = new HashSet<>();
  /** Blocks the kernel starts using once they are onlined to ZONE_NORMAL. */
  final Set<Long> busyIfNormal = new HashSet<>();
  final List<String> writes = new ArrayList<>();

  static final class Dev {
    final int id;
    long align = 2 * MB;
    String driver;
    final List<long[]> ranges = new ArrayList<>(); // {pgoff, start, end}

    Dev(int id) {
      this.id = id;
    }

    long size() {
      long s = 0;
      for (long[] r : ranges) {
        s += r[2] - r[1] + 1;
      }
      return s;
    }
  }

  static final class Block {
    boolean online;
    String zone = "";
  }

  FakeSysfs() {
    this(0x100000000L, 4 * GB);
  }

  FakeSysfs(long start, long size) {
    this.start = start;
    this.size = size;
    Dev d = new Dev(0);
    d.ranges.add(new long[] {0, start, start + size - 1});
    d.driver = "device_dax";
    devs.put(0, d);
  }

  private static ErrnoException err(Errno e) {
    return new ErrnoException(e, "fake sysfs");
  }

  long avail() {
    long used = 0;
    for (Dev d : devs.values()) {
      used += d.size();
    }
    return size - used;
  }

  /** The device whose directory path starts {@code p}, with the rest in out[0]. */
  private Dev devOf(String p, String[] rest) {
    String base = p.startsWith(BUS + "/") ? BUS + "/" : p.startsWith(REGION + "/dax0.")
        ? REGION + "/" : null;
    if (base == null) {
      return null;
    }
    String tail = p.substring(base.length());
    int slash = tail.indexOf('/');
    String name = slash < 0 ? tail : tail.substring(0, slash);
    rest[0] = slash < 0 ? "" : tail.substring(slash + 1);
    if (!name.startsWith("dax0.")) {
      return null;
    }
    try {
      return devs.get(Integer.parseInt(name.substring(5)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String read(String p) throws ErrnoException {
    String[] rest = {""};
    Dev d = devOf(p, rest);
    if (d != null) {
      return devAttr(d, rest[0]);
    }
    switch (p) {
      case REGION + "/dax_region/id": return "0\n";
      case REGION + "/dax_region/size": return size + "\n";
      case REGION + "/dax_region/align": return regionAlign + "\n";
      case REGION + "/dax_region/available_size": return avail() + "\n";
      case REGION + "/dax_region/seed": return (seed == null ? "" : "dax0." + seed) + "\n";
      case MEM + "/block_size_bytes": return Long.toHexString(BLOCK) + "\n";
      case MEM + "/auto_online_blocks": return autoOnline + "\n";
      default: break;
    }
    Block b = blockOf(p);
    if (b != null) {
      long idx = blockIndex(p);
      if (p.endsWith("/state")) {
        return (b.online ? "online" : "offline") + "\n";
      }
      if (p.endsWith("/valid_zones")) {
        return (b.online ? b.zone : "Normal Movable") + "\n";
      }
      if (p.endsWith("/phys_index") && p.startsWith(MEM)) {
        return String.format("%08x%n", idx);
      }
    }
    throw err(Errno.ENOENT);
  }

  private String devAttr(Dev d, String attr) throws ErrnoException {
    switch (attr) {
      case "size": return d.size() + "\n";
      case "align": return d.align + "\n";
      case "target_node": case "numa_node": return "0\n";
      case "resource":
        return "0x" + Long.toHexString(d.ranges.isEmpty() ? start : d.ranges.get(0)[1]) + "\n";
      case "modalias": return "dax:t0\n";
      default: break;
    }
    if (attr.startsWith("mapping") && attr.contains("/")) {
      int n = Integer.parseInt(attr.substring(7, attr.indexOf('/')));
      if (n >= d.ranges.size()) {
        throw err(Errno.ENOENT);
      }
      long[] r = d.ranges.get(n);
      return switch (attr.substring(attr.indexOf('/') + 1)) {
        case "start" -> "0x" + Long.toHexString(r[1]) + "\n";
        case "end" -> "0x" + Long.toHexString(r[2]) + "\n";
        case "page_offset" -> "0x" + Long.toHexString(r[0]) + "\n";
        default -> throw err(Errno.ENOENT);
      };
    }
    throw err(Errno.ENOENT);
  }

  private long blockIndex(String p) {
    String t = p.startsWith(MEM + "/memory") ? p.substring((MEM + "/memory").length())
        : p.startsWith(NODE + "/memory") ? p.substring((NODE + "/memory").length()) : null;
    if (t == null || !t.contains("/")) {
      return -1;
    }
    try {
      return Long.parseLong(t.substring(0, t.indexOf('/')));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private Block blockOf(String p) {
    long idx = blockIndex(p);
    return idx < 0 ? null : blocks.get(idx);
  }

  @Override
  public int write(String p, String v) throws ErrnoException {
    writes.add(p + "=" + v.strip());
    String val = v.strip();
    String[] rest = {""};
    Dev d = devOf(p, rest);
    if (d != null) {
      if (rest[0].startsWith("driver/")) {
        if (d.driver == null) {
          throw err(Errno.ENOENT);
        }
        return driverWrite(d.driver, rest[0].substring(7), val, v);
      }
      FakeStores.devStore(this, d, rest[0], val);
      return v.length();
    }
    if (p.equals(REGION + "/dax_region/create")) {
      FakeStores.create(this, val);
      return v.length();
    }
    if (p.equals(REGION + "/dax_region/delete")) {
      FakeStores.delete(this, val);
      return v.length();
    }
    if (p.startsWith(DRV + "/")) {
      String t = p.substring(DRV.length() + 1);
      int s = t.indexOf('/');
      if (s < 0 || !drivers.contains(t.substring(0, s))) {
        throw err(Errno.ENOENT);
      }
      return driverWrite(t.substring(0, s), t.substring(s + 1), val, v);
    }
    Block b = blockOf(p);
    if (b != null && p.endsWith("/state")) {
      FakeStores.state(this, blockIndex(p), b, val);
      return v.length();
    }
    throw err(exists(p) ? Errno.EACCES : Errno.ENOENT);
  }

  private int driverWrite(String drv, String attr, String val, String raw)
      throws ErrnoException {
    FakeStores.driverStore(this, drv, attr, val);
    return raw.length();
  }

  @Override
  public List<String> list(String dir) throws ErrnoException {
    List<String> out = new ArrayList<>();
    switch (dir) {
      case BUS -> devs.keySet().forEach(i -> out.add("dax0." + i));
      case REGION -> {
        out.addAll(List.of("dax_region", "driver", "driver_override", "modalias", "power",
            "subsystem", "uevent"));
        devs.keySet().forEach(i -> out.add("dax0." + i));
      }
      case DRV -> out.addAll(drivers);
      case NODE -> {
        out.addAll(List.of("compact", "cpu0", "cpulist", "meminfo", "memory_failure",
            "numastat"));
        blocks.keySet().forEach(i -> out.add("memory" + i));
      }
      default -> throw err(Errno.ENOENT);
    }
    out.sort(null);
    return out;
  }

  @Override
  public String realpath(String p) throws ErrnoException {
    String[] rest = {""};
    Dev d = devOf(p, rest);
    if (d != null) {
      String base = REGION + "/dax0." + d.id;
      if (rest[0].isEmpty()) {
        return base;
      }
      if (rest[0].equals("driver") && d.driver != null) {
        return DRV + "/" + d.driver;
      }
    }
    if (exists(p)) {
      return p;
    }
    throw err(Errno.ENOENT);
  }

  @Override
  public boolean exists(String p) {
    String[] rest = {""};
    Dev d = devOf(p, rest);
    if (d != null) {
      if (rest[0].equals("driver")) {
        return d.driver != null;
      }
      try {
        read(p);
        return true;
      } catch (ErrnoException e) {
        return rest[0].isEmpty() || rest[0].equals("mapping");
      }
    }
    if (p.equals(BUS) || p.equals(REGION) || p.equals(DRV) || p.equals(NODE)) {
      return true;
    }
    if (p.startsWith(DRV + "/")) {
      return drivers.contains(p.substring(DRV.length() + 1).split("/")[0]);
    }
    try {
      read(p);
      return true;
    } catch (ErrnoException e) {
      return false;
    }
  }
}
