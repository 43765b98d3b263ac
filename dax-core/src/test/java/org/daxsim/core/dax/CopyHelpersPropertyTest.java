package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Oops;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;
import org.junit.jupiter.api.Test;

/**
 * dax_copy_to_iter / dax_copy_from_iter over the pmem reference driver: data round trips,
 * kernel-dax.md invariant 28 at the helper level (a kaddr that is not mapped moves 0 bytes, a
 * copy running off the mapping returns the short count), 29 (the machine-check-safe copy returns
 * the bytes before poison, the plain one oopses) and the copy half of 9 (dead device: 0 bytes).
 */
class CopyHelpersPropertyTest {
  private static final long PAGE = Pages.PAGE_SIZE;

  @Test
  void writtenBytesReadBackThroughBothCopyPaths() {
    Props.forAll("round trip", r -> {
      PmemFixture f = new PmemFixture(r.nextLong(1, 64));
      long size = f.pages * PAGE;
      long off = r.nextLong(0, size);
      int len = (int) Math.min(size - off, r.nextInt(1, 3 * (int) PAGE));
      byte[] data = new byte[len];
      r.nextBytes(data);
      DaxDevice dax = r.nextBoolean() ? f.dax : f.plainDevice();
      long kaddr = f.pmem.virtAddr() + off;

      assertThat(f.core.daxCopyFromIter(dax, off / PAGE, kaddr, len, Fixtures.source(data)))
          .isEqualTo(len);
      assertThat(f.mediaBytes(off, len)).isEqualTo(data);
      byte[] back = new byte[len];
      IovIter sink = Fixtures.kbuf(IovIter.ITER_DEST, back);
      assertThat(f.core.daxCopyToIter(dax, off / PAGE, kaddr, len, sink)).isEqualTo(len);
      assertThat(back).isEqualTo(data);
      assertThat(sink.count()).isZero();
    });
  }

  @Test
  void unmappedKaddrMovesNothingAndARunOffTheMappingIsShort() {
    Props.forAll("invariant 28", r -> {
      PmemFixture f = new PmemFixture(r.nextLong(1, 64));
      long size = f.pages * PAGE;
      DaxDevice dax = r.nextBoolean() ? f.dax : f.plainDevice();
      int len = r.nextInt(1, 4 * (int) PAGE);
      long ubuf = f.userBuffer(len);
      long unmapped = Props.oneOf(r,
          PmemFixture.PHYS + r.nextLong(0, size), // the seed's bug: a physical address as kaddr
          KernelAddressSpace.va(PmemFixture.PHYS + size) + r.nextLong(0, PAGE), // past the pgmap
          KernelAddressSpace.VMALLOC_START + r.nextLong(0, 1L << 30));

      IovIter to = f.ubuf(IovIter.ITER_DEST, ubuf, len);
      assertThat(f.core.daxCopyToIter(dax, 0, unmapped, len, to)).isZero();
      assertThat(to.count()).isEqualTo(len);
      IovIter from = f.ubuf(IovIter.ITER_SOURCE, ubuf, len);
      assertThat(f.core.daxCopyFromIter(dax, 0, unmapped, len, from)).isZero();
      assertThat(from.count()).isEqualTo(len);

      // start inside the namespace, run off its end: short by exactly the unmapped part
      long inside = r.nextLong(1, Math.min(size, len) + 1);
      long kaddr = f.pmem.virtAddr() + size - inside;
      IovIter shortTo = f.ubuf(IovIter.ITER_DEST, ubuf, len);
      long expected = Math.min(inside, len);
      assertThat(f.core.daxCopyToIter(dax, f.pages - 1, kaddr, len, shortTo)).isEqualTo(expected);
      assertThat(shortTo.count()).isEqualTo(len - expected);
      IovIter shortFrom = f.ubuf(IovIter.ITER_SOURCE, ubuf, len);
      assertThat(f.core.daxCopyFromIter(dax, f.pages - 1, kaddr, len, shortFrom))
          .isEqualTo(expected);
    });
  }

  @Test
  void machineCheckSafeCopyStopsBeforePoisonAndThePlainOneOopses() {
    Props.forAll("invariant 29", r -> {
      PmemFixture f = new PmemFixture(r.nextLong(2, 64));
      long bad = r.nextLong(1, f.pages);
      inject(f, bad);
      long off = r.nextLong(0, bad * PAGE);
      long end = Math.min(f.pages * PAGE, bad * PAGE + r.nextLong(1, 2 * PAGE));
      int len = (int) (end - off);
      long kaddr = f.pmem.virtAddr() + off;

      byte[] into = new byte[len];
      assertThat(f.dax.test(DaxDeviceFlag.NOMC)).isTrue();
      long got = f.core.daxCopyToIter(f.dax, off / PAGE, kaddr, len,
          Fixtures.kbuf(IovIter.ITER_DEST, into));
      assertThat(got).isEqualTo(bad * PAGE - off);

      DaxDevice plain = f.plainDevice();
      assertThatThrownBy(() -> f.core.daxCopyToIter(plain, off / PAGE, kaddr, len,
          Fixtures.kbuf(IovIter.ITER_DEST, new byte[len]))).isInstanceOf(Oops.class);

      // the driver reports the poison as EHWPOISON; block-style callers see EIO
      long da = f.core.daxDirectAccess(f.dax, bad, 1, DaxAccessMode.DAX_ACCESS, null);
      assertThat(da).isEqualTo(Errno.EHWPOISON.neg());
      assertThat(DaxCore.daxMem2BlkErr((int) da)).isEqualTo(Errno.EIO.neg());
    });
  }

  @Test
  void aDeadDeviceCopiesNothing() {
    Props.forAll("invariant 9, copies", r -> {
      PmemFixture f = new PmemFixture(r.nextLong(1, 16));
      long off = r.nextLong(0, f.pages * PAGE);
      int len = (int) Math.min(f.pages * PAGE - off, r.nextInt(1, 2 * (int) PAGE));
      long kaddr = f.pmem.virtAddr() + off;
      byte[] data = new byte[len];
      r.nextBytes(data);
      data[0] = 1; // never all zeros, so a copy would show
      Fixtures.kill(f.core, f.dax);

      assertThat(f.core.daxCopyFromIter(f.dax, 0, kaddr, len, Fixtures.source(data))).isZero();
      assertThat(f.media.residentBytes()).isZero();
      byte[] into = new byte[len];
      Arrays.fill(into, (byte) 7);
      IovIter sink = Fixtures.kbuf(IovIter.ITER_DEST, into);
      assertThat(f.core.daxCopyToIter(f.dax, 0, kaddr, len, sink)).isZero();
      assertThat(sink.count()).isEqualTo(len);
      assertThat(into).containsOnly((byte) 7);
      // the same copy on a live device over the same memory does move bytes
      assertThat(f.core.daxCopyFromIter(f.plainDevice(), 0, kaddr, len, Fixtures.source(data)))
          .isEqualTo(len);
    });
  }

  private static void inject(PmemFixture f, long pgoff) {
    try {
      f.pmem.injectPoison(pgoff);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }
}
