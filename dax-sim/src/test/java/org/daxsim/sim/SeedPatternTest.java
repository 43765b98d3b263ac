package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedPatternTest {
  /** The pattern as CLI.md defines it, from java.util.SplittableRandom itself. */
  static byte[] expected(long seed, long offset, int len) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] out = new byte[len];
    long firstWord = offset >>> 3;
    for (long k = 0; k < firstWord; k++) {
      r.nextLong();
    }
    long word = 0;
    long loaded = -1;
    for (int i = 0; i < len; i++) {
      long o = offset + i;
      if ((o >>> 3) != loaded) {
        word = r.nextLong();
        loaded = o >>> 3;
      }
      out[i] = (byte) (word >>> (8 * (o & 7)));
    }
    return out;
  }

  @Test
  void wordsAreSplittableRandomsLittleEndianLongs() {
    byte[] got = new byte[64];
    SeedPattern.fill(42, 0, got, 0, 64);
    assertThat(got).isEqualTo(expected(42, 0, 64));
    SplittableRandom r = new SplittableRandom(42);
    long first = r.nextLong();
    assertThat(got[0]).isEqualTo((byte) first);
    assertThat(got[7]).isEqualTo((byte) (first >>> 56));
  }

  @Test
  void anyRangeStartingOrEndingInsideAWordIsReproducedOnItsOwn() {
    for (long off : new long[] {1, 7, 8, 13, 4095, 1 << 20}) {
      for (int len : new int[] {0, 1, 5, 8, 17, 100}) {
        byte[] got = new byte[len + 3];
        SeedPattern.fill(-9, off, got, 3, len);
        byte[] want = expected(-9, off, len);
        for (int i = 0; i < len; i++) {
          assertThat(got[3 + i]).as("off %d len %d byte %d", off, len, i).isEqualTo(want[i]);
        }
        assertThat(got[0]).isZero();
      }
    }
  }

  @Test
  void strtoullAcceptsWhatIoCsStrtoullCheckAccepts() {
    assertThat(Strtoull.parse("4096")).containsExactly(4096);
    assertThat(Strtoull.parse("0x200000")).containsExactly(0x200000);
    assertThat(Strtoull.parse("0X1f")).containsExactly(31);
    assertThat(Strtoull.parse("010")).containsExactly(8);
    assertThat(Strtoull.parse("  7")).containsExactly(7);
    assertThat(Strtoull.parse("+7")).containsExactly(7);
    assertThat(Strtoull.parse("-1")).containsExactly(-1L);
    assertThat(Strtoull.parse("")).containsExactly(0);
    assertThat(Strtoull.parse("18446744073709551615")).containsExactly(-1L);
    assertThat(Strtoull.parse("18446744073709551616")).containsExactly(-1L); // ERANGE saturates
    assertThat(Strtoull.parse("99999999999999999999999")).containsExactly(-1L);
    for (String bad : new String[] {"2M", "0x", "08", " ", "-", "1 ", "x1", "0x1g", "1e3"}) {
      assertThat(Strtoull.parse(bad)).as(bad).isNull();
    }
  }
}
