package org.daxsim.fs.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.Fsdev;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.Kmem;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Vfs;

/**
 * A host as dax/Host.java builds it (64 MiB RAM, a 1 GiB Soft Reserved window, a dax bus with
 * device_dax, kmem and fsdev, an idle hmem region 0), plus a VFS and a root process.
 */
final class DevHost {
  static final long MiB = 1L << 20;
  static final long BASE = 0x1_0000_0000L;
  static final long WINDOW = 1L << 30;

  final PhysicalAddressSpace phys = new PhysicalAddressSpace();
  final KernelAddressSpace kas;
  final DaxCore core;
  final DaxBus bus;
  final DaxRegion region;
  final Vfs vfs;
  final Process root;

  DevHost() throws ErrnoException {
    phys.map(0x4000_0000L, 64 * MiB, MemoryDevice.create("dram", 64 * MiB), 0);
    phys.map(BASE, WINDOW, MemoryDevice.create("cxl0", WINDOW), 0);
    kas = new KernelAddressSpace(phys);
    kas.addSystemRam(0x4000_0000L, 64 * MiB);
    Resource iomem = Resource.iomem();
    Resource.insertResource(iomem, BASE, BASE + WINDOW - 1, "Soft Reserved",
        Resource.IORESOURCE_MEM);
    core = new DaxCore(kas);
    bus = new DaxBus(core, iomem, KernelProfile.MAINLINE);
    bus.registerDriver(new DeviceDax(bus));
    bus.registerDriver(new Kmem(bus));
    bus.registerDriver(new Fsdev(bus));
    region = Hmem.register(bus, 0, BASE, WINDOW, 0, true);
    vfs = Vfs.create(kas);
    root = vfs.newProcess(Cred.ROOT);
  }

  /** A new dev_dax of {@code size} bytes at the first free space, unbound. */
  DevDax device(long size) throws ErrnoException {
    DevDax d = region.create();
    d.resize(size);
    return d;
  }

  /** A new dev_dax of {@code size} bytes bound to device_dax. */
  DevDax deviceDax(long size) throws ErrnoException {
    DevDax d = device(size);
    bus.bind(d, DeviceDax.NAME);
    return d;
  }

  /** A new dev_dax of {@code size} bytes bound to fsdev (through new_id). */
  DevDax fsdev(long size) throws ErrnoException {
    DevDax d = device(size);
    bus.newId("fsdev_dax", d.name());
    return d;
  }

  /** The byte at device offset {@code devOff}, read physically through pgoffToPhys. */
  byte devByte(DevDax d, long devOff) throws ErrnoException {
    byte[] b = new byte[1];
    phys.read(d.pgoffToPhys(devOff >> 12, 4096) + (devOff & 4095), b, 0, 1);
    return b[0];
  }

  void writeDev(DevDax d, long devOff, byte[] src) throws ErrnoException {
    phys.write(d.pgoffToPhys(devOff >> 12, 4096) + (devOff & 4095), src, 0, src.length);
  }

  /** Asserts that {@code call} fails with {@code errno}. */
  static void expect(Errno errno, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected %s", errno).isInstanceOf(ErrnoException.class);
    assertThat(((ErrnoException) t).errno()).as(String.valueOf(t.getMessage())).isEqualTo(errno);
  }
}
