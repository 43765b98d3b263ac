package org.daxsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.SplittableRandom;

/**
 * Retained heap for benchmark 6: the bytes live after a full GC, read from each heap pool's
 * post-collection usage ({@link MemoryPoolMXBean#getCollectionUsage}). That is what the
 * collector itself counted right after collecting, so unlike {@code getHeapMemoryUsage()} it
 * does not include whatever JMH or this thread allocated since. {@code System.gc()} is a full,
 * compacting collection with G1 and the other HotSpot collectors (unless
 * {@code -XX:+ExplicitGCInvokesConcurrent}), which updates the collection usage of every pool.
 */
final class HeapProbe {
  private static final int GCS = 2;

  private HeapProbe() {}

  /** Bytes retained after {@value #GCS} full GCs (the second finds nothing left to free). */
  static long retainedAfterGc() {
    for (int i = 0; i < GCS; i++) {
      System.gc();
    }
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage u = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (u != null) {
        used += u.getUsed();
      }
    }
    return used;
  }

  /**
   * {@code n} distinct page-aligned offsets, uniformly scattered over {@code [0, size)}, in
   * random order, from a fixed seed.
   */
  static long[] scatteredPages(int n, long size, long seed) {
    long pages = size >>> 12;
    if (n > pages) {
      throw new IllegalArgumentException(n + " pages do not fit in " + size + " bytes");
    }
    java.util.HashSet<Long> seen = new java.util.HashSet<>();
    long[] out = new long[n];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < n; ) {
      long p = rnd.nextLong(pages);
      if (seen.add(p)) {
        out[i++] = p << 12;
      }
    }
    return out;
  }
}
