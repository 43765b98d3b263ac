package org.daxsim.bus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;

/**
 * The dax bus of one host: the globals of drivers/dax/bus.c (dax_bus_type, dax_region_rwsem,
 * dax_dev_rwsem, dax_bus_lock and the drivers' new_id lists) and the regions producers register.
 *
 * <p>Locking as the kernel's (kernel-dax.md 2.2): every administrative call takes {@code
 * dax_region_rwsem} before {@code dax_dev_rwsem}; both are reentrant read-write locks, so a
 * driver's probe may call back into the bus. Queries read immutable snapshots without locks.
 */
public final class DaxBus {
  /** Default memory block size (x86-64 memory_block_size_bytes() on small machines). */
  public static final long DEFAULT_MEMORY_BLOCK_SIZE = 128L << 20;
  private static final int LOG_KEEP = 512;

  private final DaxCore core;
  private final Resource iomem;
  private final KernelProfile profile;
  final ReentrantReadWriteLock regionRwsem = new ReentrantReadWriteLock();
  final ReentrantReadWriteLock devRwsem = new ReentrantReadWriteLock();
  private final ConcurrentSkipListMap<Integer, DaxRegion> regions = new ConcurrentSkipListMap<>();
  private final DriverCore drivers;
  private final ArrayDeque<String> log = new ArrayDeque<>();
  private volatile DirectAccessVariant defaultVariant = DirectAccessVariant.PER_RANGE;
  private volatile long memoryBlockSize = DEFAULT_MEMORY_BLOCK_SIZE;
  private volatile boolean mhpMemmapOnMemory;
  private volatile KmemOnlineType autoOnline = KmemOnlineType.OFFLINE;
  private final List<DaxBusListener> listeners = new CopyOnWriteArrayList<>();
  /** Device events queued under the rwsems, delivered after they are released. */
  private final ArrayDeque<Event> events = new ArrayDeque<>();
  /** Serialises delivery: taken without any rwsem held, before any listener lock. */
  private final Object delivery = new Object();

  /** A queued device_add (added) or device_del. */
  private record Event(DevDax dev, boolean added) {}

  /** dax_bus_init(): the bus over {@code core}, claiming device memory in {@code iomem}. */
  public DaxBus(DaxCore core, Resource iomem, KernelProfile profile) throws ErrnoException {
    this.core = Args.notNull(core, "core");
    this.iomem = Args.notNull(iomem, "iomem");
    this.profile = Args.notNull(profile, "profile");
    this.drivers = new DriverCore(this);
    core.setFsDaxGetCheck(this::fsDaxGetCheck);
  }

  public DaxCore core() {
    return core;
  }

  public KernelAddressSpace kas() {
    return core.kas();
  }

  /** iomem_resource: where drivers request_mem_region() device ranges. */
  public Resource iomem() {
    return iomem;
  }

  public KernelProfile profile() {
    return profile;
  }

  /** The registered regions, by id. */
  public List<DaxRegion> regions() {
    return List.copyOf(regions.values());
  }

  /** The region with {@code id}, or null. */
  public DaxRegion region(int id) {
    return regions.get(id);
  }

  /**
   * Every registered dev_dax, ordered by region id then device id: both maps are sorted by id,
   * so their snapshots are already in that order (sorting by {@link DevDax#id()} instead would
   * race with a concurrent delete, which sets the id to -1 mid-sort).
   */
  public List<DevDax> devices() {
    List<DevDax> all = new ArrayList<>();
    for (DaxRegion r : regions.values()) {
      all.addAll(r.devices());
    }
    return all;
  }

  /** bus_find_device_by_name(): the registered dev_dax called {@code name}, or null. */
  public DevDax device(String name) {
    if (name == null) {
      return null;
    }
    for (DaxRegion r : regions.values()) {
      DevDax d = r.device(name);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- drivers

  /**
   * dax_driver_register(): adds {@code driver} (EINVAL for null, EBUSY when a driver of that
   * name is registered: "Driver already registered") and attaches it to every unbound device it
   * matches (driver_attach), as loading the module does.
   */
  public void registerDriver(DaxDriver driver) throws ErrnoException {
    drivers.register(driver);
  }

  /** The registered driver called {@code name}, or null. */
  public DaxDriver driver(String name) {
    return drivers.get(name);
  }

  /** The registered drivers in registration order (the order the driver core tries them). */
  public List<DaxDriver> drivers() {
    return drivers.all();
  }

  /**
   * The driver's {@code bind} attribute (drivers/base/bus.c bind_store): ENODEV for an unknown
   * driver, a device that is not registered, or one the driver does not match (dax_bus_match);
   * EBUSY when it is bound already; then dax_bus_probe (ENXIO for a 0-size device) and the
   * driver's probe, whose errno is passed through.
   */
  public void bind(DevDax dev, String driverName) throws ErrnoException {
    drivers.bind(dev, driverName);
  }

  /**
   * The {@code unbind} attribute (device_release_driver): the driver's remove, then
   * kill_dev_dax(). ENODEV when the device is not bound (or not registered).
   */
  public void unbind(DevDax dev) throws ErrnoException {
    drivers.unbind(dev);
  }

  /**
   * The driver's {@code new_id} attribute (bus.c do_id_store): {@code text} must be exactly
   * "dax%d.%d" (one trailing newline allowed), else EINVAL; ENODEV for an unknown driver. The
   * name is added to the driver's id list, then the driver is attached to every unbound device
   * it now matches (probe failures are ignored, as driver_attach does).
   */
  public void newId(String driverName, String text) throws ErrnoException {
    drivers.newId(driverName, text);
  }

  /** The driver's {@code remove_id} attribute: as {@link #newId}, removing without attaching. */
  public void removeId(String driverName, String text) throws ErrnoException {
    drivers.removeId(driverName, text);
  }

  /** The driver's new_id list, in list order (newest first, as list_add). */
  public List<String> ids(String driverName) throws ErrnoException {
    return drivers.ids(driverName);
  }

  /**
   * device_attach() (device_add, the bus's {@code drivers_probe}): when {@code dev} is unbound,
   * tries every matching driver in registration order until a probe succeeds. Returns whether
   * the device is bound afterwards; probe failures leave it unbound and are not reported.
   */
  public boolean autoBind(DevDax dev) throws ErrnoException {
    return drivers.autoBind(dev);
  }

  /** dax_bus_match(dev, drv) for the bus's profile (see {@link DriverCore#match}). */
  public boolean matches(DevDax dev, String driverName) throws ErrnoException {
    DaxDriver drv = drivers.get(driverName);
    if (drv == null) {
      throw ErrnoException.of(Errno.ENODEV, "no dax driver '%s'", driverName);
    }
    return drivers.match(Args.notNull(dev, "dev"), drv);
  }

  // ---------------------------------------------------------------- listeners

  /**
   * class_interface_register(): adds {@code listener} and, atomically with respect to later
   * events, calls its {@link DaxBusListener#deviceAdded} for every registered dev_dax (as
   * add_dev runs for existing devices). EINVAL for null. Call it without holding a bus rwsem;
   * see {@link DaxBusListener} for the delivery order and locking.
   */
  public void addListener(DaxBusListener listener) throws ErrnoException {
    Args.notNull(listener, "listener");
    synchronized (delivery) {
      deliverEvents();
      listeners.add(listener);
      for (DevDax d : devices()) {
        listener.deviceAdded(d);
      }
    }
  }

  /** class_interface_unregister() without remove_dev: no more events; false if absent. */
  public boolean removeListener(DaxBusListener listener) {
    synchronized (delivery) {
      return listeners.remove(listener);
    }
  }

  /** Queues device_add/device_del for the listeners; caller holds the rwsems for writing. */
  void queueEvent(DevDax dev, boolean added) {
    if (listeners.isEmpty()) {
      return;
    }
    synchronized (events) {
      events.addLast(new Event(dev, added));
    }
  }

  /**
   * Delivers the queued events, unless this thread still holds a bus rwsem (the outermost
   * unlock delivers). Events are popped in order under the delivery lock.
   */
  void deliverEvents() {
    if (regionRwsem.isWriteLockedByCurrentThread() || regionRwsem.getReadHoldCount() > 0
        || devRwsem.isWriteLockedByCurrentThread() || devRwsem.getReadHoldCount() > 0) {
      return;
    }
    synchronized (events) {
      if (events.isEmpty()) {
        return;
      }
    }
    synchronized (delivery) {
      while (true) {
        Event e;
        synchronized (events) {
          e = events.pollFirst();
        }
        if (e == null) {
          return;
        }
        for (DaxBusListener l : listeners) {
          if (e.added()) {
            l.deviceAdded(e.dev());
          } else {
            l.deviceRemoved(e.dev());
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- settings

  /** The direct_access variant fsdev installs on devices that do not choose one. */
  public DirectAccessVariant defaultVariant() {
    return defaultVariant;
  }

  public void setDefaultVariant(DirectAccessVariant variant) throws ErrnoException {
    defaultVariant = Args.notNull(variant, "variant");
  }

  /** memory_block_size_bytes() for kmem (default 128 MiB). */
  public long memoryBlockSize() {
    return memoryBlockSize;
  }

  /**
   * mhp_default_online_type (drivers/base/memory.c's auto_online_blocks, set at boot by
   * memhp_default_state=): a memory-hotplug global, there whether or not kmem is loaded.
   */
  public KmemOnlineType autoOnline() {
    return autoOnline;
  }

  /** Sets the auto_online_blocks policy (see {@link #autoOnline}). */
  public void setAutoOnline(KmemOnlineType type) throws ErrnoException {
    autoOnline = Args.notNull(type, "type");
  }

  /** Sets the memory block size: a power of two, at least 2 MiB (EINVAL otherwise). */
  public void setMemoryBlockSize(long size) throws ErrnoException {
    if (size < (2L << 20) || Long.bitCount(size) != 1) {
      throw ErrnoException.of(Errno.EINVAL, "memory block size %#x is not a power of two >= 2M",
          size);
    }
    memoryBlockSize = size;
  }

  /** mhp_supports_memmap_on_memory(): false by default (memory_hotplug.memmap_on_memory=0). */
  public boolean mhpSupportsMemmapOnMemory() {
    return mhpMemmapOnMemory;
  }

  public void setMhpSupportsMemmapOnMemory(boolean supported) {
    mhpMemmapOnMemory = supported;
  }

  /** The bus's dev_dbg lines (e.g. "dax0.1: alloc range[0]: 0x...:0x..."), oldest first. */
  public List<String> dmesg() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  // ---------------------------------------------------------------- package-private

  void dbg(String format, Object... args) {
    String line = String.format(format, args);
    synchronized (log) {
      if (log.size() == LOG_KEEP) {
        log.removeFirst();
      }
      log.addLast(line);
    }
  }

  DriverCore driverCore() {
    return drivers;
  }

  /** Adds a region from a producer; EEXIST when its id is taken, EBUSY when it overlaps one. */
  void addRegion(DaxRegion region) throws ErrnoException {
    writeLockRegion();
    try {
      if (regions.containsKey(region.id())) {
        throw ErrnoException.of(Errno.EEXIST, "dax region %d exists", region.id());
      }
      for (DaxRegion r : regions.values()) {
        if (region.start() <= r.end() && r.start() <= region.end()) {
          throw ErrnoException.of(Errno.EBUSY, "dax region %#x-%#x overlaps region %d",
              region.start(), region.end(), r.id());
        }
      }
      regions.put(region.id(), region);
    } finally {
      regionRwsem.writeLock().unlock();
    }
  }

  void removeRegion(DaxRegion region) {
    writeLockRegion();
    try {
      regions.remove(region.id(), region);
    } finally {
      regionRwsem.writeLock().unlock();
    }
  }

  void writeLockRegion() {
    regionRwsem.writeLock().lock();
  }

  /** Takes both rwsems for writing, region first, as every administrative store does. */
  void writeLockBoth() {
    regionRwsem.writeLock().lock();
    devRwsem.writeLock().lock();
  }

  /** Releases both rwsems, then delivers queued device events if none is still held. */
  void writeUnlockBoth() {
    devRwsem.writeLock().unlock();
    regionRwsem.writeLock().unlock();
    deliverEvents();
  }

  /** Releases the region rwsem, then delivers queued device events if none is still held. */
  void writeUnlockRegion() {
    regionRwsem.writeLock().unlock();
    deliverEvents();
  }

  /** The fs_dax_get() driver check (2026): -ENODEV unless bound, -EOPNOTSUPP unless fsdev. */
  private int fsDaxGetCheck(org.daxsim.core.dax.DaxDevice dax, Object privateData) {
    if (!(privateData instanceof DevDax d) || d.bus() != this) {
      return Errno.ENODEV.neg();
    }
    DaxDriver drv = d.driver();
    if (drv == null) {
      return Errno.ENODEV.neg();
    }
    return drv.type() == DaxDriverType.FSDEV ? 0 : Errno.EOPNOTSUPP.neg();
  }

  @Override
  public String toString() {
    return "dax bus (" + profile.id() + ", " + regions.size() + " regions)";
  }
}
