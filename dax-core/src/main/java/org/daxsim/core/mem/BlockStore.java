package org.daxsim.core.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sparse storage behind a {@link MemoryDevice}: 4 KiB blocks hanging off a radix of 512-slot
 * tables. Tables and blocks are created on first write and installed with a CAS, so concurrent
 * writers never lose a freshly allocated block; readers take no lock and allocate nothing, and an
 * absent block reads as zeros.
 *
 * <p>The number of table levels is chosen from the size so that the root has at most 4096 slots (16
 * KiB of references): 1 level up to 16 MiB, 3 levels for 1 TiB, 5 levels at the 4 PiB maximum.
 * Arguments are trusted: {@link MemoryDevice} validates them.
 */
final class BlockStore {
  static final int BLOCK_SHIFT = 12;
  static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;
  static final int BLOCK_MASK = BLOCK_SIZE - 1;

  /** Slots per table below the root. */
  static final int FAN_SHIFT = 9;

  private static final int FAN = 1 << FAN_SHIFT;
  private static final int FAN_MASK = FAN - 1;
  private static final int MAX_ROOT_SHIFT = 12;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Number of table levels, root included; level 1 tables hold blocks. */
  private final int levels;

  private final Object[] root;
  private final AtomicLong residentBlocks = new AtomicLong();
  private final AtomicLong tables = new AtomicLong(1);

  BlockStore(long size) {
    long blocks = size >>> BLOCK_SHIFT;
    int l = 1;
    while ((blocks - 1) >>> (FAN_SHIFT * (l - 1)) >= (1L << MAX_ROOT_SHIFT)) {
      l++;
    }
    levels = l;
    root = new Object[(int) (((blocks - 1) >>> (FAN_SHIFT * (l - 1))) + 1)];
  }

  long residentBytes() {
    return residentBlocks.get() << BLOCK_SHIFT;
  }

  /** Tables allocated so far, the root included (each is one Object[] of at most 4096 slots). */
  long tableCount() {
    return tables.get();
  }

  int levels() {
    return levels;
  }

  // ---- table walk -------------------------------------------------------------------------

  private int slot(long block, int level) {
    long idx = block >>> (FAN_SHIFT * (level - 1));
    return (int) (level == levels ? idx : idx & FAN_MASK);
  }

  /** The level-1 table holding {@code block}, or null when none was created yet. */
  private Object[] leafTable(long block) {
    Object[] t = root;
    for (int level = levels; level > 1; level--) {
      t = (Object[]) SLOT.getAcquire(t, slot(block, level));
      if (t == null) {
        return null;
      }
    }
    return t;
  }

  /** The level-1 table holding {@code block}, creating missing tables on the way. */
  private Object[] leafTableForWrite(long block) {
    Object[] t = root;
    for (int level = levels; level > 1; level--) {
      int i = slot(block, level);
      Object next = SLOT.getAcquire(t, i);
      if (next == null) {
        Object[] fresh = new Object[FAN];
        next = SLOT.compareAndExchange(t, i, (Object) null, (Object) fresh);
        if (next == null) {
          next = fresh;
          tables.incrementAndGet();
        }
      }
      t = (Object[]) next;
    }
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
    return blockIn(leafTable(block), slot(block, 1));
  }

  byte[] blockForWrite(long block) {
    return blockForWrite(leafTableForWrite(block), slot(block, 1));
  }

  // ---- bulk access ------------------------------------------------------------------------

  void read(long off, byte[] dst, int dstOff, int len) {
    long leafKey = -1;
    Object[] leaf = null;
    while (len > 0) {
      long b = off >>> BLOCK_SHIFT;
      int in = (int) (off & BLOCK_MASK);
      int n = Math.min(len, BLOCK_SIZE - in);
      if ((b >>> FAN_SHIFT) != leafKey) {
        leafKey = b >>> FAN_SHIFT;
        leaf = leafTable(b);
      }
      byte[] blk = blockIn(leaf, slot(b, 1));
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
    long leafKey = -1;
    Object[] leaf = null;
    while (len > 0) {
      long b = off >>> BLOCK_SHIFT;
      int in = (int) (off & BLOCK_MASK);
      int n = Math.min(len, BLOCK_SIZE - in);
      if ((b >>> FAN_SHIFT) != leafKey) {
        leafKey = b >>> FAN_SHIFT;
        leaf = leafTableForWrite(b);
      }
      System.arraycopy(src, srcOff, blockForWrite(leaf, slot(b, 1)), in, n);
      off += n;
      srcOff += n;
      len -= n;
    }
  }

  /**
   * Makes {@code [off, off + len)} read as zeros. Whole blocks are dropped (a racing write to the
   * same bytes then reads as if it happened before the zeroing); partial ones are cleared.
   */
  void zero(long off, long len) {
    long leafKey = -1;
    Object[] leaf = null;
    while (len > 0) {
      long b = off >>> BLOCK_SHIFT;
      if ((b >>> FAN_SHIFT) != leafKey) {
        leafKey = b >>> FAN_SHIFT;
        leaf = leafTable(b);
      }
      if (leaf == null) {
        // Nothing was ever written below the missing table: skip the whole range it covers.
        long span = 1L << ((absentLevel(b) - 1) * FAN_SHIFT + BLOCK_SHIFT);
        long skip = Math.min(len, span - (off & (span - 1)));
        off += skip;
        len -= skip;
        continue;
      }
      int in = (int) (off & BLOCK_MASK);
      int n = (int) Math.min(len, BLOCK_SIZE - in);
      int i = slot(b, 1);
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
      off += n;
      len -= n;
    }
  }

  /**
   * The level of the lowest existing table on the walk to {@code block} when the walk stops at a
   * missing table (so the missing subtree spans {@code FAN^(level-1)} blocks).
   */
  private int absentLevel(long block) {
    Object[] t = root;
    for (int level = levels; level > 1; level--) {
      t = (Object[]) SLOT.getAcquire(t, slot(block, level));
      if (t == null) {
        return level;
      }
    }
    return 1;
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
