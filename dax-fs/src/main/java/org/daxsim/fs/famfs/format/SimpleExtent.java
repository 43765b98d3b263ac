package org.daxsim.fs.famfs.format;

/**
 * {@code struct famfs_simple_extent} (famfs_meta.h): {devindex u64, offset u64, len u64}, 24
 * bytes. Values are the raw u64 bits; policy (alignment, devindex 0) belongs to the tools.
 */
public record SimpleExtent(long devIndex, long offset, long length) {
  static final int BYTES = 24;

  void encodeTo(byte[] b, int off) {
    Le.putU64(b, off, devIndex);
    Le.putU64(b, off + 8, offset);
    Le.putU64(b, off + 16, length);
  }

  static SimpleExtent decodeFrom(byte[] b, int off) {
    return new SimpleExtent(Le.getU64(b, off), Le.getU64(b, off + 8), Le.getU64(b, off + 16));
  }
}
