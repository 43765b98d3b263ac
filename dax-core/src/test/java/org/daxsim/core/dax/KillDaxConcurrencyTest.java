package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.daxsim.core.Errno;
import org.junit.jupiter.api.Test;

/**
 * kill_dax() against concurrent readers: readers loop {read lock; dax_direct_access; mark "in
 * section" if it saw the device alive; dwell; mark "out"; read unlock} while another thread
 * kills the device. After kill_dax returns no reader that saw ALIVE may still be inside, and
 * every later dax_direct_access must return -ENXIO.
 */
class KillDaxConcurrencyTest {
  private static final int OUT = 0;
  private static final int IN_SAW_ALIVE = 1;
  private static final int READERS = Math.max(3, Runtime.getRuntime().availableProcessors() + 1);

  /** What one round observed. */
  record Round(long violationsInside, long violationsAfter, long readersInsideAtKill,
      long accessesAfterKill) {}

  /** A driver that grants one page and counts nothing (so readers do not contend on it). */
  private static final DaxOperations ONE_PAGE = new DaxOperations() {
    @Override
    public long directAccess(DaxDevice dax, long pgoff, long nr, DaxAccessMode m, KaddrPfn o) {
      return 1;
    }

    @Override
    public int zeroPageRange(DaxDevice dax, long pgoff, long nrPages) {
      return 0;
    }
  };

  @Test
  void killWaitsForEveryReaderThatSawItAlive() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    int rounds = 0;
    long insideAtKill = 0;
    long after = 0;
    while (rounds < 40 && System.nanoTime() < deadline) {
      Round round = runRound(rounds, (core, dax) -> Fixtures.kill(core, dax));
      assertThat(round.violationsInside()).as("round %d: readers inside after kill", rounds)
          .isZero();
      assertThat(round.violationsAfter()).as("round %d: alive answers after kill", rounds)
          .isZero();
      insideAtKill += round.readersInsideAtKill();
      after += round.accessesAfterKill();
      rounds++;
    }
    System.out.printf("KillDaxConcurrencyTest: %d rounds, %d readers, %d readers inside at kill,"
        + " %d accesses after kill%n", rounds, READERS, insideAtKill, after);
    assertThat(rounds).isGreaterThanOrEqualTo(5);
    assertThat(insideAtKill).as("the kills really raced with readers").isPositive();
    assertThat(after).as("readers kept calling after the kills").isPositive();
  }

  @Test
  void theHarnessCatchesAKillWithoutAGracePeriod() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    long caught = 0;
    int rounds = 0;
    while (caught == 0 && System.nanoTime() < deadline) {
      // the broken kill of a kernel without synchronize_srcu(): clear ALIVE and return at once
      caught += runRound(rounds++, (core, dax) -> dax.clearFlag(DaxDeviceFlag.ALIVE))
          .violationsInside();
    }
    assertThat(caught).as("a kill that does not wait must be caught within %d rounds", rounds)
        .isPositive();
  }

  private Round runRound(int round, BiConsumer<DaxCore, DaxDevice> kill) throws Exception {
    DaxCore core = Fixtures.core();
    DaxDevice dax = Fixtures.alloc(core, null, ONE_PAGE);
    AtomicIntegerArray state = new AtomicIntegerArray(READERS);
    AtomicLong violationsAfter = new AtomicLong();
    AtomicLong accessesAfter = new AtomicLong();
    AtomicLong iterations = new AtomicLong();
    CountDownLatch started = new CountDownLatch(READERS);
    Flags flags = new Flags();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < READERS; t++) {
      int me = t;
      Thread th = new Thread(() -> {
        KaddrPfn out = new KaddrPfn();
        started.countDown();
        while (!flags.stop) {
          boolean killed = flags.killReturned; // read before the access
          int idx = core.daxReadLock();
          long ret = core.daxDirectAccess(dax, 0, 1, DaxAccessMode.DAX_ACCESS, out);
          if (ret > 0) {
            state.set(me, IN_SAW_ALIVE);
            for (int spin = 0; spin < 50 + (me * 37) % 200; spin++) {
              Thread.onSpinWait();
            }
            state.set(me, OUT);
          }
          core.daxReadUnlock(idx);
          if (killed) {
            accessesAfter.incrementAndGet();
            if (ret != Errno.ENXIO.neg()) {
              violationsAfter.incrementAndGet();
            }
          }
          iterations.incrementAndGet();
        }
      }, "dax-reader-" + round + "-" + t);
      th.setDaemon(true);
      threads.add(th);
      th.start();
    }
    started.await();
    long warm = iterations.get() + READERS * 20L;
    while (iterations.get() < warm) {
      Thread.onSpinWait();
    }
    long insideAtKill = 0;
    for (int t = 0; t < READERS; t++) {
      insideAtKill += state.get(t);
    }
    kill.accept(core, dax);
    long inside = 0;
    for (int t = 0; t < READERS; t++) {
      inside += state.get(t);
    }
    flags.killReturned = true;
    long more = iterations.get() + READERS * 20L;
    while (iterations.get() < more) {
      Thread.onSpinWait();
    }
    flags.stop = true;
    for (Thread th : threads) {
      th.join(2000);
      assertThat(th.isAlive()).as("reader %s stopped", th.getName()).isFalse();
    }
    return new Round(inside, violationsAfter.get(), insideAtKill, accessesAfter.get());
  }

  private static final class Flags {
    volatile boolean stop;
    volatile boolean killReturned;
  }
}
