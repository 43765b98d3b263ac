package org.daxsim.core.mm;

import java.util.Arrays;

/**
 * An immutable sorted set of disjoint half-open ranges {@code [start, end)}, each with a long
 * value. Kernel mappings publish one through a volatile field and replace it copy-on-write, so
 * that lookups are lock free and allocation free. Starts compare as signed longs, which is
 * consistent inside any one kernel region (all of whose addresses share the sign bit).
 */
final class Ranges {
  static final Ranges EMPTY = new Ranges(new long[0], new long[0], new long[0]);

  final long[] starts;
  final long[] ends;
  final long[] vals;

  private Ranges(long[] starts, long[] ends, long[] vals) {
    this.starts = starts;
    this.ends = ends;
    this.vals = vals;
  }

  int size() {
    return starts.length;
  }

  /** Index of the range containing {@code x}, or -1. */
  int indexOf(long x) {
    int i = floor(x);
    return i >= 0 && x < ends[i] ? i : -1;
  }

  /** Index of the last range starting at or below {@code x}, or -1. */
  int floor(long x) {
    int r = Arrays.binarySearch(starts, x);
    return r >= 0 ? r : -r - 2;
  }

  /** True when some range intersects {@code [start, end)}. */
  boolean overlaps(long start, long end) {
    int i = floor(end - 1);
    return i >= 0 && ends[i] > start;
  }

  /** True when every byte of {@code [start, end)} lies in ranges whose value is {@code val}. */
  boolean covers(long start, long end, long val) {
    long at = start;
    while (at < end) {
      int i = indexOf(at);
      if (i < 0 || vals[i] != val) {
        return false;
      }
      at = ends[i];
    }
    return true;
  }

  /** True when some range with value {@code val} intersects {@code [start, end)}. */
  boolean intersects(long start, long end, long val) {
    int i = Math.max(floor(start), 0);
    for (; i < starts.length && starts[i] < end; i++) {
      if (ends[i] > start && vals[i] == val) {
        return true;
      }
    }
    return false;
  }

  /** Bytes covered contiguously from {@code x} by adjacent ranges, capped at {@code limit}. */
  long contiguous(long x, long limit) {
    int i = indexOf(x);
    if (i < 0) {
      return 0;
    }
    long end = ends[i];
    while (end < limit && i + 1 < starts.length && starts[i + 1] == end) {
      end = ends[++i];
    }
    return Math.min(end, limit) - x;
  }

  /** A copy with {@code [start, end) -> val} added; the caller checked it overlaps nothing. */
  Ranges with(long start, long end, long val) {
    int at = floor(start) + 1;
    int n = starts.length;
    long[] s = new long[n + 1];
    long[] e = new long[n + 1];
    long[] v = new long[n + 1];
    System.arraycopy(starts, 0, s, 0, at);
    System.arraycopy(ends, 0, e, 0, at);
    System.arraycopy(vals, 0, v, 0, at);
    s[at] = start;
    e[at] = end;
    v[at] = val;
    System.arraycopy(starts, at, s, at + 1, n - at);
    System.arraycopy(ends, at, e, at + 1, n - at);
    System.arraycopy(vals, at, v, at + 1, n - at);
    return new Ranges(s, e, v);
  }

  /** A copy without the range at index {@code i}. */
  Ranges without(int i) {
    int n = starts.length;
    long[] s = new long[n - 1];
    long[] e = new long[n - 1];
    long[] v = new long[n - 1];
    System.arraycopy(starts, 0, s, 0, i);
    System.arraycopy(ends, 0, e, 0, i);
    System.arraycopy(vals, 0, v, 0, i);
    System.arraycopy(starts, i + 1, s, i, n - i - 1);
    System.arraycopy(ends, i + 1, e, i, n - i - 1);
    System.arraycopy(vals, i + 1, v, i, n - i - 1);
    return new Ranges(s, e, v);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < starts.length; i++) {
      b.append(i == 0 ? "" : ", ")
          .append(String.format("0x%x-0x%x:0x%x", starts[i], ends[i], vals[i]));
    }
    return b.append(']').toString();
  }
}
