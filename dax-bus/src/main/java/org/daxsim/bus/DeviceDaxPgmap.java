package org.daxsim.bus;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;

/**
 * What dev_dax_probe() (drivers/dax/device.c) and fsdev_dax_probe() (drivers/dax/fsdev.c)
 * devm-acquire for a device: the pgmap check, one request_mem_region per range and
 * devm_memremap_pages over all ranges; {@link #release} is the devm unwind. A failure part way
 * releases what was taken, in reverse order, as devres does.
 */
final class DeviceDaxPgmap {
  private final KernelAddressSpace kas;
  private final List<Resource> regions;
  private final long[] remapped;

  private DeviceDaxPgmap(KernelAddressSpace kas, List<Resource> regions, long[] remapped) {
    this.kas = kas;
    this.regions = regions;
    this.remapped = remapped;
  }

  /**
   * The probe steps in the kernel's order: the pgmap (static region: the producer's, EINVAL for
   * a device with more than one range, "static pgmap / multi-range device conflict"; dynamic:
   * EINVAL when one is already set, "dynamic-dax with pre-populated page map", else built from
   * the ranges); each range claimed in iomem under the device's name, EBUSY on a clash
   * ("mappingN: ... could not reserve range"); then memremap_pages of every pgmap range (its
   * errno passed through). On success the pgmap is published as dev_dax->pgmap.
   */
  static DeviceDaxPgmap acquire(DaxBus bus, DevDax dev) throws ErrnoException {
    List<DevDaxRange> ranges = dev.ranges();
    DevPagemap pgmap = pgmap(dev, ranges);
    List<Resource> claimed = new ArrayList<>(ranges.size());
    for (int i = 0; i < ranges.size(); i++) {
      DevDaxRange r = ranges.get(i);
      try {
        claimed.add(Resource.requestRegion(bus.iomem(), r.start(), r.length(), dev.name()));
      } catch (ErrnoException e) {
        releaseAll(claimed);
        throw ErrnoException.of(Errno.EBUSY, "%s: mapping%d: %#x-%#x could not reserve range",
            dev.name(), i, r.start(), r.end());
      }
    }
    KernelAddressSpace kas = bus.kas();
    List<DevDaxRange> maps = pgmap.ranges();
    long[] remapped = new long[maps.size()];
    for (int i = 0; i < maps.size(); i++) {
      DevDaxRange r = maps.get(i);
      try {
        kas.memremapPages(r.start(), r.length());
        remapped[i] = r.start();
      } catch (ErrnoException e) {
        for (int j = i - 1; j >= 0; j--) {
          unmapQuietly(kas, remapped[j]);
        }
        releaseAll(claimed);
        throw e;
      }
    }
    dev.setPgmap(pgmap);
    return new DeviceDaxPgmap(kas, claimed, remapped);
  }

  private static DevPagemap pgmap(DevDax dev, List<DevDaxRange> ranges) throws ErrnoException {
    if (dev.region().isStatic()) {
      if (ranges.size() > 1) {
        throw ErrnoException.of(Errno.EINVAL, "%s: static pgmap / multi-range device conflict",
            dev.name());
      }
      DevPagemap supplied = dev.pgmap();
      return supplied != null ? supplied : new DevPagemap(ranges);
    }
    if (dev.pgmap() != null) {
      throw ErrnoException.of(Errno.EINVAL, "%s: dynamic-dax with pre-populated page map",
          dev.name());
    }
    return new DevPagemap(ranges);
  }

  /** The devm unwind: memunmap_pages, then release_mem_region of every range. */
  void release() {
    for (int j = remapped.length - 1; j >= 0; j--) {
      unmapQuietly(kas, remapped[j]);
    }
    releaseAll(regions);
  }

  /** The resources claimed, in range order. */
  List<Resource> regions() {
    return List.copyOf(regions);
  }

  /**
   * kill_dev_dax() (drivers/dax/bus.c): kill_dax, then unmap_mapping_range(mapping, 0, 0, 1) of
   * the device inode, so every user mapping is zapped and the next touch faults (SIGBUS).
   * Idempotent, so the bus may call it too.
   */
  static void killDevDax(DaxCore core, DevDax dev) {
    DaxDevice dax = dev.daxDevice();
    try {
      core.killDax(dax);
      dax.mapping().unmapMappingRange(0, 0);
    } catch (ErrnoException e) {
      throw new IllegalStateException("kill_dev_dax(" + dev.name() + ")", e); // valid args
    }
  }

  private static void releaseAll(List<Resource> claimed) {
    for (int j = claimed.size() - 1; j >= 0; j--) {
      try {
        Resource.releaseResource(claimed.get(j));
      } catch (ErrnoException e) {
        // already released: nothing left to undo
      }
    }
  }

  private static void unmapQuietly(KernelAddressSpace kas, long start) {
    try {
      kas.memunmapPages(start);
    } catch (ErrnoException e) {
      // already unmapped: nothing left to undo
    }
  }
}
