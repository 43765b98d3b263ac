package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.offsets;

import java.util.Map;
import java.util.TreeSet;
import org.daxsim.core.ErrnoException;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.Test;

class PoisonTest {

  /** The model: the poisoned page numbers, and the device size (0 until the first step). */
  static final class Pages {
    final TreeSet<Long> poisoned = new TreeSet<>();
    long size;
  }

  /** The system: the device, made by the first step. */
  static final class Dev {
    MemoryDevice dev;
  }

  /** firstPoison by brute force over the model's pages. */
  private static long expectedFirst(TreeSet<Long> pages, long off, long len) {
    for (long o = off; o < off + len; o = (o & ~4095L) + 4096) {
      if (pages.contains(o >>> 12)) {
        return o;
      }
    }
    return -1;
  }

  /**
   * Property: after any sequence of poison and clearPoison on a device of 1 to 48 pages, the
   * device's poison bookkeeping equals a set of page numbers: poison and clearPoison report
   * whether the set changed, isPoisoned and poisonedPages agree with it, and firstPoison(off,
   * len) is the first byte of [off, off + len) whose page is in the set (found by brute force),
   * or -1. Checked at generated offsets and lengths, and after every step for every page.
   */
  @Test
  void poisonBookkeepingMatchesModel() {
    Stateful.of(Dev::new, Pages::new)
        .named("poison bookkeeping matches a set of page numbers")
        .actionsFrom(m -> m.size == 0 ? CREATE : poisonSteps(m.size))
        .invariant((sut, m) -> {
          if (m.size == 0) {
            return;
          }
          assertThat(sut.dev.poisonedPages()).as("poisonedPages").isEqualTo(m.poisoned.size());
          for (long page = 0; page < m.size / 4096; page++) {
            long at = page * 4096;
            assertThat(sut.dev.isPoisoned(at + 4095))
                .as("isPoisoned(%d)", at + 4095)
                .isEqualTo(m.poisoned.contains(page));
            for (long off : new long[] {at, at + 1}) { // the whole page, and all but its first byte
              assertThat(sut.dev.firstPoison(off, at + 4096 - off))
                  .as("firstPoison(%d, %d)", off, at + 4096 - off)
                  .isEqualTo(expectedFirst(m.poisoned, off, at + 4096 - off));
            }
          }
        })
        .maxSteps(80)
        .check();
  }

  private static final Gen<Action<Dev, Pages>> CREATE = Gen.ints(1, 48).map(pages ->
      Action.of("create(pages=" + pages + ")", (sut, m) -> {
        m.size = pages * 4096L;
        sut.dev = MemoryDevice.create("p", m.size);
      }));

  private static Gen<Action<Dev, Pages>> poisonSteps(long size) {
    Gen<Long> offs = offsets(0, size - 1);
    Gen<Action<Dev, Pages>> poison = offs.map(off -> Action.of("poison(" + off + ")",
        (sut, m) -> assertThat(sut.dev.poison(off))
            .as("poison: the page was clean")
            .isEqualTo(m.poisoned.add(off >>> 12))));
    Gen<Action<Dev, Pages>> clear = offs.map(off -> Action.of("clearPoison(" + off + ")",
        (sut, m) -> assertThat(sut.dev.clearPoison(off))
            .as("clearPoison: the page was poisoned")
            .isEqualTo(m.poisoned.remove(off >>> 12))));
    Gen<Action<Dev, Pages>> query = offs.map(off -> Action.of("isPoisoned(" + off + ")",
        (sut, m) -> assertThat(sut.dev.isPoisoned(off))
            .as("isPoisoned")
            .isEqualTo(m.poisoned.contains(off >>> 12))));
    Gen<Action<Dev, Pages>> first = src -> {
      long off = src.draw(offs);
      long len = src.draw(offsets(off, size)) - off; // ends near page boundaries too
      return Action.of(String.format("firstPoison(off=%d, len=%d)", off, len), (sut, m) ->
          assertThat(sut.dev.firstPoison(off, len))
              .as("firstPoison")
              .isEqualTo(expectedFirst(m.poisoned, off, len)));
    };
    return Gen.frequency(
        Map.entry(2, poison), Map.entry(1, clear), Map.entry(1, query), Map.entry(2, first));
  }

  @Test
  void firstPoisonIsClampedToTheRangeStart() throws ErrnoException {
    MemoryDevice dev = MemoryDevice.create("p", 16 * 4096);
    assertThat(dev.firstPoison(0, 16 * 4096)).isEqualTo(-1);
    dev.poison(5 * 4096 + 77);
    dev.poison(9 * 4096);
    assertThat(dev.isPoisoned(5 * 4096)).isTrue();
    assertThat(dev.isPoisoned(6 * 4096 - 1)).isTrue();
    assertThat(dev.isPoisoned(6 * 4096)).isFalse();
    assertThat(dev.firstPoison(0, 16 * 4096)).isEqualTo(5 * 4096);
    assertThat(dev.firstPoison(5 * 4096 + 100, 10)).isEqualTo(5 * 4096 + 100);
    assertThat(dev.firstPoison(5 * 4096 + 100, 0)).isEqualTo(-1);
    assertThat(dev.firstPoison(6 * 4096, 3 * 4096)).isEqualTo(-1);
    assertThat(dev.firstPoison(6 * 4096, 3 * 4096 + 1)).isEqualTo(9 * 4096);
    assertThat(dev.firstPoison(4 * 4096, 4096)).isEqualTo(-1);
    assertThat(dev.firstPoison(4 * 4096, 4097)).isEqualTo(5 * 4096);
    assertThat(dev.poisonedPages()).isEqualTo(2);
  }

  @Test
  void plainAccessIgnoresPoison() throws ErrnoException {
    MemoryDevice dev = MemoryDevice.create("p", 2 * 4096);
    dev.poison(0);
    dev.writeLong(16, 42);
    assertThat(dev.readLong(16)).isEqualTo(42);
    assertThat(dev.isPoisoned(16)).as("a plain write does not clear poison").isTrue();
  }
}
