package org.daxsim.bus.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mm.IovIter.ITER_DEST;
import static org.daxsim.core.mm.Mman.MAP_ANONYMOUS;
import static org.daxsim.core.mm.Mman.MAP_PRIVATE;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;

import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.bus.Fsdev;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.Kmem;
import org.daxsim.core.Errno;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Vma;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The examples of docs/bus.md, run; DocExamplesTest keeps the two identical. */
class BusExamplesTest {
  static final long MiB = 1L << 20;
  static final long GiB = 1L << 30;
  static final long BASE = 0x1_0000_0000L;

  PhysicalAddressSpace phys;
  KernelAddressSpace kas;
  DaxBus bus;

  @BeforeEach
  void host() throws Exception {
    // begin-example: bus-host
    phys = new PhysicalAddressSpace();
    phys.map(0x4000_0000L, 64 * MiB, MemoryDevice.create("dram", 64 * MiB), 0);
    phys.map(BASE, 4 * GiB, MemoryDevice.create("cxl0", 4 * GiB), 0); // sparse: costs nothing
    kas = new KernelAddressSpace(phys);
    kas.addSystemRam(0x4000_0000L, 64 * MiB);
    Resource iomem = Resource.iomem();
    Resource.insertResource(iomem, BASE, BASE + 4 * GiB - 1, "Soft Reserved",
        Resource.IORESOURCE_MEM);
    bus = new DaxBus(new DaxCore(kas), iomem, KernelProfile.MAINLINE);
    bus.registerDriver(new DeviceDax(bus));
    bus.registerDriver(new Kmem(bus));
    bus.registerDriver(new Fsdev(bus));
    // end-example: bus-host
  }

  @Test
  void allocatorWorkedExample() throws Exception {
    // begin-example: bus-allocator
    DaxRegion region = Hmem.register(bus, 0, BASE, 4 * GiB, 0, true); // idle: dax0.0 is empty
    DevDax a = region.create();
    a.resize(256 * MiB);
    DevDax b = region.create();
    b.resize(512 * MiB);
    a.resize(0);
    region.delete(a.name());

    DevDax c = region.create();
    c.resize(512 * MiB);
    assertThat(c.name()).isEqualTo("dax0.1"); // the lowest free id again
    assertThat(b.ranges()).containsExactly(
        new DevDaxRange(0x0, BASE + 256 * MiB, BASE + 768 * MiB - 1));
    assertThat(c.ranges()).containsExactly(
        new DevDaxRange(0x0, BASE, BASE + 256 * MiB - 1),
        new DevDaxRange(0x10000, BASE + 768 * MiB, BASE + 1024 * MiB - 1));
    assertThat(c.pgoffToPhys(0x10000, 4096)).isEqualTo(BASE + 768 * MiB);
    assertThat(c.pgoffToPhys(0xffff, 2 * 4096)).isEqualTo(-1); // a span may not cross a range end
    // end-example: bus-allocator
  }

  @Test
  void variantsSideBySide() throws Exception {
    DaxRegion region = Hmem.register(bus, 0, BASE, 4 * GiB, 0, true);
    DevDax dev = region.create(); // two ranges with a 512 MiB physical gap between them
    dev.mapping(BASE, BASE + 256 * MiB - 1);
    dev.mapping(BASE + 768 * MiB, BASE + 1024 * MiB - 1);
    byte[] file = new byte[2 * 4096]; // two pages: the last of range 0, the first of range 1
    java.util.Arrays.fill(file, 0, 4096, (byte) 'A');
    java.util.Arrays.fill(file, 4096, 8192, (byte) 'B');
    phys.write(BASE + 256 * MiB - 4096, file, 0, 4096);
    phys.write(BASE + 768 * MiB, file, 4096, 4096);
    Mm process = new Mm(kas);
    Vma buffer = process.mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0, null);

    // begin-example: bus-variants
    DaxCore core = bus.core();
    KaddrPfn out = new KaddrPfn();
    for (DirectAccessVariant v : DirectAccessVariant.values()) {
      dev.setVariant(v);
      bus.newId("fsdev_dax", dev.name()); // fsdev installs the variant's dax_operations

      // What dax_iomap_iter does for read(2) of 8 KiB at device page 0xffff: ask for the whole
      // rest, copy what is granted from kaddr, continue; 0 bytes copied means EFAULT.
      IovIter userBuffer = IovIter.ubuf(process, ITER_DEST, buffer.start(), 8192);
      long done = 0;
      long error = 0;
      int idx = core.daxReadLock();
      while (done < 8192 && error == 0) {
        long pgoff = 0xffff + done / 4096;
        long pages = core.daxDirectAccess(dev.daxDevice(), pgoff, (8192 - done) / 4096,
            DaxAccessMode.DAX_ACCESS, out);
        if (pages < 0) {
          error = pages;
          break;
        }
        long want = Math.min(pages * 4096, 8192 - done);
        long copied = core.daxCopyToIter(dev.daxDevice(), pgoff, out.kaddr(), want, userBuffer);
        done += copied;
        if (copied == 0) {
          error = Errno.EFAULT.neg();
        } else if (copied < want) {
          break; // a short copy ends the read
        }
      }
      core.daxReadUnlock(idx);
      System.out.printf("%-16s read(2) returns %s%n", v.id(),
          done > 0 ? done + " bytes" : Errno.of(error).name());
      switch (v) {
        case PER_RANGE -> assertThat(done).isEqualTo(8192); // two grants, one per range
        case SEED_PHYS -> assertThat(error).isEqualTo(Errno.EFAULT.neg()); // kaddr is physical
        case RFC_VIRT_OFFSET -> assertThat(done).isEqualTo(4096); // range 0 + offset: the gap
        case FSDEV_FULL_SPAN -> assertThat(error).isEqualTo(Errno.EFAULT.neg()); // span crosses
      }
      bus.unbind(dev);
    }
    // end-example: bus-variants
    byte[] seen = new byte[8192];
    process.load(buffer.start(), seen, 0, 8192);
    assertThat(seen).as("the last variant read nothing; per-range's bytes are still there")
        .isEqualTo(file);
  }
}
