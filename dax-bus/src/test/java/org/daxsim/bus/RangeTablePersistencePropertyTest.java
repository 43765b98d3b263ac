package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link RangeTable} snapshots are immutable although appends share arrays: after any sequence of
 * append / dropLast / withLastEnd, each applied to a randomly chosen earlier snapshot (so that
 * two tables append onto the same prefix), every snapshot still equals the plain list of ranges
 * it was built from, and its lookups agree with a linear walk over that list.
 */
class RangeTablePersistencePropertyTest {
  /** One step: which op (0 append, 1 dropLast, 2 withLastEnd), on which earlier snapshot. */
  record Op(int kind, int base, int len) {}

  /** The reference: ranges as {start, end} pairs, pgoffs implied by the order. */
  private static List<long[]> apply(List<long[]> ref, Op op, long nextStart) {
    List<long[]> r = new ArrayList<>(ref);
    long mib2 = 2L << 20;
    switch (op.kind()) {
      case 0 -> r.add(new long[] {nextStart, nextStart + op.len() * mib2 - 1});
      case 1 -> r.remove(r.size() - 1);
      default -> {
        long[] last = r.get(r.size() - 1);
        r.set(r.size() - 1, new long[] {last[0], last[1] + op.len() * mib2});
      }
    }
    return r;
  }

  @Test
  void everySnapshotKeepsItsRangesWhateverIsBuiltOnTopOfIt() {
    Gen<Op> ops = Gen.zip(Gen.ints(0, 2), Gen.ints(0, 1000), Gen.ints(1, 3), Op::new);
    Property.forAll(Gen.lists(ops, 1, 60)).named("RangeTable snapshots are persistent")
        .tries(300).seed(0x7ab1eL).checkAssert(list -> {
          List<RangeTable> tables = new ArrayList<>(List.of(RangeTable.EMPTY));
          List<List<long[]>> refs = new ArrayList<>();
          refs.add(List.of());
          long nextStart = 1L << 32;
          for (Op op : list) {
            int b = op.base() % tables.size();
            RangeTable t = tables.get(b);
            if (t.size() == 0 && op.kind() != 0) {
              continue; // dropLast / withLastEnd need a range, as in DevDax
            }
            RangeTable n = switch (op.kind()) {
              case 0 -> t.append(nextStart, nextStart + op.len() * (2L << 20) - 1, tables.size());
              case 1 -> t.dropLast();
              default -> t.withLastEnd(t.end(t.size() - 1) + op.len() * (2L << 20));
            };
            refs.add(apply(refs.get(b), op, nextStart));
            tables.add(n);
            nextStart += 16L << 20;
          }
          for (int k = 0; k < tables.size(); k++) {
            check(tables.get(k), refs.get(k), k);
          }
        });
  }

  private static void check(RangeTable t, List<long[]> ref, int k) {
    assertThat(t.size()).as("snapshot %d size", k).isEqualTo(ref.size());
    long pg = 0;
    long bytes = 0;
    for (int i = 0; i < ref.size(); i++) {
      long[] r = ref.get(i);
      assertThat(new long[] {t.pgoff(i), t.start(i), t.end(i)}).as("snapshot %d range %d", k, i)
          .containsExactly(pg, r[0], r[1]);
      assertThat(t.ranges().get(i)).isEqualTo(new DevDaxRange(pg, r[0], r[1]));
      long pages = (r[1] - r[0] + 1) >>> 12;
      for (long p = pg; p < pg + pages; p += 97) {
        assertThat(t.phys(p)).as("snapshot %d pgoff %d", k, p).isEqualTo(r[0] + ((p - pg) << 12));
      }
      pg += pages;
      bytes += r[1] - r[0] + 1;
    }
    assertThat(t.bytes()).isEqualTo(bytes);
    assertThat(t.totalPages()).isEqualTo(pg);
    assertThat(t.indexOf(pg)).as("first pgoff past the end").isEqualTo(-1);
    assertThat(t.firstStart()).isEqualTo(ref.isEmpty() ? -1 : ref.get(0)[0]);
  }
}
