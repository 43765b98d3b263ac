package org.daxsim.bus;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.Resource;

/**
 * One range kmem added (drivers/dax/kmem.c data->res[i] plus what
 * add_memory_driver_managed() registered): the iomem resource named after the device, flags
 * IORESOURCE_SYSTEM_RAM (not busy), and its busy "System RAM (kmem)" child.
 */
final class KmemAdded {
  private final Resource res;
  private final Resource ram;

  private KmemAdded(Resource res, Resource ram) {
    this.res = res;
    this.ram = ram;
  }

  /**
   * request_mem_region (EBUSY "could not reserve region"), res->flags = IORESOURCE_SYSTEM_RAM,
   * then register_memory_resource's child (its failure: "memory add failed", the parent is
   * removed again and the errno passed on).
   */
  static KmemAdded add(Resource iomem, String devName, long start, long len)
      throws ErrnoException {
    Resource res;
    try {
      res = Resource.requestRegion(iomem, start, len, devName);
    } catch (ErrnoException e) {
      throw ErrnoException.of(Errno.EBUSY, "%s: %#x-%#x could not reserve region", devName,
          start, start + len - 1);
    }
    res.setFlags(Resource.IORESOURCE_SYSTEM_RAM);
    try {
      Resource ram = Resource.requestRegion(res, start, len, Kmem.RESOURCE_NAME,
          Resource.IORESOURCE_SYSRAM | Resource.IORESOURCE_SYSRAM_DRIVER_MANAGED);
      return new KmemAdded(res, ram);
    } catch (ErrnoException e) {
      Resource.removeResource(res);
      throw e;
    }
  }

  long start() {
    return res.start();
  }

  /** Exclusive end. */
  long end() {
    return res.end() + 1;
  }

  /** remove_memory's resource release, then remove_resource() of the device's claim. */
  void release() {
    try {
      Resource.releaseResource(ram);
      Resource.removeResource(res);
    } catch (ErrnoException e) {
      // already gone
    }
  }
}
