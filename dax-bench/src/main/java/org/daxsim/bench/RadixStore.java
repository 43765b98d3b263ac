package org.daxsim.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The "before" of benchmark 6: dax-core's previous block store (4 KiB blocks under a radix of
 * 512-slot tables, root at most 4096 slots, tables and blocks installed by CAS), kept here
 * verbatim in its write and read paths so that the old and the new store are measured in the
 * same run. Not used outside the benchmarks.
 */
final class RadixStore {
  private static final int BLOCK_SHIFT = 12;
  private static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;
  private static final int BLOCK_MASK = BLOCK_SIZE - 1;
  private static final int FAN_SHIFT = 9;
  private static final int FAN_MASK = (1 << FAN_SHIFT) - 1;
  private static final int MAX_ROOT_SHIFT = 12;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

  private final int levels;
  private final Object[] root;

  RadixStore(long size) {
    long blocks = size >>> BLOCK_SHIFT;
    int l = 1;
    while ((blocks - 1) >>> (FAN_SHIFT * (l - 1)) >= (1L << MAX_ROOT_SHIFT)) {
      l++;
    }
    levels = l;
    root = new Object[(int) (((blocks - 1) >>> (FAN_SHIFT * (l - 1))) + 1)];
  }

  private int slot(long block, int level) {
    long idx = block >>> (FAN_SHIFT * (level - 1));
    return (int) (level == levels ? idx : idx & FAN_MASK);
  }

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

  private Object[] leafTableForWrite(long block) {
    Object[] t = root;
    for (int level = levels; level > 1; level--) {
      int i = slot(block, level);
      Object next = SLOT.getAcquire(t, i);
      if (next == null) {
        Object[] fresh = new Object[1 << FAN_SHIFT];
        next = SLOT.compareAndExchange(t, i, (Object) null, (Object) fresh);
        if (next == null) {
          next = fresh;
        }
      }
      t = (Object[]) next;
    }
    return t;
  }

  private static byte[] blockForWrite(Object[] leaf, int i) {
    byte[] b = (byte[]) SLOT.getAcquire(leaf, i);
    if (b == null) {
      byte[] fresh = new byte[BLOCK_SIZE];
      Object witness = SLOT.compareAndExchange(leaf, i, (Object) null, (Object) fresh);
      b = witness == null ? fresh : (byte[]) witness;
    }
    return b;
  }

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
      byte[] blk = leaf == null ? null : (byte[]) SLOT.getAcquire(leaf, slot(b, 1));
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
}
