package org.daxsim.bus;

import static org.daxsim.core.Pages.PAGE_SHIFT;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.DaxDevice;

/**
 * The fsdev_dax driver (mainline 2026 drivers/dax/fsdev.c): an fs-dax capable dev_dax. It binds
 * only through new_id, memremaps the ranges (MEMORY_DEVICE_FS_DAX, order-0 folios), installs
 * the dev_dax {@code dax_operations} ({@link DirectAccessVariant}: the device's own choice, else
 * the bus default) with dax_set_ops, registers an open/release-only char device and runs the dax
 * device. Memory failures in its pages reach the holder as device byte offsets.
 */
public final class Fsdev implements DaxDriver {
  /** The driver's name under /sys/bus/dax/drivers (module fsdev_dax). */
  public static final String NAME = "fsdev_dax";

  private final DaxBus bus;
  private final ConcurrentHashMap<DevDax, Bound> bound = new ConcurrentHashMap<>();

  private static final class Bound {
    final DeviceDaxPgmap pgmap;
    final DevDaxOps ops;

    Bound(DeviceDaxPgmap pgmap, DevDaxOps ops) {
      this.pgmap = pgmap;
      this.ops = ops;
    }
  }

  /** The fsdev driver of {@code bus} (register it with the bus to use it). */
  public Fsdev(DaxBus bus) throws ErrnoException {
    this.bus = Args.notNull(bus, "bus");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DaxDriverType type() {
    return DaxDriverType.FSDEV;
  }

  /**
   * fsdev_dax_probe(): static multi-range EINVAL, request_mem_region per range EBUSY,
   * memremap_pages, a pgmap starting after the data EINVAL, cdev_add, dax_set_ops (EBUSY when
   * ops are already installed), run_dax. A failure undoes every earlier step.
   */
  @Override
  public void probe(DevDax dev) throws ErrnoException {
    Args.notNull(dev, "dev");
    DaxCore core = bus.core();
    DeviceDaxPgmap pgmap = DeviceDaxPgmap.acquire(bus, dev);
    DevDaxOps ops;
    try {
      checkDataOffset(dev);
      ops = DevDaxOps.create(bus.kas(), dev, dev.effectiveVariant());
    } catch (ErrnoException e) {
      pgmap.release();
      throw e;
    }
    DaxDevice dax = dev.daxDevice();
    int rc = core.daxSetOps(dax, ops);
    if (rc != 0) {
      pgmap.release();
      throw ErrnoException.of(Errno.of(rc), "%s: dax_set_ops: ops already installed",
          dev.name());
    }
    bound.put(dev, new Bound(pgmap, ops));
    core.runDax(dax);
  }

  /**
   * The devm unwind of fsdev_dax_probe: kill_dev_dax (the holder hears MF_MEM_PRE_REMOVE),
   * dax_set_ops(NULL), cdev_del, pgmap ops cleared, memunmap_pages, release_mem_region.
   */
  @Override
  public void remove(DevDax dev) {
    Bound b = dev == null ? null : bound.remove(dev);
    if (b == null) {
      return;
    }
    DeviceDaxPgmap.killDevDax(bus.core(), dev);
    bus.core().daxSetOps(dev.daxDevice(), null);
    b.pgmap.release();
  }

  /**
   * fsdev_dax_probe()'s data offset check: a pgmap that starts after the device's first range
   * is EINVAL ("pgmap start %#llx exceeds data start %#llx"); one that starts before it (a pmem
   * namespace's metadata) is the data offset.
   */
  private static void checkDataOffset(DevDax dev) throws ErrnoException {
    DevPagemap pgmap = dev.pgmap();
    long data = dev.ranges().get(0).start();
    long pgmapStart = pgmap == null ? data : pgmap.ranges().get(0).start();
    if (pgmapStart > data) {
      throw ErrnoException.of(Errno.EINVAL, "%s: pgmap start %#x exceeds data start %#x",
          dev.name(), pgmapStart, data);
    }
  }

  /** True while {@code dev} is bound here (its char device exists). */
  public boolean hasCdev(DevDax dev) {
    return dev != null && bound.containsKey(dev);
  }

  /**
   * The variant {@code dev} runs with while bound here, else the one it would get at probe
   * ({@link DevDax#effectiveVariant()}: its own choice, else the bus default).
   */
  public DirectAccessVariant variant(DevDax dev) throws ErrnoException {
    Args.notNull(dev, "dev");
    Bound b = bound.get(dev);
    return b != null ? b.ops.variant() : dev.effectiveVariant();
  }

  /**
   * memory_failure() on a ZONE_DEVICE page of a device bound here: the pgmap's
   * fsdev_pagemap_memory_failure(), i.e. fsdev_pfn_to_offset() (range walk, the byte offset in
   * the device) and dax_holder_notify_failure(offset, nrPages * 4096, mfFlags). Returns the
   * holder's answer, -ENXIO (dead device), -EOPNOTSUPP (no holder), or -ENXIO when no device
   * bound to fsdev maps {@code pfn} (memory_failure_dev_pagemap finds no fsdev pgmap). EINVAL
   * for a negative pfn or a non-positive count.
   */
  public int memoryFailure(long pfn, long nrPages, int mfFlags) throws ErrnoException {
    Args.nonNegative(pfn, "pfn");
    Args.positive(nrPages, "nrPages");
    long phys = pfn << PAGE_SHIFT;
    for (Map.Entry<DevDax, Bound> e : bound.entrySet()) {
      long off = pfnToOffset(e.getKey().ranges(), phys);
      if (off >= 0) {
        long len = nrPages << PAGE_SHIFT;
        return bus.core().daxHolderNotifyFailure(e.getKey().daxDevice(), off, len, mfFlags);
      }
    }
    return Errno.ENXIO.neg();
  }

  /** fsdev_pfn_to_offset(): the device byte offset of {@code phys}, or -1 (U64_MAX). */
  static long pfnToOffset(List<DevDaxRange> ranges, long phys) {
    long offset = 0;
    for (DevDaxRange r : ranges) {
      if (phys >= r.start() && phys <= r.end()) {
        return offset + (phys - r.start());
      }
      offset += r.end() - r.start() + 1;
    }
    return -1;
  }

  @Override
  public String toString() {
    return NAME;
  }
}
