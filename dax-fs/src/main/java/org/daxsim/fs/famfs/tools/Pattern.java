package org.daxsim.fs.famfs.tools;

/**
 * The seeded pseudo-random file contents of {@code famfs creat -r -S seed} and {@code famfs
 * verify -S seed}: the pattern of daxsim's {@code io} commands (CLI.md), so a file written by
 * one can be checked by the other. The little-endian 64-bit word at file offset 8k is the k-th
 * {@code nextLong()} of {@code new SplittableRandom(seed)}; any byte range can be made alone.
 */
final class Pattern {
  private Pattern() {}

  /** Fills {@code b[off, off+len)} with the file's bytes from {@code fileOffset} on. */
  static void fill(byte[] b, int off, int len, long fileOffset, long seed) {
    for (int i = 0; i < len; i++) {
      b[off + i] = at(fileOffset + i, seed);
    }
  }

  /** The file's byte at {@code pos}. */
  static byte at(long pos, long seed) {
    return (byte) (word(pos >>> 3, seed) >>> ((pos & 7) * 8));
  }

  /** mix64(seed + (k + 1) * GAMMA): SplittableRandom's k-th nextLong(). */
  static long word(long k, long seed) {
    long z = seed + (k + 1) * 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
