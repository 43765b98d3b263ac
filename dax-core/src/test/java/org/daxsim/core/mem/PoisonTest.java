package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.caseSeed;
import static org.daxsim.core.mem.MemTesting.tries;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

class PoisonTest {

  /** firstPoison by brute force over the model's pages. */
  private static long expectedFirst(TreeSet<Long> pages, long off, long len) {
    for (long o = off; o < off + len; o = (o & ~4095L) + 4096) {
      if (pages.contains(o >>> 12)) {
        return o;
      }
    }
    return -1;
  }

  @Test
  void poisonBookkeepingMatchesModel() throws ErrnoException {
    for (int c = 0; c < tries(200); c++) {
      long seed = caseSeed(400 + c);
      SplittableRandom rnd = new SplittableRandom(seed);
      long pagesInDev = 1 + rnd.nextInt(48);
      long size = pagesInDev * 4096;
      MemoryDevice dev = MemoryDevice.create("p", size);
      TreeSet<Long> model = new TreeSet<>();
      for (int op = 0; op < 80; op++) {
        long off = rnd.nextLong(size);
        String at = "seed " + seed + " op " + op + " off " + off;
        switch (rnd.nextInt(4)) {
          case 0 -> assertThat(dev.poison(off)).as(at).isEqualTo(model.add(off >>> 12));
          case 1 -> assertThat(dev.clearPoison(off)).as(at).isEqualTo(model.remove(off >>> 12));
          case 2 -> assertThat(dev.isPoisoned(off)).as(at).isEqualTo(model.contains(off >>> 12));
          default -> {
            long len = rnd.nextLong(size - off + 1);
            assertThat(dev.firstPoison(off, len))
                .as(at + " len " + len)
                .isEqualTo(expectedFirst(model, off, len));
          }
        }
        assertThat(dev.poisonedPages()).as(at).isEqualTo(model.size());
      }
    }
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
