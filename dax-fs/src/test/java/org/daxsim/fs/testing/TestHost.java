package org.daxsim.fs.testing;

import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.Fsdev;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.Kmem;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;

/**
 * The machine every dax-fs test starts from: 64 MiB of RAM at 1 GiB, a 1 GiB Soft Reserved
 * window at {@link #BASE} backed by a memory device (a fresh one, or one shared with other
 * hosts), a dax bus with device_dax, kmem and fsdev, and an idle hmem region 0 over the window.
 */
public class TestHost {
  public static final long MiB = 1L << 20;
  public static final long BASE = 0x1_0000_0000L;
  public static final long WINDOW = 1L << 30;

  public final PhysicalAddressSpace phys = new PhysicalAddressSpace();
  public final MemoryDevice cxl;
  public final KernelAddressSpace kas;
  public final DaxCore core;
  public final DaxBus bus;
  public final Fsdev fsdevDriver;
  public final DaxRegion region;

  /** A host with its own 1 GiB memory device. */
  public TestHost() throws ErrnoException {
    this(MemoryDevice.create("cxl0", WINDOW));
  }

  /** A host whose window is backed by {@code cxl} (which other hosts may map too). */
  public TestHost(MemoryDevice cxl) throws ErrnoException {
    this.cxl = cxl;
    phys.map(0x4000_0000L, 64 * MiB, MemoryDevice.create("dram", 64 * MiB), 0);
    phys.map(BASE, WINDOW, cxl, 0);
    kas = new KernelAddressSpace(phys);
    kas.addSystemRam(0x4000_0000L, 64 * MiB);
    Resource iomem = Resource.iomem();
    Resource.insertResource(iomem, BASE, BASE + WINDOW - 1, "Soft Reserved",
        Resource.IORESOURCE_MEM);
    core = new DaxCore(kas);
    bus = new DaxBus(core, iomem, KernelProfile.MAINLINE);
    bus.registerDriver(new DeviceDax(bus));
    bus.registerDriver(new Kmem(bus));
    fsdevDriver = new Fsdev(bus);
    bus.registerDriver(fsdevDriver);
    region = Hmem.register(bus, 0, BASE, WINDOW, 0, true);
  }

  /** The bytes at device bytes [devOff, devOff+len) of {@code d}, read physically. */
  public byte[] devBytes(org.daxsim.bus.DevDax d, long devOff, int len) throws ErrnoException {
    byte[] out = new byte[len];
    for (int i = 0; i < len; ) {
      long off = devOff + i;
      int n = (int) Math.min(len - i, 4096 - (off & 4095));
      phys.read(d.pgoffToPhys(off >> 12, 4096) + (off & 4095), out, i, n);
      i += n;
    }
    return out;
  }

  /** Writes {@code src} physically at device byte {@code devOff} of {@code d}. */
  public void writeDev(org.daxsim.bus.DevDax d, long devOff, byte[] src) throws ErrnoException {
    for (int i = 0; i < src.length; ) {
      long off = devOff + i;
      int n = (int) Math.min(src.length - i, 4096 - (off & 4095));
      phys.write(d.pgoffToPhys(off >> 12, 4096) + (off & 4095), src, i, n);
      i += n;
    }
  }
}
