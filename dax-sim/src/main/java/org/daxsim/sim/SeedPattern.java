package org.daxsim.sim;

/**
 * The seeded byte pattern of CLI.md's {@code io} commands, as {@code pattern()} in the oracle's
 * {@code io.c}: the little-endian 64-bit word at file offset {@code 8k} is the k-th
 * {@code nextLong()} of {@code new SplittableRandom(seed)}, i.e. SplitMix64's
 * {@code mix64(seed + (k + 1) * 0x9e3779b97f4a7c15)}; a range that starts or ends inside a word
 * takes that word's bytes at those offsets. Any byte range can be reproduced on its own.
 */
public final class SeedPattern {
  /** SplitMix64's golden gamma. */
  public static final long GAMMA = 0x9e3779b97f4a7c15L;

  private SeedPattern() {}

  /** SplitMix64's mix64 (java.util.SplittableRandom.mix64). */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * Fills {@code dst[pos, pos + n)} with the pattern's bytes at file offsets
   * {@code [offset, offset + n)} (offsets taken as unsigned 64-bit, as io.c's uint64_t).
   */
  public static void fill(long seed, long offset, byte[] dst, int pos, int n) {
    int i = 0;
    while (i < n) {
      long o = offset + i;
      long k = o >>> 3;
      long w = mix64(seed + (k + 1) * GAMMA);
      int b = (int) (o & 7);
      while (b < 8 && i < n) {
        dst[pos + i] = (byte) (w >>> (8 * b));
        b++;
        i++;
      }
    }
  }
}
