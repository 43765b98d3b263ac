package org.daxsim.fs.dax;

import java.util.Map;
import java.util.TreeMap;

/**
 * The DAX entries of a file's i_pages xarray (fs/dax.c): value entries {@code (pfn << 4) |
 * flags} keyed by file page index; a PMD entry sits at its 512-aligned index. Policy: PTE
 * entries win. Locking of entries (DAX_LOCKED and the wait table) is not modelled; the methods
 * are synchronized instead.
 */
public final class DaxEntries {
  public static final long DAX_LOCKED = 1;
  public static final long DAX_PMD = 2;
  public static final long DAX_ZERO_PAGE = 4;
  public static final long DAX_EMPTY = 8;
  public static final int DAX_SHIFT = 4;
  public static final long PG_PMD_NR = 512;
  public static final long PG_PMD_COLOUR = 511;

  private final TreeMap<Long, Long> entries = new TreeMap<>();

  /** dax_make_entry(). */
  public static long makeEntry(long pfn, long flags) {
    return (pfn << DAX_SHIFT) | flags;
  }

  /** dax_to_pfn(). */
  public static long toPfn(long entry) {
    return entry >>> DAX_SHIFT;
  }

  /**
   * grab_mapping_entry(order 0), lookup part: an empty or zero PMD entry covering {@code index}
   * is downgraded (removed); a real PMD entry stays and is returned; else the PTE entry or 0.
   */
  public synchronized long grabPte(long index) {
    long base = index & ~PG_PMD_COLOUR;
    Long pmd = entries.get(base);
    if (pmd != null && (pmd & DAX_PMD) != 0) {
      if ((pmd & (DAX_EMPTY | DAX_ZERO_PAGE)) != 0) {
        entries.remove(base);
        return 0;
      }
      return pmd;
    }
    Long e = entries.get(index);
    return e == null ? 0 : e;
  }

  /**
   * grab_mapping_entry(PMD_ORDER), conflict part: true when a PTE entry exists anywhere in the
   * 512-page block starting at {@code base} ("PTE entries win": the PMD fault falls back).
   */
  public synchronized boolean ptesInBlock(long base) {
    for (Map.Entry<Long, Long> e : entries.subMap(base, true, base + PG_PMD_COLOUR, true)
        .entrySet()) {
      if ((e.getValue() & DAX_PMD) == 0) {
        return true;
      }
    }
    return false;
  }

  /** dax_insert_entry(): records the entry for {@code pfn} at {@code index}. */
  public synchronized void insert(long index, long pfn, boolean pmd) {
    long at = pmd ? index & ~PG_PMD_COLOUR : index;
    entries.put(at, makeEntry(pfn, pmd ? DAX_PMD : 0));
  }

  /** dax_insert_entry() at PTE size: a real PMD entry covering {@code index} stays. */
  public synchronized void insertPte(long index, long pfn) {
    Long pmd = entries.get(index & ~PG_PMD_COLOUR);
    if (pmd != null && (pmd & DAX_PMD) != 0 && (pmd & (DAX_EMPTY | DAX_ZERO_PAGE)) == 0) {
      return;
    }
    entries.put(index, makeEntry(pfn, 0));
  }

  /** dax_insert_entry() for a hole: a zero-page entry. */
  public synchronized void insertZero(long index) {
    entries.put(index, DAX_ZERO_PAGE);
  }

  /** The entry at {@code index} exactly, or 0. */
  public synchronized long get(long index) {
    Long e = entries.get(index);
    return e == null ? 0 : e;
  }

  /** invalidate_inode_pages2_range() for DAX: drops entries in {@code [first, last]}. */
  public synchronized void invalidate(long first, long last) {
    entries.subMap(first & ~PG_PMD_COLOUR, true, last, true).entrySet().removeIf(
        e -> e.getKey() >= first || (e.getValue() & DAX_PMD) != 0);
  }

  /** Number of entries (tests). */
  public synchronized int size() {
    return entries.size();
  }
}
