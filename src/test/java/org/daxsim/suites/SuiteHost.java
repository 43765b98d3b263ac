package org.daxsim.suites;

import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.bus.Fsdev;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.Kmem;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.fs.famfs.Famfs;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Vfs;

/**
 * One booted host of a suite world: 64 MiB RAM, a Soft Reserved window of {@code winLen} bytes
 * at physical {@code winBase} onto memory device {@code mem} at device offset {@code memOff}
 * (so a memory device shared by hosts appears at different physical addresses), an idle hmem
 * region over the window, device_dax, kmem and fsdev, a VFS with famfs and a root process.
 */
final class SuiteHost {
  final MemoryDevice mem;
  final long winBase;
  final long winLen;
  final long memOff;
  final PhysicalAddressSpace phys = new PhysicalAddressSpace();
  final KernelAddressSpace kas;
  final DaxCore core;
  final DaxBus bus;
  final DaxRegion region;
  final Vfs vfs;
  final Famfs famfs;
  final Process root;

  SuiteHost(MemoryDevice mem, long winBase, long winLen, long memOff) throws Exception {
    this.mem = mem;
    this.winBase = winBase;
    this.winLen = winLen;
    this.memOff = memOff;
    phys.map(0x4000_0000L, 64L << 20, MemoryDevice.create("dram", 64L << 20), 0);
    phys.map(winBase, winLen, mem, memOff);
    kas = new KernelAddressSpace(phys);
    kas.addSystemRam(0x4000_0000L, 64L << 20);
    Resource iomem = Resource.iomem();
    Resource.insertResource(iomem, winBase, winBase + winLen - 1, "Soft Reserved",
        Resource.IORESOURCE_MEM);
    core = new DaxCore(kas);
    bus = new DaxBus(core, iomem, KernelProfile.MAINLINE);
    bus.registerDriver(new DeviceDax(bus));
    bus.registerDriver(new Kmem(bus));
    bus.registerDriver(new Fsdev(bus));
    region = Hmem.register(bus, 0, winBase, winLen, 0, true);
    vfs = Vfs.create(kas, () -> 0L);
    famfs = Famfs.create(core);
    root = vfs.newProcess(Cred.ROOT);
  }

  /** Binds {@code d} to fsdev_dax (per-range variant), makes /dev/NAME, mounts famfs on mnt. */
  void fsdevMount(DevDax d, String mnt) throws Exception {
    d.setVariant(DirectAccessVariant.PER_RANGE);
    bus.newId(Fsdev.NAME, d.name());
    if (d.driver() == null) {
      bus.bind(d, Fsdev.NAME);
    }
    root.mknod("/dev/" + d.name(), Fcntl.S_IFCHR | 0600, d.daxDevice().devt());
    root.mkdir(mnt, 0755);
    root.mount(famfs, "/dev/" + d.name(), mnt, "");
  }

  /** The memory-device offset of physical {@code phys} by the window arithmetic (the model). */
  long memOffOf(long phys) {
    if (phys < winBase || phys >= winBase + winLen) {
      throw new IllegalArgumentException(String.format("%#x is outside the window", phys));
    }
    return phys - winBase + memOff;
  }
}
