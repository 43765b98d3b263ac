package org.daxsim.testkit;

/**
 * One generated file operation: a read or write through the file descriptor or through a shared
 * mapping, of {@code length} bytes at file offset {@code offset}. Made by {@link GensWorkloads}.
 *
 * @param kind the operation
 * @param offset the file offset, 0 or more (may lie at or past end of file)
 * @param length the byte count, 0 or more
 * @param edge what the draw aimed at ("random", "eof", "page boundary", ...)
 */
public record FileOp(Kind kind, long offset, long length, String edge) {
  /** The kinds of operation. */
  public enum Kind {
    /** pread(2). */
    READ,
    /** pwrite(2). */
    WRITE,
    /** Loads through a MAP_SHARED mapping. */
    MMAP_READ,
    /** Stores through a MAP_SHARED mapping. */
    MMAP_WRITE
  }

  /** Checks that offset and length are not negative. */
  public FileOp {
    if (offset < 0 || length < 0 || kind == null) {
      throw new IllegalArgumentException("bad file op " + kind + " " + offset + "+" + length);
    }
  }

  /** The first byte past the operation. */
  public long end() {
    return offset + length;
  }

  /** True when the operation touches bytes at or past {@code fileSize}. */
  public boolean crossesEof(long fileSize) {
    return length > 0 && end() > fileSize;
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase() + "(" + offset + ", " + length + ") [" + edge + "]";
  }
}
