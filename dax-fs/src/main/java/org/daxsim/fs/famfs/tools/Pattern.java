package org.daxsim.fs.famfs.tools;

/**
 * The seeded pseudo-random file contents of {@code famfs creat -r -S seed} and {@code famfs
 * verify -S seed}: byte {@code i} of the file is a pure function of (seed, i), so any piece can
 * be generated or checked on its own (famfs's randomize_buf / validate_random_buf, our bytes).
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
    long z = seed * 0x9E3779B97F4A7C15L + (pos >>> 3);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (byte) (z >>> ((pos & 7) * 8));
  }
}
