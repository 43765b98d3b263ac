package org.daxsim.fs.famfs.format;

import static org.daxsim.fs.famfs.format.FamfsFormat.MAX_STRIPS;

import java.util.List;

/**
 * {@code struct famfs_interleaved_ext} (famfs_meta.h): {nstrips u64, chunk_size u64,
 * ie_strips[16]}, 400 bytes; {@code strips} holds the first nstrips entries (1..16).
 */
public record InterleavedExtent(long nstrips, long chunkSize, List<SimpleExtent> strips) {
  static final int BYTES = 16 + MAX_STRIPS * SimpleExtent.BYTES;

  /** Checks {@code struct famfs_interleaved_ext}'s shape: 1..16 strips, nstrips = strips.size(). */
  public InterleavedExtent {
    strips = List.copyOf(strips);
    if (strips.isEmpty() || strips.size() > MAX_STRIPS || nstrips != strips.size()) {
      throw new IllegalArgumentException(
          "nstrips " + nstrips + " with " + strips.size() + " strips (1.." + MAX_STRIPS + ")");
    }
  }

  /** Sum of strip lengths: the bytes this {@code famfs_interleaved_ext} allocates. */
  public long totalLength() {
    long sum = 0;
    for (SimpleExtent s : strips) {
      sum += s.length();
    }
    return sum;
  }
}
