package org.daxsim.core.mm;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A minimal page allocator over System RAM (the role of mm/page_alloc.c for anonymous memory):
 * freed pages are reused last-in first-out, otherwise the lowest range with never-used pages
 * hands out its next one, so allocation order is deterministic. Not thread-safe: the owning
 * {@link KernelAddressSpace} calls it under its lock.
 */
final class PageAllocator {
  /** Start pfn -> {end pfn (exclusive), next never-allocated pfn}. */
  private final TreeMap<Long, long[]> ranges = new TreeMap<>();
  private final ArrayDeque<Long> free = new ArrayDeque<>();
  private final Set<Long> allocated = new HashSet<>();

  void addRange(long startPfn, long endPfn) {
    ranges.put(startPfn, new long[] {endPfn, startPfn});
  }

  /** Removes a range; false (and no change) when one of its pages is allocated. */
  boolean removeRange(long startPfn, long endPfn) {
    for (long pfn : allocated) {
      if (pfn >= startPfn && pfn < endPfn) {
        return false;
      }
    }
    ranges.remove(startPfn);
    free.removeIf(pfn -> pfn >= startPfn && pfn < endPfn);
    return true;
  }

  /** A free page's pfn, or -1 when memory is exhausted. */
  long alloc() {
    Long reused = free.pollFirst();
    if (reused != null) {
      allocated.add(reused);
      return reused;
    }
    for (Map.Entry<Long, long[]> e : ranges.entrySet()) {
      long[] r = e.getValue();
      if (r[1] < r[0]) {
        long pfn = r[1]++;
        allocated.add(pfn);
        return pfn;
      }
    }
    return -1;
  }

  /** Frees {@code pfn}; false when it is not allocated. */
  boolean free(long pfn) {
    if (!allocated.remove(pfn)) {
      return false;
    }
    free.addFirst(pfn);
    return true;
  }

  boolean isAllocated(long pfn) {
    return allocated.contains(pfn);
  }

  long allocatedCount() {
    return allocated.size();
  }

  /** Pages that {@link #alloc} can still hand out. */
  long freeCount() {
    long n = free.size();
    for (Iterator<long[]> it = ranges.values().iterator(); it.hasNext(); ) {
      long[] r = it.next();
      n += r[0] - r[1];
    }
    return n;
  }
}
