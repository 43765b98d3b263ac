package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.caseSeed;
import static org.daxsim.core.mem.MemTesting.tries;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/** MemoryDevice.copy against byte[] models (System.arraycopy has memmove semantics). */
class MemoryDeviceCopyTest {

  /** Fills random stretches, leaving holes (absent blocks) so zero sources are exercised. */
  private static void populate(SplittableRandom rnd, MemoryDevice dev, byte[] model)
      throws ErrnoException {
    int size = model.length;
    for (int k = rnd.nextInt(6); k > 0; k--) {
      int off = rnd.nextInt(size);
      int len = rnd.nextInt(Math.min(size - off, 2 * 4096) + 1);
      byte[] src = new byte[len];
      rnd.nextBytes(src);
      dev.write(off, src, 0, len);
      System.arraycopy(src, 0, model, off, len);
    }
  }

  private static int interesting(SplittableRandom rnd, int size) {
    // Offsets near block boundaries are where piece splitting goes wrong.
    if (rnd.nextBoolean()) {
      int block = rnd.nextInt(size / 4096 + 1) * 4096;
      return Math.max(0, Math.min(size, block + rnd.nextInt(17) - 8));
    }
    return rnd.nextInt(size + 1);
  }

  @Test
  void copyWithinOneDeviceIsMemmove() throws ErrnoException {
    for (int c = 0; c < tries(400); c++) {
      long seed = caseSeed(200 + c);
      SplittableRandom rnd = new SplittableRandom(seed);
      int size = (1 + rnd.nextInt(12)) * 4096;
      MemoryDevice dev = MemoryDevice.create("mm", size);
      byte[] model = new byte[size];
      populate(rnd, dev, model);
      for (int op = 0; op < 10; op++) {
        int src = interesting(rnd, size);
        int dst = interesting(rnd, size);
        int len = rnd.nextInt(size - Math.max(src, dst) + 1);
        if (rnd.nextInt(4) == 0) {
          dst = Math.min(size - len, src + rnd.nextInt(9) - 4); // heavy overlap
          dst = Math.max(0, dst);
        }
        MemoryDevice.copy(dev, src, dev, dst, len);
        System.arraycopy(model, src, model, dst, len);
        byte[] all = new byte[size];
        dev.read(0, all, 0, size);
        assertThat(all)
            .as("seed %d op %d: copy %d -> %d len %d", seed, op, src, dst, len)
            .isEqualTo(model);
      }
    }
  }

  @Test
  void copyBetweenDevices() throws ErrnoException {
    for (int c = 0; c < tries(300); c++) {
      long seed = caseSeed(300 + c);
      SplittableRandom rnd = new SplittableRandom(seed);
      int sSize = (1 + rnd.nextInt(8)) * 4096;
      int dSize = (1 + rnd.nextInt(8)) * 4096;
      MemoryDevice s = MemoryDevice.create("s", sSize);
      MemoryDevice d = MemoryDevice.create("d", dSize);
      byte[] sm = new byte[sSize];
      byte[] dm = new byte[dSize];
      populate(rnd, s, sm);
      populate(rnd, d, dm);
      int src = interesting(rnd, sSize);
      int dst = interesting(rnd, dSize);
      int len = rnd.nextInt(Math.min(sSize - src, dSize - dst) + 1);
      MemoryDevice.copy(s, src, d, dst, len);
      System.arraycopy(sm, src, dm, dst, len);
      byte[] all = new byte[dSize];
      d.read(0, all, 0, dSize);
      assertThat(all).as("seed %d: %d -> %d len %d", seed, src, dst, len).isEqualTo(dm);
      byte[] sAll = new byte[sSize];
      s.read(0, sAll, 0, sSize);
      assertThat(sAll).as("source untouched, seed %d", seed).isEqualTo(sm);
    }
  }

  @Test
  void copyingZerosAllocatesNothingAndClearsData() throws ErrnoException {
    MemoryDevice s = MemoryDevice.create("s", 1L << 40);
    MemoryDevice d = MemoryDevice.create("d", 1L << 40);
    MemoryDevice.copy(s, 0, d, 12345, 64L << 20);
    assertThat(d.residentBytes()).isZero();
    byte[] ones = new byte[8192];
    Arrays.fill(ones, (byte) -1);
    d.write(4096, ones, 0, ones.length);
    MemoryDevice.copy(s, 0, d, 4096 + 10, 100);
    byte[] back = new byte[ones.length];
    d.read(4096, back, 0, back.length);
    for (int i = 0; i < back.length; i++) {
      assertThat(back[i]).as("byte %d", i).isEqualTo((byte) (i >= 10 && i < 110 ? 0 : -1));
    }
  }
}
