package org.daxsim.suites;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An independent model of the dax-bus range allocator (kernel-dax.md 2.6), written from the
 * documented behaviour and not from {@code Allocator}: growth takes the free gaps of the region
 * in address order; a gap that starts right after the device's <em>last</em> range extends that
 * range in place, any other gap becomes a new range at the next pgoff; shrinking releases from the
 * highest pgoff. Ranges are {@code {pgoff, start, end}} (end inclusive, bytes, pgoff in pages).
 *
 * <p>With {@code extendAnyNeighbour} it is mutant (b): the extend-in-place test accepts a gap
 * after <em>any</em> range of the device, as a broken adjust_ok() would.
 */
final class AllocModel implements Layout {
  private final long start;
  private final long end;
  private final boolean extendAnyNeighbour;
  private final List<List<long[]>> devs = new ArrayList<>();

  AllocModel(long start, long size, boolean extendAnyNeighbour) {
    this.start = start;
    this.end = start + size - 1;
    this.extendAnyNeighbour = extendAnyNeighbour;
    devs.add(new ArrayList<>()); // daxR.0 of an idle region: size 0
  }

  @Override
  public long regionStart() {
    return start;
  }

  @Override
  public long regionSize() {
    return end - start + 1;
  }

  @Override
  public int devices() {
    return devs.size();
  }

  @Override
  public boolean alive(int dev) {
    return devs.get(dev) != null;
  }

  @Override
  public long size(int dev) {
    long s = 0;
    for (long[] r : devs.get(dev)) {
      s += r[2] - r[1] + 1;
    }
    return s;
  }

  @Override
  public long available() {
    long used = 0;
    for (int i = 0; i < devs.size(); i++) {
      if (devs.get(i) != null) {
        used += size(i);
      }
    }
    return regionSize() - used;
  }

  @Override
  public List<long[]> ranges(int dev) {
    List<long[]> out = new ArrayList<>();
    for (long[] r : devs.get(dev)) {
      out.add(r.clone());
    }
    return out;
  }

  @Override
  public int create() {
    devs.add(new ArrayList<>());
    return devs.size() - 1;
  }

  @Override
  public void delete(int dev) {
    devs.set(dev, null);
  }

  @Override
  public void resize(int dev, long size) {
    long cur = size(dev);
    List<long[]> rs = devs.get(dev);
    if (size < cur) {
      long toShrink = cur - size;
      while (toShrink > 0) {
        long[] last = rs.get(rs.size() - 1);
        long len = last[2] - last[1] + 1;
        if (len <= toShrink) {
          rs.remove(rs.size() - 1);
          toShrink -= len;
        } else {
          last[2] -= toShrink;
          toShrink = 0;
        }
      }
      return;
    }
    long toAlloc = size - cur;
    while (toAlloc > 0) {
      long[] gap = firstGap();
      long take = Math.min(toAlloc, gap[1] - gap[0] + 1);
      long[] neighbour = null;
      for (int i = 0; i < rs.size(); i++) {
        boolean isLast = i == rs.size() - 1;
        if (rs.get(i)[2] + 1 == gap[0] && (isLast || extendAnyNeighbour)) {
          neighbour = rs.get(i);
        }
      }
      if (neighbour != null) {
        neighbour[2] += take;
      } else {
        long pgoff = 0;
        for (long[] r : rs) {
          pgoff += (r[2] - r[1] + 1) >>> 12;
        }
        rs.add(new long[] {pgoff, gap[0], gap[0] + take - 1});
      }
      toAlloc -= take;
    }
  }

  /** The lowest free [start, end] of the region (the caller checked there is space). */
  private long[] firstGap() {
    List<long[]> all = new ArrayList<>();
    for (List<long[]> rs : devs) {
      if (rs != null) {
        all.addAll(rs);
      }
    }
    all.sort(Comparator.comparingLong(r -> r[1]));
    long at = start;
    for (long[] r : all) {
      if (r[1] > at) {
        return new long[] {at, r[1] - 1};
      }
      at = Math.max(at, r[2] + 1);
    }
    if (at > end) {
      throw new IllegalStateException("no gap");
    }
    return new long[] {at, end};
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("model{");
    for (int i = 0; i < devs.size(); i++) {
      if (devs.get(i) != null) {
        b.append(' ').append(i).append('=').append(Layouts.format(devs.get(i)));
      }
    }
    return b.append(" }").toString();
  }
}
