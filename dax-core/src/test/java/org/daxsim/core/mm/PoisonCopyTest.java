package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.core.mm.FaultTest.assertSignal;
import static org.daxsim.core.mm.IovIter.ITER_DEST;
import static org.daxsim.core.mm.IovIter.ITER_SOURCE;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.Arrays;
import org.daxsim.core.Oops;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/** Poison: the MC copy stops at the poisoned page, the plain copy machine-checks the kernel. */
class PoisonCopyTest {
  private static final int PAGE = 4096;
  private static final long UBUF = 0x5555_0000_0000L;

  /** One copy: which of 16 CXL pages is poisoned, the copied range, and the destination. */
  private record PoisonedCopy(int poisoned, int start, int len, boolean user) {
    @Override
    public String toString() {
      return String.format("poison page %d (0x%x), copy K+0x%x len 0x%x into %s", poisoned,
          poisoned * PAGE, start, len, user ? "ubuf" : "kbuf");
    }
  }

  private static final Gen<PoisonedCopy> COPIES = src -> new PoisonedCopy(
      src.draw(Gen.ints(0, 15)), src.draw(Gen.ints(0, 12 * PAGE - 1)),
      src.draw(Gen.ints(1, 4 * PAGE)), src.draw(Gen.booleans()));

  /**
   * Property: copy_mc_to_iter of {@code [start, start + len)} from the direct map of 16 CXL
   * pages, one of them poisoned, into a user or kernel buffer returns exactly the bytes before
   * the poisoned page (all of them when the poison lies outside the range), and those bytes
   * are the source's; when it stops short, a plain copy_to_iter of the same range oopses with
   * a machine check at the first poisoned byte it reaches.
   */
  @Test
  void mcCopyStopsExactlyAtThePoisonedPage() {
    byte[] src = pattern(1, 16 * PAGE);
    Property.forAll(COPIES)
        .named("copy_mc_to_iter stops exactly at the poisoned page")
        .checkAssert(c -> {
          Host h = new Host();
          h.kas.memremapPages(CXL_BASE, 1L << 20);
          Mm mm = h.mm();
          mm.mmap(UBUF, 16L * PAGE, PROT_READ | PROT_WRITE,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0, null);
          h.poke(CXL_BASE, src);
          h.phys.memoryFailure((CXL_BASE >>> 12) + c.poisoned());
          long poison = (long) c.poisoned() * PAGE;
          long expect = poison + PAGE <= c.start() ? c.len() // the poison lies behind the range
              : Math.max(0, Math.min(c.len(), poison - c.start()));
          byte[] kbuf = new byte[4 * PAGE];
          IovIter it = c.user() ? IovIter.ubuf(mm, ITER_DEST, UBUF, c.len())
              : IovIter.kbuf(ITER_DEST, kbuf, 0, c.len());
          long kaddr = KernelAddressSpace.va(CXL_BASE) + c.start();
          long got = IovIter.copyMcToIter(h.kas, kaddr, c.len(), it);
          assertThat(got).as("bytes copied").isEqualTo(expect);
          byte[] dst = kbuf;
          if (c.user()) {
            dst = new byte[c.len()];
            mm.load(UBUF, dst, 0, c.len());
          }
          assertThat(Arrays.copyOf(dst, (int) got)).as("bytes before the poison")
              .isEqualTo(Arrays.copyOfRange(src, c.start(), c.start() + (int) got));
          if (got < c.len()) {
            IovIter again = IovIter.kbuf(ITER_DEST, new byte[c.len()], 0, c.len());
            assertThatThrownBy(() -> IovIter.copyToIter(h.kas, kaddr, c.len(), again))
                .as("plain copy")
                .isInstanceOfSatisfying(Oops.class, o -> assertThat(o.address())
                    .isEqualTo(KernelAddressSpace.va(CXL_BASE) + Math.max(c.start(), poison)))
                .hasMessageContaining("machine check");
          }
        });
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
