package org.daxsim.bus;

import static org.daxsim.core.Pages.PAGE_SHIFT;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable snapshot of dev_dax->ranges[] (drivers/dax/dax-private.h) with the mapping child
 * id of each range: parallel arrays indexed by range index, published through a volatile field
 * of {@link DevDax} and replaced on every change, so that hot paths read it without locks or
 * allocation. {@link #indexOf} finds the range of a pgoff by binary search (pgoffs increase with
 * the index, kernel-dax.md invariant 3).
 */
final class RangeTable {
  static final RangeTable EMPTY = new RangeTable(new Backing(0), 0, 0);

  /**
   * Arrays shared by a chain of tables built by {@link #append}: a table of {@code n} ranges
   * reads only slots below {@code n}, so an append may fill slot {@code n} in place when no
   * other table has claimed it. Building a device of n ranges then costs O(n) instead of the
   * O(n^2) of copying every snapshot (65536 mapping writes took about 20 s). Writers are
   * serialized by the bus lock; readers see a slot's contents through the volatile publication
   * of the table that owns it.
   */
  private static final class Backing {
    final long[] pgoff;
    final long[] start;
    final long[] end;
    final int[] mappingId;
    /** Slots filled so far, by whichever table last appended. */
    int claimed;

    Backing(int capacity) {
      pgoff = new long[capacity];
      start = new long[capacity];
      end = new long[capacity];
      mappingId = new int[capacity];
    }

    Backing copy(int n, int capacity) {
      Backing b = new Backing(capacity);
      System.arraycopy(pgoff, 0, b.pgoff, 0, n);
      System.arraycopy(start, 0, b.start, 0, n);
      System.arraycopy(end, 0, b.end, 0, n);
      System.arraycopy(mappingId, 0, b.mappingId, 0, n);
      b.claimed = n;
      return b;
    }
  }

  private final Backing b;
  private final long[] pgoff;
  private final long[] start;
  private final long[] end;
  private final int n;
  private final long bytes;
  /** start[0] and the device's page count, as fields for the one-range fast path. */
  private final long firstStart;
  private final long totalPages;
  /** The records, made on first use (a racy single check: the list is immutable). */
  private List<DevDaxRange> list;

  private RangeTable(Backing b, int n, long bytes) {
    this.b = b;
    this.pgoff = b.pgoff;
    this.start = b.start;
    this.end = b.end;
    this.n = n;
    this.bytes = bytes;
    this.firstStart = n > 0 ? b.start[0] : -1;
    this.totalPages = bytes >>> PAGE_SHIFT;
  }

  /** nr_range. */
  int size() {
    return n;
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
    return b.mappingId[i];
  }

  /** dev_dax_size(): the sum of the range lengths in bytes. */
  long bytes() {
    return bytes;
  }

  /** Total device pages (the pgoff just past the last range). */
  long totalPages() {
    return totalPages;
  }

  /** start of range 0 (the physical base of a one-range device); -1 when empty. */
  long firstStart() {
    return firstStart;
  }

  /** The ranges as immutable records, in index order. */
  List<DevDaxRange> ranges() {
    List<DevDaxRange> l = list;
    if (l == null) {
      List<DevDaxRange> a = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        a.add(new DevDaxRange(pgoff[i], start[i], end[i]));
      }
      l = List.copyOf(a);
      list = l;
    }
    return l;
  }

  /**
   * The index of the range whose pgoff window holds {@code pg}, or -1: O(log n), no allocation.
   */
  int indexOf(long pg) {
    int lo = 0;
    int hi = n - 1;
    if (hi < 0 || pg < 0) {
      return -1;
    }
    if (hi == 0) { // one range (the common device): no search
      return pg < totalPages ? 0 : -1;
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
    Backing nb = b;
    if (nb.claimed != n || n == nb.pgoff.length) { // slot n taken by another table, or full
      nb = b.copy(n, Math.max(4, n * 2));
    }
    nb.pgoff[n] = totalPages();
    nb.start[n] = s;
    nb.end[n] = e;
    nb.mappingId[n] = id;
    nb.claimed = n + 1;
    return new RangeTable(nb, n + 1, bytes + (e - s + 1));
  }

  /** A table without its last range. */
  RangeTable dropLast() {
    if (n == 1) {
      return EMPTY;
    }
    return new RangeTable(b, n - 1, bytes - (end[n - 1] - start[n - 1] + 1));
  }

  /** A table whose last range ends at {@code newEnd} (same start, pgoff and child). */
  RangeTable withLastEnd(long newEnd) {
    Backing nb = b.copy(n, Math.max(4, n));
    nb.end[n - 1] = newEnd;
    return new RangeTable(nb, n, bytes - end[n - 1] + newEnd);
  }

  @Override
  public String toString() {
    return ranges().toString();
  }
}
