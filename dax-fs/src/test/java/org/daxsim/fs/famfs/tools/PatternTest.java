package org.daxsim.fs.famfs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/** The creat -r / verify pattern is CLI.md's: words are SplittableRandom(seed).nextLong(). */
class PatternTest {
  @Test
  void anyRangeEqualsTheSplittableRandomStream() {
    Property.forAll(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE), Gen.longs(0, 1 << 16),
            Gen.ints(0, 100))
        .named("Pattern.fill(range) == bytes of SplittableRandom(seed).nextLong() words")
        .tries(300)
        .checkAssert((seed, off, len) -> {
          SplittableRandom r = new SplittableRandom(seed);
          int words = (int) ((off + len) / 8) + 1;
          ByteBuffer all = ByteBuffer.allocate(words * 8).order(ByteOrder.LITTLE_ENDIAN);
          for (int k = 0; k < words; k++) {
            all.putLong(r.nextLong());
          }
          byte[] want = new byte[len];
          System.arraycopy(all.array(), (int) (long) off, want, 0, len);
          byte[] got = new byte[len];
          Pattern.fill(got, 0, len, off, seed);
          assertThat(got).isEqualTo(want);
        });
  }
}
