package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class SrcuTest {
  // not the common pool: it may have a single thread, which a blocked synchronize would hog
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "srcu-test");
    t.setDaemon(true);
    return t;
  });

  @Test
  void synchronizeWithoutReadersReturnsAndCountsAGracePeriod() {
    Srcu s = new Srcu();
    s.synchronize();
    s.synchronize();
    assertThat(s.gracePeriods()).isEqualTo(2);
    assertThat(s.activeReaders()).isZero();
  }

  @Test
  void synchronizeWaitsForAReaderThatStartedBefore() throws Exception {
    Srcu s = new Srcu();
    int idx = s.readLock();
    CompletableFuture<Void> sync = CompletableFuture.runAsync(s::synchronize, POOL);
    assertThatTimesOut(sync, 100);
    s.readUnlock(idx);
    sync.get(5, TimeUnit.SECONDS);
    assertThat(s.gracePeriods()).isEqualTo(1);
  }

  @Test
  void nestedSectionsOnAnotherThreadAreAllWaitedFor() throws Exception {
    Srcu s = new Srcu();
    int outer = s.readLock();
    int inner = s.readLock();
    assertThat(s.activeReaders()).isEqualTo(2);
    CompletableFuture<Void> sync = CompletableFuture.runAsync(s::synchronize, POOL);
    assertThatTimesOut(sync, 50);
    // SRCU allows the unlock to happen on another thread than the lock
    CompletableFuture.runAsync(() -> s.readUnlock(inner), POOL).get(5, TimeUnit.SECONDS);
    assertThatTimesOut(sync, 50);
    s.readUnlock(outer);
    sync.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aReaderArrivingDuringAGracePeriodDoesNotBlockIt() throws Exception {
    Srcu s = new Srcu();
    int old = s.readLock();
    CountDownLatch syncStarted = new CountDownLatch(1);
    CompletableFuture<Void> sync = CompletableFuture.runAsync(() -> {
      syncStarted.countDown();
      s.synchronize();
    }, POOL);
    syncStarted.await();
    Thread.sleep(20); // let synchronize flip the index
    int fresh = s.readLock(); // stays open: must not keep the grace period from ending
    s.readUnlock(old);
    sync.get(5, TimeUnit.SECONDS);
    assertThat(fresh).isNotEqualTo(old);
    s.readUnlock(fresh);
  }

  @Test
  void aReaderDelayedAcrossAFlipIsWaitedForByTheNextGracePeriod() throws Exception {
    Srcu s = new Srcu();
    int stale = 0; // the reader read index 0 ...
    s.synchronize(); // ... a grace period flipped it to 1 and ended ...
    int idx = s.enter(stale); // ... and only now does the reader increment, then sees the state
    CompletableFuture<Void> sync = CompletableFuture.runAsync(s::synchronize, POOL);
    assertThatTimesOut(sync, 100);
    s.readUnlock(idx);
    sync.get(5, TimeUnit.SECONDS);
  }

  @Test
  void concurrentSynchronizeCallsAllFinish() throws Exception {
    Srcu s = new Srcu();
    CompletableFuture<?>[] f = new CompletableFuture<?>[8];
    for (int i = 0; i < f.length; i++) {
      f[i] = CompletableFuture.runAsync(() -> {
        for (int k = 0; k < 50; k++) {
          int idx = s.readLock();
          s.readUnlock(idx);
          s.synchronize();
        }
      }, POOL);
    }
    CompletableFuture.allOf(f).get(10, TimeUnit.SECONDS);
    assertThat(s.gracePeriods()).isEqualTo(8 * 50);
  }

  @Test
  void anInvalidUnlockIndexIsCountedAndIgnored() {
    Srcu s = new Srcu();
    s.readUnlock(2);
    s.readUnlock(-1);
    assertThat(s.badUnlocks()).isEqualTo(2);
    s.synchronize(); // counters untouched, so this does not hang
    DaxCore core = Fixtures.core();
    core.daxReadUnlock(7);
    assertThat(core.warnCount()).isEqualTo(1);
  }

  /**
   * The kill_dax guarantee under contention: a reader that saw the state alive never sees it
   * freed before its section ends. Three reader threads (each registering its own cell at some
   * point during the run) against a writer that kills, synchronizes and frees, 300 rounds.
   */
  @Test
  void aReaderThatSawAliveNeverSeesFreedInsideItsSection() throws Exception {
    for (int round = 0; round < 300; round++) {
      Srcu s = new Srcu();
      java.util.concurrent.atomic.AtomicBoolean alive = new java.util.concurrent.atomic.AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicBoolean freed = new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.atomic.AtomicInteger violations = new java.util.concurrent.atomic.AtomicInteger();
      CountDownLatch go = new CountDownLatch(1);
      CompletableFuture<?>[] readers = new CompletableFuture<?>[3];
      for (int r = 0; r < readers.length; r++) {
        readers[r] = CompletableFuture.runAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          for (int k = 0; k < 200; k++) {
            int idx = s.readLock();
            if (alive.get()) {
              for (int spin = 0; spin < 100; spin++) { // a section long enough to be overtaken
                Thread.onSpinWait();
              }
              if (freed.get()) {
                violations.incrementAndGet();
              }
            }
            s.readUnlock(idx);
          }
        }, POOL);
      }
      go.countDown();
      Thread.yield(); // let the readers start
      alive.set(false);
      s.synchronize();
      freed.set(true);
      CompletableFuture.allOf(readers).get(10, TimeUnit.SECONDS);
      assertThat(violations.get()).as("round %d", round).isZero();
      assertThat(s.activeReaders()).isZero();
    }
  }

  private static void assertThatTimesOut(CompletableFuture<?> f, long millis) throws Exception {
    try {
      f.get(millis, TimeUnit.MILLISECONDS);
      throw new AssertionError("synchronize returned while a reader was inside");
    } catch (TimeoutException expected) {
      assertThat(f).isNotDone();
    }
  }
}
