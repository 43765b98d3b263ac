package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.core.mm.FaultTest.assertSignal;
import static org.daxsim.core.mm.IovIter.ITER_DEST;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.Arrays;
import org.daxsim.core.Oops;
import org.junit.jupiter.api.Test;

/**
 * Copies and user accesses move physically contiguous pages together; these pin down that
 * they still behave like a page-by-page copy: bytes before a failure are moved, and a copy
 * whose source and destination share memory propagates forwards, as the CPU's copy does.
 */
class CoalescedCopyTest {
  private static final int PAGE = 4096;
  private static final long UBUF = 0x5555_0000_0000L;

  @Test
  void aPlainCopyMovesThePagesBeforeTheMachineCheck() throws Exception {
    Host h = new Host();
    h.kas.memremapPages(CXL_BASE, 1L << 20);
    byte[] src = pattern(7, 3 * PAGE);
    h.poke(CXL_BASE, src);
    h.phys.memoryFailure((CXL_BASE >>> 12) + 2);
    byte[] kbuf = new byte[3 * PAGE];
    IovIter it = IovIter.kbuf(ITER_DEST, kbuf, 0, kbuf.length);
    assertThatThrownBy(() -> IovIter.copyToIter(h.kas, KernelAddressSpace.va(CXL_BASE),
        kbuf.length, it)).isInstanceOf(Oops.class);
    assertThat(Arrays.copyOf(kbuf, 2 * PAGE)).isEqualTo(Arrays.copyOf(src, 2 * PAGE));
  }

  @Test
  void aUserLoadMovesThePagesBeforeTheSignal() throws Exception {
    Host h = new Host();
    Mm mm = h.mm();
    mm.mmap(UBUF, 2L * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
        0, null);
    byte[] src = pattern(8, 2 * PAGE);
    mm.store(UBUF, src, 0, src.length);
    byte[] dst = new byte[3 * PAGE];
    assertSignal(() -> mm.load(UBUF, dst, 0, dst.length), Signal.SIGSEGV, Signal.SEGV_MAPERR,
        UBUF + 2 * PAGE);
    assertThat(Arrays.copyOf(dst, 2 * PAGE)).isEqualTo(src);
  }

  /** read() of device memory into a shared mapping of the same memory one page further on. */
  @Test
  void anOverlappingCopyPropagatesForwardsPageByPage() throws Exception {
    Host h = new Host();
    h.kas.memremapPages(CXL_BASE, 1L << 20);
    Mm mm = h.mm();
    Vma v = mm.mmap(0, 8L * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, 0,
        new DevDax(CXL_BASE, 1L << 20, PAGE));
    byte[] src = pattern(9, 3 * PAGE);
    h.poke(CXL_BASE, src);
    for (int p = 1; p <= 3; p++) {
      mm.loadLong(v.start() + (long) p * PAGE); // mapped: the copy never faults
    }
    IovIter it = IovIter.ubuf(mm, ITER_DEST, v.start() + PAGE, 3 * PAGE);
    assertThat(IovIter.copyToIter(h.kas, KernelAddressSpace.va(CXL_BASE), 3 * PAGE, it))
        .isEqualTo(3 * PAGE);
    byte[] page0 = Arrays.copyOf(src, PAGE);
    for (int p = 1; p <= 3; p++) {
      assertThat(h.peek(CXL_BASE + (long) p * PAGE, PAGE)).as("page %d", p).isEqualTo(page0);
    }
  }

  /** A device mapping whose fault handler first reads 16 bytes of physical memory at watch. */
  private static final class Watching extends DevDax {
    private final Host h;
    private final long watch;
    byte[] seen;

    Watching(Host h, long watch, long physBase) throws org.daxsim.core.ErrnoException {
      super(physBase, 16L * PAGE, PAGE);
      this.h = h;
      this.watch = watch;
    }

    @Override
    public int hugeFault(VmFault vmf, int order) {
      try {
        seen = h.peek(watch, 16);
      } catch (org.daxsim.core.ErrnoException e) {
        throw new IllegalStateException(e);
      }
      return super.hugeFault(vmf, order);
    }
  }

  /**
   * A mapped page followed by one that faults: 16 bytes end the first page, 16 start the
   * second. Returns the second page's device, whose handler watched the first page's end.
   */
  private static Watching twoPages(Host h, Mm mm) throws Exception {
    h.kas.memremapPages(CXL_BASE, 1L << 20);
    mm.mmap(UBUF, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, 0,
        new DevDax(CXL_BASE, 16L * PAGE, PAGE));
    Watching w = new Watching(h, CXL_BASE + PAGE - 16, CXL_BASE + 16L * PAGE);
    mm.mmap(UBUF + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, 0, w);
    mm.storeLong(UBUF, 0); // the first page is mapped writable: the copy starts a run there
    return w;
  }

  /** The fault handler of the second page sees the first page's bytes already stored. */
  @Test
  void aUserStoreMovesThePagesBeforeTheFaultHandlerRuns() throws Exception {
    Host h = new Host();
    Mm mm = h.mm();
    Watching w = twoPages(h, mm);
    byte[] data = pattern(11, 32);
    mm.store(UBUF + PAGE - 16, data, 0, 32);
    assertThat(w.seen).isEqualTo(Arrays.copyOf(data, 16));
    assertThat(h.peek(CXL_BASE + 16L * PAGE, 16)).isEqualTo(Arrays.copyOfRange(data, 16, 32));
  }

  /** The same for a copy to a user iterator (read(2) into the two pages). */
  @Test
  void aCopyToUserMovesThePagesBeforeTheFaultHandlerRuns() throws Exception {
    Host h = new Host();
    Mm mm = h.mm();
    Watching w = twoPages(h, mm);
    byte[] src = pattern(12, 32);
    h.poke(CXL_BASE + 64L * PAGE, src);
    IovIter it = IovIter.ubuf(mm, ITER_DEST, UBUF + PAGE - 16, 32);
    assertThat(IovIter.copyToIter(h.kas, KernelAddressSpace.va(CXL_BASE + 64L * PAGE), 32, it))
        .isEqualTo(32);
    assertThat(w.seen).isEqualTo(Arrays.copyOf(src, 16));
    assertThat(h.peek(CXL_BASE + 16L * PAGE, 16)).isEqualTo(Arrays.copyOfRange(src, 16, 32));
  }
}
