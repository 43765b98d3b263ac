package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.Pages.PMD_SIZE;
import static org.daxsim.core.mm.IovIter.ITER_DEST;
import static org.daxsim.core.mm.IovIter.ITER_SOURCE;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Translation, loads/stores on mapped pages and the copy routines allocate nothing. */
class HotPathAllocationTest {
  private static final int PAGE = 4096;
  private static final long AT = 0x7f0000000000L;

  interface Body {
    void run() throws Exception;
  }

  private static long allocated(Body body) throws Exception {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 20_000; i++) {
      body.run(); // warm up: let the JIT settle
    }
    long before = bean.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 20_000; i++) {
      body.run();
    }
    return bean.getCurrentThreadAllocatedBytes() - before;
  }

  @Test
  void hotPathsAllocateNothing() throws Exception {
    Host h = new Host();
    h.kas.memremapPages(CXL_BASE, 1L << 30);
    long vmap = h.kas.memremap(CXL_BASE + (2L << 30), 4L * PAGE);
    Mm mm = h.mm();
    mm.mmap(AT, 2 * PMD_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, 0,
        new DevDax(CXL_BASE, 1L << 30, PMD_SIZE));
    long anon = mm.mmap(0, 4L * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0,
        null).start();
    byte[] fill = pattern(1, 2 * (int) PMD_SIZE);
    mm.store(AT, fill, 0, fill.length); // fault everything in, create the device blocks
    mm.store(anon, fill, 0, 4 * PAGE);
    long k = KernelAddressSpace.va(CXL_BASE) + 100;
    byte[] buf = new byte[3 * PAGE];
    long[] sink = new long[1];

    assertThat(allocated(() -> {
      sink[0] += h.kas.translate(k) + h.kas.translate(vmap + 5) + h.kas.mappedLength(k, PAGE);
    })).as("kernel translate").isLessThan(1024);
    assertThat(allocated(() -> {
      sink[0] += mm.translate(AT + 12345) + mm.translate(anon + 7);
    })).as("user translate").isLessThan(1024);
    assertThat(allocated(() -> {
      sink[0] += mm.loadLong(AT + 8) + mm.loadLong(anon + 16);
      mm.storeLong(AT + PMD_SIZE + 24, sink[0]);
      mm.load(AT + PAGE - 10, buf, 0, 100);
      mm.store(anon + 50, buf, 0, 100);
    })).as("user loads and stores").isLessThan(1024);

    IovIter kb = IovIter.kbuf(ITER_DEST, buf, 0, buf.length);
    IovIter ub = IovIter.ubuf(mm, ITER_DEST, AT + PMD_SIZE - PAGE, 2L * PAGE);
    IovIter us = IovIter.iovec(mm, ITER_SOURCE, new long[] {anon, AT + 3}, new long[] {PAGE, 99});
    IovIter kv = IovIter.kvec(h.kas, ITER_DEST, vmap, 2L * PAGE);
    assertThat(allocated(() -> {
      kb.revert(IovIter.copyToIter(h.kas, k, buf.length, kb));
      ub.revert(IovIter.copyMcToIter(h.kas, k, 2L * PAGE, ub));
      us.revert(IovIter.copyFromIterFlushcache(h.kas, k + PAGE, PAGE + 99, us));
      kv.revert(IovIter.copyToIter(h.kas, k, 2L * PAGE, kv));
    })).as("copy routines").isLessThan(1024);
    assertThat(kb.count()).isEqualTo(buf.length);
    assertThat(sink[0]).isNotZero();
  }
}
