package org.daxsim.bus;

import org.daxsim.core.Args;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.Pages;
import org.daxsim.core.mem.Resource;

/**
 * The hmem producer (drivers/dax/hmem/hmem.c dax_hmem_probe, hmem/device.c): a dynamic region
 * of Soft Reserved memory, align PMD_SIZE, and its first device {@code daxR.0}.
 */
public final class Hmem {
  private Hmem() {}

  /**
   * Registers platform device {@code hmem.<regionId>} over {@code [start, start + size)}, whose
   * "Soft Reserved" iomem resource the caller has backed and inserted, and probes it: a region
   * with IORESOURCE_DAX_KMEM unless {@code idle} (region_idle; linux-6.1 predates the flag and
   * never sets it) and {@code daxR.0} with the whole region, or size 0 when idle. The device is
   * then auto-bound like any new device: on linux-6.1 to device_dax (it matches everything), on
   * later kernels to kmem when that driver is registered, else it stays unbound.
   *
   * <p>linux-6.1 also inserts the platform device's resource {@code hmem.<regionId>} into iomem
   * above "Soft Reserved", as /proc/iomem shows there. ENOMEM for a start or size not 2 MiB
   * aligned (alloc_dax_region), EEXIST for a taken region id, EBUSY for an overlap.
   */
  public static DaxRegion register(DaxBus bus, int regionId, long start, long size,
      int targetNode, boolean idle) throws ErrnoException {
    Args.notNull(bus, "bus");
    Args.nonNegative(regionId, "region id");
    String name = "hmem." + regionId;
    boolean v61 = bus.profile() == KernelProfile.LINUX_6_1;
    Resource container = null;
    if (v61) {
      container = Resource.insertResource(bus.iomem(), start, start + size - 1, name,
          Resource.IORESOURCE_MEM);
    }
    DaxRegion region;
    try {
      region = DaxRegion.alloc(bus, "/sys/devices/platform/" + name, regionId, start, size,
          targetNode, Pages.PMD_SIZE, false, !idle && !v61);
      region.createFirstDevice(idle ? 0 : size, -1, null, false);
    } catch (ErrnoException e) {
      if (container != null) {
        Resource.removeResource(container);
      }
      throw e;
    }
    return region;
  }
}
