package org.daxsim.bus;

import static org.daxsim.core.Pages.PAGE_SHIFT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable snapshot of dev_dax->ranges[] (drivers/dax/dax-private.h) with the mapping child
 * id of each range: parallel arrays indexed by range index, published through a volatile field
 * of {@link DevDax} and replaced on every change, so that hot paths read it without locks or
 * allocation. {@link #indexOf} finds the range of a pgoff by binary search (pgoffs increase with
 * the index, kernel-dax.md invariant 3).
 */
final class RangeTable {
  static final RangeTable EMPTY =
      new RangeTable(new long[0], new long[0], new long[0], new int[0]);

  private final long[] pgoff;
  private final long[] start;
  private final long[] end;
  private final int[] mappingId;
  private final long bytes;
  private final List<DevDaxRange> list;

  private RangeTable(long[] pgoff, long[] start, long[] end, int[] mappingId) {
    this.pgoff = pgoff;
    this.start = start;
    this.end = end;
    this.mappingId = mappingId;
    long b = 0;
    List<DevDaxRange> l = new ArrayList<>(pgoff.length);
    for (int i = 0; i < pgoff.length; i++) {
      b += end[i] - start[i] + 1;
      l.add(new DevDaxRange(pgoff[i], start[i], end[i]));
    }
    this.bytes = b;
    this.list = List.copyOf(l);
  }

  /** nr_range. */
  int size() {
    return pgoff.length;
  }

  long pgoff(int i) {
    return pgoff[i];
  }

  long start(int i) {
    return start[i];
  }

  /** Inclusive end of range {@code i}. */
  long end(int i) {
    return end[i];
  }

  /** Pages in range {@code i}. */
  long pages(int i) {
    return (end[i] - start[i] + 1) >>> PAGE_SHIFT;
  }

  /** The id N of the {@code mappingN} child of range {@code i}. */
  int mappingId(int i) {
    return mappingId[i];
  }

  /** dev_dax_size(): the sum of the range lengths in bytes. */
  long bytes() {
    return bytes;
  }

  /** Total device pages (the pgoff just past the last range). */
  long totalPages() {
    return bytes >>> PAGE_SHIFT;
  }

  /** The ranges as immutable records, in index order. */
  List<DevDaxRange> ranges() {
    return list;
  }

  /**
   * The index of the range whose pgoff window holds {@code pg}, or -1: O(log n), no allocation.
   */
  int indexOf(long pg) {
    int lo = 0;
    int hi = pgoff.length - 1;
    if (hi < 0 || pg < 0) {
      return -1;
    }
    if (hi == 0) { // one range (the common device): no search
      return pg < pages(0) ? 0 : -1;
    }
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (pgoff[mid] <= pg) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    if (pgoff[lo] > pg || pg - pgoff[lo] >= pages(lo)) {
      return -1;
    }
    return lo;
  }

  /** The physical address of device page {@code pg}, or -1 when no range holds it. */
  long phys(long pg) {
    int i = indexOf(pg);
    return i < 0 ? -1 : start[i] + ((pg - pgoff[i]) << PAGE_SHIFT);
  }

  /** A table with one more range appended {@code [s, e]} at the next pgoff, child {@code id}. */
  RangeTable append(long s, long e, int id) {
    int n = size();
    long[] p = Arrays.copyOf(pgoff, n + 1);
    long[] st = Arrays.copyOf(start, n + 1);
    long[] en = Arrays.copyOf(end, n + 1);
    int[] m = Arrays.copyOf(mappingId, n + 1);
    p[n] = totalPages();
    st[n] = s;
    en[n] = e;
    m[n] = id;
    return new RangeTable(p, st, en, m);
  }

  /** A table without its last range. */
  RangeTable dropLast() {
    int n = size() - 1;
    if (n == 0) {
      return EMPTY;
    }
    return new RangeTable(Arrays.copyOf(pgoff, n), Arrays.copyOf(start, n),
        Arrays.copyOf(end, n), Arrays.copyOf(mappingId, n));
  }

  /** A table whose last range ends at {@code newEnd} (same start, pgoff and child). */
  RangeTable withLastEnd(long newEnd) {
    long[] en = end.clone();
    en[en.length - 1] = newEnd;
    return new RangeTable(pgoff, start, en, mappingId);
  }

  @Override
  public String toString() {
    return list.toString();
  }
}
