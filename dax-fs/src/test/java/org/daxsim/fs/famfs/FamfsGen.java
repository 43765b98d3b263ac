package org.daxsim.fs.famfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.ErrnoException;
import org.daxsim.prop.Source;

/**
 * Generators and an independent reference model for the famfs property tests (helper of the
 * "props" tests; FamfsHost stays untouched): random multi-range fsdev devices, random simple and
 * interleaved files laid out on them, and the file -> device -> physical arithmetic written
 * straight from famfs.md 2.6 and invariants 16-18.
 */
final class FamfsGen {
  static final long MiB = FamfsHost.MiB;
  static final long UNIT = 2 * MiB;
  static final long PAGE = 4096;
  /** The Soft Reserved window of FamfsHost, in 2 MiB units. */
  static final int WINDOW_UNITS = (int) (FamfsHost.WINDOW / UNIT);

  private FamfsGen() {}

  // ------------------------------------------------------------------ devices

  /**
   * A dev_dax of ranges in pgoff order: range i is {@code lens[i]} bytes at window offset
   * {@code starts[i]} (from FamfsHost.BASE). Physical order is random, gaps may be zero.
   */
  record Dev(long[] starts, long[] lens) {
    long size() {
      return Arrays.stream(lens).sum();
    }

    long[] startLen() {
      long[] sl = new long[starts.length * 2];
      for (int i = 0; i < starts.length; i++) {
        sl[2 * i] = starts[i];
        sl[2 * i + 1] = lens[i];
      }
      return sl;
    }

    /** Physical address of device byte {@code devOff}: a linear walk of the ranges. */
    long phys(long devOff) {
      long local = devOff;
      for (int i = 0; i < lens.length; i++) {
        if (local < lens[i]) {
          return FamfsHost.BASE + starts[i] + local;
        }
        local -= lens[i];
      }
      throw new IllegalArgumentException("device byte " + devOff + " is past " + size());
    }

    /** Bytes from device byte {@code devOff} to the end of its range. */
    long rangeRest(long devOff) {
      long local = devOff;
      for (long len : lens) {
        if (local < len) {
          return len - local;
        }
        local -= len;
      }
      throw new IllegalArgumentException("device byte " + devOff + " is past " + size());
    }

    DevDax build(FamfsHost h) throws ErrnoException {
      return h.fsdev(DirectAccessVariant.PER_RANGE, startLen());
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("dev[");
      for (int i = 0; i < lens.length; i++) {
        b.append(i == 0 ? "" : ", ").append(starts[i] / MiB).append("M+").append(lens[i] / MiB)
            .append('M');
      }
      return b.append(']').toString();
    }
  }

  /** Sorted random cut points: {@code n} values in [lo, hi] (duplicates allowed). */
  static long[] cuts(Source src, int n, long lo, long hi) {
    long[] c = new long[n];
    for (int i = 0; i < n; i++) {
      c[i] = src.choose(lo, hi);
    }
    Arrays.sort(c);
    return c;
  }

  /** A device of exactly {@code units} 2 MiB units in 1-4 ranges placed in the window. */
  static Dev dev(Source src, int units) {
    int nr = src.chooseInt(1, Math.min(4, units));
    // pgoff-order range lengths: nr - 1 distinct cuts in [1, units - 1]
    List<Long> cutList = new ArrayList<>();
    while (cutList.size() < nr - 1) {
      long c = src.choose(1, units - 1);
      if (!cutList.contains(c)) {
        cutList.add(c);
      }
    }
    cutList.sort(null);
    long[] lens = new long[nr];
    long prev = 0;
    for (int i = 0; i < nr; i++) {
      long end = i < nr - 1 ? cutList.get(i) : units;
      lens[i] = (end - prev) * UNIT;
      prev = end;
    }
    // physical order: a random permutation, with random gaps (in units) before each range
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < nr; i++) {
      order.add(src.chooseInt(0, order.size()), i);
    }
    long[] gaps = cuts(src, nr, 0, WINDOW_UNITS - units);
    long[] starts = new long[nr];
    long at = 0;
    long prevCut = 0;
    for (int k = 0; k < nr; k++) {
      at += gaps[k] - prevCut;
      prevCut = gaps[k];
      int r = order.get(k);
      starts[r] = at * UNIT;
      at += lens[r] / UNIT;
    }
    return new Dev(starts, lens);
  }

  // ------------------------------------------------------------------ files

  /**
   * A file: simple extents, or interleaved extents ({@code ies}), size {@code size}. Strip and
   * extent offsets are device bytes; {@link #map()} is the FamfsMap handed to the kernel.
   */
  record Spec(boolean interleaved, long size, List<FamfsMap.Extent> exts,
      List<FamfsMap.Interleave> ies) {
    FamfsMap map() throws ErrnoException {
      return interleaved ? FamfsMap.interleaved(FamfsMap.FAMFS_REG, size, ies)
          : FamfsMap.simple(FamfsMap.FAMFS_REG, size, exts);
    }

    /** All pieces of device space the file owns (extents or strips). */
    List<FamfsMap.Extent> pieces() {
      if (!interleaved) {
        return exts;
      }
      List<FamfsMap.Extent> out = new ArrayList<>();
      for (FamfsMap.Interleave x : ies) {
        out.addAll(x.strips());
      }
      return out;
    }

    /** What MAP_CREATE_V2 accepts: <= 2 extents, 2 MiB aligned everything, size covered. */
    boolean ioctlLegal() {
      if (!interleaved) {
        return exts.size() <= FamfsIoctl.MAX_EXTENTS
            && exts.stream().allMatch(e -> e.offset() % UNIT == 0 && e.length() % UNIT == 0);
      }
      return ies.size() <= FamfsIoctl.MAX_EXTENTS && ies.stream().allMatch(x ->
          x.chunkSize() % UNIT == 0 && x.nstrips() <= FamfsIoctl.MAX_STRIPS
              && x.strips().stream().allMatch(e -> e.offset() % UNIT == 0
                  && e.length() % UNIT == 0));
    }

    /** Simple: the sum of the extent lengths; interleaved: the sum of min(nbytes, size). */
    long resolvableEnd() {
      long end = 0;
      if (interleaved) {
        for (FamfsMap.Interleave x : ies) {
          end += Math.min(x.nbytes(), size);
        }
      } else {
        for (FamfsMap.Extent e : exts) {
          end += e.length();
        }
      }
      return end;
    }

    @Override
    public String toString() {
      return interleaved ? "interleaved(size=" + size + ", " + ies + ")"
          : "simple(size=" + size + ", " + exts + ")";
    }
  }

  /**
   * Places pieces of {@code lens} bytes at random, non-overlapping, 2 MiB aligned device
   * offsets of a device of {@code devUnits} units; returns the offsets in the pieces' order.
   */
  static long[] place(Source src, long[] lens, int devUnits) {
    int n = lens.length;
    long used = 0;
    for (long l : lens) {
      used += (l + UNIT - 1) / UNIT;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(src.chooseInt(0, order.size()), i);
    }
    long[] gaps = cuts(src, n, 0, devUnits - used);
    long[] offs = new long[n];
    long at = 0;
    long prevCut = 0;
    for (int k = 0; k < n; k++) {
      at += gaps[k] - prevCut;
      prevCut = gaps[k];
      int p = order.get(k);
      offs[p] = at * UNIT;
      at += (lens[p] + UNIT - 1) / UNIT;
    }
    return offs;
  }

  static long units(long[] lens) {
    long u = 0;
    for (long l : lens) {
      u += (l + UNIT - 1) / UNIT;
    }
    return u;
  }

  /** A file size in [1, cap]: often in the last 2 MiB, sometimes anywhere. */
  static long size(Source src, long cap) {
    if (src.flip()) {
      return src.choose(Math.max(1, cap - UNIT + 1), cap);
    }
    return src.choose(1, cap);
  }

  /**
   * Simple extent lengths, 1-{@code maxN} of them: about half the time the uniform shape (first
   * a power of two, the middle ones equal to it, the last no longer); otherwise random 2 MiB
   * multiples. With {@code oddLast}, the last may be any 4 KiB multiple.
   */
  static long[] simpleLens(Source src, int maxN, boolean oddLast) {
    int n = src.chooseInt(1, maxN);
    long[] lens = new long[n];
    if (src.flip()) {
      long len0 = UNIT << src.chooseInt(0, 2);
      Arrays.fill(lens, len0);
      if (src.flip()) {
        lens[n - 1] = oddLast && src.weighted(0.3) ? src.choose(1, len0 / PAGE) * PAGE
            : src.choose(1, len0 / UNIT) * UNIT;
      }
    } else {
      for (int i = 0; i < n; i++) {
        lens[i] = src.choose(1, 4) * UNIT;
      }
      if (oddLast && src.weighted(0.3)) {
        lens[n - 1] = src.choose(1, lens[n - 1] / PAGE) * PAGE;
      }
    }
    return lens;
  }

  /** A simple file of 1-{@code maxN} extents on a device of {@code devUnits} units. */
  static Spec simple(Source src, long[] lens, int devUnits) {
    long[] offs = place(src, lens, devUnits);
    List<FamfsMap.Extent> exts = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < lens.length; i++) {
      exts.add(new FamfsMap.Extent(0, offs[i], lens[i]));
      total += lens[i];
    }
    return new Spec(false, size(src, total), exts, List.of());
  }

  /** Shape of one interleaved extent before placement. */
  record IeShape(int nstrips, long chunk, long stripLen) {
    long capacity() {
      return nstrips * stripLen;
    }
  }

  /**
   * 1 to {@code maxIe} interleaved extents of 1-16 strips each; chunks are 2 MiB << 0..2
   * (mostly 2 MiB) or, with {@code smallChunks}, sometimes 4 KiB << 0..8; strips hold 1-4
   * stripes (1-64 for small chunks). Total device units stay within {@code maxUnits}.
   */
  static List<IeShape> ieShapes(Source src, int maxIe, boolean smallChunks, int maxUnits) {
    int nie = src.chooseInt(1, maxIe);
    List<IeShape> out = new ArrayList<>();
    long budget = maxUnits;
    for (int i = 0; i < nie; i++) {
      int n = src.chooseInt(1, 16);
      long chunk;
      if (smallChunks && src.weighted(0.15)) {
        chunk = PAGE << src.chooseInt(0, 8);
      } else {
        int shift = src.weighted(0.7) ? 0 : src.chooseInt(1, 2);
        chunk = UNIT << shift;
      }
      long maxStripes = chunk < UNIT ? 64 : 4;
      long perStripeUnits = Math.max(1, chunk / UNIT);
      // each strip occupies roundup(stripes * chunk, 2 MiB); keep n strips within the budget
      long fit = Math.max(1, (budget / (long) (nie - i)) / n / perStripeUnits);
      long stripes = src.choose(1, Math.max(1, Math.min(maxStripes, fit)));
      IeShape s = new IeShape(n, chunk, stripes * chunk);
      budget -= n * ((s.stripLen() + UNIT - 1) / UNIT);
      out.add(s);
    }
    return out;
  }

  /**
   * An interleaved file of {@code shapes} on a device of {@code devUnits} units: nbytes of each
   * interleaved extent but the last at most its capacity, a whole number of chunks unless
   * {@code ragged}; the file size covered by the sum.
   *
   * <p>Ragged is for the resolve-only model check: resolve trims a mapping at the end of its
   * chunk, not at the end of its interleaved extent (famfs.md 2.6, as the module does), so a
   * mapping that starts in a ragged last chunk of a non-last interleaved extent runs on into
   * file bytes the next interleaved extent owns; a walk by mappings is then not invariant 18's
   * bijection. famfs user space never makes such maps (one interleaved extent, nbytes = size).
   */
  static Spec interleaved(Source src, List<IeShape> shapes, int devUnits, boolean ragged) {
    int nStrips = shapes.stream().mapToInt(IeShape::nstrips).sum();
    long[] lens = new long[nStrips];
    int k = 0;
    for (IeShape s : shapes) {
      for (int j = 0; j < s.nstrips(); j++) {
        lens[k++] = s.stripLen();
      }
    }
    long[] offs = place(src, lens, devUnits);
    long[] nbytes = new long[shapes.size()];
    long before = 0;
    for (int i = 0; i < shapes.size() - 1; i++) {
      IeShape s = shapes.get(i);
      nbytes[i] = ragged && src.weighted(0.5) ? src.choose(1, s.capacity())
          : src.choose(1, s.capacity() / s.chunk()) * s.chunk();
      before += nbytes[i];
    }
    IeShape last = shapes.get(shapes.size() - 1);
    long size = before + size(src, last.capacity());
    // the last extent's nbytes covers the rest of the file, sometimes more (up to capacity)
    nbytes[shapes.size() - 1] = src.choose(size - before, last.capacity());
    List<FamfsMap.Interleave> ies = new ArrayList<>();
    k = 0;
    for (int i = 0; i < shapes.size(); i++) {
      IeShape s = shapes.get(i);
      List<FamfsMap.Extent> strips = new ArrayList<>();
      for (int j = 0; j < s.nstrips(); j++, k++) {
        strips.add(new FamfsMap.Extent(0, offs[k], lens[k]));
      }
      ies.add(new FamfsMap.Interleave(s.chunk(), nbytes[i], strips));
    }
    return new Spec(true, size, List.of(), ies);
  }

  // ------------------------------------------------------------------ the reference model

  /**
   * The model's answer for file offset {@code pos}: device byte {@code dev}, and {@code rest}
   * bytes to the end of the containing extent (simple) or chunk (interleaved), which lies in the
   * device piece {@code piece} = [pieceOff, pieceOff + pieceLen).
   */
  record Hit(long dev, long rest, long pieceOff, long pieceLen) {}

  /**
   * famfs.md 2.6 / invariants 16-17, written out: simple extents by a linear walk; interleaved
   * extents by strip[(o/chunk) mod nstrips].offset + (o/chunk div nstrips)*chunk + o mod chunk,
   * each interleaved extent covering min(nbytes, size) file bytes. Null past the extents.
   */
  static Hit model(Spec s, long pos) {
    long local = pos;
    if (!s.interleaved()) {
      for (FamfsMap.Extent e : s.exts()) {
        if (local < e.length()) {
          return new Hit(e.offset() + local, e.length() - local, e.offset(), e.length());
        }
        local -= e.length();
      }
      return null;
    }
    for (FamfsMap.Interleave x : s.ies()) {
      long covered = Math.min(x.nbytes(), s.size());
      if (local < covered) {
        long chunk = x.chunkSize();
        long c = local / chunk;
        FamfsMap.Extent strip = x.strips().get((int) (c % x.nstrips()));
        long dev = strip.offset() + (c / x.nstrips()) * chunk + local % chunk;
        return new Hit(dev, chunk - local % chunk, strip.offset(), strip.length());
      }
      local -= covered;
    }
    return null;
  }

  /**
   * The inverse of {@link #model} on [0, size): the file offset stored at device byte
   * {@code dev}, or -1 when the file does not use that byte. Worked per piece: byte l of a
   * simple extent is file byte (lengths before it) + l; byte l of strip j of an interleaved
   * extent is in stripe l / chunk, so it is chunk number stripe * nstrips + j.
   */
  static long fileOffsetOf(Spec s, long dev) {
    long base = 0;
    if (!s.interleaved()) {
      for (FamfsMap.Extent e : s.exts()) {
        if (dev >= e.offset() && dev < e.offset() + e.length()) {
          long o = base + dev - e.offset();
          return o < s.size() ? o : -1;
        }
        base += e.length();
      }
      return -1;
    }
    for (FamfsMap.Interleave x : s.ies()) {
      long covered = Math.min(x.nbytes(), s.size());
      for (int j = 0; j < x.nstrips(); j++) {
        FamfsMap.Extent e = x.strips().get(j);
        if (dev >= e.offset() && dev < e.offset() + e.length()) {
          long l = dev - e.offset();
          long local = ((l / x.chunkSize()) * x.nstrips() + j) * x.chunkSize()
              + l % x.chunkSize();
          return local < covered && base + local < s.size() ? base + local : -1;
        }
      }
      base += covered;
    }
    return -1;
  }

  /** A half-open interval of device bytes. */
  record Span(long start, long end) {}

  /**
   * Invariant 18's expected image of [0, size), derived per piece rather than per offset:
   * simple extents are used from their start for as much of the file as reaches them; strip j
   * of an interleaved extent covering L file bytes holds chunks j, j + n, j + 2n, ... so it is
   * used for (full chunks with index = j mod n) * chunk, plus the tail if the partial last chunk
   * falls on it. Returned merged and sorted.
   */
  static List<Span> expectedImage(Spec s) {
    List<Span> spans = new ArrayList<>();
    long left = s.size();
    if (!s.interleaved()) {
      for (FamfsMap.Extent e : s.exts()) {
        long use = Math.min(left, e.length());
        if (use > 0) {
          spans.add(new Span(e.offset(), e.offset() + use));
        }
        left -= use;
      }
    } else {
      for (FamfsMap.Interleave x : s.ies()) {
        long covered = Math.min(Math.min(x.nbytes(), s.size()), left);
        left -= covered;
        long chunk = x.chunkSize();
        int n = x.nstrips();
        long full = covered / chunk;
        long tail = covered % chunk;
        for (int j = 0; j < n; j++) {
          long fullHere = j < full ? (full - 1 - j) / n + 1 : 0;
          long use = fullHere * chunk + (tail > 0 && full % n == j ? tail : 0);
          if (use > 0) {
            long off = x.strips().get(j).offset();
            spans.add(new Span(off, off + use));
          }
        }
      }
    }
    return merge(spans);
  }

  /** Sorts and merges touching or overlapping spans. */
  static List<Span> merge(List<Span> in) {
    List<Span> sorted = new ArrayList<>(in);
    sorted.sort((a, b) -> Long.compare(a.start(), b.start()));
    List<Span> out = new ArrayList<>();
    for (Span sp : sorted) {
      if (!out.isEmpty() && out.get(out.size() - 1).end() >= sp.start()) {
        Span last = out.remove(out.size() - 1);
        out.add(new Span(last.start(), Math.max(last.end(), sp.end())));
      } else {
        out.add(sp);
      }
    }
    return out;
  }
}
