package org.daxsim.bus;

import org.daxsim.core.ErrnoException;

/**
 * struct dax_device_driver (drivers/dax/bus.h): a driver on the dax bus. The bus calls {@link
 * #probe} with both bus rwsems held after its own checks (dax_bus_probe), and {@link #remove} on
 * unbind; then it runs kill_dev_dax() itself (the devm action device.c registers), so a driver
 * may but need not kill the device in remove.
 */
public interface DaxDriver {
  /** The driver name, as under /sys/bus/dax/drivers/ ("device_dax", "kmem", "fsdev"). */
  String name();

  /** Its dax_driver_type, used by dax_bus_match(). */
  DaxDriverType type();

  /** ->probe(dev_dax): takes the device; a failure must leave nothing acquired. */
  void probe(DevDax dev) throws ErrnoException;

  /** ->remove(dev_dax): releases what probe acquired. Never fails, as in the kernel. */
  void remove(DevDax dev);
}
