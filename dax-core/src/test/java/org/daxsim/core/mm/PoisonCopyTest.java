package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.core.mm.FaultTest.assertSignal;
import static org.daxsim.core.mm.IovIter.ITER_DEST;
import static org.daxsim.core.mm.IovIter.ITER_SOURCE;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.daxsim.core.Oops;
import org.junit.jupiter.api.Test;

/** Poison: the MC copy stops at the poisoned page, the plain copy machine-checks the kernel. */
class PoisonCopyTest {
  private static final int PAGE = 4096;
  private static final long UBUF = 0x5555_0000_0000L;

  @Test
  void mcCopyStopsExactlyAtThePoisonedPage() throws Exception {
    long seed0 = new SplittableRandom().nextLong();
    for (int c = 0; c < 200; c++) {
      long seed = seed0 + c;
      SplittableRandom r = new SplittableRandom(seed);
      Host h = new Host();
      h.kas.memremapPages(CXL_BASE, 1L << 20);
      Mm mm = h.mm();
      mm.mmap(UBUF, 16L * PAGE, PROT_READ | PROT_WRITE,
          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0, null);
      byte[] src = pattern(seed, 16 * PAGE);
      h.poke(CXL_BASE, src);
      int poisoned = r.nextInt(16);
      h.phys.memoryFailure((CXL_BASE >>> 12) + poisoned);
      int start = r.nextInt(12 * PAGE);
      int len = 1 + r.nextInt(4 * PAGE);
      long expect = Math.max(0, Math.min(len, (long) poisoned * PAGE - start));
      if ((long) poisoned * PAGE + PAGE <= start) {
        expect = len; // the poison lies behind the copied range
      }
      boolean user = r.nextBoolean();
      byte[] kbuf = new byte[4 * PAGE];
      IovIter it = user ? IovIter.ubuf(mm, ITER_DEST, UBUF, len)
          : IovIter.kbuf(ITER_DEST, kbuf, 0, len);
      long kaddr = KernelAddressSpace.va(CXL_BASE) + start;
      long got = IovIter.copyMcToIter(h.kas, kaddr, len, it);
      assertThat(got).as("seed %d poison page %d start %d len %d", seed, poisoned, start, len)
          .isEqualTo(expect);
      byte[] dst = kbuf;
      if (user) {
        dst = new byte[len];
        mm.load(UBUF, dst, 0, len);
      }
      assertThat(Arrays.copyOf(dst, (int) got)).as("seed %d bytes before the poison", seed)
          .isEqualTo(Arrays.copyOfRange(src, start, start + (int) got));
      if (got < len) {
        IovIter again = IovIter.kbuf(ITER_DEST, new byte[len], 0, len);
        assertThatThrownBy(() -> IovIter.copyToIter(h.kas, kaddr, len, again))
            .as("seed %d plain copy", seed)
            .isInstanceOfSatisfying(Oops.class, o -> assertThat(o.address())
                .isEqualTo(KernelAddressSpace.va(CXL_BASE)
                    + Math.max(start, (long) poisoned * PAGE)))
            .hasMessageContaining("machine check");
      }
    }
  }

  @Test
  void plainCopyToAUserBufferAlsoMachineChecksOnKernelPoison() throws Exception {
    Host h = new Host();
    h.kas.memremapPages(CXL_BASE, 1L << 20);
    Mm mm = h.mm();
    mm.mmap(UBUF, 4L * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0,
        null);
    h.phys.memoryFailure((CXL_BASE >>> 12) + 1);
    IovIter it = IovIter.ubuf(mm, ITER_DEST, UBUF, 2 * PAGE);
    assertThatThrownBy(() -> IovIter.copyToIter(h.kas, KernelAddressSpace.va(CXL_BASE),
        2 * PAGE, it)).isInstanceOf(Oops.class);
  }

  @Test
  void poisonInTheUserSourceIsRecoverableCopyIn() throws Exception {
    Host h = new Host();
    h.kas.memremapPages(CXL_BASE, 1L << 20);
    Mm mm = h.mm();
    DevDax d = new DevDax(CXL_BASE + (512L << 10), 512L << 10, PAGE);
    Vma v = mm.mmap(0, 4L * PAGE, PROT_READ, MAP_SHARED, 0, d);
    h.poke(CXL_BASE + (512L << 10), pattern(4, PAGE));
    h.phys.memoryFailure(((CXL_BASE + (512L << 10)) >>> 12) + 1);
    IovIter src = IovIter.ubuf(mm, ITER_SOURCE, v.start() + 100, 2 * PAGE);
    long kaddr = KernelAddressSpace.va(CXL_BASE);
    assertThat(IovIter.copyFromIter(h.kas, kaddr, 2 * PAGE, src)).isEqualTo(PAGE - 100);
    assertThat(h.peek(CXL_BASE, PAGE - 100)).isEqualTo(Arrays.copyOfRange(pattern(4, PAGE), 100,
        PAGE));
    // the process itself touching it gets SIGBUS BUS_MCEERR_AR
    assertSignal(() -> mm.loadLong(v.start() + PAGE + 8), Signal.SIGBUS, Signal.BUS_MCEERR_AR,
        v.start() + PAGE);
    // a kvec source is kernel memcpy: fatal
    IovIter kv = IovIter.kvec(h.kas, ITER_SOURCE,
        KernelAddressSpace.va(CXL_BASE + (512L << 10) + PAGE), 16);
    assertThatThrownBy(() -> IovIter.copyFromIter(h.kas, kaddr, 16, kv))
        .isInstanceOf(Oops.class);
  }
}
