package org.daxsim.bus;

import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;

/** A dax bus with the two test drivers "device_dax" (DEVICE) and "kmem" (KMEM) registered. */
final class BusFixture {
  static final long M = 1L << 20;
  static final long G = 1L << 30;
  static final long REGION0 = 0x100000000L;

  final DaxBus bus;
  final TestDriver devdax = new TestDriver("device_dax", DaxDriverType.DEVICE);
  final TestDriver kmem = new TestDriver("kmem", DaxDriverType.KMEM);
  final TestDriver fsdev = new TestDriver("fsdev", DaxDriverType.FSDEV);

  BusFixture(KernelProfile profile) {
    this(profile, true);
  }

  BusFixture(KernelProfile profile, boolean withKmem) {
    try {
      DaxCore core = new DaxCore(new KernelAddressSpace(new PhysicalAddressSpace()));
      bus = new DaxBus(core, Resource.iomem(), profile);
      bus.registerDriver(devdax);
      if (withKmem) {
        bus.registerDriver(kmem);
      }
      bus.registerDriver(fsdev);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  /** The oracle's default: one 4 GiB hmem region at 4 GiB. */
  static BusFixture oracle(KernelProfile profile) throws ErrnoException {
    BusFixture f = new BusFixture(profile, false);
    f.hmem(0, REGION0, 4 * G, false);
    return f;
  }

  DaxRegion hmem(int id, long start, long size, boolean idle) throws ErrnoException {
    Resource.insertResource(bus.iomem(), start, start + size - 1, "Soft Reserved",
        Resource.IORESOURCE_MEM);
    return Hmem.register(bus, id, start, size, 0, idle);
  }

  DevDax dev(String name) {
    DevDax d = bus.device(name);
    if (d == null) {
      throw new AssertionError("no device " + name);
    }
    return d;
  }
}
