package org.daxsim.suites;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.prop.Source;

/**
 * A famfs file as the test lays it out: simple extents {@code {devOffset, length}} or one
 * interleaved extent (chunk size, strips of equal length), and a byte size. {@link #devOff} and
 * {@link #rest} are the model's linear walks (famfs.md 2.6), independent of {@link FamfsMap}.
 */
record FileSpec(long size, List<long[]> simple, long chunk, List<Long> strips, long stripLen) {
  static final long UNIT = Layouts.UNIT;

  boolean interleaved() {
    return simple == null;
  }

  /** The device byte of file offset {@code pos}, or -1 past the extents. */
  long devOff(long pos) {
    if (!interleaved()) {
      long local = pos;
      for (long[] e : simple) {
        if (local < e[1]) {
          return e[0] + local;
        }
        local -= e[1];
      }
      return -1;
    }
    long n = strips.size();
    long chunkNo = pos / chunk;
    long stripe = chunkNo / n;
    int strip = (int) (chunkNo % n);
    if (pos >= n * stripLen) {
      return -1;
    }
    return strips.get(strip) + stripe * chunk + pos % chunk;
  }

  /** Bytes from {@code pos} to the end of its extent (simple) or chunk (interleaved). */
  long rest(long pos) {
    if (interleaved()) {
      return chunk - pos % chunk;
    }
    long local = pos;
    for (long[] e : simple) {
      if (local < e[1]) {
        return e[1] - local;
      }
      local -= e[1];
    }
    return 0;
  }

  FamfsMap map() throws Exception {
    if (!interleaved()) {
      List<FamfsMap.Extent> es = new ArrayList<>();
      for (long[] e : simple) {
        es.add(new FamfsMap.Extent(0, e[0], e[1]));
      }
      return FamfsMap.simple(FamfsMap.FAMFS_REG, size, es);
    }
    List<FamfsMap.Extent> ss = new ArrayList<>();
    for (long s : strips) {
      ss.add(new FamfsMap.Extent(0, s, stripLen));
    }
    return FamfsMap.interleaved(FamfsMap.FAMFS_REG, size,
        List.of(new FamfsMap.Interleave(chunk, strips.size() * stripLen, ss)));
  }

  /**
   * A file on the free 2 MiB units {@code free} of a device (unit 0, the superblock's, is never
   * in it); consumes the units it takes; 2-unit extents and strips straddle a device range
   * boundary ({@code boundaries}: units that start a range) when they can; null when there is
   * not enough room.
   */
  static FileSpec gen(Source src, List<Long> free, List<Long> boundaries) {
    if (free.size() < 2) {
      return null;
    }
    if (src.flip()) {
      int n = src.chooseInt(1, 2); // MAX_EXTENTS
      List<long[]> es = new ArrayList<>();
      long total = 0;
      for (int i = 0; i < n; i++) {
        int k = src.chooseInt(1, 2);
        long u = take(src, free, k, boundaries);
        if (u < 0) {
          break;
        }
        es.add(new long[] {u * UNIT, k * UNIT});
        total += k * UNIT;
      }
      if (es.isEmpty()) {
        return null;
      }
      return new FileSpec(total - src.choose(0, UNIT - 1), es, 0, null, 0);
    }
    int nstrips = src.chooseInt(1, Math.min(4, free.size()));
    int stripes = src.chooseInt(1, 2);
    List<Long> strips = new ArrayList<>();
    for (int i = 0; i < nstrips; i++) {
      long u = take(src, free, stripes, boundaries);
      if (u < 0) {
        break;
      }
      strips.add(u * UNIT);
    }
    if (strips.isEmpty()) {
      return null;
    }
    long stripLen = stripes * UNIT;
    long nbytes = strips.size() * stripLen;
    return new FileSpec(nbytes - src.choose(0, UNIT - 1), null, UNIT, strips, stripLen);
  }

  /** Removes and returns the first of {@code k} consecutive free units, or -1. */
  private static long take(Source src, List<Long> free, int k, List<Long> boundaries) {
    List<Long> starts = new ArrayList<>();
    if (k > 1 && src.weighted(0.6)) { // straddle a device range boundary when possible
      for (long b : boundaries) {
        if (free.contains(b - 1) && free.contains(b)) {
          starts.add(b - 1);
        }
      }
    }
    if (!starts.isEmpty()) {
      long u = starts.get(src.chooseInt(0, starts.size() - 1));
      free.remove(Long.valueOf(u));
      free.remove(Long.valueOf(u + 1));
      return u;
    }
    for (long u : free) {
      boolean ok = true;
      for (int j = 1; j < k; j++) {
        ok &= free.contains(u + j);
      }
      if (ok) {
        starts.add(u);
      }
    }
    if (starts.isEmpty()) {
      return -1;
    }
    long u = starts.get(src.chooseInt(0, starts.size() - 1));
    for (int j = 0; j < k; j++) {
      free.remove(Long.valueOf(u + j));
    }
    return u;
  }

  @Override
  public String toString() {
    if (!interleaved()) {
      StringBuilder b = new StringBuilder("simple(size=" + size + ",");
      for (long[] e : simple) {
        b.append(String.format(" %#x+%#x", e[0], e[1]));
      }
      return b.append(')').toString();
    }
    return String.format("interleaved(size=%d, chunk=%#x, strips=%s, stripLen=%#x)", size, chunk,
        strips.stream().map(Long::toHexString).toList(), stripLen);
  }
}
