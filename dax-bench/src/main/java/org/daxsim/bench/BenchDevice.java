package org.daxsim.bench;

import java.util.List;
import java.util.SplittableRandom;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.bus.Fsdev;
import org.daxsim.bus.Hmem;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.Pages;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.DaxOperations;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;

/**
 * A host with one idle hmem region and one dev_dax of {@code n} 2 MiB ranges placed by mapping
 * writes, every other 2 MiB chunk (a physical gap between ranges, so nothing can merge), bound
 * to fsdev_dax with the per-range lookup. Built through the public bus API only, so the range
 * table is the real one.
 */
final class BenchDevice {
  static final long BASE = 0x1_0000_0000L;
  static final long CHUNK = Pages.PMD_SIZE;
  /** Precomputed pgoffs per state: a power of two, indexed with a mask. */
  static final int PGOFFS = 1 << 12;

  final DaxCore core;
  final DaxBus bus;
  final DevDax dev;
  final DaxDevice dax;
  final DaxOperations ops;
  /** The ranges as copied out of the device, for the baseline walk: pgoff, start, end. */
  final long[] rangePgoff;
  final long[] rangeStart;
  final long[] rangeEnd;
  final long totalPages;

  BenchDevice(int ranges) throws ErrnoException {
    long size = 2L * ranges * CHUNK;
    PhysicalAddressSpace phys = new PhysicalAddressSpace();
    phys.map(BASE, size, MemoryDevice.create("cxl0", size), 0);
    KernelAddressSpace kas = new KernelAddressSpace(phys);
    core = new DaxCore(kas);
    Resource iomem = Resource.iomem();
    Resource.insertResource(iomem, BASE, BASE + size - 1, "Soft Reserved",
        Resource.IORESOURCE_MEM);
    bus = new DaxBus(core, iomem, KernelProfile.MAINLINE);
    bus.registerDriver(new DeviceDax(bus));
    bus.registerDriver(new Fsdev(bus));
    DaxRegion region = Hmem.register(bus, 0, BASE, size, 0, true);
    dev = region.create();
    for (int i = 0; i < ranges; i++) {
      long start = BASE + 2L * i * CHUNK;
      dev.mapping(start, start + CHUNK - 1);
    }
    dev.setVariant(DirectAccessVariant.PER_RANGE);
    bus.newId(Fsdev.NAME, dev.name());
    if (dev.driver() == null) {
      bus.bind(dev, Fsdev.NAME);
    }
    dax = dev.daxDevice();
    ops = dax.ops();
    List<DevDaxRange> list = dev.ranges();
    if (list.size() != ranges || ops == null) {
      throw new IllegalStateException("built " + list.size() + " ranges, ops " + ops);
    }
    rangePgoff = new long[ranges];
    rangeStart = new long[ranges];
    rangeEnd = new long[ranges];
    for (int i = 0; i < ranges; i++) {
      DevDaxRange r = list.get(i);
      rangePgoff[i] = r.pgoff();
      rangeStart[i] = r.start();
      rangeEnd[i] = r.end();
    }
    totalPages = dev.size() >>> Pages.PAGE_SHIFT;
  }

  /** {@link #PGOFFS} uniformly random in-range pgoffs from a fixed seed. */
  long[] randomPgoffs(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] p = new long[PGOFFS];
    for (int i = 0; i < p.length; i++) {
      p[i] = rnd.nextLong(totalPages);
    }
    return p;
  }
}
