package org.daxsim.bus;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mem.Resource;

/**
 * struct dax_region (drivers/dax/dax-private.h) with alloc_dax_region(), create_store(),
 * delete_store(), dax_region_avail_size() and the seed/youngest rules of drivers/dax/bus.c.
 * Its {@link #resource()} is the region's own struct resource: each device range is a child.
 */
public final class DaxRegion {
  private final DaxBus bus;
  private final int id;
  private final String parentPath;
  private final Resource res;
  private final long align;
  private final int targetNode;
  private final boolean isStatic;
  private final boolean kmem;
  /** The region's ida (guarded by dax_region_rwsem). */
  private final BitSet ida = new BitSet();
  private final ConcurrentSkipListMap<Integer, DevDax> devices = new ConcurrentSkipListMap<>();
  private volatile DevDax seed;
  private volatile DevDax youngest;

  private DaxRegion(DaxBus bus, int id, String parentPath, Resource res, long align,
      int targetNode, boolean isStatic, boolean kmem) {
    this.bus = bus;
    this.id = id;
    this.parentPath = parentPath;
    this.res = res;
    this.align = align;
    this.targetNode = targetNode;
    this.isStatic = isStatic;
    this.kmem = kmem;
  }

  /**
   * alloc_dax_region(): a region over {@code [start, start + size)} registered on {@code bus}.
   * A start or size that is not a multiple of {@code align} is ENOMEM (the kernel returns NULL
   * and every producer reports -ENOMEM), as is a non-positive size; EEXIST for a taken id,
   * EBUSY for an overlap with another region.
   */
  static DaxRegion alloc(DaxBus bus, String parentPath, int id, long start, long size,
      int targetNode, long align, boolean isStatic, boolean kmem) throws ErrnoException {
    Args.notNull(parentPath, "parentPath");
    Args.nonNegative(id, "region id");
    if (align <= 0 || Long.bitCount(align) != 1 || align < Pages.PAGE_SIZE) {
      throw ErrnoException.of(Errno.EINVAL, "region align %#x is not a power of two >= 4K", align);
    }
    if (start < 0 || size <= 0 || size - 1 > Long.MAX_VALUE - start
        || !Pages.isAligned(start, align) || !Pages.isAligned(size, align)) {
      throw ErrnoException.of(Errno.ENOMEM, "alloc_dax_region: %#x+%#x not aligned to %#x",
          start, size, align);
    }
    Resource res = Resource.root("dax_region" + id, start, start + size - 1);
    DaxRegion r = new DaxRegion(bus, id, parentPath, res, align, targetNode, isStatic, kmem);
    bus.addRegion(r);
    return r;
  }

  public DaxBus bus() {
    return bus;
  }

  public int id() {
    return id;
  }

  public long start() {
    return res.start();
  }

  /** Last address (inclusive). */
  public long end() {
    return res.end();
  }

  /** resource_size(&dax_region->res). */
  public long size() {
    return res.end() - res.start() + 1;
  }

  /** The default align of new devices (region attribute {@code align}, mode 0400). */
  public long align() {
    return align;
  }

  public int targetNode() {
    return targetNode;
  }

  /** IORESOURCE_DAX_STATIC: one fixed device; no create/delete/seed/mapping. */
  public boolean isStatic() {
    return isStatic;
  }

  /** IORESOURCE_DAX_KMEM: devices match the kmem driver by default (linux >= 6.3). */
  public boolean hasKmemFlag() {
    return kmem;
  }

  /** The region's struct resource; its children are the device ranges, named by device. */
  public Resource resource() {
    return res;
  }

  /** sysfs path of the parent device, e.g. {@code /sys/devices/platform/hmem.0}. */
  public String parentPath() {
    return parentPath;
  }

  /** dax_region_avail_size(): size minus every allocated range. */
  public long availableSize() {
    long avail = size();
    for (Resource c : res.children()) {
      avail -= c.end() - c.start() + 1;
    }
    return avail;
  }

  /** The seed: the first created device not yet bound, or null. */
  public DevDax seed() {
    return seed;
  }

  /** The most recently created device (read back through {@code create}), or null. */
  public DevDax youngest() {
    return youngest;
  }

  /** The region's registered devices by id. */
  public List<DevDax> devices() {
    return List.copyOf(devices.values());
  }

  /** The registered device of this region called {@code name}, or null. */
  public DevDax device(String name) {
    if (name == null) {
      return null;
    }
    for (DevDax d : devices.values()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /**
   * create_store() of "1": a new 0-size unbound device with the lowest free id; it becomes the
   * seed if there is none and always the youngest. EINVAL on a static region, ENOSPC when
   * nothing is available.
   */
  public DevDax create() throws ErrnoException {
    if (isStatic) {
      throw ErrnoException.of(Errno.EINVAL, "region %d is static", id);
    }
    bus.writeLockRegion();
    try {
      if (availableSize() == 0) {
        throw ErrnoException.of(Errno.ENOSPC, "region %d: no available size", id);
      }
      DevDax d = createDevDax(0, -1, null, false);
      if (seed == null) {
        seed = d;
      }
      youngest = d;
      return d;
    } finally {
      bus.writeUnlockRegion();
    }
  }

  /**
   * delete_store(): EINVAL on a static region; ENXIO when this region has no such device;
   * EBUSY when it is bound or has a size, and for id 0 (never deleted). Success frees the id,
   * clears seed/youngest if they named it and unregisters the device.
   */
  public void delete(String devName) throws ErrnoException {
    if (isStatic) {
      throw ErrnoException.of(Errno.EINVAL, "region %d is static", id);
    }
    bus.writeLockBoth();
    try {
      DevDax victim = device(devName);
      if (victim == null) {
        throw ErrnoException.of(Errno.ENXIO, "region %d has no device '%s'", id, devName);
      }
      if (victim.driver() != null || victim.size() != 0) {
        throw ErrnoException.of(Errno.EBUSY, "%s is bound or has a size", victim.name());
      }
      if (victim.id() <= 0) {
        throw ErrnoException.of(Errno.EBUSY, "%s is never deleted", victim.name());
      }
      ida.clear(victim.id());
      devices.remove(victim.id());
      victim.unregister();
      bus.queueEvent(victim, false);
      if (seed == victim) {
        seed = null;
      }
      if (youngest == victim) {
        youngest = null;
      }
      bus.dbg("%s: unregister_dev_dax", victim.name());
    } finally {
      bus.writeUnlockBoth();
    }
  }

  /**
   * devm_create_dev_dax(): id {@code staticId} on a static region (>= 0), the lowest free id on a
   * dynamic one (then {@code staticId} must be -1); the initial range of {@code size} at the
   * region start; a dead dax_device; registration; then device_attach (auto-binding).
   */
  DevDax createDevDax(long size, int staticId, DevPagemap pgmap, boolean memmapOnMemory)
      throws ErrnoException {
    bus.writeLockBoth();
    try {
      int devId;
      if (isStatic) {
        if (staticId < 0) {
          throw ErrnoException.of(Errno.EINVAL, "dynamic id specified to static region");
        }
        devId = staticId;
      } else {
        if (staticId >= 0) {
          throw ErrnoException.of(Errno.EINVAL, "static id specified to dynamic region");
        }
        devId = ida.nextClearBit(0);
        ida.set(devId);
      }
      DevDax d;
      try {
        d = DevDax.create(this, devId, size, pgmap, memmapOnMemory);
      } catch (ErrnoException e) {
        if (!isStatic) {
          ida.clear(devId);
        }
        throw e;
      }
      devices.put(devId, d);
      bus.queueEvent(d, true); // device_add(): devtmpfs node before the probe
      bus.autoBind(d);
      return d;
    } finally {
      bus.writeUnlockBoth();
    }
  }

  /** The producer's devm_create_dev_dax(); on failure the region is unregistered again. */
  DevDax createFirstDevice(long size, int staticId, DevPagemap pgmap, boolean memmapOnMemory)
      throws ErrnoException {
    try {
      return createDevDax(size, staticId, pgmap, memmapOnMemory);
    } catch (ErrnoException e) {
      bus.removeRegion(this);
      throw e;
    }
  }

  void setSeed(DevDax d) {
    seed = d;
  }

  @Override
  public String toString() {
    return String.format("dax_region%d [%#x-%#x align %#x%s]", id, start(), end(), align,
        isStatic ? " static" : "");
  }
}
