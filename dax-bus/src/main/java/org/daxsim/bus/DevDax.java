package org.daxsim.bus;

import static org.daxsim.core.Pages.PAGE_SHIFT;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.Pages;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.DaxDevice;

/**
 * struct dev_dax (drivers/dax/dax-private.h): a device {@code daxR.N} of a region, made of
 * ranges. The administrative methods have the semantics of the sysfs stores of
 * drivers/dax/bus.c (after parsing); queries read an immutable {@link RangeTable} snapshot
 * without locks; {@link #pgoffToPhys} and {@link #table()} serve hot paths allocation-free.
 */
public final class DevDax {
  private final DaxRegion region;
  private final String name;
  private final int targetNode;
  private final DevPagemap staticPgmap;
  /** The per-device ida of mapping children (guarded by dax_region_rwsem). */
  private final BitSet mappingIda = new BitSet();
  private DaxDevice dax;
  private volatile int id;
  private volatile RangeTable table = RangeTable.EMPTY;
  private volatile long align;
  private volatile boolean memmapOnMemory;
  private volatile DaxDriver driver;
  private volatile DevPagemap pgmap;
  private volatile boolean registered;
  private volatile DirectAccessVariant variant;

  private DevDax(DaxRegion region, int id, DevPagemap pgmap, boolean memmapOnMemory) {
    this.region = region;
    this.id = id;
    this.name = "dax" + region.id() + "." + id;
    this.targetNode = region.targetNode();
    this.staticPgmap = pgmap;
    this.pgmap = pgmap;
    this.align = region.align();
    this.memmapOnMemory = memmapOnMemory;
  }

  /** __devm_create_dev_dax() after the id: initial range, alloc_dax(dev_dax, NULL), kill_dax. */
  static DevDax create(DaxRegion region, int id, long size, DevPagemap pgmap,
      boolean memmapOnMemory) throws ErrnoException {
    DevDax d = new DevDax(region, id, pgmap, memmapOnMemory);
    Allocator.allocRange(d, region.start(), size);
    DaxCore core = region.bus().core();
    try {
      d.dax = core.allocDax(d, null);
    } catch (ErrnoException e) {
      while (d.table.size() > 0) {
        Allocator.trimRange(d);
      }
      throw e;
    }
    core.setDaxSynchronous(d.dax);
    core.setDaxNocache(d.dax);
    core.setDaxNomc(d.dax);
    core.killDax(d.dax); // a device_dax instance is dead while no driver is attached
    d.registered = true;
    return d;
  }

  public DaxBus bus() {
    return region.bus();
  }

  /** "daxR.N". */
  public String name() {
    return name;
  }

  /** The device id N; -1 once deleted. */
  public int id() {
    return id;
  }

  public DaxRegion region() {
    return region;
  }

  /** dev_dax_size(): the sum of the range lengths. */
  public long size() {
    return table.bytes();
  }

  public long align() {
    return align;
  }

  public int targetNode() {
    return targetNode;
  }

  public boolean memmapOnMemory() {
    return memmapOnMemory;
  }

  /** The ranges in index (pgoff) order, an immutable snapshot. */
  public List<DevDaxRange> ranges() {
    return table.ranges();
  }

  /** nr_range. */
  public int nrRange() {
    return table.size();
  }

  /** The N of each range's {@code mappingN} child, in range order. */
  public List<Integer> mappingIds() {
    RangeTable t = table;
    List<Integer> ids = new ArrayList<>(t.size());
    for (int i = 0; i < t.size(); i++) {
      ids.add(t.mappingId(i));
    }
    return List.copyOf(ids);
  }

  /** The dax_device from alloc_dax(dev_dax, NULL); dead unless a driver runs it. */
  public DaxDevice daxDevice() {
    return dax;
  }

  /** The bound driver, or null. */
  public DaxDriver driver() {
    return driver;
  }

  public boolean isBound() {
    return driver != null;
  }

  /** False once deleted (unregister_dev_dax). */
  public boolean isRegistered() {
    return registered;
  }

  /** The {@code resource} attribute: start of range 0, or the region start without ranges. */
  public long resourceStart() {
    RangeTable t = table;
    return t.size() == 0 ? region.start() : t.start(0);
  }

  /** The pgmap: a static region's supplied one, or what a driver set at probe; else null. */
  public DevPagemap pgmap() {
    return pgmap;
  }

  /** The direct_access variant chosen for this device, or null for the bus default. */
  public DirectAccessVariant variant() {
    return variant;
  }

  /** Chooses this device's direct_access variant (null: the bus default); used at fsdev probe. */
  public void setVariant(DirectAccessVariant v) {
    variant = v;
  }

  /** The variant fsdev installs: this device's, else the bus default. */
  public DirectAccessVariant effectiveVariant() {
    DirectAccessVariant v = variant;
    return v != null ? v : bus().defaultVariant();
  }

  /**
   * dax_pgoff_to_phys() (device.c, bus.c since 2026): the kernel's linear walk. The physical
   * address of {@code pgoff}, or -1 when no range holds it or when {@code size} bytes from there
   * pass the end of that range (even if the next range continues physically). u64 arithmetic.
   */
  public long pgoffToPhys(long pgoff, long size) {
    RangeTable t = table;
    for (int i = 0; i < t.size(); i++) {
      long first = t.pgoff(i);
      long last = first + t.pages(i) - 1;
      if (Long.compareUnsigned(pgoff, first) < 0 || Long.compareUnsigned(pgoff, last) > 0) {
        continue;
      }
      long phys = t.start(i) + ((pgoff - first) << PAGE_SHIFT);
      if (Long.compareUnsigned(phys + size - 1, t.end(i)) <= 0) {
        return phys;
      }
      break;
    }
    return -1;
  }

  // ---------------------------------------------------------------- administrative stores

  /**
   * size_store(): EINVAL when {@code size} (u64) is not a multiple of max(align, 2 MiB); EACCES
   * on a static region (the attribute is 0444); ENODEV once deleted; then dev_dax_resize():
   * EBUSY when bound, ENOSPC when the growth exceeds the available size, else grow first-fit or
   * shrink from the highest pgoff (kernel-dax.md 2.6).
   */
  public void resize(long size) throws ErrnoException {
    if (region.isStatic()) {
      throw ErrnoException.of(Errno.EACCES, "%s: size is read-only on a static region", name);
    }
    if (!Allocator.allocIsAligned(this, size)) {
      bus().dbg("%s: size_store: size: %d misaligned", name, size);
      throw ErrnoException.of(Errno.EINVAL, "%s: size %#x misaligned", name, size);
    }
    bus().writeLockBoth();
    try {
      checkRegistered();
      Allocator.resize(this, size);
    } finally {
      bus().writeUnlockBoth();
    }
  }

  /**
   * align_store(): EINVAL unless 4 KiB, 2 MiB or 1 GiB (dax_align_valid); EACCES on a static
   * region; EBUSY when bound; then every range length must be a multiple of max(align, 2 MiB),
   * else EINVAL and the old align stays (dev_dax_validate_align).
   */
  public void setAlign(long newAlign) throws ErrnoException {
    if (region.isStatic()) {
      throw ErrnoException.of(Errno.EACCES, "%s: align is read-only on a static region", name);
    }
    if (!Allocator.alignValid(newAlign)) {
      throw ErrnoException.of(Errno.EINVAL, "%s: align %#x is not 4K, 2M or 1G", name, newAlign);
    }
    bus().writeLockBoth();
    try {
      checkRegistered();
      if (driver != null) {
        throw ErrnoException.of(Errno.EBUSY, "%s is bound", name);
      }
      long save = align;
      align = newAlign;
      int bad = Allocator.validateAlign(this);
      if (bad >= 0) {
        align = save;
        bus().dbg("%s: dev_dax_validate_align: align %d invalid for range %d", name, newAlign,
            bad);
        throw ErrnoException.of(Errno.EINVAL, "%s: align %#x invalid for range %d", name,
            newAlign, bad);
      }
    } finally {
      bus().writeUnlockBoth();
    }
  }

  /**
   * mapping_store() of "start-end" (inclusive, u64): ENOENT on a static region (the attribute is
   * hidden); a length that is not a multiple of max(align, 2 MiB) is ENXIO on linux-6.1 and a
   * silent success that allocates nothing on later kernels; otherwise alloc_dev_dax_range() at
   * exactly {@code start}: ENOMEM when it overlaps an allocation or leaves the region. The range
   * is appended at the next pgoff and never merged; whether the device is bound is not checked.
   */
  public void mapping(long start, long end) throws ErrnoException {
    if (region.isStatic()) {
      throw ErrnoException.of(Errno.ENOENT, "%s: no mapping attribute on a static region", name);
    }
    bus().writeLockBoth();
    try {
      checkRegistered();
      long toAlloc = end - start + 1;
      if (Allocator.allocIsAligned(this, toAlloc)) {
        Allocator.allocRange(this, start, toAlloc);
      } else if (bus().profile() == KernelProfile.LINUX_6_1) {
        throw ErrnoException.of(Errno.ENXIO, "%s: mapping length %#x misaligned", name, toAlloc);
      }
    } finally {
      bus().writeUnlockBoth();
    }
  }

  /**
   * memmap_on_memory_store() (>= 6.8): ENOENT on linux-6.1 (no such attribute); EOPNOTSUPP for
   * true when the bus does not support it; EBUSY for a change while bound to kmem.
   */
  public void setMemmapOnMemory(boolean value) throws ErrnoException {
    if (bus().profile() == KernelProfile.LINUX_6_1) {
      throw ErrnoException.of(Errno.ENOENT, "no memmap_on_memory before linux 6.8");
    }
    if (value && !bus().mhpSupportsMemmapOnMemory()) {
      throw ErrnoException.of(Errno.EOPNOTSUPP, "memmap_on_memory is not available");
    }
    bus().devRwsem.writeLock().lock();
    try {
      checkRegistered();
      DaxDriver drv = driver;
      if (memmapOnMemory != value && drv != null && drv.type() == DaxDriverType.KMEM) {
        throw ErrnoException.of(Errno.EBUSY, "%s is bound to kmem", name);
      }
      memmapOnMemory = value;
    } finally {
      bus().devRwsem.writeLock().unlock();
    }
  }

  // ---------------------------------------------------------------- package-private

  /** The current range table: for O(log n) lookups on hot paths (no lock, no allocation). */
  RangeTable table() {
    return table;
  }

  void setTable(RangeTable t) {
    table = t;
  }

  BitSet mappingIda() {
    return mappingIda;
  }

  void setDriver(DaxDriver d) {
    driver = d;
  }

  /** Sets the pgmap a driver built at probe (device_dax: from the ranges of a dynamic device). */
  void setPgmap(DevPagemap p) {
    pgmap = p;
  }

  boolean isRegistered(DaxBus b) {
    return registered && b == bus();
  }

  /**
   * kill_dev_dax(): kill_dax, zap every user mapping of the device inode (so the next touch
   * faults: SIGBUS), and forget a dynamic device's pgmap. Idempotent.
   */
  void killDevDax() throws ErrnoException {
    bus().core().killDax(dax);
    dax.mapping().unmapMappingRange(0, 0);
    if (!region.isStatic()) {
      pgmap = null;
    }
  }

  /** unregister_dev_dax() + dev_dax_release(): kill, free ranges, put_dax, id -1. */
  void unregister() throws ErrnoException {
    killDevDax();
    registered = false;
    while (table.size() > 0) {
      Allocator.trimRange(this);
    }
    bus().core().putDax(dax);
    id = -1;
  }

  private void checkRegistered() throws ErrnoException {
    if (!registered) {
      throw ErrnoException.of(Errno.ENODEV, "%s was deleted", name);
    }
  }

  /** The pgmap a static region supplied (kept across probes). */
  DevPagemap staticPgmap() {
    return staticPgmap;
  }

  @Override
  public String toString() {
    return name + " " + table + (driver != null ? " bound to " + driver.name() : "");
  }

  static long pages(long bytes) {
    return bytes >>> Pages.PAGE_SHIFT;
  }
}
