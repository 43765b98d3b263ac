package org.daxsim.core.dax;

import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Mman;

/**
 * One host: 16 MiB of System RAM at physical 0, a pmem namespace of {@code pages} pages at
 * {@link #PHYS} attached as a dax device (NOCACHE, NOMC, SYNC), and one process.
 */
final class PmemFixture {
  /** Where the namespace sits in host physical memory: 4 GiB, as a CXL/pmem window would. */
  static final long PHYS = 0x1_0000_0000L;
  static final long RAM = 16L << 20;

  final MemoryDevice ram;
  final MemoryDevice media;
  final PhysicalAddressSpace phys = new PhysicalAddressSpace();
  final KernelAddressSpace kas;
  final DaxCore core;
  final PmemDaxOperations pmem;
  final DaxDevice dax;
  final long pages;
  final Mm mm;

  PmemFixture(long pages) {
    this.pages = pages;
    try {
      ram = MemoryDevice.create("ram", RAM);
      phys.map(0, RAM, ram, 0);
      media = MemoryDevice.create("pmem0", pages * Pages.PAGE_SIZE);
      phys.map(PHYS, media.size(), media, 0);
      kas = new KernelAddressSpace(phys);
      kas.addSystemRam(0, RAM);
      core = new DaxCore(kas);
      pmem = PmemDaxOperations.create(kas, PHYS, media.size());
      dax = pmem.attach(core);
      mm = new Mm(kas);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  long pfn(long pgoff) {
    return (PHYS >>> Pages.PAGE_SHIFT) + pgoff;
  }

  /** A second device over the same namespace with none of the copy flags (plain copies). */
  DaxDevice plainDevice() {
    return Fixtures.alloc(core, pmem, pmem);
  }

  /** An anonymous read-write mapping of {@code len} bytes in the process; its address. */
  long userBuffer(long len) {
    try {
      return mm.mmap(0, len, Mman.PROT_READ | Mman.PROT_WRITE,
          Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, 0, null).start();
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  IovIter ubuf(int dir, long uaddr, long len) {
    try {
      return IovIter.ubuf(mm, dir, uaddr, len);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  byte[] mediaBytes(long off, int len) {
    byte[] b = new byte[len];
    try {
      media.read(off, b, 0, len);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
    return b;
  }
}
