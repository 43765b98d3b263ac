package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The 4-level page table against a plain page -> pfn model. */
class PageTableTest {
  private static final long PAGE = 1L << 12;
  /** A 4 GiB window of user space, 1 GiB aligned, so that all three sizes collide often. */
  private static final long WIN = 0x7f0000000000L;
  private static final long WIN_SIZE = 4L << 30;

  @Test
  void randomMapsAndZapsMatchTheModel() {
    long seed0 = new SplittableRandom().nextLong();
    for (int c = 0; c < 60; c++) {
      long seed = seed0 + c;
      runCase(seed);
    }
  }

  private void runCase(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    PageTable pt = new PageTable();
    TreeMap<Long, Long> model = new TreeMap<>();
    TreeMap<Long, long[]> leaves = new TreeMap<>(); // start -> {level, size}
    for (int op = 0; op < 300; op++) {
      int kind = r.nextInt(10);
      int level = kind < 5 ? PageTable.PTE : kind < 8 ? PageTable.PMD : PageTable.PUD;
      long size = PageTable.span(level);
      long va = WIN + (r.nextLong(WIN_SIZE / size) * size);
      if (r.nextInt(4) == 0) {
        // zap a random range, then free empty tables inside it
        long s = WIN + r.nextLong(WIN_SIZE / PAGE) * PAGE;
        long e = Math.min(WIN + WIN_SIZE, s + PAGE * (1 + r.nextLong(1 << (r.nextInt(3) * 9))));
        pt.zap(s, e, false, pfn -> { });
        zapModel(model, leaves, s, e);
        if (r.nextBoolean()) {
          pt.prune(s, e);
        }
        continue;
      }
      long pfn = r.nextLong(1L << 30) & ~((size >>> 12) - 1);
      boolean clear = pt.slot(va, level) == PageTable.NONE || pt.slot(va, level) > 0;
      // Independent of the table: a covering bigger leaf or smaller leaves inside must block.
      Map.Entry<Long, long[]> cover = leaves.floorEntry(va);
      boolean coveredByBigger = cover != null && cover.getValue()[1] > size
          && va < cover.getKey() + cover.getValue()[1];
      boolean smallerInside = leaves.subMap(va, true, va + size, false).values().stream()
          .anyMatch(l -> l[1] < size);
      if (coveredByBigger || smallerInside) {
        assertThat(clear).as("seed %d op %d blocked slot", seed, op).isFalse();
      }
      long entry = (pfn << 12) | PageTable.PRESENT | PageTable.USER
          | (level == PageTable.PTE ? 0 : PageTable.PSE);
      boolean ok = pt.install(va, level, entry);
      assertThat(ok).as("seed %d op %d install level %d at 0x%x", seed, op, level, va)
          .isEqualTo(clear);
      if (ok) {
        zapModel(model, leaves, va, va + size);
        for (long p = 0; p < size / PAGE; p += (level == PageTable.PUD ? 4099 : 1)) {
          model.put(va + p * PAGE, pfn + p);
        }
        leaves.put(va, new long[] {level, size, pfn});
      }
      check(seed, op, pt, model, leaves, r);
    }
  }

  /** A zap clears whole leaves: a huge one partly inside goes entirely. */
  private static void zapModel(TreeMap<Long, Long> model, TreeMap<Long, long[]> leaves, long s,
      long e) {
    Map.Entry<Long, long[]> first = leaves.floorEntry(s);
    long from = first != null && first.getKey() + first.getValue()[1] > s ? first.getKey() : s;
    for (Long start : leaves.subMap(from, true, e, false).keySet().toArray(new Long[0])) {
      long[] l = leaves.remove(start);
      model.subMap(start, start + l[1]).clear();
    }
  }

  private static void check(long seed, int op, PageTable pt, TreeMap<Long, Long> model,
      TreeMap<Long, long[]> leaves, SplittableRandom r) {
    // every leaf the table has is in the model, with the right pfn
    Map<Long, Long> seen = new HashMap<>();
    pt.forEachLeaf((va, level, e) -> seen.put(va, PageTable.pfn(e) | ((long) level << 56)));
    assertThat(seen.size()).as("seed %d op %d leaf count", seed, op).isEqualTo(leaves.size());
    for (Map.Entry<Long, long[]> l : leaves.entrySet()) {
      assertThat(seen.get(l.getKey())).as("seed %d op %d leaf 0x%x", seed, op, l.getKey())
          .isEqualTo(l.getValue()[2] | (l.getValue()[0] << 56));
    }
    // sampled translations agree with the model, inside and outside leaves
    for (int k = 0; k < 40; k++) {
      long va = WIN + r.nextLong(WIN_SIZE / PAGE) * PAGE;
      Map.Entry<Long, long[]> l = leaves.floorEntry(va);
      long expect = l != null && va < l.getKey() + l.getValue()[1]
          ? l.getValue()[2] + ((va - l.getKey()) >>> 12)
          : -1;
      long w = pt.walk(va + r.nextInt(4096));
      long got = w == 0 ? -1 : PageTable.pfn(w);
      assertThat(got).as("seed %d op %d walk 0x%x", seed, op, va).isEqualTo(expect);
    }
    for (int k = 0; k < 20 && !model.isEmpty(); k++) {
      Map.Entry<Long, Long> m = model.ceilingEntry(WIN + r.nextLong(WIN_SIZE));
      if (m != null) {
        assertThat(PageTable.pfn(pt.walk(m.getKey()))).as("seed %d model page", seed)
            .isEqualTo(m.getValue());
      }
    }
  }

  @Test
  void walkReportsLevelAndOffsetInsideHugeLeaves() {
    PageTable pt = new PageTable();
    long pmd = WIN + (3L << 21);
    pt.install(pmd, PageTable.PMD, (512L << 12) | PageTable.PRESENT | PageTable.PSE);
    long w = pt.walk(pmd + 5 * PAGE + 17);
    assertThat(PageTable.pfn(w)).isEqualTo(517);
    assertThat(PageTable.level(w)).isEqualTo(PageTable.PMD);
    assertThat(w & PageTable.PSE).isZero();
    assertThat(pt.slot(pmd + PAGE, PageTable.PTE)).isEqualTo(PageTable.ABOVE);
    assertThat(pt.install(pmd + PAGE, PageTable.PTE, (9L << 12) | 1)).isFalse();
  }

  @Test
  void pruneDropsOnlyEmptyTablesInsideTheHole() {
    PageTable pt = new PageTable();
    pt.install(WIN, PageTable.PTE, (1L << 12) | 1);
    pt.install(WIN + (1L << 30), PageTable.PTE, (2L << 12) | 1);
    long tables = pt.tableCount();
    assertThat(tables).isEqualTo(1 + 1 + 2 + 2); // PGD, PUD table, 2 PMD tables, 2 PTE tables
    pt.zap(WIN, WIN + PAGE, false, pfn -> { });
    pt.prune(WIN, WIN + PAGE); // the hole is smaller than a PTE table: nothing goes
    assertThat(pt.tableCount()).isEqualTo(tables);
    pt.prune(WIN, WIN + (1L << 30));
    assertThat(pt.tableCount()).isEqualTo(tables - 2);
    assertThat(pt.slot(WIN, PageTable.PMD)).isEqualTo(PageTable.NONE);
    assertThat(PageTable.pfn(pt.walk(WIN + (1L << 30)))).isEqualTo(2);
  }

  @Test
  void zapHandsBackAnonymousPagesOrKeepsThem() {
    PageTable pt = new PageTable();
    pt.install(WIN, PageTable.PTE, (7L << 12) | 1 | PageTable.ANON);
    pt.install(WIN + PAGE, PageTable.PTE, (8L << 12) | 1);
    java.util.List<Long> freed = new java.util.ArrayList<>();
    assertThat(pt.zap(WIN, WIN + 2 * PAGE, true, freed::add)).isEqualTo(1);
    assertThat(freed).isEmpty();
    assertThat(pt.walk(WIN)).isNotZero();
    assertThat(pt.zap(WIN, WIN + 2 * PAGE, false, freed::add)).isEqualTo(1);
    assertThat(freed).containsExactly(7L);
  }
}
