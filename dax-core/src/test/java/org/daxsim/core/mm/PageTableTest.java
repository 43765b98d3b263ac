package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.Test;

/** The 4-level page table against a model that knows nothing of its radix-tree layout. */
class PageTableTest {
  private static final long PAGE = 1L << 12;
  /** A 4 GiB window of user space, 1 GiB aligned, so that all three sizes collide often. */
  private static final long WIN = 0x7f0000000000L;
  private static final long WIN_SIZE = 4L << 30;
  private static final long WIN_END = WIN + WIN_SIZE;
  private static final String[] LEVEL_NAMES = {"PTE", "PMD", "PUD", "PGD"};

  /**
   * Property: after any sequence of installs, zaps and prunes, the page table agrees with a
   * model of leaves (HashMap from a leaf's first address to its level, first pfn and anon bit;
   * a page's pfn is its covering leaf's pfn plus the page's offset in the leaf) and of tables
   * (a set of (level, base)). Namely:
   *
   * <ul>
   *   <li>install succeeds iff no huge leaf above covers the slot and no lower table (even an
   *       empty one) hangs below it; it creates the missing tables above the slot either way;
   *   <li>zap clears exactly the leaves intersecting the range, a huge one whole, keeps the
   *       anonymous ones when asked to, returns the count and hands back the anonymous pfns;
   *   <li>prune drops exactly the tables lying inside the range that map nothing;
   *   <li>forEachLeaf lists exactly the model's leaves, tableCount is 1 + the model's tables,
   *       and walk gives every probed page the model's pfn and leaf level (0 where unmapped).
   * </ul>
   *
   * Steps are shrunk away when irrelevant, so a failure reads as a short list of operations.
   */
  @Test
  void mapZapPruneSequencesMatchTheLeafModel() {
    Stateful.<PageTable, Model>of(PageTable::new, Model::new)
        .actionsFrom(m -> {
          Gen<Long> at = targets(m);
          return Gen.frequency(
              Map.entry(6, maps(at)),
              Map.entry(3, zaps(at)),
              Map.entry(1, prunes(at)),
              Map.entry(2, walks(at)));
        })
        .invariant(PageTableTest::agree)
        .maxSteps(100)
        .named("page table = leaf/table model under install, zap, prune and walk")
        .check();
  }

  // ---- the model ----------------------------------------------------------------------------

  /** Bytes mapped by one entry at {@code level}: 4 KiB, 2 MiB, 1 GiB, 512 GiB. */
  private static long size(int level) {
    return 1L << (12 + 9 * level);
  }

  /** One leaf: its level, the pfn of its first page, and whether it is marked anonymous. */
  private record Leaf(int level, long pfn, boolean anon) {}

  /** A table holding level-{@code level} entries for {@code [base, base + size(level + 1))}. */
  private record Table(int level, long base) {}

  /** What a zap should do: how many leaves go and which anonymous pfns are handed back. */
  private record Zapped(int count, List<Long> freed) {}

  /** The reference: leaves by first address, and the set of tables below the root. */
  private static final class Model {
    final Map<Long, Leaf> leaves = new HashMap<>();
    final Set<Table> tables = new HashSet<>();

    /** The leaf of level {@code level} that covers {@code va}, or null. */
    Leaf leafAt(long va, int level) {
      Leaf l = leaves.get(va & -size(level));
      return l != null && l.level() == level ? l : null;
    }

    /** The pfn {@code va} translates to, or -1. */
    long pfnAt(long va) {
      for (int level = PageTable.PTE; level <= PageTable.PUD; level++) {
        Leaf l = leafAt(va, level);
        if (l != null) {
          return l.pfn() + ((va & (size(level) - 1)) >>> 12);
        }
      }
      return -1;
    }

    int levelAt(long va) {
      for (int level = PageTable.PTE; level <= PageTable.PUD; level++) {
        if (leafAt(va, level) != null) {
          return level;
        }
      }
      return -1;
    }

    /** Walks down from the root like the hardware: blocked by a leaf above or a table below. */
    boolean install(long va, int level, Leaf leaf) {
      for (int l = PageTable.PGD; l > level; l--) {
        long slot = va & -size(l);
        if (l != PageTable.PGD && leafAt(slot, l) != null) {
          return false;
        }
        tables.add(new Table(l - 1, slot));
      }
      if (level != PageTable.PTE && tables.contains(new Table(level - 1, va))) {
        return false;
      }
      leaves.put(va, leaf);
      return true;
    }

    Zapped zap(long s, long e, boolean keepAnon) {
      int n = 0;
      List<Long> freed = new ArrayList<>();
      for (Iterator<Map.Entry<Long, Leaf>> it = leaves.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Long, Leaf> x = it.next();
        long start = x.getKey();
        Leaf l = x.getValue();
        if (start >= e || start + size(l.level()) <= s) {
          continue;
        }
        if (l.anon()) {
          if (keepAnon) {
            continue;
          }
          freed.add(l.pfn());
        }
        it.remove();
        n++;
      }
      return new Zapped(n, freed);
    }

    /** A table goes when its whole span lies in the range and no leaf starts inside it. */
    void prune(long floor, long ceiling) {
      tables.removeIf(t -> {
        long end = t.base() + size(t.level() + 1);
        return t.base() >= floor && end <= ceiling
            && leaves.keySet().stream().noneMatch(a -> a >= t.base() && a < end);
      });
    }
  }

  // ---- the actions --------------------------------------------------------------------------

  /** Levels, mostly 4 KiB; shrinks to PTE. */
  private static final Gen<Integer> LEVELS = Gen.frequency(
      Map.entry(5, Gen.constant(PageTable.PTE)),
      Map.entry(3, Gen.constant(PageTable.PMD)),
      Map.entry(2, Gen.constant(PageTable.PUD)));

  /** An index among 512 entries, usually among the first few so that leaves collide. */
  private static Gen<Long> index(int hot) {
    return Gen.frequency(Map.entry(3, Gen.longs(0, hot - 1)), Map.entry(1, Gen.longs(0, 511)));
  }

  /** A page of the window: 1 GiB slot, 2 MiB slot, 4 KiB slot; shrinks to {@code WIN}. */
  private static final Gen<Long> PAGES = Gen.zip(Gen.longs(0, 3), index(4), index(8),
      (gig, pmd, pte) -> WIN + (gig << 30) + (pmd << 21) + (pte << 12));

  /**
   * Where the next step acts: any page, or often the first page of an existing leaf, so that
   * zaps and prunes hit something. The model only picks the place; it predicts nothing here.
   */
  private static Gen<Long> targets(Model m) {
    if (m.leaves.isEmpty()) {
      return PAGES;
    }
    List<Long> starts = new ArrayList<>(m.leaves.keySet());
    starts.sort(null); // HashMap order is not part of the case: keep seeds replayable
    return Gen.frequency(Map.entry(2, PAGES), Map.entry(1, Gen.elements(starts)));
  }

  /** Zap and prune lengths in pages: a few, up to a PMD, up to the whole window. */
  private static final Gen<Long> LENGTHS = Gen.frequency(
      Map.entry(2, Gen.longs(1, 8)),
      Map.entry(1, Gen.longs(1, 512)),
      Map.entry(1, Gen.longs(1, WIN_SIZE / PAGE)));

  private static Gen<Action<PageTable, Model>> maps(Gen<Long> at) {
    return src -> {
      int level = src.draw(LEVELS);
      long va = src.draw(at) & -size(level);
      long pagesPerLeaf = size(level) / PAGE;
      long pfn = src.draw(Gen.longs(0, (1L << 30) / pagesPerLeaf - 1)) * pagesPerLeaf;
      boolean anon = level == PageTable.PTE && src.draw(Gen.booleans());
      long entry = (pfn << 12) | PageTable.PRESENT | PageTable.RW | PageTable.USER
          | (level == PageTable.PTE ? 0 : PageTable.PSE) | (anon ? PageTable.ANON : 0);
      String name = String.format("install(%s, 0x%x, pfn 0x%x%s)", LEVEL_NAMES[level], va, pfn,
          anon ? ", anon" : "");
      return Action.of(name, (pt, m) -> {
        boolean expect = m.install(va, level, new Leaf(level, pfn, anon));
        assertThat(pt.install(va, level, entry)).as("install succeeds").isEqualTo(expect);
      });
    };
  }

  private static Gen<Action<PageTable, Model>> zaps(Gen<Long> at) {
    return src -> {
      long s = src.draw(at);
      long e = Math.min(WIN_END, s + src.draw(LENGTHS) * PAGE);
      boolean keepAnon = src.draw(Gen.booleans());
      boolean prune = src.draw(Gen.booleans());
      String name = String.format("zap(0x%x, 0x%x%s)%s", s, e, keepAnon ? ", keepAnon" : "",
          prune ? " + prune" : "");
      return Action.of(name, (pt, m) -> {
        List<Long> freed = new ArrayList<>();
        int n = pt.zap(s, e, keepAnon, freed::add);
        Zapped expect = m.zap(s, e, keepAnon);
        assertThat(n).as("leaves cleared").isEqualTo(expect.count());
        assertThat(freed).as("anonymous pfns handed back")
            .containsExactlyInAnyOrderElementsOf(expect.freed());
        if (prune) {
          pt.prune(s, e);
          m.prune(s, e);
        }
      });
    };
  }

  private static Gen<Action<PageTable, Model>> prunes(Gen<Long> at) {
    return src -> {
      long s = src.draw(at) & -size(src.draw(LEVELS));
      long e = Math.min(WIN_END, s + src.draw(LENGTHS) * PAGE);
      return Action.of(String.format("prune(0x%x, 0x%x)", s, e), (pt, m) -> {
        pt.prune(s, e);
        m.prune(s, e);
      });
    };
  }

  private static Gen<Action<PageTable, Model>> walks(Gen<Long> at) {
    return src -> {
      long va = src.draw(at) + src.draw(Gen.longs(0, PAGE - 1));
      return Action.of(String.format("walk(0x%x)", va), (pt, m) -> assertWalk(pt, m, va));
    };
  }

  // ---- the invariant ------------------------------------------------------------------------

  private static void agree(PageTable pt, Model m) {
    Map<Long, Leaf> seen = new HashMap<>();
    pt.forEachLeaf((va, level, e) ->
        seen.put(va, new Leaf(level, PageTable.pfn(e), (e & PageTable.ANON) != 0)));
    assertThat(show(seen)).as("leaves").isEqualTo(show(m.leaves));
    assertThat(pt.tableCount()).as("tables, the PGD included").isEqualTo(1 + m.tables.size());
    for (Map.Entry<Long, Leaf> l : m.leaves.entrySet()) {
      long start = l.getKey();
      long end = start + size(l.getValue().level());
      for (long va : new long[] {start - PAGE, start, (start + end) / 2, end - PAGE, end}) {
        assertWalk(pt, m, va + 0x123);
      }
    }
  }

  /** Leaves as sorted "0x<va>" -> "<level> pfn 0x<pfn>[ anon]", for readable failures. */
  private static Map<String, String> show(Map<Long, Leaf> leaves) {
    Map<String, String> out = new TreeMap<>();
    leaves.forEach((va, l) -> out.put(String.format("0x%x", va), String.format("%s pfn 0x%x%s",
        LEVEL_NAMES[l.level()], l.pfn(), l.anon() ? " anon" : "")));
    return out;
  }

  private static void assertWalk(PageTable pt, Model m, long va) {
    long w = pt.walk(va);
    assertThat(w == 0 ? -1 : PageTable.pfn(w)).as("pfn of walk(0x%x)", va)
        .isEqualTo(m.pfnAt(va));
    if (w != 0) {
      assertThat(PageTable.level(w)).as("level of walk(0x%x)", va).isEqualTo(m.levelAt(va));
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
