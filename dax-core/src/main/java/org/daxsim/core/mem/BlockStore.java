package org.daxsim.core.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sparse storage behind a {@link MemoryDevice}: 4 KiB blocks in 16-slot leaves (one leaf per
 * 64 KiB chunk), found through an open-addressing hash from chunk number to leaf. Memory is
 * proportional to what was written, whatever the device size: a fresh device costs one 16-slot
 * table (a few hundred bytes), and a written page scattered far from any other costs its 4 KiB
 * block plus one leaf (80 bytes with compressed references) plus two to four hash slots (12 bytes
 * each at a load between 1/4 and 1/2), about 3%. Consecutive blocks share a leaf, so a bulk copy
 * does one hash lookup per 64 KiB and one leaf slot read plus one {@code System.arraycopy} per
 * block. (A radix of 512-slot tables, used before, cost a 2 KiB leaf and often a 2 KiB level-2
 * table per scattered page: 50-100% overhead.)
 *
 * <p><b>Concurrency.</b> Readers take no lock and allocate nothing; an absent block reads as zeros.
 * The argument rests on two invariants.
 *
 * <ol>
 *   <li><i>One leaf per chunk, forever.</i> Leaves are created only under {@link #lock}, after
 *       probing the current table for the chunk, and are never removed (zeroing empties their
 *       slots but keeps the leaf, as the radix kept its tables). So every thread that finds a leaf
 *       for a chunk, in any table it reads, finds the same leaf object.
 *   <li><i>Tables only grow, and only the current one changes.</i> A table's keys are written only
 *       under the lock, into the table {@link #table} refers to; an entry is never removed or
 *       moved within a table. A resize (under the lock) copies every entry into a fresh table and
 *       then publishes it with a volatile write; from then on inserts go to the new table and the
 *       old one is frozen. Its entries point at the same leaves, so it stays correct, merely
 *       missing chunks inserted after the resize.
 * </ol>
 *
 * A reader reads {@link #table} (volatile) and probes it. An insert stores the leaf and then
 * publishes the key with a release store; a reader loads keys with acquire, so a matching key
 * implies the leaf is visible, and an empty key ends the probe. A reader that raced a resize, or
 * an insert, and does not find the chunk, reads zeros: that is the state before the racing insert,
 * and the insert (creating an all-empty leaf) changes no byte anyway. Blocks live in the leaves
 * and are installed and dropped with a CAS on the leaf slot, exactly as in the radix: two writers
 * that race on a fresh block agree on the CAS winner, and since (1) gives both the same leaf
 * whichever table they read, no write is lost to a racing allocation or resize. A writer whose
 * lock-free lookup misses takes the lock and probes the current table again before creating a
 * leaf. Resizes copy references only, never bytes, so a block found through an old table is the
 * live block.
 *
 * <p>Arguments are trusted: {@link MemoryDevice} validates them.
 */
final class BlockStore {
  static final int BLOCK_SHIFT = 12;
  static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;
  static final int BLOCK_MASK = BLOCK_SIZE - 1;

  /** Blocks per leaf: a leaf covers a 64 KiB chunk. */
  static final int LEAF_SHIFT = 4;

  static final int CHUNK_SHIFT = BLOCK_SHIFT + LEAF_SHIFT;
  private static final int LEAF = 1 << LEAF_SHIFT;
  private static final int LEAF_MASK = LEAF - 1;
  private static final int MIN_CAPACITY = 16;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle KEY = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * One hash table: {@code keys[i]} is chunk + 1 (0 = empty slot), {@code leaves[i]} its leaf.
   * Linear probing from {@link #home}; at most half full.
   */
  private static final class Table {
    final long[] keys;
    final Object[] leaves;
    final int shift;

    Table(int capacity) {
      keys = new long[capacity];
      leaves = new Object[capacity];
      shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    int home(long chunk) {
      return (int) ((chunk * 0x9E3779B97F4A7C15L) >>> shift); // Fibonacci hashing
    }
  }

  private final Object lock = new Object();
  private volatile Table table = new Table(MIN_CAPACITY);
  private int leafCount; // guarded by lock
  private final AtomicLong residentBlocks = new AtomicLong();

  BlockStore(long size) {
    // Nothing depends on the size: the index grows with the chunks written.
  }

  long residentBytes() {
    return residentBlocks.get() << BLOCK_SHIFT;
  }

  /** Leaves created so far (one per 64 KiB chunk ever written). */
  long leafCount() {
    synchronized (lock) {
      return leafCount;
    }
  }

  /** Slots of the current hash table (a power of two, at least twice {@link #leafCount}). */
  int capacity() {
    return table.keys.length;
  }

  // ---- the chunk index --------------------------------------------------------------------

  /** The leaf of {@code chunk} in {@code t}, or null. Lock free, allocation free. */
  private static Object[] find(Table t, long chunk) {
    long key = chunk + 1;
    long[] keys = t.keys;
    int mask = keys.length - 1;
    for (int i = t.home(chunk); ; i = (i + 1) & mask) {
      long k = (long) KEY.getAcquire(keys, i);
      if (k == key) {
        return (Object[]) t.leaves[i]; // ordered by the acquire of its key
      }
      if (k == 0) {
        return null;
      }
    }
  }

  /** The leaf holding {@code block}, or null when nothing was ever written to its chunk. */
  private Object[] leaf(long block) {
    return find(table, block >>> LEAF_SHIFT);
  }

  /** The leaf holding {@code block}, created (under the lock) when missing. */
  private Object[] leafForWrite(long block) {
    long chunk = block >>> LEAF_SHIFT;
    Object[] leaf = find(table, chunk);
    return leaf != null ? leaf : createLeaf(chunk);
  }

  private Object[] createLeaf(long chunk) {
    synchronized (lock) {
      Table t = table;
      Object[] leaf = find(t, chunk); // another writer may have created it meanwhile
      if (leaf != null) {
        return leaf;
      }
      if (2 * (leafCount + 1) > t.keys.length) {
        t = grow(t);
      }
      leaf = new Object[LEAF];
      insert(t, chunk, leaf);
      leafCount++;
      return leaf;
    }
  }

  /** Stores the leaf, then publishes the key (release): a reader matching the key sees it. */
  private static void insert(Table t, long chunk, Object[] leaf) {
    int mask = t.keys.length - 1;
    int i = t.home(chunk);
    while (t.keys[i] != 0) {
      i = (i + 1) & mask;
    }
    t.leaves[i] = leaf;
    KEY.setRelease(t.keys, i, chunk + 1);
  }

  /** Copies every entry into a table twice as large and publishes it (lock held). */
  private Table grow(Table old) {
    Table t = new Table(old.keys.length * 2);
    for (int i = 0; i < old.keys.length; i++) {
      long k = old.keys[i];
      if (k != 0) {
        insert(t, k - 1, (Object[]) old.leaves[i]);
      }
    }
    table = t; // volatile: readers see either table, both correct (class comment)
    return t;
  }

  private static byte[] blockIn(Object[] leaf, int i) {
    return leaf == null ? null : (byte[]) SLOT.getAcquire(leaf, i);
  }

  private byte[] blockForWrite(Object[] leaf, int i) {
    byte[] b = (byte[]) SLOT.getAcquire(leaf, i);
    if (b == null) {
      byte[] fresh = new byte[BLOCK_SIZE];
      Object witness = SLOT.compareAndExchange(leaf, i, (Object) null, (Object) fresh);
      if (witness == null) {
        residentBlocks.incrementAndGet();
        b = fresh;
      } else {
        b = (byte[]) witness;
      }
    }
    return b;
  }

  /** The block at {@code block}, or null while it reads as zeros. */
  byte[] block(long block) {
    return blockIn(leaf(block), (int) block & LEAF_MASK);
  }

  byte[] blockForWrite(long block) {
    return blockForWrite(leafForWrite(block), (int) block & LEAF_MASK);
  }

  // ---- bulk access ------------------------------------------------------------------------

  /** One leaf lookup per 64 KiB chunk, then one slot read and one arraycopy (or fill) per block. */
  void read(long off, byte[] dst, int dstOff, int len) {
    long chunk = -1;
    Object[] leaf = null;
    while (len > 0) {
      long b = off >>> BLOCK_SHIFT;
      int in = (int) (off & BLOCK_MASK);
      int n = Math.min(len, BLOCK_SIZE - in);
      if ((b >>> LEAF_SHIFT) != chunk) {
        chunk = b >>> LEAF_SHIFT;
        leaf = leaf(b);
      }
      byte[] blk = blockIn(leaf, (int) b & LEAF_MASK);
      if (blk == null) {
        Arrays.fill(dst, dstOff, dstOff + n, (byte) 0);
      } else {
        System.arraycopy(blk, in, dst, dstOff, n);
      }
      off += n;
      dstOff += n;
      len -= n;
    }
  }

  void write(long off, byte[] src, int srcOff, int len) {
    long chunk = -1;
    Object[] leaf = null;
    while (len > 0) {
      long b = off >>> BLOCK_SHIFT;
      int in = (int) (off & BLOCK_MASK);
      int n = Math.min(len, BLOCK_SIZE - in);
      if ((b >>> LEAF_SHIFT) != chunk) {
        chunk = b >>> LEAF_SHIFT;
        leaf = leafForWrite(b); // permanent once created, so safe to keep for the chunk
      }
      System.arraycopy(src, srcOff, blockForWrite(leaf, (int) b & LEAF_MASK), in, n);
      off += n;
      srcOff += n;
      len -= n;
    }
  }

  /**
   * Makes {@code [off, off + len)} read as zeros. Whole blocks are dropped (a racing write to the
   * same bytes then reads as if it happened before the zeroing); partial ones are cleared. Leaves
   * stay. A range with more chunks than the table has slots is zeroed by scanning the table, so
   * zeroing a whole 1 TiB device costs the chunks written, not the size.
   */
  void zero(long off, long len) {
    if (len == 0) {
      return;
    }
    long end = off + len;
    long first = off >>> CHUNK_SHIFT;
    long last = (end - 1) >>> CHUNK_SHIFT;
    Table t = table;
    if (last - first >= t.keys.length) {
      for (int i = 0; i < t.keys.length; i++) {
        long k = (long) KEY.getAcquire(t.keys, i);
        if (k != 0 && k - 1 >= first && k - 1 <= last) {
          zeroIn((Object[]) t.leaves[i], k - 1, off, end);
        }
      }
      return;
    }
    for (long c = first; c <= last; c++) {
      Object[] leaf = find(t, c);
      if (leaf != null) {
        zeroIn(leaf, c, off, end);
      }
    }
  }

  /** Zeroes the part of {@code [off, end)} inside {@code chunk}, whose leaf is {@code leaf}. */
  private void zeroIn(Object[] leaf, long chunk, long off, long end) {
    long from = Math.max(off, chunk << CHUNK_SHIFT);
    long to = Math.min(end, (chunk + 1) << CHUNK_SHIFT);
    while (from < to) {
      int in = (int) (from & BLOCK_MASK);
      int n = (int) Math.min(to - from, BLOCK_SIZE - in);
      int i = (int) (from >>> BLOCK_SHIFT) & LEAF_MASK;
      byte[] blk = blockIn(leaf, i);
      if (blk != null) {
        if (n == BLOCK_SIZE) {
          if (SLOT.compareAndSet(leaf, i, (Object) blk, (Object) null)) {
            residentBlocks.decrementAndGet();
          }
        } else {
          Arrays.fill(blk, in, in + n, (byte) 0);
        }
      }
      from += n;
    }
  }

  /** memmove between stores (or within one): one System.arraycopy per block piece. */
  static void copy(BlockStore src, long srcOff, BlockStore dst, long dstOff, long len) {
    if (src == dst && dstOff > srcOff && dstOff - srcOff < len) {
      copyBackward(src, srcOff, dst, dstOff, len);
      return;
    }
    while (len > 0) {
      int sIn = (int) (srcOff & BLOCK_MASK);
      int dIn = (int) (dstOff & BLOCK_MASK);
      int n = (int) Math.min(len, Math.min(BLOCK_SIZE - sIn, BLOCK_SIZE - dIn));
      piece(src, srcOff, dst, dstOff, n);
      srcOff += n;
      dstOff += n;
      len -= n;
    }
  }

  private static void copyBackward(
      BlockStore src, long srcOff, BlockStore dst, long dstOff, long len) {
    long srcEnd = srcOff + len;
    long dstEnd = dstOff + len;
    while (len > 0) {
      int sTail = (int) ((srcEnd - 1) & BLOCK_MASK) + 1;
      int dTail = (int) ((dstEnd - 1) & BLOCK_MASK) + 1;
      int n = (int) Math.min(len, Math.min(sTail, dTail));
      srcEnd -= n;
      dstEnd -= n;
      piece(src, srcEnd, dst, dstEnd, n);
      len -= n;
    }
  }

  /** Copies {@code n} bytes that lie inside one source and one destination block. */
  private static void piece(BlockStore src, long srcOff, BlockStore dst, long dstOff, int n) {
    byte[] s = src.block(srcOff >>> BLOCK_SHIFT);
    int dIn = (int) (dstOff & BLOCK_MASK);
    if (s == null) {
      // A zero source needs no destination block unless one already holds data.
      byte[] d = dst.block(dstOff >>> BLOCK_SHIFT);
      if (d != null) {
        Arrays.fill(d, dIn, dIn + n, (byte) 0);
      }
      return;
    }
    byte[] d = dst.blockForWrite(dstOff >>> BLOCK_SHIFT);
    System.arraycopy(s, (int) (srcOff & BLOCK_MASK), d, dIn, n);
  }

  // ---- 64-bit little-endian access --------------------------------------------------------

  long readLong(long off) {
    int in = (int) (off & BLOCK_MASK);
    if (in <= BLOCK_SIZE - Long.BYTES) {
      byte[] blk = block(off >>> BLOCK_SHIFT);
      return blk == null ? 0 : (long) LONG_LE.get(blk, in);
    }
    long v = 0;
    for (int k = 0; k < Long.BYTES; k++) {
      long o = off + k;
      byte[] blk = block(o >>> BLOCK_SHIFT);
      long b = blk == null ? 0 : blk[(int) (o & BLOCK_MASK)] & 0xffL;
      v |= b << (8 * k);
    }
    return v;
  }

  void writeLong(long off, long value) {
    int in = (int) (off & BLOCK_MASK);
    if (in <= BLOCK_SIZE - Long.BYTES) {
      LONG_LE.set(blockForWrite(off >>> BLOCK_SHIFT), in, value);
      return;
    }
    for (int k = 0; k < Long.BYTES; k++) {
      long o = off + k;
      blockForWrite(o >>> BLOCK_SHIFT)[(int) (o & BLOCK_MASK)] = (byte) (value >>> (8 * k));
    }
  }
}
