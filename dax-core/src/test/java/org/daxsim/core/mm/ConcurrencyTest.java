package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.Pages.PMD_SIZE;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Lock-free loads race with faults and with unmap_mapping_range from another thread. */
class ConcurrencyTest {
  private static final long AT = 0x7f0000000000L;

  @Test
  void loadsSeeTheDeviceWhileMappingsAreZappedAndRefaulted() throws Exception {
    Host h = new Host();
    h.kas.memremapPages(CXL_BASE, 64L << 20);
    for (long off = 0; off < (64L << 20); off += 4096) {
      h.phys.find(CXL_BASE).device().writeLong(off, off ^ 0x5a5a);
    }
    DevDax d = new DevDax(CXL_BASE, 64L << 20, PMD_SIZE) {
      @Override
      public synchronized int hugeFault(VmFault vmf, int order) {
        return super.hugeFault(vmf, order); // the call log is not thread-safe
      }
    };
    Mm[] procs = {h.mm(), h.mm()};
    for (Mm m : procs) {
      m.mmap(AT, 64L << 20, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, 0, d);
    }
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    long seed0 = new SplittableRandom().nextLong();
    for (int t = 0; t < 4; t++) {
      Mm m = procs[t % 2];
      long seed = seed0 + t;
      threads.add(new Thread(() -> {
        SplittableRandom r = new SplittableRandom(seed);
        try {
          while (!stop.get()) {
            long off = r.nextLong(64L << 20) & ~4095L;
            assertThat(m.loadLong(AT + off)).as("seed %d off 0x%x", seed, off)
                .isEqualTo(off ^ 0x5a5a);
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      }));
    }
    threads.add(new Thread(() -> {
      try {
        while (!stop.get()) {
          d.mapping.unmapMappingRange(0, 0);
        }
      } catch (Throwable e) {
        errors.add(e);
      }
    }));
    threads.forEach(Thread::start);
    Thread.sleep(400);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(errors).isEmpty();
    assertThat(d.calls).isNotEmpty();
  }

  @Test
  void concurrentAnonymousFaultsGetOnePageEach() throws Exception {
    Host h = new Host();
    Mm mm = h.mm();
    Vma v = mm.mmap(0, 4096L * 1024, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0,
        null);
    List<Thread> threads = new ArrayList<>();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      threads.add(new Thread(() -> {
        try {
          for (int p = 0; p < 1024; p++) {
            long a = v.start() + p * 4096L + id * 8L;
            mm.storeLong(a, p * 10L + id);
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(errors).isEmpty();
    for (int p = 0; p < 1024; p++) {
      for (int id = 0; id < 4; id++) {
        assertThat(mm.loadLong(v.start() + p * 4096L + id * 8L)).isEqualTo(p * 10L + id);
      }
    }
    assertThat(h.kas.allocatedPages()).isEqualTo(1024);
  }
}
