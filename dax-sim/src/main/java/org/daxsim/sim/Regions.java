package org.daxsim.sim;

import org.daxsim.bus.Cxl;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.Kmem;
import org.daxsim.bus.PmemNamespace;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysWindow;
import org.daxsim.core.mem.Resource;

/**
 * Exposes a memory device to a host as a dax region: maps it into the physical address space,
 * inserts the firmware's iomem resource and calls the region producer; undoes everything when
 * a step fails, so a failed {@code region add} leaves the host as it was.
 */
final class Regions {
  private static final long GiB = 1L << 30;
  private static final long MiB = 1L << 20;

  private Regions() {}

  /** The next free base: 4 GiB, or 1 GiB past the highest attached window (rounded to 1 GiB). */
  static long nextBase(Host host) {
    long end = 4 * GiB;
    boolean any = false;
    for (var e : host.attached.entrySet()) {
      end = Math.max(end, e.getValue() + e.getKey().size());
      any = true;
    }
    if (!any) {
      return 4 * GiB;
    }
    return ((end + GiB - 1) & -GiB) + GiB;
  }

  /** The struct-page reserve of a devdax namespace (the oracle's 1 GiB namespace: 18 MiB). */
  static long pmemDataOffset(long nsSize, long align) {
    long reserve = nsSize / 64 + 8192;
    long a = Math.max(align, 2 * MiB);
    return (reserve + a - 1) / a * a;
  }

  /**
   * Adds region {@code id} of {@code kind} over all of {@code dev} at {@code base}. With
   * {@code cliBinding} an hmem device that the boot left unbound is bound to device_dax through
   * new_id and bind, as daxctl does (the scenario language's promise); without it (the oracle's
   * boot) the kernel's own binding stays.
   */
  static DaxRegion attach(Host host, int id, RegionRequest req, MemoryDevice dev, long base,
      boolean cliBinding) throws ErrnoException {
    if (host.attached.containsKey(dev)) {
      throw ErrnoException.of(Errno.EBUSY, "memory device %s is already attached to %s",
          dev.name(), host.name());
    }
    if (req.kind() != RegionKind.PMEM && req.align() != RegionRequest.DEFAULT_ALIGN) {
      throw ErrnoException.of(Errno.EINVAL, "--align applies to pmem regions only "
          + "(hmem and cxl regions are 2M aligned)");
    }
    if (req.idle() && req.kind() != RegionKind.HMEM) {
      throw ErrnoException.of(Errno.EINVAL, "--idle applies to hmem regions only");
    }
    long size = dev.size();
    if (base < 0 || base > Long.MAX_VALUE - size) {
      throw ErrnoException.of(Errno.EINVAL, "base %#x does not fit %#x bytes", base, size);
    }
    if (req.kind() == RegionKind.CXL) {
      host.loadModule(Kmem.NAME);
    }
    PhysWindow window = host.phys().map(base, size, dev, 0);
    Resource res = null;
    try {
      res = Resource.insertResource(host.iomem(), base, base + size - 1, resourceName(req, id),
          Resource.IORESOURCE_MEM);
      DaxRegion region = switch (req.kind()) {
        case HMEM -> Hmem.register(host.bus(), id, base, size, req.targetNode(), req.idle());
        case CXL -> Cxl.register(host.bus(), id, base, size, req.targetNode());
        case PMEM -> PmemNamespace.register(host.bus(), id, 0, base, size,
            pmemDataOffset(size, req.align()), req.align(), req.targetNode());
      };
      if (cliBinding && req.kind() == RegionKind.HMEM && !req.idle()) {
        DevDax first = region.devices().get(0);
        if (first.driver() == null) {
          // as daxctl_bind does: new_id makes device_dax match a KMEM region's device
          host.bus().newId(DeviceDax.NAME, first.name());
          if (first.driver() == null) {
            host.bus().bind(first, DeviceDax.NAME);
          }
        }
      }
      host.attached.put(dev, base);
      return region;
    } catch (ErrnoException e) {
      if (res != null && host.bus().region(id) == null) {
        Resource.removeResource(res);
      }
      if (host.bus().region(id) == null) {
        host.phys().unmap(window);
      }
      throw e;
    }
  }

  private static String resourceName(RegionRequest req, int id) {
    return switch (req.kind()) {
      case HMEM -> "Soft Reserved";
      case CXL -> "CXL Window " + id;
      case PMEM -> "Persistent Memory (legacy)";
    };
  }
}
