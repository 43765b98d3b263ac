package org.daxsim.suites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.prop.Gen;

/**
 * Administrative step sequences (create, resize, delete) that fragment a region the way real
 * use does, their application to one or more {@link Layout}s in lockstep, and the structural
 * invariants of a layout (kernel-dax.md invariants on ranges).
 */
final class Layouts {
  static final long UNIT = 2L << 20;

  private Layouts() {}

  /** One step; {@code dev} selects among the live devices, {@code units} is a size in 2 MiB. */
  record Step(char kind, int dev, int units) {
    @Override
    public String toString() {
      return kind == 'c' ? "create" : kind == 'd' ? "delete(#" + dev + ")"
          : "resize(#" + dev + ", " + units + "u)";
    }
  }

  /** 3-14 steps: creates, resizes (grow and shrink) and deletes on up to four devices. */
  static Gen<List<Step>> steps(int regionUnits) {
    return src -> {
      List<Step> out = new ArrayList<>();
      out.add(new Step('c', 0, 0));
      int n = src.chooseInt(3, 14);
      for (int i = 0; i < n; i++) {
        int k = src.chooseInt(0, 9);
        char kind = k < 3 ? 'c' : k < 4 ? 'd' : 'r';
        out.add(new Step(kind, src.chooseInt(0, 3), src.chooseInt(0, regionUnits / 3)));
      }
      return out;
    };
  }

  /**
   * Applies {@code step} to every layout (live device indexes agree as long as the layouts do);
   * deletes resize to 0 first and never touch device 0; sizes are clamped to what is available.
   */
  static void apply(Step s, Layout... ls) throws Exception {
    Layout m = ls[0];
    List<Integer> live = new ArrayList<>();
    for (int i = 1; i < m.devices(); i++) {
      if (m.alive(i)) {
        live.add(i);
      }
    }
    switch (s.kind()) {
      case 'c':
        if (m.available() > 0) {
          for (Layout l : ls) {
            l.create();
          }
        }
        return;
      case 'd':
        if (!live.isEmpty()) {
          int d = live.get(s.dev() % live.size());
          for (Layout l : ls) {
            l.resize(d, 0);
            l.delete(d);
          }
        }
        return;
      default:
        if (!live.isEmpty()) {
          int d = live.get(s.dev() % live.size());
          long size = Math.min(s.units() * UNIT, m.size(d) + m.available());
          for (Layout l : ls) {
            l.resize(d, size);
          }
        }
    }
  }

  /** The live device with the most ranges (ties: the larger, then the older), or -1. */
  static int target(Layout l) {
    int best = -1;
    for (int i = 1; i < l.devices(); i++) {
      if (!l.alive(i) || l.size(i) == 0) {
        continue;
      }
      if (best < 0 || l.ranges(i).size() > l.ranges(best).size()
          || l.ranges(i).size() == l.ranges(best).size() && l.size(i) > l.size(best)) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Structural invariants: per device, pgoffs start at 0 and follow each other without gap or
   * overlap, ranges are 2 MiB multiples inside the region; over all devices, ranges are
   * disjoint and the available size is the region minus their sum.
   */
  static void checkStructure(Layout l) {
    List<long[]> all = new ArrayList<>();
    long used = 0;
    for (int d = 0; d < l.devices(); d++) {
      if (!l.alive(d)) {
        continue;
      }
      long pgoff = 0;
      long size = 0;
      for (long[] r : l.ranges(d)) {
        assertThat(r[0]).as("dev #%d pgoff of %s in %s", d, format(List.of(r)), l)
            .isEqualTo(pgoff);
        long len = r[2] - r[1] + 1;
        assertThat(len % UNIT).as("range length").isZero();
        assertThat(r[1]).isGreaterThanOrEqualTo(l.regionStart());
        assertThat(r[2]).isLessThan(l.regionStart() + l.regionSize());
        pgoff += len >>> 12;
        size += len;
        all.add(r);
      }
      assertThat(l.size(d)).isEqualTo(size);
      used += size;
    }
    all.sort((a, b) -> Long.compare(a[1], b[1]));
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i)[1]).as("ranges overlap in %s", l).isGreaterThan(all.get(i - 1)[2]);
    }
    assertThat(l.available()).isEqualTo(l.regionSize() - used);
  }

  /** {@code actual}'s ranges equal {@code model}'s for every device. */
  static void checkSame(Layout actual, Layout model) {
    assertThat(actual.devices()).isEqualTo(model.devices());
    for (int d = 0; d < model.devices(); d++) {
      assertThat(actual.alive(d)).isEqualTo(model.alive(d));
      if (model.alive(d)) {
        assertThat(format(actual.ranges(d))).as("dev #%d: %s vs %s", d, actual, model)
            .isEqualTo(format(model.ranges(d)));
      }
    }
  }

  static String format(List<long[]> rs) {
    StringBuilder b = new StringBuilder("[");
    for (long[] r : rs) {
      b.append(String.format("%s%d@%#x-%#x", b.length() > 1 ? " " : "", r[0], r[1], r[2]));
    }
    return b.append(']').toString();
  }
}
