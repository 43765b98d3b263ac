package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.bus.BusFixture.M;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.mem.Resource;
import org.junit.jupiter.api.Test;

/**
 * Administrative calls from several threads at once: the rwsems serialize them, so a checker
 * that holds both for reading always sees a consistent bus, lock-free readers never see a torn
 * range table, and nothing but ErrnoException ever escapes.
 */
class ConcurrencyTest {
  static final long BASE = 0x100000000L;
  static final int WRITERS = 4;
  static final int OPS = 3000;

  @Test
  void concurrentAdministrationKeepsTheBusConsistent() throws Exception {
    BusFixture f = new BusFixture(KernelProfile.MAINLINE);
    f.hmem(0, BASE, 256 * M, true);
    f.hmem(1, BASE + (1L << 32), 128 * M, true);
    DaxBus bus = f.bus;
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong checks = new AtomicLong();
    AtomicLong successes = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < WRITERS; t++) {
      long seed = 1000 + t;
      threads.add(new Thread(() -> {
        SplittableRandom rnd = new SplittableRandom(seed);
        try {
          start.await();
          for (int i = 0; i < OPS; i++) {
            try {
              randomOp(bus, rnd);
              successes.incrementAndGet();
            } catch (ErrnoException expected) {
              // refused operations are fine; only consistency matters here
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    threads.add(new Thread(() -> {
      try {
        start.await();
        while (!done.get()) {
          checkLocked(bus);
          checks.incrementAndGet();
        }
      } catch (Throwable e) {
        failures.add(e);
      }
    }));
    threads.add(new Thread(() -> {
      try {
        start.await();
        while (!done.get()) {
          for (DevDax d : bus.devices()) {
            RangeTable t = d.table();
            for (int i = 0; i < t.size(); i++) {
              assertThat(t.phys(t.pgoff(i))).isEqualTo(t.start(i));
            }
            long p = d.pgoffToPhys(0, 4096);
            assertThat(p == -1 || (p >= d.region().start() && p <= d.region().end())).isTrue();
          }
        }
      } catch (Throwable e) {
        failures.add(e);
      }
    }));
    threads.forEach(Thread::start);
    start.countDown();
    for (int t = 0; t < WRITERS; t++) {
      threads.get(t).join();
    }
    done.set(true);
    for (Thread th : threads) {
      th.join();
    }
    assertThat(failures).isEmpty();
    checkLocked(bus);
    assertThat(successes.get()).as("operations that succeeded").isGreaterThan(OPS / 4);
    assertThat(checks.get()).isPositive();
  }

  static void randomOp(DaxBus bus, SplittableRandom rnd) throws ErrnoException {
    DaxRegion r = bus.region(rnd.nextInt(2));
    List<DevDax> devs = r.devices();
    DevDax d = devs.get(rnd.nextInt(devs.size()));
    switch (rnd.nextInt(8)) {
      case 0 -> r.create();
      case 1 -> r.delete(d.name());
      case 2, 3 -> d.resize(rnd.nextInt(0, 24) * 2 * M);
      case 4 -> {
        long s = r.start() + rnd.nextInt(0, 64) * 2 * M;
        d.mapping(s, s + rnd.nextInt(1, 4) * 2 * M - 1);
      }
      case 5 -> d.setAlign(rnd.nextBoolean() ? 4096 : 2 * M);
      case 6 -> bus.bind(d, rnd.nextBoolean() ? "device_dax" : "fsdev");
      default -> bus.unbind(d);
    }
  }

  /** Under both rwsems (read): the region resources are exactly the devices' ranges. */
  static void checkLocked(DaxBus bus) {
    bus.regionRwsem.readLock().lock();
    bus.devRwsem.readLock().lock();
    try {
      for (DaxRegion r : bus.regions()) {
        long sum = 0;
        int n = 0;
        for (DevDax d : r.devices()) {
          long pg = 0;
          for (DevDaxRange rg : d.ranges()) {
            assertThat(rg.pgoff()).isEqualTo(pg);
            pg += rg.pages();
            n++;
          }
          sum += d.size();
          assertThat(d.mappingIds()).hasSize(d.nrRange());
          assertThat(d.daxDevice().isAlive()).isEqualTo(d.isBound());
        }
        List<Resource> children = r.resource().children();
        assertThat(children).hasSize(n);
        long prev = r.start() - 1;
        for (Resource c : children) {
          assertThat(c.start()).isGreaterThan(prev);
          prev = c.end();
          DevDax owner = r.device(c.name());
          assertThat(owner).isNotNull();
          assertThat(owner.ranges()).anyMatch(x -> x.start() == c.start() && x.end() == c.end());
        }
        assertThat(r.availableSize()).isEqualTo(r.size() - sum);
      }
    } finally {
      bus.devRwsem.readLock().unlock();
      bus.regionRwsem.readLock().unlock();
    }
  }
}
