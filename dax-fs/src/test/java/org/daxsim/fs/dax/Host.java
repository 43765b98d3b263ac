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
final class Host extends org.daxsim.fs.testing.TestHost {
  final FsDax fsDax;
  final DaxFault faults;
  final Mm process;

  Host() throws ErrnoException {
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
