package org.daxsim.bus;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.daxsim.core.Args;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.Resource;

/**
 * The device_dax driver (drivers/dax/device.c dev_dax_probe / device_dax_driver): claims each
 * range, memremaps them all into the direct map, registers the {@code /dev/daxR.N} char device
 * ({@link DaxCharDevice}) and runs the dax device. Unbinding (devm unwind) kills it, zaps every
 * user mapping, unregisters the char device and releases the memory.
 */
public final class DeviceDax implements DaxDriver {
  /** The driver's name under /sys/bus/dax/drivers. */
  public static final String NAME = "device_dax";

  private final DaxBus bus;
  private final ConcurrentHashMap<DevDax, DeviceDaxPgmap> bound = new ConcurrentHashMap<>();

  /** The device_dax driver of {@code bus} (register it with the bus to use it). */
  public DeviceDax(DaxBus bus) throws ErrnoException {
    this.bus = Args.notNull(bus, "bus");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DaxDriverType type() {
    return DaxDriverType.DEVICE;
  }

  /**
   * dev_dax_probe(): static multi-range EINVAL, request_mem_region per range EBUSY,
   * memremap_pages errors passed through; then cdev_add and run_dax. Called by the bus with
   * its locks held; a failure leaves nothing behind.
   */
  @Override
  public void probe(DevDax dev) throws ErrnoException {
    Args.notNull(dev, "dev");
    DeviceDaxPgmap pgmap = DeviceDaxPgmap.acquire(bus, dev);
    bound.put(dev, pgmap); // cdev_add
    bus.core().runDax(dev.daxDevice());
  }

  /**
   * dev_dax_remove() and the devm actions in reverse: kill_dev_dax (dax dead, mappings
   * zapped), cdev_del, memunmap_pages, release_mem_region. A device this driver does not hold
   * is ignored.
   */
  @Override
  public void remove(DevDax dev) {
    DeviceDaxPgmap pgmap = dev == null ? null : bound.remove(dev);
    if (pgmap == null) {
      return;
    }
    DeviceDaxPgmap.killDevDax(bus.core(), dev);
    pgmap.release();
  }

  /** True while {@code dev} is bound here (its char device exists). */
  public boolean hasCdev(DevDax dev) {
    return dev != null && bound.containsKey(dev);
  }

  /** The iomem resources claimed for {@code dev} (empty when not bound here). */
  public List<Resource> resources(DevDax dev) {
    DeviceDaxPgmap p = dev == null ? null : bound.get(dev);
    return p == null ? List.of() : p.regions();
  }

  @Override
  public String toString() {
    return NAME;
  }
}
