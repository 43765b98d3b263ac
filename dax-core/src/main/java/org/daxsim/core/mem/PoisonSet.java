package org.daxsim.core.mem;

import java.util.Arrays;

/**
 * The poisoned page numbers of one memory device: an immutable sorted array replaced copy-on-write
 * under this object's lock. Poison is rare and queried on every data path, so queries are lock-free
 * binary searches that allocate nothing (and a plain length test when the device is clean).
 */
final class PoisonSet {
  private static final long[] NONE = new long[0];

  private volatile long[] pages = NONE;

  /** Adds {@code page}; true when it was not poisoned before. */
  synchronized boolean add(long page) {
    long[] p = pages;
    int i = Arrays.binarySearch(p, page);
    if (i >= 0) {
      return false;
    }
    int at = -i - 1;
    long[] n = new long[p.length + 1];
    System.arraycopy(p, 0, n, 0, at);
    n[at] = page;
    System.arraycopy(p, at, n, at + 1, p.length - at);
    pages = n;
    return true;
  }

  /** Removes {@code page}; true when it was poisoned. */
  synchronized boolean remove(long page) {
    long[] p = pages;
    int i = Arrays.binarySearch(p, page);
    if (i < 0) {
      return false;
    }
    long[] n = p.length == 1 ? NONE : new long[p.length - 1];
    System.arraycopy(p, 0, n, 0, i);
    System.arraycopy(p, i + 1, n, i, p.length - i - 1);
    pages = n;
    return true;
  }

  boolean contains(long page) {
    long[] p = pages;
    return p.length != 0 && Arrays.binarySearch(p, page) >= 0;
  }

  /** The lowest poisoned page in {@code [first, last]}, or -1. */
  long firstIn(long first, long last) {
    long[] p = pages;
    if (p.length == 0) {
      return -1;
    }
    int i = Arrays.binarySearch(p, first);
    if (i < 0) {
      i = -i - 1;
    }
    return i < p.length && p[i] <= last ? p[i] : -1;
  }

  int size() {
    return pages.length;
  }
}
