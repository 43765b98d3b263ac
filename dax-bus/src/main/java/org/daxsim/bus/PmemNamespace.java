package org.daxsim.bus;

import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * The nvdimm devdax-namespace producer (drivers/dax/pmem.c __dax_pmem_probe): a static region
 * (IORESOURCE_DAX_STATIC) that starts past the namespace's metadata ({@code dataOffset}), one
 * device with the namespace's id and the namespace's pgmap, auto-bound to device_dax.
 */
public final class PmemNamespace {
  private PmemNamespace() {}

  /**
   * Registers namespace {@code namespace<regionId>.<nsId>} over {@code [nsStart, nsStart +
   * nsSize)} in devdax mode with the given {@code align} (the pfn superblock's, 4K/2M/1G): the
   * region is {@code [nsStart + dataOffset, nsStart + nsSize)}, its parent
   * {@code .../ndbus0/region<R>/dax<R>.<nsId>}, the device {@code dax<R>.<nsId>} with the whole
   * region and a pgmap over the whole namespace. EINVAL for a negative id or offset, an offset
   * not below the size, or an invalid align; ENOMEM when the data range is not align-aligned.
   */
  public static DaxRegion register(DaxBus bus, int regionId, int nsId, long nsStart, long nsSize,
      long dataOffset, long align, int targetNode) throws ErrnoException {
    Args.notNull(bus, "bus");
    Args.nonNegative(regionId, "region id");
    Args.nonNegative(nsId, "namespace id");
    Args.nonNegative(nsStart, "namespace start");
    Args.positive(nsSize, "namespace size");
    Args.nonNegative(dataOffset, "data offset");
    if (dataOffset >= nsSize || nsSize - 1 > Long.MAX_VALUE - nsStart) {
      throw ErrnoException.of(Errno.EINVAL, "namespace %#x+%#x with data offset %#x", nsStart,
          nsSize, dataOffset);
    }
    if (!Allocator.alignValid(align)) {
      throw ErrnoException.of(Errno.EINVAL, "pfn align %#x is not 4K, 2M or 1G", align);
    }
    String parent = "/sys/devices/platform/e820_pmem/ndbus0/region" + regionId + "/dax"
        + regionId + "." + nsId;
    DaxRegion region = DaxRegion.alloc(bus, parent, regionId, nsStart + dataOffset,
        nsSize - dataOffset, targetNode, align, true, false);
    DevPagemap pgmap = DevPagemap.of(nsStart, nsStart + nsSize - 1);
    region.createFirstDevice(nsSize - dataOffset, nsId, pgmap, false);
    return region;
  }
}
