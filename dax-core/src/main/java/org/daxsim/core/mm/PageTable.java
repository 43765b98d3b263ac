package org.daxsim.core.mm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.LongConsumer;

/**
 * One process's x86-64 4-level page table (arch/x86/include/asm/pgtable_types.h): a PGD of PUD
 * tables of PMD tables of PTE tables, 512 entries each, created lazily. A PUD or PMD entry is
 * either a huge leaf (1 GiB / 2 MiB, PSE set) or a pointer to the next table, never both.
 *
 * <p>Readers ({@link #walk}, {@link #slot}) take no lock and allocate nothing: table slots are
 * read with acquire semantics and written with release semantics, so a reader sees either the
 * old or the new entry, and a new table only once it is fully built. Writers synchronize on
 * this object (the page_table_lock). Entries store {@code pfn << 12 | flags}; 0 is "none".
 */
final class PageTable {
  static final long PRESENT = 1L;
  static final long RW = 1L << 1;
  static final long USER = 1L << 2;
  /** Page size bit: the PUD/PMD entry is a huge leaf. */
  static final long PSE = 1L << 7;
  /** Software bit 9: the page was allocated for this mm (anonymous or COW) and is freed on zap. */
  static final long ANON = 1L << 9;
  static final long PFN_MASK = 0x000f_ffff_ffff_f000L;
  static final int LEVEL_SHIFT = 10;

  static final int PTE = 0;
  static final int PMD = 1;
  static final int PUD = 2;
  static final int PGD = 3;

  /** {@link #slot}: nothing is mapped there and no lower table exists. */
  static final long NONE = 0;
  /** {@link #slot}: the slot points to a lower-level table. */
  static final long TABLE = -2;
  /** {@link #slot}: a huge leaf at a higher level covers the slot. */
  static final long ABOVE = -3;

  private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle NEXT = MethodHandles.arrayElementVarHandle(Table[].class);

  private static final class Table {
    final long[] e = new long[512];
    final Table[] next;

    Table(int level) {
      next = level == PTE ? null : new Table[512];
    }
  }

  /** Receives one leaf in {@link #forEachLeaf}. */
  interface LeafVisitor {
    void leaf(long va, int level, long entry);
  }

  private final Table root = new Table(PGD);
  private long tables = 1; // guarded by this

  static int index(long va, int level) {
    return (int) (va >>> shift(level)) & 511;
  }

  static int shift(int level) {
    return 12 + 9 * level;
  }

  /** Bytes mapped by one entry of a level-{@code level} table (4 KiB, 2 MiB, 1 GiB, 512 GiB). */
  static long span(int level) {
    return 1L << shift(level);
  }

  static long pfn(long entry) {
    return (entry & PFN_MASK) >>> 12;
  }

  /**
   * The translation of the 4 KiB page containing {@code va}: the entry with its pfn advanced to
   * that page inside a huge leaf, PSE cleared, and the leaf's level in bits 10-11; 0 when not
   * mapped. Lock free, allocation free.
   */
  long walk(long va) {
    Table t = root;
    for (int level = PGD; ; level--) {
      int i = index(va, level);
      long e = (long) ENTRY.getAcquire(t.e, i);
      if (e != 0) {
        if (level == PTE) {
          return e;
        }
        long inside = va & (span(level) - 1) & ~0xfffL;
        return ((e & ~PSE) + inside) | ((long) level << LEVEL_SHIFT);
      }
      if (level == PTE) {
        return 0;
      }
      t = (Table) NEXT.getAcquire(t.next, i);
      if (t == null) {
        return 0;
      }
    }
  }

  /** The level of a {@link #walk} result. */
  static int level(long walked) {
    return (int) (walked >>> LEVEL_SHIFT) & 3;
  }

  /**
   * The state of the level-{@code level} slot for {@code va}: its leaf entry, {@link #NONE},
   * {@link #TABLE} or {@link #ABOVE}. Lock free.
   */
  long slot(long va, int level) {
    Table t = root;
    for (int l = PGD; l > level; l--) {
      int i = index(va, l);
      if ((long) ENTRY.getAcquire(t.e, i) != 0) {
        return ABOVE;
      }
      t = (Table) NEXT.getAcquire(t.next, i);
      if (t == null) {
        return NONE;
      }
    }
    int i = index(va, level);
    long e = (long) ENTRY.getAcquire(t.e, i);
    if (e != 0) {
      return e;
    }
    return level != PTE && NEXT.getAcquire(t.next, i) != null ? TABLE : NONE;
  }

  /**
   * Sets the level-{@code level} slot for {@code va} to {@code entry} (replacing a leaf there),
   * creating the tables above it. False, and no change, when a huge leaf above covers the slot
   * or the slot points to a lower table.
   */
  synchronized boolean install(long va, int level, long entry) {
    Table t = root;
    for (int l = PGD; l > level; l--) {
      int i = index(va, l);
      if (t.e[i] != 0) {
        return false;
      }
      Table c = t.next[i];
      if (c == null) {
        c = new Table(l - 1);
        tables++;
        NEXT.setRelease(t.next, i, c);
      }
      t = c;
    }
    int i = index(va, level);
    if (level != PTE && t.next[i] != null) {
      return false;
    }
    ENTRY.setRelease(t.e, i, entry);
    return true;
  }

  /**
   * zap_page_range: clears every leaf intersecting {@code [start, end)}. A huge leaf only
   * partly inside is cleared whole (as __split_huge_pmd does for file and DAX mappings, which
   * have no page table to split into). Leaves marked {@link #ANON} are passed to {@code
   * freed}, or kept when {@code keepAnon}. Returns the number of leaves cleared.
   */
  synchronized int zap(long start, long end, boolean keepAnon, LongConsumer freed) {
    return start < end ? zap(root, PGD, 0, start, end, keepAnon, freed) : 0;
  }

  private int zap(Table t, int level, long base, long start, long end, boolean keepAnon,
      LongConsumer freed) {
    int sh = shift(level);
    long lo = Math.max(start, base);
    long hi = Math.min(end, base + (512L << sh));
    if (lo >= hi) {
      return 0;
    }
    int n = 0;
    for (int i = (int) ((lo - base) >>> sh); i <= (int) ((hi - 1 - base) >>> sh); i++) {
      long e = t.e[i];
      if (e != 0) {
        if ((e & ANON) != 0) {
          if (keepAnon) {
            continue;
          }
          freed.accept(pfn(e));
        }
        ENTRY.setRelease(t.e, i, 0L);
        n++;
      } else if (t.next != null && t.next[i] != null) {
        n += zap(t.next[i], level - 1, base + ((long) i << sh), start, end, keepAnon, freed);
      }
    }
    return n;
  }

  /**
   * free_pgtables: drops the empty tables whose whole span lies in {@code [floor, ceiling)}
   * (the hole between the neighbouring VMAs after an munmap).
   */
  synchronized void prune(long floor, long ceiling) {
    prune(root, PGD, 0, floor, ceiling);
  }

  /** Prunes below {@code t}; returns whether {@code t} is now empty. */
  private boolean prune(Table t, int level, long base, long floor, long ceiling) {
    int sh = shift(level);
    boolean empty = true;
    for (int i = 0; i < 512; i++) {
      if (t.e[i] != 0) {
        empty = false;
        continue;
      }
      Table c = t.next == null ? null : t.next[i];
      if (c == null) {
        continue;
      }
      long cBase = base + ((long) i << sh);
      long cEnd = cBase + (1L << sh);
      boolean childEmpty = cEnd > floor && cBase < ceiling
          ? prune(c, level - 1, cBase, floor, ceiling)
          : false;
      if (childEmpty && cBase >= floor && cEnd <= ceiling) {
        NEXT.setRelease(t.next, i, null);
        tables--;
      } else {
        empty = false;
      }
    }
    return empty;
  }

  /** Visits every leaf in address order (for tests and dumps; takes the lock). */
  synchronized void forEachLeaf(LeafVisitor v) {
    forEachLeaf(root, PGD, 0, v);
  }

  private void forEachLeaf(Table t, int level, long base, LeafVisitor v) {
    int sh = shift(level);
    for (int i = 0; i < 512; i++) {
      long va = base + ((long) i << sh);
      if (t.e[i] != 0) {
        v.leaf(va, level, t.e[i]);
      } else if (t.next != null && t.next[i] != null) {
        forEachLeaf(t.next[i], level - 1, va, v);
      }
    }
  }

  /** Number of tables, the PGD included. */
  synchronized long tableCount() {
    return tables;
  }
}
