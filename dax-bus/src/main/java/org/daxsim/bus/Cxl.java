package org.daxsim.bus;

import org.daxsim.core.Args;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;

/**
 * The CXL RAM region producer (drivers/dax/cxl.c cxl_dax_region_probe): a dynamic region with
 * IORESOURCE_DAX_KMEM, align PMD_SIZE, and {@code daxR.0} over the whole region with
 * memmap_on_memory set.
 */
public final class Cxl {
  private Cxl() {}

  /**
   * Registers the region of CXL region {@code regionId} (parent {@code dax_region<id>} under
   * the CXL region device) and its first device, then auto-binds it (kmem when registered).
   * ENOMEM for a start or size not 2 MiB aligned, EEXIST for a taken id, EBUSY for an overlap.
   */
  public static DaxRegion register(DaxBus bus, int regionId, long start, long size,
      int targetNode) throws ErrnoException {
    Args.notNull(bus, "bus");
    Args.nonNegative(regionId, "region id");
    String parent = "/sys/devices/platform/ACPI0017:00/root0/decoder0.0/region" + regionId
        + "/dax_region" + regionId;
    DaxRegion region = DaxRegion.alloc(bus, parent, regionId, start, size, targetNode,
        Pages.PMD_SIZE, false, true);
    region.createFirstDevice(size, -1, null, true);
    return region;
  }
}
