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

  /** The value io.c takes from {@code s}: strtoull(s, &end, 0) with *end the NUL, else null. */
  private static Long ioNumber(String s) {
    org.daxsim.core.Strtoull.Parsed p = org.daxsim.core.Strtoull.parse(s, 0);
    return p.end() == s.length() ? p.value() : null;
  }

  @Test
  void strtoullAcceptsWhatIoCsStrtoullCheckAccepts() {
    assertThat(ioNumber("4096")).isEqualTo(4096);
    assertThat(ioNumber("0x200000")).isEqualTo(0x200000);
    assertThat(ioNumber("0X1f")).isEqualTo(31);
    assertThat(ioNumber("010")).isEqualTo(8);
    assertThat(ioNumber("  7")).isEqualTo(7);
    assertThat(ioNumber("+7")).isEqualTo(7);
    assertThat(ioNumber("-1")).isEqualTo(-1L);
    assertThat(ioNumber("")).isEqualTo(0);
    assertThat(ioNumber("18446744073709551615")).isEqualTo(-1L);
    assertThat(ioNumber("18446744073709551616")).isEqualTo(-1L); // ERANGE saturates
    assertThat(ioNumber("99999999999999999999999")).isEqualTo(-1L);
    for (String bad : new String[] {"2M", "0x", "08", " ", "-", "1 ", "x1", "0x1g", "1e3",
        "\u0661\u0662"}) {
      assertThat(ioNumber(bad)).as(bad).isNull();
    }
  }
}
