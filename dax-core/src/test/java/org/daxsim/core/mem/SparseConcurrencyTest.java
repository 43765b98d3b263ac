package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.caseSeed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Racing writers on a 1 TiB device while the chunk index grows under them: leaves are created
 * and the hash table is resized concurrently with lock-free lookups.
 */
class SparseConcurrencyTest {
  private static final long TIB = 1L << 40;
  private static final int WRITERS = 4;
  private static final int READERS = 2;
  private static final int OWN = 600; // pages per writer, each in its own 64 KiB chunk
  private static final int SHARED = 64; // pages every writer writes its own bytes of
  private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * Page {@code i} of writer {@code t}: a chunk of its own anywhere in the device. The low 21
   * bits of seed + odd * j are distinct for distinct j, and chunk = 5 * that + t keeps residue 4
   * free for the shared pages.
   */
  private static long own(long seed, int t, int i) {
    long c = (seed + 0x9E3779B97F4A7C15L * (t * OWN + i)) & ((1 << 21) - 1);
    return (c * (WRITERS + 1) + t) * 65536 + (i % 16) * 4096L;
  }

  /** Shared page {@code k}: consecutive pages in chunks of residue WRITERS. */
  private static long shared(int k) {
    return (12345L * (WRITERS + 1) + WRITERS) * 65536 + (k / 16) * 65536L * (WRITERS + 1)
        + (k % 16) * 4096L;
  }

  private static byte ownByte(int t, int i) {
    return (byte) (1 + (t * 31 + i) % 251);
  }

  /**
   * Writers fill disjoint pages (each in a new chunk, so the index grows from 16 slots to 4096
   * while they run) and interleave single bytes in shared pages; readers check, during the race,
   * that every page a writer has announced reads back in full. Afterwards nothing is missing.
   */
  @Test
  void racingWritersAndGrowingIndexLoseNothing() throws Exception {
    for (int round = 0; round < 8; round++) {
      long seed = caseSeed(900 + round);
      MemoryDevice dev = MemoryDevice.create("race-1t", TIB);
      AtomicIntegerArray done = new AtomicIntegerArray(WRITERS); // pages announced per writer
      AtomicBoolean writing = new AtomicBoolean(true);
      CyclicBarrier go = new CyclicBarrier(WRITERS + READERS);
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < WRITERS; t++) {
        int me = t;
        writers.add(pool.submit(() -> {
          byte[] page = new byte[4096];
          byte[] one = {(byte) (me + 1)};
          go.await();
          for (int i = 0; i < OWN; i++) {
            Arrays.fill(page, ownByte(me, i));
            dev.write(own(seed, me, i), page, 0, page.length);
            done.set(me, i + 1);
            int k = (i + me * 7) % SHARED; // my bytes of a shared page: offsets == me mod 4
            for (int b = me; b < 4096; b += 4 * WRITERS) {
              dev.write(shared(k) + b, one, 0, 1);
            }
          }
          return null;
        }));
      }
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        int me = r;
        readers.add(pool.submit(() -> {
          SplittableRandom rnd = new SplittableRandom(seed ^ me);
          byte[] page = new byte[4096];
          int checked = 0;
          go.await();
          while (writing.get()) {
            int t = rnd.nextInt(WRITERS);
            int n = done.get(t);
            if (n > 0) {
              int i = rnd.nextInt(n);
              dev.read(own(seed, t, i), page, 0, page.length);
              assertFilled(page, ownByte(t, i), seed, t, i);
              checked++;
            }
          }
          return checked;
        }));
      }
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      for (Future<Integer> f : readers) {
        f.get(60, TimeUnit.SECONDS);
      }
      verify(dev, seed);
    }
  }

  /**
   * All writers create the same fresh leaves at the same time: each writes its own byte of one
   * block in each of 512 new chunks, in the same order. A leaf created twice for one chunk (the
   * loser of the race not probing again under the lock) would lose the bytes written through the
   * copy that lookups do not find, and count one leaf too many.
   */
  @Test
  void racingLeafCreationLosesNothing() throws Exception {
    int chunks = 512;
    for (int round = 0; round < 20; round++) {
      long seed = caseSeed(950 + round);
      long base = (seed & ((1L << 20) - 1)) * 65536; // somewhere in the first 64 GiB
      MemoryDevice dev = MemoryDevice.create("leaves", TIB);
      CyclicBarrier go = new CyclicBarrier(WRITERS);
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < WRITERS; t++) {
        int me = t;
        writers.add(pool.submit(() -> {
          byte[] one = {(byte) (me + 1)};
          go.await();
          for (int c = 0; c < chunks; c++) {
            dev.write(base + c * 65536L * 3 + me, one, 0, 1);
          }
          return null;
        }));
      }
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
      byte[] got = new byte[WRITERS];
      for (int c = 0; c < chunks; c++) {
        dev.read(base + c * 65536L * 3, got, 0, WRITERS);
        for (int t = 0; t < WRITERS; t++) {
          assertThat(got[t]).as("seed %d chunk %d writer %d", seed, c, t).isEqualTo((byte) (t + 1));
        }
      }
      assertThat(dev.store().leafCount()).as("seed %d", seed).isEqualTo(chunks);
      assertThat(dev.residentBytes()).as("seed %d", seed).isEqualTo(chunks * 4096L);
    }
  }

  private static void assertFilled(byte[] page, byte b, long seed, int t, int i) {
    for (int k = 0; k < page.length; k++) {
      if (page[k] != b) {
        assertThat(page[k]).as("seed %d writer %d page %d byte %d", seed, t, i, k).isEqualTo(b);
      }
    }
  }

  private static void verify(MemoryDevice dev, long seed) throws Exception {
    byte[] page = new byte[4096];
    for (int t = 0; t < WRITERS; t++) {
      for (int i = 0; i < OWN; i++) {
        dev.read(own(seed, t, i), page, 0, page.length);
        assertFilled(page, ownByte(t, i), seed, t, i);
      }
    }
    byte[] expect = new byte[4096];
    for (int b = 0; b < 4096; b++) {
      int owner = b % (4 * WRITERS); // every writer wrote every shared page (i < OWN covers all k)
      expect[b] = owner < WRITERS ? (byte) (owner + 1) : 0;
    }
    for (int k = 0; k < SHARED; k++) {
      dev.read(shared(k), page, 0, page.length);
      assertThat(Arrays.mismatch(page, expect))
          .as("seed %d shared page %d: first bad byte", seed, k)
          .isEqualTo(-1);
    }
    long pages = (long) WRITERS * OWN + SHARED;
    assertThat(dev.residentBytes()).as("seed %d", seed).isEqualTo(pages * 4096);
    assertThat(dev.store().leafCount()).as("seed %d", seed)
        .isEqualTo((long) WRITERS * OWN + SHARED / 16);
  }
}
