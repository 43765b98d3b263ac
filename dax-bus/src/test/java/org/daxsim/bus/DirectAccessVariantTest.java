package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.bus.DeviceDaxTestHost.BASE;
import static org.daxsim.bus.DeviceDaxTestHost.MiB;
import static org.daxsim.core.mm.IovIter.ITER_DEST;
import static org.daxsim.core.mm.IovIter.ITER_SOURCE;
import static org.daxsim.core.mm.Mman.MAP_ANONYMOUS;
import static org.daxsim.core.mm.Mman.MAP_PRIVATE;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.MmapHandler;
import org.daxsim.core.mm.VmFault;
import org.daxsim.core.mm.VmOperations;
import org.daxsim.core.mm.Vma;
import org.junit.jupiter.api.Test;

/**
 * Each direct_access variant against the two-range device with a physical gap (4 MiB at
 * BASE+2M, 4 MiB at BASE+64M): the failures come out of the core's real copy and fault paths.
 * Reads go through {@link #iomapRead}, the dax_iomap_iter loop of fs/dax.c.
 */
class DirectAccessVariantTest {
  private static final long DEV_BYTES = 8 * MiB;
  private static final long RANGE1_PGOFF = 1024;

  private final DeviceDaxTestHost h;
  private final DevDax dev;

  DirectAccessVariantTest() throws ErrnoException {
    h = new DeviceDaxTestHost();
    dev = h.twoRangeGap();
    // each device page holds its pgoff in its first 8 bytes; the gap holds a marker
    for (long p = 0; p < DEV_BYTES >>> 12; p++) {
      h.mem.writeLong(dev.pgoffToPhys(p, 4096) - BASE, p);
    }
    for (long a = BASE + 6 * MiB; a < BASE + 64 * MiB; a += 4096) {
      h.mem.writeLong(a - BASE, 0xdeadL);
    }
  }

  private DaxDevice bindFsdev(DirectAccessVariant v) throws ErrnoException {
    dev.setVariant(v);
    h.bind(dev, Fsdev.NAME);
    assertThat(h.fsdev.variant(dev)).isEqualTo(v);
    return dev.daxDevice();
  }

  /**
   * fs/dax.c dax_iomap_iter() for a read of {@code len} bytes at device byte {@code pos} into
   * a user buffer: asks for the whole rest each time, copies with dax_copy_to_iter, 0 bytes
   * copied is -EFAULT; returns bytes done, else the first error.
   */
  static long iomapRead(DaxCore core, DaxDevice dax, long pos, long len, IovIter iter) {
    KaddrPfn out = new KaddrPfn();
    long done = 0;
    int id = core.daxReadLock();
    try {
      while (done < len) {
        long p = pos + done;
        long off = p & 4095;
        long size = (len - done + off + 4095) & -4096L;
        long pgoff = p >>> 12;
        long n = core.daxDirectAccess(dax, pgoff, size >>> 12, DaxAccessMode.DAX_ACCESS, out);
        if (n < 0) {
          return done > 0 ? done : n;
        }
        long usable = Math.min((n << 12) - off, len - done);
        long xfer = core.daxCopyToIter(dax, pgoff, out.kaddr() + off, usable, iter);
        done += xfer;
        if (xfer == 0) {
          return done > 0 ? done : Errno.EFAULT.neg();
        }
        if (xfer < usable) {
          break;
        }
      }
    } finally {
      core.daxReadUnlock(id);
    }
    return done;
  }

  /** A read(2) of the device bytes [pos, pos+len) into a fresh user buffer; returns the count. */
  private long read(DaxDevice dax, long pos, long len, long[] firstLongs) throws Exception {
    Mm mm = h.process();
    Vma buf = mm.mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0, null);
    long r = iomapRead(h.core, dax, pos, len, IovIter.ubuf(mm, ITER_DEST, buf.start(), len));
    for (int i = 0; firstLongs != null && i < firstLongs.length && (i << 12) < Math.max(r, 0);
        i++) {
      firstLongs[i] = mm.loadLong(buf.start() + ((long) i << 12) + ((-pos) & 4095));
    }
    return r;
  }

  @Test
  void perRangeIsCorrectEverywhereAndNeverCrossesARangeEnd() throws Exception {
    DaxDevice dax = bindFsdev(DirectAccessVariant.PER_RANGE);
    KaddrPfn out = new KaddrPfn();
    for (long p = 0; p < DEV_BYTES >>> 12; p++) {
      long n = h.core.daxDirectAccess(dax, p, 4096, DaxAccessMode.DAX_ACCESS, out);
      long rangeEnd = p < RANGE1_PGOFF ? RANGE1_PGOFF : 2 * RANGE1_PGOFF;
      assertThat(n).isEqualTo(rangeEnd - p);
      assertThat(out.pfn() << 12).isEqualTo(dev.pgoffToPhys(p, 4096));
      assertThat(out.kaddr()).isEqualTo(KernelAddressSpace.va(out.pfn() << 12)); // invariant 26
    }
    assertThat(h.core.daxDirectAccess(dax, 2048, 1, DaxAccessMode.DAX_ACCESS, out))
        .isEqualTo(Errno.EFAULT.neg());
    assertThat(h.core.daxDirectAccess(dax, -1, 1, DaxAccessMode.DAX_ACCESS, out))
        .isEqualTo(Errno.EFAULT.neg());
    long[] seen = new long[2048];
    assertThat(read(dax, 0, DEV_BYTES, seen)).isEqualTo(DEV_BYTES);
    for (int p = 0; p < seen.length; p++) {
      assertThat(seen[p]).isEqualTo(p);
    }
    // a read spanning the boundary at an unaligned position
    long[] two = new long[2];
    assertThat(read(dax, (RANGE1_PGOFF - 1) << 12, 8192, two)).isEqualTo(8192);
    assertThat(two).containsExactly(RANGE1_PGOFF - 1, RANGE1_PGOFF);
  }

  @Test
  void seedPhysMakesUserCopiesFaultWhileTheFaultPathWorks() throws Exception {
    DaxDevice dax = bindFsdev(DirectAccessVariant.SEED_PHYS);
    KaddrPfn out = new KaddrPfn();
    assertThat(h.core.daxDirectAccess(dax, 5, 1, DaxAccessMode.DAX_ACCESS, out)).isEqualTo(1);
    assertThat(out.kaddr()).isEqualTo(BASE + 2 * MiB + 5 * 4096); // a physical address
    assertThat(read(dax, 0, 4096, null)).isEqualTo(Errno.EFAULT.neg());
    assertThat(read(dax, RANGE1_PGOFF << 12, 4096, null)).isEqualTo(Errno.EFAULT.neg());
    // write(2): copy_from_iter to the bogus kaddr moves nothing either
    Mm mm = h.process();
    Vma buf = mm.mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0, null);
    IovIter src = IovIter.ubuf(mm, ITER_SOURCE, buf.start(), 4096);
    assertThat(h.core.daxCopyFromIter(dax, 5, out.kaddr(), 4096, src)).isZero();
    // mmap through the fs-dax fault path uses only the pfn: it sees the right bytes
    assertThat(faultRead(dax, 5)).isEqualTo(5);
    assertThat(faultRead(dax, RANGE1_PGOFF + 7)).isEqualTo(RANGE1_PGOFF + 7);
  }

  /** dax_iomap_pte_fault() in miniature: map the pfn direct_access gives for the page. */
  private long faultRead(DaxDevice dax, long pgoff) throws Exception {
    KaddrPfn out = new KaddrPfn();
    VmOperations ops = vmf -> {
      int id = h.core.daxReadLock();
      try {
        long n = h.core.daxDirectAccess(dax, vmf.pgoff(), 1, DaxAccessMode.DAX_ACCESS, out);
        return n < 0 ? VmFault.VM_FAULT_SIGBUS : vmf.insertPfn(out.pfn());
      } finally {
        h.core.daxReadUnlock(id);
      }
    };
    MmapHandler file = vma -> vma.setOps(ops);
    Mm mm = h.process();
    Vma v = mm.mmap(0, 4096, PROT_READ, MAP_SHARED, pgoff, file);
    return mm.loadLong(v.start());
  }

  @Test
  void rfcVirtOffsetFaultsPastRangeZeroWhenTheGapIsUnmapped() throws Exception {
    DaxDevice dax = bindFsdev(DirectAccessVariant.RFC_VIRT_OFFSET);
    long[] seen = new long[1];
    assertThat(read(dax, 5 << 12, 4096, seen)).isEqualTo(4096);
    assertThat(seen[0]).isEqualTo(5);
    // pgoff 1024 + 7: kaddr = __va(BASE+2M) + pgoff*4096 = __va(BASE+6M+28K), in the gap
    assertThat(read(dax, (RANGE1_PGOFF + 7) << 12, 4096, null)).isEqualTo(Errno.EFAULT.neg());
    // a whole-device read stops short at the end of range 0
    assertThat(read(dax, 0, DEV_BYTES, null)).isEqualTo(4 * MiB);
    // the pfn is still right: the fault path sees the right bytes
    assertThat(faultRead(dax, RANGE1_PGOFF + 7)).isEqualTo(RANGE1_PGOFF + 7);
  }

  @Test
  void rfcVirtOffsetReadsWrongBytesWhenSomethingIsMappedThere() throws Exception {
    DevDax other = h.device(BASE + 6 * MiB, BASE + 10 * MiB - 1);
    h.bind(other, DeviceDax.NAME); // its pages enter the direct map
    DaxDevice dax = bindFsdev(DirectAccessVariant.RFC_VIRT_OFFSET);
    long[] seen = new long[1];
    assertThat(read(dax, (RANGE1_PGOFF + 7) << 12, 4096, seen)).isEqualTo(4096);
    assertThat(seen[0]).isEqualTo(0xdeadL).isNotEqualTo(RANGE1_PGOFF + 7);
    assertThat(faultRead(dax, RANGE1_PGOFF + 7)).isEqualTo(RANGE1_PGOFF + 7);
  }

  @Test
  void fsdevFullSpanFailsEfaultForSpansCrossingTheBoundary() throws Exception {
    DaxDevice dax = bindFsdev(DirectAccessVariant.FSDEV_FULL_SPAN);
    KaddrPfn out = new KaddrPfn();
    assertThat(h.core.daxDirectAccess(dax, RANGE1_PGOFF - 1, 2, DaxAccessMode.DAX_ACCESS, out))
        .isEqualTo(Errno.EFAULT.neg());
    assertThat(h.core.daxDirectAccess(dax, 0, 2048, DaxAccessMode.DAX_ACCESS, out))
        .isEqualTo(Errno.EFAULT.neg());
    assertThat(h.core.daxDirectAccess(dax, RANGE1_PGOFF - 1, 1, DaxAccessMode.DAX_ACCESS, out))
        .isEqualTo(1);
    assertThat(out.kaddr()).isEqualTo(KernelAddressSpace.va(out.pfn() << 12));
    assertThat(h.core.daxDirectAccess(dax, RANGE1_PGOFF, 1024, DaxAccessMode.DAX_ACCESS, out))
        .isEqualTo(1024);
    assertThat(read(dax, 0, DEV_BYTES, null)).isEqualTo(Errno.EFAULT.neg());
    assertThat(read(dax, (RANGE1_PGOFF - 1) << 12, 8192, null)).isEqualTo(Errno.EFAULT.neg());
    long[] seen = new long[1024];
    assertThat(read(dax, 0, 4 * MiB, seen)).isEqualTo(4 * MiB);
    assertThat(seen[1023]).isEqualTo(1023);
    assertThat(read(dax, RANGE1_PGOFF << 12, 4 * MiB, seen)).isEqualTo(4 * MiB);
    assertThat(seen[0]).isEqualTo(RANGE1_PGOFF);
  }

  @Test
  void zeroPageRangeAndRecoveryWriteGoThroughTheVariantsKaddr() throws Exception {
    DaxDevice dax = bindFsdev(DirectAccessVariant.PER_RANGE);
    assertThat(h.core.daxZeroPageRange(dax, RANGE1_PGOFF + 3, 1)).isZero();
    assertThat(h.mem.readLong(BASE + 64 * MiB + 3 * 4096 - BASE)).isZero();
    assertThat(h.mem.readLong(BASE + 64 * MiB + 4 * 4096 - BASE)).isEqualTo(RANGE1_PGOFF + 4);
    assertThat(h.core.daxZeroPageRange(dax, 2048, 1)).isEqualTo(Errno.EFAULT.neg());
    KaddrPfn out = new KaddrPfn();
    h.core.daxDirectAccess(dax, 9, 1, DaxAccessMode.DAX_ACCESS, out);
    byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
    long n = h.core.daxRecoveryWrite(dax, 9, out.kaddr(), 8,
        IovIter.kbuf(ITER_SOURCE, data, 0, 8));
    assertThat(n).isEqualTo(8);
    assertThat(h.mem.readLong(BASE + 2 * MiB + 9 * 4096 - BASE)).isEqualTo(0x0807060504030201L);
  }

  @Test
  void theBusDefaultVariantAppliesWhenTheDeviceChoosesNone() throws Exception {
    h.bus.setDefaultVariant(DirectAccessVariant.FSDEV_FULL_SPAN);
    h.bind(dev, Fsdev.NAME);
    assertThat(h.fsdev.variant(dev)).isEqualTo(DirectAccessVariant.FSDEV_FULL_SPAN);
    KaddrPfn out = new KaddrPfn();
    assertThat(h.core.daxDirectAccess(dev.daxDevice(), 0, 2048, DaxAccessMode.DAX_ACCESS, out))
        .isEqualTo(Errno.EFAULT.neg());
    h.bus.unbind(dev);
    dev.setVariant(DirectAccessVariant.PER_RANGE); // a per-device choice wins at the next probe
    h.bind(dev, Fsdev.NAME);
    assertThat(h.core.daxDirectAccess(dev.daxDevice(), 0, 2048, DaxAccessMode.DAX_ACCESS, out))
        .isEqualTo(1024);
    assertThat(Pages.PAGE_SIZE).isEqualTo(4096);
  }
}
