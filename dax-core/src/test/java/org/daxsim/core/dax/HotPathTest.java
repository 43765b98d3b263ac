package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/** The data path allocates nothing: read lock, dax_direct_access over pmem, read unlock. */
class HotPathTest {
  private static final int CALLS = 200_000;

  @Test
  void directAccessUnderTheReadLockAllocatesNothing() throws ErrnoException {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeThat(mx).isInstanceOf(com.sun.management.ThreadMXBean.class);
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
    assumeThat(bean.isThreadAllocatedMemorySupported()).isTrue();
    bean.setThreadAllocatedMemoryEnabled(true);

    PmemFixture f = new PmemFixture(1024);
    f.pmem.setBadPage(1000); // exercise the badblocks search too
    KaddrPfn out = new KaddrPfn();
    long sum = run(f, out); // warm up
    long tid = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(tid);
    sum += run(f, out);
    long allocated = bean.getThreadAllocatedBytes(tid) - before;
    assertThat(sum).isPositive();
    assertThat(allocated).as("bytes allocated by %d calls", CALLS).isLessThan(1024);
  }

  private static long run(PmemFixture f, KaddrPfn out) {
    long sum = 0;
    for (int i = 0; i < CALLS; i++) {
      int idx = f.core.daxReadLock();
      long ret = f.core.daxDirectAccess(f.dax, i & 1023, 8,
          (i & 1) == 0 ? DaxAccessMode.DAX_ACCESS : DaxAccessMode.DAX_RECOVERY_WRITE, out);
      f.core.daxReadUnlock(idx);
      sum += ret > 0 ? ret : 1;
    }
    return sum;
  }
}
