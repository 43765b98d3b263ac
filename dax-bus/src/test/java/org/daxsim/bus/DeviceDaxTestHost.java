package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.Pages;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.Mm;

/**
 * A host for the driver tests: 64 MiB of boot System RAM at 1 GiB, one memory device backing a
 * Soft Reserved window at {@link #BASE}, a dax bus with device_dax, kmem and fsdev registered, and one dynamic region over the
 * window (2 MiB align). Devices are placed with mapping writes, so tests choose their physical
 * layout exactly.
 */
final class DeviceDaxTestHost {
  static final long BASE = 0x1_0000_0000L;
  static final long MiB = 1L << 20;
  static final long GiB = 1L << 30;
  static final long RAM_BASE = 1L << 30;
  static final long RAM_SIZE = 64L << 20;

  final PhysicalAddressSpace phys = new PhysicalAddressSpace();
  final MemoryDevice mem;
  final KernelAddressSpace kas;
  final DaxCore core;
  final Resource iomem = Resource.iomem();
  final DaxBus bus;
  final DeviceDax deviceDax;
  final Kmem kmem;
  final Fsdev fsdev;
  final DaxRegion region;

  DeviceDaxTestHost() throws ErrnoException {
    this(4 * GiB, true, KernelProfile.MAINLINE);
  }

  DeviceDaxTestHost(long size, boolean kmemFlag, KernelProfile profile) throws ErrnoException {
    mem = MemoryDevice.create("cxl0", size);
    phys.map(BASE, size, mem, 0);
    kas = new KernelAddressSpace(phys);
    // boot System RAM for anonymous user memory (buffers of read(2) and the like)
    phys.map(RAM_BASE, RAM_SIZE, MemoryDevice.create("ram", RAM_SIZE), 0);
    kas.addSystemRam(RAM_BASE, RAM_SIZE);
    Resource.requestRegion(iomem, RAM_BASE, RAM_SIZE, "System RAM");
    core = new DaxCore(kas);
    Resource.insertResource(iomem, BASE, BASE + size - 1, "Soft Reserved", Resource.IORESOURCE_MEM);
    bus = new DaxBus(core, iomem, profile);
    deviceDax = new DeviceDax(bus);
    kmem = new Kmem(bus);
    fsdev = new Fsdev(bus);
    bus.registerDriver(deviceDax);
    bus.registerDriver(kmem);
    bus.registerDriver(fsdev);
    region = DaxRegion.alloc(bus, "/sys/devices/platform/hmem.0", 0, BASE, size, 0,
        Pages.PMD_SIZE, false, kmemFlag);
  }

  /** A new device of the region made of the given {start, end} (inclusive) physical ranges. */
  DevDax device(long... startEnd) throws ErrnoException {
    DevDax d = region.create();
    for (int i = 0; i < startEnd.length; i += 2) {
      d.mapping(startEnd[i], startEnd[i + 1]);
    }
    return d;
  }

  /** The two-range device with a physical gap: 4 MiB at BASE+2M, then 4 MiB at BASE+64M. */
  DevDax twoRangeGap() throws ErrnoException {
    return device(BASE + 2 * MiB, BASE + 6 * MiB - 1, BASE + 64 * MiB, BASE + 68 * MiB - 1);
  }

  /** Binds {@code dev} to {@code driver} the way daxctl does (new_id, which attaches). */
  DevDax bind(DevDax dev, String driver) throws ErrnoException {
    bus.newId(driver, dev.name());
    if (dev.driver() == null) {
      bus.bind(dev, driver);
    }
    assertThat(dev.driver().name()).isEqualTo(driver);
    return dev;
  }

  Mm process() throws ErrnoException {
    return new Mm(kas);
  }
}
