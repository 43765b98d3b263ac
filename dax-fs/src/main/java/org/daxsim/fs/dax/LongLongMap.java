package org.daxsim.fs.dax;

/**
 * An open-addressing map from non-negative long keys to non-zero long values (0 means absent),
 * with linear probing and backward-shift deletion: no boxing, and no allocation except when it
 * grows. Not thread-safe; {@link DaxEntries} serialises access.
 */
final class LongLongMap {
  private static final long FREE = -1;
  /** The initial table (one free slot, shared, never written): tables come with the first put. */
  private static final long[] NO_KEYS = {FREE};
  private static final long[] NO_VALS = {0};
  private static final int FIRST_CAPACITY = 16;
  private long[] keys = NO_KEYS;
  private long[] vals = NO_VALS;
  private int size;

  /**
   * An empty map that allocates nothing until its first put (most files are never faulted:
   * a famfs log replay makes hundreds of thousands of them).
   */
  LongLongMap() {}

  int size() {
    return size;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & (keys.length - 1);
  }

  /** The value of {@code key}, or 0. */
  long get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        return vals[i];
      }
      if (k == FREE) {
        return 0;
      }
    }
  }

  /** Sets {@code key} to {@code val} (non-zero); returns the previous value or 0. */
  long put(long key, long val) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        long old = vals[i];
        vals[i] = val;
        return old;
      }
      if (k == FREE) {
        keys[i] = key;
        vals[i] = val;
        size++;
        return 0;
      }
    }
  }

  /** Removes {@code key}; returns its value or 0. */
  long remove(long key) {
    int mask = keys.length - 1;
    int i = slot(key);
    while (keys[i] != key) {
      if (keys[i] == FREE) {
        return 0;
      }
      i = (i + 1) & mask;
    }
    long old = vals[i];
    // Backward-shift: pull later members of the probe run into the hole.
    int hole = i;
    for (int j = (i + 1) & mask; keys[j] != FREE; j = (j + 1) & mask) {
      int home = slot(keys[j]);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        keys[hole] = keys[j];
        vals[hole] = vals[j];
        hole = j;
      }
    }
    keys[hole] = FREE;
    vals[hole] = 0;
    size--;
    return old;
  }

  /** Key at slot {@code i} (FREE = -1 for an empty slot), for whole-table scans. */
  long keyAt(int i) {
    return keys[i];
  }

  int capacity() {
    return keys.length;
  }

  private void grow() {
    long[] ok = keys;
    long[] ov = vals;
    int n = Math.max(FIRST_CAPACITY, ok.length * 2);
    keys = new long[n];
    vals = new long[n];
    java.util.Arrays.fill(keys, FREE);
    size = 0;
    for (int i = 0; i < ok.length; i++) {
      if (ok[i] != FREE) {
        put(ok[i], ov[i]);
      }
    }
  }
}
