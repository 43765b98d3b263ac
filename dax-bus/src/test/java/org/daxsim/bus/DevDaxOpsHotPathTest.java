package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.daxsim.bus.DeviceDaxTestHost.MiB;

import java.lang.management.ManagementFactory;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.mm.Vma;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The direct_access variants and the device-dax fault path allocate nothing. */
class DevDaxOpsHotPathTest {
  private static final int CALLS = 100_000;

  private static com.sun.management.ThreadMXBean bean() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeThat(mx).isInstanceOf(com.sun.management.ThreadMXBean.class);
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
    assumeThat(bean.isThreadAllocatedMemorySupported()).isTrue();
    bean.setThreadAllocatedMemoryEnabled(true);
    return bean;
  }

  @ParameterizedTest
  @EnumSource(DirectAccessVariant.class)
  void directAccessAllocatesNothing(DirectAccessVariant v) throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = h.twoRangeGap();
    d.setVariant(v);
    h.bind(d, Fsdev.NAME);
    DaxDevice dax = d.daxDevice();
    KaddrPfn out = new KaddrPfn();
    com.sun.management.ThreadMXBean bean = bean();
    long tid = Thread.currentThread().getId();
    long sum = run(h, dax, out); // warm up
    long before = bean.getThreadAllocatedBytes(tid);
    sum += run(h, dax, out);
    long allocated = bean.getThreadAllocatedBytes(tid) - before;
    assertThat(sum).isNotZero();
    assertThat(allocated).isLessThan(1024);
  }

  private static long run(DeviceDaxTestHost h, DaxDevice dax, KaddrPfn out) {
    long sum = 0;
    for (int i = 0; i < CALLS; i++) {
      int id = h.core.daxReadLock();
      sum += h.core.daxDirectAccess(dax, i & 2047, 1 + (i & 1023), DaxAccessMode.DAX_ACCESS, out);
      h.core.daxReadUnlock(id);
    }
    return sum;
  }

  /**
   * The device's fault handlers on a vm_fault the mm really built (captured by a wrapper
   * during a first fault; its state stays that fault's): each call resolves the pgoff and
   * re-inserts over the existing entry.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {4096, 2 * 1024 * 1024})
  void faultHandlersAllocateNothing(long align) throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = h.device(DeviceDaxTestHost.BASE, DeviceDaxTestHost.BASE + 4 * MiB - 1);
    d.setAlign(align);
    h.bind(d, DeviceDax.NAME);
    Mm mm = h.process();
    Vma v = mm.mmap(0, 4 * MiB, Mman.PROT_READ, Mman.MAP_SHARED, 0,
        DaxCharDevice.open(h.bus, d.name()));
    org.daxsim.core.mm.VmOperations real = v.ops();
    org.daxsim.core.mm.VmFault[] captured = new org.daxsim.core.mm.VmFault[1];
    v.setOps(new org.daxsim.core.mm.VmOperations() {
      @Override
      public int fault(org.daxsim.core.mm.VmFault vmf) {
        captured[0] = vmf;
        return real.fault(vmf);
      }

      @Override
      public int hugeFault(org.daxsim.core.mm.VmFault vmf, int order) {
        captured[0] = vmf;
        return real.hugeFault(vmf, order);
      }
    });
    mm.loadLong(v.start() + 4096);
    int order = align == 4096 ? 0 : org.daxsim.core.Pages.PMD_ORDER;
    com.sun.management.ThreadMXBean bean = bean();
    long tid = Thread.currentThread().getId();
    long sum = faults(real, captured[0], order);
    long before = bean.getThreadAllocatedBytes(tid);
    sum += faults(real, captured[0], order);
    long allocated = bean.getThreadAllocatedBytes(tid) - before;
    assertThat(sum).isEqualTo((long) CALLS * org.daxsim.core.mm.VmFault.VM_FAULT_NOPAGE);
    assertThat(allocated).isLessThan(1024);
  }

  private static long faults(org.daxsim.core.mm.VmOperations ops,
      org.daxsim.core.mm.VmFault vmf, int order) {
    long sum = 0;
    for (int i = 0; i < CALLS / 2; i++) {
      sum += order == 0 ? ops.fault(vmf) : ops.hugeFault(vmf, order);
    }
    return sum;
  }
}
