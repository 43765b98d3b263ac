package org.daxsim.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.mem.MemoryDevice;

/**
 * Memory devices and the hosts that map them. A world starts with one host, {@code node0},
 * booted with the configuration's kernel profile; memory devices (CXL type-3 devices, fabric
 * memory pools) are sparse and can be attached to several hosts, which is how hosts share
 * famfs. Every method validates its input and leaves the world unchanged when it fails.
 * Not thread-safe: one scenario drives a world at a time.
 */
public final class World {
  /** The name of the host every world starts with. */
  public static final String DEFAULT_HOST = "node0";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern UUID_TEXT = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Configuration config;
  private KernelProfile profile;
  private DirectAccessVariant variant;
  private final Map<String, MemoryDevice> memdevs = new LinkedHashMap<>();
  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private Host current;
  private int hostsEverAdded;

  World(Configuration config) throws ErrnoException {
    this.config = config;
    this.profile = config.profile();
    this.variant = config.variant();
    current = addHost(DEFAULT_HOST, null);
  }

  /** The configuration the world was created with. */
  public Configuration configuration() {
    return config;
  }

  /** The kernel profile hosts run (see {@link #setProfile}). */
  public KernelProfile profile() {
    return profile;
  }

  /** The dev_dax direct_access variant fsdev installs on new devices of every host. */
  public DirectAccessVariant variant() {
    return variant;
  }

  /**
   * Reboots every host with {@code p} (a boot parameter: file trees start afresh, names and
   * UUIDs stay); EBUSY once any host has a region.
   */
  public void setProfile(KernelProfile p) throws ErrnoException {
    Args.notNull(p, "profile");
    for (Host h : hosts.values()) {
      if (!h.regions().isEmpty()) {
        throw ErrnoException.of(Errno.EBUSY,
            "the kernel profile can only change before the first region is added");
      }
    }
    rebootAll(p);
  }

  private void rebootAll(KernelProfile p) throws ErrnoException {
    Map<String, Host> fresh = new LinkedHashMap<>();
    for (Host h : hosts.values()) {
      fresh.put(h.name(), new Host(h.name(), h.uuid(), p, variant, h.seed()));
    }
    profile = p;
    String cur = current.name();
    hosts.clear();
    hosts.putAll(fresh);
    current = hosts.get(cur);
  }

  /** Sets the direct_access variant on every host (and for hosts added later). */
  public void setVariant(DirectAccessVariant v) throws ErrnoException {
    Args.notNull(v, "variant");
    for (Host h : hosts.values()) {
      h.bus().setDefaultVariant(v);
    }
    variant = v;
  }

  /** A sparse memory device of {@code size} bytes; EEXIST for a taken name, EINVAL for bad input. */
  public MemoryDevice addMemdev(String name, long size) throws ErrnoException {
    checkName(name, "memory device");
    if (memdevs.containsKey(name)) {
      throw ErrnoException.of(Errno.EEXIST, "memory device %s exists", name);
    }
    Args.positive(size, "size");
    MemoryDevice d = MemoryDevice.create(name, size);
    memdevs.put(name, d);
    return d;
  }

  /** The memory device named {@code name}; ENOENT if there is none. */
  public MemoryDevice memdev(String name) throws ErrnoException {
    MemoryDevice d = name == null ? null : memdevs.get(name);
    if (d == null) {
      throw ErrnoException.of(Errno.ENOENT, "no memory device %s", name);
    }
    return d;
  }

  /** The memory devices, in the order they were added. */
  public List<MemoryDevice> memdevs() {
    return List.copyOf(memdevs.values());
  }

  /**
   * Boots another host; {@code uuid} (or null) becomes its famfs system UUID. EEXIST for a
   * taken name, EINVAL for a malformed name or UUID.
   */
  public Host addHost(String name, String uuid) throws ErrnoException {
    checkName(name, "host");
    if (hosts.containsKey(name)) {
      throw ErrnoException.of(Errno.EEXIST, "host %s exists", name);
    }
    if (uuid != null && !UUID_TEXT.matcher(uuid).matches()) {
      throw ErrnoException.of(Errno.EINVAL, "invalid UUID '%s'", uuid);
    }
    String u = uuid == null ? null : UUID.fromString(uuid).toString();
    long seed = config.seed() + 0x9e3779b97f4a7c15L * hostsEverAdded;
    Host h = new Host(name, u, profile, variant, seed);
    hostsEverAdded++;
    hosts.put(name, h);
    return h;
  }

  /** The host named {@code name}; ENOENT if there is none. */
  public Host host(String name) throws ErrnoException {
    Host h = name == null ? null : hosts.get(name);
    if (h == null) {
      throw ErrnoException.of(Errno.ENOENT, "no host %s", name);
    }
    return h;
  }

  /** The hosts, node0 first. */
  public List<Host> hosts() {
    return List.copyOf(hosts.values());
  }

  /** The host commands run on unless a line names another. */
  public Host currentHost() {
    return current;
  }

  /** Makes {@code name} the current host; ENOENT if there is none. */
  public void use(String name) throws ErrnoException {
    current = host(name);
  }

  /**
   * Exposes memory to {@code host} as a dax region with the next free region id (see
   * {@link RegionRequest}); ENOENT for an unknown memory device, EBUSY when it is already
   * attached to this host or the base overlaps, EINVAL for bad values.
   */
  public DaxRegion addRegion(Host host, RegionRequest req) throws ErrnoException {
    Args.notNull(host, "host");
    Args.notNull(req, "request");
    Args.notNull(req.kind(), "kind");
    if (hosts.get(host.name()) != host) {
      throw ErrnoException.of(Errno.ENOENT, "host %s is not in this world", host.name());
    }
    MemoryDevice dev;
    if (req.memdev() != null) {
      dev = memdev(req.memdev());
    } else {
      Args.positive(req.size(), "size");
      dev = MemoryDevice.create(host.name() + ".region" + nextRegionId(host), req.size());
    }
    long base = req.base() < 0 ? Regions.nextBase(host) : req.base();
    return Regions.attach(host, nextRegionId(host), req, dev, base, true);
  }

  /**
   * The world the oracle boots ({@code #!oracle -r SIZE@ADDR ... -k ... -N}): node0 rebooted
   * with {@code p}, one hmem region per range, numbered in address order, daxN.0 spanning each
   * with the kernel's boot-time binding. Only on a world without regions (EBUSY otherwise).
   */
  void bootOracle(KernelProfile p, List<long[]> ranges, boolean numa) throws ErrnoException {
    setProfile(p);
    List<long[]> sorted = new ArrayList<>(ranges);
    sorted.sort((a, b) -> Long.compareUnsigned(a[1], b[1]));
    Host h = current;
    for (int i = 0; i < sorted.size(); i++) {
      long size = sorted.get(i)[0];
      long start = sorted.get(i)[1];
      MemoryDevice dev = MemoryDevice.create(h.name() + ".hmem" + i, size);
      RegionRequest req = new RegionRequest(RegionKind.HMEM, null, size,
          RegionRequest.DEFAULT_ALIGN, false, start, numa ? 0 : -1);
      Regions.attach(h, i, req, dev, start, false);
    }
  }

  private static int nextRegionId(Host host) {
    int id = 0;
    for (DaxRegion r : host.regions()) {
      id = Math.max(id, r.id() + 1);
    }
    return id;
  }

  private static void checkName(String name, String what) throws ErrnoException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ErrnoException.of(Errno.EINVAL, "invalid %s name '%s'", what, name);
    }
  }

  @Override
  public String toString() {
    return "World[" + profile.id() + ", hosts " + hosts.keySet() + ", memdevs "
        + memdevs.keySet() + "]";
  }
}
