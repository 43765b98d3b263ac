package org.daxsim.fs.famfs.tools;

import static org.daxsim.fs.famfs.format.FamfsFormat.ALLOC_UNIT;
import static org.daxsim.fs.famfs.format.FamfsFormat.LOG_OFFSET;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.InterleavedExtent;
import org.daxsim.fs.famfs.format.LogEntry;
import org.daxsim.fs.famfs.format.SimpleExtent;

/**
 * famfs_alloc.c: the allocation bitmap of 2 MiB units rebuilt from the log, contiguous
 * allocation (first fit from the session's position, next fit within one session) and
 * interleaved allocation of equal strips in distinct buckets visited in a random order. Unlike
 * upstream it never allocates past the last whole unit of the device (famfs.md 7 item 3).
 */
final class Allocator {
  final long devSize;
  /** Whole allocation units of the device (the bitmap's length). */
  final int nbits;
  final BitSet bits = new BitSet();
  /** Units found already set while marking the log (fsck's collisions). */
  long collisions;
  private int curPos;

  Allocator(long devSize, long logLen) {
    this.devSize = devSize;
    this.nbits = (int) Math.min(Integer.MAX_VALUE, devSize / ALLOC_UNIT);
    mark(0, LOG_OFFSET + logLen);
    collisions = 0;
  }

  /** famfs_build_bitmap(): marks the superblock, log and every FILE entry's extents. */
  static Allocator fromLog(long devSize, long logLen, List<LogEntry> entries) {
    Allocator a = new Allocator(devSize, logLen);
    for (LogEntry e : entries) {
      if (e instanceof FileEntry f) {
        for (SimpleExtent x : extents(f)) {
          a.mark(x.offset(), x.length());
        }
      }
    }
    return a;
  }

  /** Every simple extent or strip of a file entry. */
  static List<SimpleExtent> extents(FileEntry f) {
    if (f.fmap().interleaved().isEmpty()) {
      return f.fmap().extents();
    }
    List<SimpleExtent> out = new ArrayList<>();
    for (InterleavedExtent ie : f.fmap().interleaved()) {
      out.addAll(ie.strips());
    }
    return out;
  }

  /** Sets the units covering [off, off + len); a unit already set counts one collision. */
  void mark(long off, long len) {
    long first = off / ALLOC_UNIT;
    long end = (off + len + ALLOC_UNIT - 1) / ALLOC_UNIT;
    for (long u = first; u < end && u < Integer.MAX_VALUE; u++) {
      if (bits.get((int) u)) {
        collisions++;
      }
      bits.set((int) u);
    }
  }

  /** Allocated bytes (superblock and log included, shared units once). */
  long allocatedBytes() {
    return bits.cardinality() * ALLOC_UNIT;
  }

  /**
   * famfs_alloc_contiguous(): {@code ceil(size / 2 MiB)} clear units from the session position
   * on (next fit), their byte offset, or -1 when no run fits before the device end.
   */
  long allocContiguous(long size) {
    int need = (int) ((size + ALLOC_UNIT - 1) / ALLOC_UNIT);
    int at = run(curPos, nbits, need);
    if (at < 0) {
      return -1;
    }
    bits.set(at, at + need);
    curPos = at + need;
    return at * ALLOC_UNIT;
  }

  /** The contiguous fallback of an interleaved request smaller than a chunk: from unit 0. */
  long contiguousFromStart(long size) {
    curPos = 0;
    return allocContiguous(size);
  }

  /** The first run of {@code need} clear units in [from, to), or -1. */
  private int run(int from, int to, int need) {
    int i = bits.nextClearBit(from);
    while (i + need <= to) {
      int set = bits.nextSetBit(i);
      if (set < 0 || set >= i + need) {
        return i;
      }
      i = bits.nextClearBit(set);
    }
    return -1;
  }

  /**
   * famfs_alloc_bucketized(): {@code nstrips} strips of equal length, each a contiguous run in
   * its own bucket, buckets visited in a Fisher-Yates order drawn from {@code random}; null
   * when fewer than {@code nstrips} buckets have room (nothing stays allocated). The caller
   * sends a file smaller than one chunk to {@link #contiguousFromStart} instead, as famfs does.
   */
  InterleavedExtent allocInterleaved(long size, int nbuckets, int nstrips, long chunk,
      Random random) {
    long allocAu = (size + ALLOC_UNIT - 1) / ALLOC_UNIT;
    long chunkAu = chunk / ALLOC_UNIT;
    int bucketAu = nbits / nbuckets;
    long stripeAu = nstrips * chunkAu;
    long nstripes = (allocAu + stripeAu - 1) / stripeAu;
    int stripAu = (int) (nstripes * chunkAu);
    int[] order = new int[nbuckets];
    for (int i = 0; i < nbuckets; i++) {
      order[i] = i;
    }
    for (int i = nbuckets - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<SimpleExtent> strips = new ArrayList<>();
    for (int b : order) {
      if (strips.size() == nstrips) {
        break;
      }
      int at = run(b * bucketAu, (b + 1) * bucketAu, stripAu);
      if (at >= 0) {
        bits.set(at, at + stripAu);
        strips.add(new SimpleExtent(0, at * ALLOC_UNIT, stripAu * ALLOC_UNIT));
      }
    }
    if (strips.size() < nstrips) {
      for (SimpleExtent s : strips) {
        int u = (int) (s.offset() / ALLOC_UNIT);
        bits.clear(u, u + stripAu);
      }
      return null;
    }
    return new InterleavedExtent(nstrips, chunk, strips);
  }

  static long roundUp(long size) {
    return (size + ALLOC_UNIT - 1) / ALLOC_UNIT * ALLOC_UNIT;
  }
}
