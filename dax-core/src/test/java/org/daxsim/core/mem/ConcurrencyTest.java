package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.caseSeed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Racing writers, readers and window changes. */
class ConcurrencyTest {
  private static final int THREADS = 4;
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * Every thread writes its own bytes (interleaved with the others' in the same blocks) into a
   * fresh device. A block lost to a racing allocation would lose some thread's bytes.
   */
  @Test
  void racingFirstWritesLoseNothing() throws Exception {
    int size = 16 * 4096;
    for (int round = 0; round < 60; round++) {
      long seed = caseSeed(500 + round);
      MemoryDevice dev = MemoryDevice.create("race", size);
      CyclicBarrier go = new CyclicBarrier(THREADS);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int me = t;
        done.add(
            pool.submit(
                () -> {
                  SplittableRandom rnd = new SplittableRandom(seed + me);
                  byte[] one = {(byte) (me + 1)};
                  go.await();
                  // Start at a random block so threads collide on different blocks each round.
                  int startBlock = seedRound(seed) ? 0 : rnd.nextInt(16);
                  for (int k = 0; k < 16; k++) {
                    long base = ((startBlock + k) % 16) * 4096L;
                    for (int i = me; i < 4096; i += 64 * THREADS) {
                      dev.write(base + i, one, 0, 1);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
      byte[] all = new byte[size];
      dev.read(0, all, 0, size);
      for (int i = 0; i < size; i++) {
        int inBlock = i % 4096;
        int owner = inBlock % (64 * THREADS);
        byte expect = owner < THREADS ? (byte) (owner + 1) : 0;
        assertThat(all[i]).as("seed %d byte %d", seed, i).isEqualTo(expect);
      }
      assertThat(dev.residentBytes()).as("seed %d", seed).isEqualTo(size);
    }
  }

  private static boolean seedRound(long seed) {
    return (seed & 1) == 0;
  }

  /** Readers racing one writer only ever see old (zero) or new bytes. */
  @Test
  void readersSeeOldOrNewLongs() throws Exception {
    MemoryDevice dev = MemoryDevice.create("rw", 1L << 30);
    int longs = 1 << 14;
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Future<Integer>> readers = new ArrayList<>();
    for (int t = 0; t < THREADS - 1; t++) {
      int me = t;
      readers.add(
          pool.submit(
              () -> {
                SplittableRandom rnd = new SplittableRandom(caseSeed(600 + me));
                int seen = 0;
                while (writing.get()) {
                  int k = rnd.nextInt(longs);
                  long v = dev.readLong(slot(k));
                  // A long is not written atomically (it may straddle blocks): each byte is
                  // old (0) or new.
                  for (int b = 0; b < 8; b++) {
                    long got = (v >>> (8 * b)) & 0xff;
                    assertThat(got).isIn(0L, value(k) & 0xff);
                  }
                  seen += v == value(k) ? 1 : 0;
                }
                return seen;
              }));
    }
    for (int k = 0; k < longs; k++) {
      dev.writeLong(slot(k), value(k));
    }
    writing.set(false);
    for (Future<Integer> f : readers) {
      assertThat(f.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(0);
    }
    for (int k = 0; k < longs; k++) {
      assertThat(dev.readLong(slot(k))).isEqualTo(value(k));
    }
  }

  private static long slot(int k) {
    return (long) k * 65536 + (k % 4096); // spread over many blocks and tables, unaligned
  }

  private static long value(int k) {
    return (1 + k % 255) * 0x0101_0101_0101_0101L;
  }

  /** Lock-free find() never misses a permanent window while others come and go. */
  @Test
  void findDuringMapAndUnmap() throws Exception {
    PhysicalAddressSpace phys = new PhysicalAddressSpace();
    MemoryDevice dev = MemoryDevice.create("d", 1L << 30);
    PhysWindow fixed = phys.map(1L << 32, 1L << 20, dev, 0);
    AtomicBoolean running = new AtomicBoolean(true);
    // On a loaded machine the writer could finish before a reader runs at all: start together.
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(THREADS - 1);
    List<Future<Long>> readers = new ArrayList<>();
    for (int t = 0; t < THREADS - 1; t++) {
      int me = t;
      readers.add(
          pool.submit(
              () -> {
                SplittableRandom rnd = new SplittableRandom(caseSeed(700 + me));
                long lookups = 0;
                while (running.get()) {
                  long p = (1L << 32) + rnd.nextLong(1L << 20);
                  assertThat(phys.find(p)).isSameAs(fixed);
                  long q = rnd.nextLong(1L << 31);
                  PhysWindow w = phys.find(q);
                  if (w != null) {
                    assertThat(w.contains(q)).isTrue();
                  }
                  if (lookups++ == 0) {
                    started.countDown();
                  }
                }
                return lookups;
              }));
    }
    assertThat(started.await(30, TimeUnit.SECONDS)).as("readers started").isTrue();
    SplittableRandom rnd = new SplittableRandom(caseSeed(799));
    List<PhysWindow> mine = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      if (mine.isEmpty() || rnd.nextBoolean()) {
        try {
          mine.add(phys.map(rnd.nextLong(1L << 19) << 12, 4096L * (1 + rnd.nextInt(64)), dev, 0));
        } catch (org.daxsim.core.ErrnoException e) {
          assertThat(e.errno()).isEqualTo(org.daxsim.core.Errno.EBUSY);
        }
      } else {
        phys.unmap(mine.remove(rnd.nextInt(mine.size())));
      }
    }
    running.set(false);
    for (Future<Long> f : readers) {
      assertThat(f.get(30, TimeUnit.SECONDS)).isPositive();
    }
  }
}
