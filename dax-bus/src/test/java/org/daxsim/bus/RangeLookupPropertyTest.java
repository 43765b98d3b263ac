package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.bus.BusFixture.M;

import java.util.List;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/**
 * The O(log n) {@link RangeTable} lookup agrees with the kernel-faithful linear
 * dax_pgoff_to_phys() walk for every pgoff of random multi-range devices (ranges placed by
 * mapping writes in random physical order, with gaps, and grown by resizes).
 */
class RangeLookupPropertyTest {
  static final int TRIES = 300;

  record Layout(List<Integer> slots, List<Integer> lens, int grow) {}

  @Test
  void binarySearchEqualsTheLinearWalkForEveryPgoff() {
    Gen<Layout> layouts = Gen.zip(Gen.lists(Gen.ints(0, 31), 1, 12),
        Gen.lists(Gen.ints(1, 3), 12, 12), Gen.ints(0, 6), Layout::new);
    Property.forAll(layouts).named("RangeTable.indexOf == dax_pgoff_to_phys walk")
        .tries(TRIES).seed(0xb1dL).checkAssert(l -> {
          DevDax d = build(l);
          RangeTable t = d.table();
          long pages = d.size() >>> 12;
          for (long pg = -2; pg <= pages + 2; pg++) {
            long linear = d.pgoffToPhys(pg, 4096);
            assertThat(t.phys(pg)).as("pgoff %d of %s", pg, d).isEqualTo(linear);
            int i = t.indexOf(pg);
            assertThat(i >= 0).isEqualTo(linear != -1);
            if (i >= 0) {
              long toEnd = t.pgoff(i) + t.pages(i) - pg;
              assertThat(d.pgoffToPhys(pg, toEnd * 4096)).isEqualTo(linear);
              assertThat(d.pgoffToPhys(pg, (toEnd + 1) * 4096)).as("span past range end")
                  .isEqualTo(-1);
            }
          }
        });
  }

  /** Ranges of 2..6 MiB in 8 MiB slots of a 256 MiB region, in the drawn order. */
  static DevDax build(Layout l) throws ErrnoException {
    BusFixture f = new BusFixture(KernelProfile.MAINLINE);
    long base = 0x100000000L;
    f.hmem(0, base, 256 * M, true);
    DevDax d = f.dev("dax0.0");
    for (int k = 0; k < l.slots().size(); k++) {
      long start = base + l.slots().get(k) * 8 * M;
      long len = l.lens().get(k) * 2 * M;
      try {
        d.mapping(start, start + len - 1);
      } catch (ErrnoException e) {
        // slot taken: skip
      }
    }
    if (d.size() + l.grow() * 2 * M <= 256 * M) {
      d.resize(d.size() + l.grow() * 2 * M);
    }
    return d;
  }
}
