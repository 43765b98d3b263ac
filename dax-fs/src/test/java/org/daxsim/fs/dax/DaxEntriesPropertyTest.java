package org.daxsim.fs.dax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.Test;

/**
 * DaxEntries (primitive hash map + per-block PTE counts) behaves like the obvious model: a
 * plain map from page index to entry, where "PTEs in a block" is a scan of the block's 512
 * indices and invalidate is a scan of the range.
 */
class DaxEntriesPropertyTest {
  private static final long PMD = DaxEntries.DAX_PMD;
  private static final long ZERO = DaxEntries.DAX_ZERO_PAGE;
  private static final long EMPTY = DaxEntries.DAX_EMPTY;

  /** The naive model: the kernel rules written out over a HashMap. */
  static final class Model {
    final Map<Long, Long> m = new HashMap<>();

    long grabPte(long index) {
      long base = index & ~511L;
      Long pmd = m.get(base);
      if (pmd != null && (pmd & PMD) != 0) {
        if ((pmd & (EMPTY | ZERO)) != 0) {
          m.remove(base);
          return 0;
        }
        return pmd;
      }
      return m.getOrDefault(index, 0L);
    }

    boolean ptesInBlock(long base) {
      for (long i = base; i < base + 512; i++) {
        Long e = m.get(i);
        if (e != null && (e & PMD) == 0) {
          return true;
        }
      }
      return false;
    }

    void insertPte(long index, long pfn) {
      Long pmd = m.get(index & ~511L);
      if (pmd != null && (pmd & PMD) != 0 && (pmd & (EMPTY | ZERO)) == 0) {
        return;
      }
      m.put(index, pfn << 4);
    }

    void invalidate(long first, long last) {
      m.keySet().removeIf(k -> k <= last
          && (k >= first || (k >= (first & ~511L) && (m.get(k) & PMD) != 0)));
    }
  }

  // indices cluster in a few blocks so that PMD/PTE interactions happen
  private static final Gen<Long> INDEX = src -> src.choose(0, 3) * 512 + src.choose(0, 511)
      + (src.flip() ? 0 : src.choose(0, 1L << 30) * 512);

  @Test
  void entriesMatchTheNaiveModelAfterEveryStep() {
    Gen<Action<DaxEntries, Model>> insert = Gen.zip(INDEX, Gen.longs(1, 1 << 20),
        Gen.booleans(), (i, pfn, pmd) -> Action.of("insert(" + i + "," + pfn + "," + pmd + ")",
            (sys, model) -> {
              sys.insert(i, pfn, pmd);
              model.m.put(pmd ? i & ~511L : i, (pfn << 4) | (pmd ? PMD : 0));
            }));
    Gen<Action<DaxEntries, Model>> pte = Gen.zip(INDEX, Gen.longs(1, 1 << 20),
        (i, pfn) -> Action.of("insertPte(" + i + ")", (sys, model) -> {
          sys.insertPte(i, pfn);
          model.insertPte(i, pfn);
        }));
    Gen<Action<DaxEntries, Model>> zero = INDEX.map(i -> Action.of("insertZero(" + i + ")",
        (sys, model) -> {
          sys.insertZero(i);
          model.m.put(i, ZERO);
        }));
    Gen<Action<DaxEntries, Model>> grab = INDEX.map(i -> Action.of("grabPte(" + i + ")",
        (sys, model) -> assertThat(sys.grabPte(i)).isEqualTo(model.grabPte(i))));
    Gen<Action<DaxEntries, Model>> inval = Gen.zip(INDEX, Gen.longs(0, 3000),
        (i, n) -> Action.of("invalidate(" + i + "," + (i + n) + ")", (sys, model) -> {
          sys.invalidate(i, i + n);
          model.invalidate(i, i + n);
        }));
    Gen<Action<DaxEntries, Model>> wide = Gen.constant(Action.of("invalidate(all)",
        (sys, model) -> {
          sys.invalidate(0, Long.MAX_VALUE);
          model.m.clear();
        }));
    Stateful.<DaxEntries, Model>of(DaxEntries::new, Model::new)
        .actions(Gen.frequency(Map.entry(4, insert), Map.entry(4, pte), Map.entry(1, zero),
            Map.entry(3, grab), Map.entry(2, inval), Map.entry(1, wide)))
        .maxSteps(60)
        .invariant((sys, model) -> {
          assertThat(sys.size()).isEqualTo(model.m.size());
          for (Map.Entry<Long, Long> e : model.m.entrySet()) {
            assertThat(sys.get(e.getKey())).as("entry %d", e.getKey()).isEqualTo(e.getValue());
            long base = e.getKey() & ~511L;
            assertThat(sys.ptesInBlock(base)).as("PTEs in block %d", base)
                .isEqualTo(model.ptesInBlock(base));
          }
        })
        .tries(300)
        .check();
  }
}
