package org.daxsim.fs.dax;

import static org.daxsim.core.mm.Mman.MAP_ANONYMOUS;
import static org.daxsim.core.mm.Mman.MAP_PRIVATE;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;

import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.bus.Fsdev;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.Kmem;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Vma;

/** A host: 64 MiB RAM, a 1 GiB Soft Reserved window, a dax bus, an idle hmem region. */
final class Host {
  static final long MiB = 1L << 20;
  static final long BASE = 0x1_0000_0000L;
  static final long WINDOW = 1L << 30;

  final PhysicalAddressSpace phys = new PhysicalAddressSpace();
  final KernelAddressSpace kas;
  final DaxCore core;
  final DaxBus bus;
  final DaxRegion region;
  final FsDax fsDax;
  final DaxFault faults;
  final Mm process;

  Host() throws ErrnoException {
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
    fsDax = new FsDax(core);
    faults = new DaxFault(fsDax);
    process = new Mm(kas);
  }

  /** A dev_dax of the given {start, end} ranges (offsets from BASE), bound to fsdev. */
  DevDax fsdev(DirectAccessVariant v, long... startLen) throws ErrnoException {
    DevDax d = region.create();
    for (int i = 0; i < startLen.length; i += 2) {
      d.mapping(BASE + startLen[i], BASE + startLen[i] + startLen[i + 1] - 1);
    }
    d.setVariant(v);
    bus.newId("fsdev_dax", d.name());
    return d;
  }

  /** The bytes at device bytes [devOff, devOff+len) read physically through pgoffToPhys. */
  byte[] devBytes(DevDax d, long devOff, int len) throws ErrnoException {
    byte[] out = new byte[len];
    for (int i = 0; i < len; ) {
      long off = devOff + i;
      int n = (int) Math.min(len - i, 4096 - (off & 4095));
      long p = d.pgoffToPhys(off >> 12, 4096);
      phys.read(p + (off & 4095), out, i, n);
      i += n;
    }
    return out;
  }

  void writeDev(DevDax d, long devOff, byte[] src) throws ErrnoException {
    for (int i = 0; i < src.length; ) {
      long off = devOff + i;
      int n = (int) Math.min(src.length - i, 4096 - (off & 4095));
      phys.write(d.pgoffToPhys(off >> 12, 4096) + (off & 4095), src, i, n);
      i += n;
    }
  }

  /** What a correct file read of [pos, pos+len) sees, from the physical model (no EOF clamp). */
  byte[] model(DevDax d, TestFile f, long pos, int len) throws ErrnoException {
    byte[] out = new byte[len];
    for (int i = 0; i < len; i++) {
      long o = f.devOffset(pos + i);
      if (o >= 0) {
        out[i] = devBytes(d, o, 1)[0];
      }
    }
    return out;
  }

  /** An anonymous user buffer of {@code len} bytes (at least one page). */
  Vma buffer(long len) throws ErrnoException {
    return process.mmap(0, Math.max(4096, (len + 4095) & -4096L), PROT_READ | PROT_WRITE,
        MAP_PRIVATE | MAP_ANONYMOUS, 0, null);
  }

  /** read(2) of the file through daxIomapRw into a fresh buffer; {@code out[0]} gets the data. */
  long read(TestFile f, long pos, int len, byte[][] out) throws Exception {
    Vma b = buffer(len);
    IovIter it = IovIter.ubuf(process, IovIter.ITER_DEST, b.start(), len);
    long r = fsDax.daxIomapRw(pos, it, false, f, f);
    byte[] data = new byte[(int) Math.max(r, 0)];
    if (r > 0) {
      process.load(b.start(), data, 0, data.length);
    }
    out[0] = data;
    process.munmap(b.start(), b.length());
    return r;
  }

  /** write(2) of {@code src} at {@code pos} through daxIomapRw. */
  long write(TestFile f, long pos, byte[] src) throws Exception {
    Vma b = buffer(src.length);
    if (src.length > 0) {
      process.store(b.start(), src, 0, src.length);
    }
    IovIter it = IovIter.ubuf(process, IovIter.ITER_SOURCE, b.start(), src.length);
    long r = fsDax.daxIomapRw(pos, it, true, f, f);
    process.munmap(b.start(), b.length());
    return r;
  }
}
