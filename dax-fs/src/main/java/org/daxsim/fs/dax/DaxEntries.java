package org.daxsim.fs.dax;

/**
 * The DAX entries of a file's i_pages xarray (fs/dax.c): value entries {@code (pfn << 4) |
 * flags} keyed by file page index; a PMD entry sits at its 512-aligned index. Policy: PTE
 * entries win. Locking of entries (DAX_LOCKED and the wait table) is not modelled; the methods
 * are synchronized instead. Storage is a primitive hash map plus a per-block count of PTE
 * entries, so faults neither box nor walk (allocation only when the table grows).
 */
public final class DaxEntries {
  public static final long DAX_LOCKED = 1;
  public static final long DAX_PMD = 2;
  public static final long DAX_ZERO_PAGE = 4;
  public static final long DAX_EMPTY = 8;
  public static final int DAX_SHIFT = 4;
  public static final long PG_PMD_NR = 512;
  public static final long PG_PMD_COLOUR = 511;

  private final LongLongMap entries = new LongLongMap();
  /** PTE (non-PMD) entries per 512-page block, keyed by the block's first index. */
  private final LongLongMap ptesPerBlock = new LongLongMap();

  /** dax_make_entry(). */
  public static long makeEntry(long pfn, long flags) {
    return (pfn << DAX_SHIFT) | flags;
  }

  /** dax_to_pfn(). */
  public static long toPfn(long entry) {
    return entry >>> DAX_SHIFT;
  }

  private static boolean isPmd(long e) {
    return (e & DAX_PMD) != 0;
  }

  private void put(long index, long entry) {
    long old = entries.put(index, entry);
    count(index, old, -1);
    count(index, entry, +1);
  }

  private long remove(long index) {
    long old = entries.remove(index);
    count(index, old, -1);
    return old;
  }

  private void count(long index, long entry, int delta) {
    if (entry == 0 || isPmd(entry)) {
      return;
    }
    long base = index & ~PG_PMD_COLOUR;
    long n = ptesPerBlock.get(base) + delta;
    if (n == 0) {
      ptesPerBlock.remove(base);
    } else {
      ptesPerBlock.put(base, n);
    }
  }

  /**
   * grab_mapping_entry(order 0), lookup part: an empty or zero PMD entry covering {@code index}
   * is downgraded (removed); a real PMD entry stays and is returned; else the PTE entry or 0.
   */
  public synchronized long grabPte(long index) {
    long base = index & ~PG_PMD_COLOUR;
    long pmd = entries.get(base);
    if (pmd != 0 && isPmd(pmd)) {
      if ((pmd & (DAX_EMPTY | DAX_ZERO_PAGE)) != 0) {
        remove(base);
        return 0;
      }
      return pmd;
    }
    return entries.get(index);
  }

  /**
   * grab_mapping_entry(PMD_ORDER), conflict part: true when a PTE entry exists anywhere in the
   * 512-page block starting at {@code base} ("PTE entries win": the PMD fault falls back).
   */
  public synchronized boolean ptesInBlock(long base) {
    return ptesPerBlock.get(base & ~PG_PMD_COLOUR) != 0;
  }

  /** dax_insert_entry(): records the entry for {@code pfn} at {@code index}. */
  public synchronized void insert(long index, long pfn, boolean pmd) {
    long at = pmd ? index & ~PG_PMD_COLOUR : index;
    put(at, makeEntry(pfn, pmd ? DAX_PMD : 0));
  }

  /** dax_insert_entry() at PTE size: a real PMD entry covering {@code index} stays. */
  public synchronized void insertPte(long index, long pfn) {
    long pmd = entries.get(index & ~PG_PMD_COLOUR);
    if (pmd != 0 && isPmd(pmd) && (pmd & (DAX_EMPTY | DAX_ZERO_PAGE)) == 0) {
      return;
    }
    put(index, makeEntry(pfn, 0));
  }

  /** dax_insert_entry() for a hole: a zero-page entry. */
  public synchronized void insertZero(long index) {
    put(index, DAX_ZERO_PAGE);
  }

  /** The entry at {@code index} exactly, or 0. */
  public synchronized long get(long index) {
    return entries.get(index);
  }

  /**
   * invalidate_inode_pages2_range() for DAX: drops the entries in {@code [first, last]} and a
   * PMD entry whose block starts below {@code first} but covers it. Walks the range or the
   * table, whichever is shorter.
   */
  public synchronized void invalidate(long first, long last) {
    long lo = first & ~PG_PMD_COLOUR;
    if (last < lo) {
      return;
    }
    if (last - lo < entries.capacity()) {
      for (long i = lo; i <= last; i++) {
        long e = entries.get(i);
        if (e != 0 && (i >= first || isPmd(e))) {
          remove(i);
        }
      }
      return;
    }
    for (int s = 0; s < entries.capacity(); ) {
      long k = entries.keyAt(s);
      long e = k < 0 ? 0 : entries.get(k);
      if (k >= lo && k <= last && (k >= first || isPmd(e))) {
        remove(k); // backward shift may pull a later key into slot s: look at s again
      } else {
        s++;
      }
    }
  }

  /** Number of entries (tests). */
  public synchronized int size() {
    return entries.size();
  }
}
