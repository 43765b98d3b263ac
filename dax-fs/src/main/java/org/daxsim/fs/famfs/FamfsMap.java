package org.daxsim.fs.famfs;

import java.util.List;
import org.daxsim.core.Args;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.fs.dax.Iomap;
import org.daxsim.fs.dax.IomapBuf;

/**
 * struct famfs_file_meta (fs/famfs/famfs_internal.h), immutable: a file's type, size and
 * extent list, either simple extents or interleaved extents whose strips are simple extents.
 * {@link #resolve} is famfs_meta_to_dax_offset[_v2]() (famfs.md 2.6). The map holds no
 * validation: {@code MAP_CREATE} and {@code MAP_CREATE_V2} vet what user space hands in.
 */
public final class FamfsMap {
  /** enum famfs_file_type: FAMFS_REG. */
  public static final int FAMFS_REG = 0;
  /** FAMFS_SUPERBLOCK: the only file allowed an extent at device offset 0. */
  public static final int FAMFS_SUPERBLOCK = 1;
  /** FAMFS_LOG. */
  public static final int FAMFS_LOG = 2;
  /** enum famfs_extent_type: SIMPLE_DAX_EXTENT. */
  public static final int SIMPLE_DAX_EXTENT = 0;
  /** INTERLEAVED_EXTENT. */
  public static final int INTERLEAVED_EXTENT = 1;

  /** struct famfs_meta_simple_ext: {@code length} bytes at device byte {@code offset}. */
  public record Extent(long devIndex, long offset, long length) {}

  /** struct famfs_meta_interleaved_ext: {@code nbytes} striped over {@code strips}. */
  public record Interleave(long chunkSize, long nbytes, List<Extent> strips) {
    public Interleave {
      strips = List.copyOf(strips);
    }

    public int nstrips() {
      return strips.size();
    }
  }

  /** The unused list of a map (shared: never written, and only ever copied out). */
  private static final long[] NO_EXTENTS = new long[0];
  private static final Interleave[] NO_INTERLEAVES = new Interleave[0];

  private final int fileType;
  private final long fileSize;
  private final int extentType;
  /**
   * The simple extents flat, (devIndex, offset, length) per extent: one array instead of a
   * record per extent, since a large log replay holds hundreds of thousands of maps.
   */
  private final long[] se;
  private final Interleave[] ie;
  /** log2 of the uniform extent length for the O(1) simple lookup, else -1. */
  private final int uniformShift;

  private FamfsMap(int fileType, long fileSize, int extentType, long[] se, Interleave[] ie) {
    this.fileType = fileType;
    this.fileSize = fileSize;
    this.extentType = extentType;
    this.se = se;
    this.ie = ie;
    this.uniformShift = uniformShift(se);
  }

  /** A map of simple extents; EINVAL for a null or empty list or a negative size. */
  public static FamfsMap simple(int fileType, long fileSize, List<Extent> extents)
      throws ErrnoException {
    Args.nonNegative(fileSize, "fileSize");
    Args.notNull(extents, "extents");
    Args.positive(extents.size(), "extent count");
    long[] se = new long[extents.size() * 3];
    int at = 0;
    for (Extent e : extents) {
      se[at++] = e.devIndex();
      se[at++] = e.offset();
      se[at++] = e.length();
    }
    return new FamfsMap(fileType, fileSize, SIMPLE_DAX_EXTENT, se, NO_INTERLEAVES);
  }

  /**
   * {@link #simple} of the extents already laid out flat, (devIndex, offset, length) each; the
   * map keeps {@code flat}, so the caller must not touch it again (the ioctl's own copy).
   */
  static FamfsMap simpleOwning(int fileType, long fileSize, long[] flat) throws ErrnoException {
    Args.nonNegative(fileSize, "fileSize");
    Args.positive(flat.length / 3, "extent count");
    return new FamfsMap(fileType, fileSize, SIMPLE_DAX_EXTENT, flat, NO_INTERLEAVES);
  }

  /** A map of interleaved extents; EINVAL for a null or empty list or a negative size. */
  public static FamfsMap interleaved(int fileType, long fileSize, List<Interleave> extents)
      throws ErrnoException {
    Args.nonNegative(fileSize, "fileSize");
    Args.notNull(extents, "extents");
    Args.positive(extents.size(), "extent count");
    return new FamfsMap(fileType, fileSize, INTERLEAVED_EXTENT, NO_EXTENTS,
        extents.toArray(NO_INTERLEAVES));
  }

  /**
   * The newest lookup's fast-path condition: more than one extent, the first a power of two
   * long, every other but the last exactly as long, the last no longer.
   */
  private static int uniformShift(long[] se) {
    int n = se.length / 3;
    if (n < 2) {
      return -1;
    }
    long len0 = se[2];
    if (len0 <= 0 || Long.bitCount(len0) != 1) {
      return -1;
    }
    for (int i = 1; i < n - 1; i++) {
      if (se[3 * i + 2] != len0) {
        return -1;
      }
    }
    if (se[3 * (n - 1) + 2] > len0) {
      return -1;
    }
    return Long.numberOfTrailingZeros(len0);
  }

  public int fileType() {
    return fileType;
  }

  /** file_size as handed in by user space (the i_size famfs expects). */
  public long fileSize() {
    return fileSize;
  }

  public int extentType() {
    return extentType;
  }

  /** The number of simple extents (0 for an interleaved map), without building the list. */
  public int extentCount() {
    return se.length / 3;
  }

  /** Simple extent {@code i}'s dev index, offset and length ({@code field} 0, 1, 2). */
  public long extentField(int i, int field) {
    return se[3 * i + field];
  }

  public List<Extent> extents() {
    Extent[] out = new Extent[se.length / 3];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Extent(se[3 * i], se[3 * i + 1], se[3 * i + 2]);
    }
    return List.of(out);
  }

  public List<Interleave> interleaves() {
    return List.of(ie);
  }

  /** True when simple lookups take the O(1) shift path. */
  public boolean uniform() {
    return uniformShift >= 0;
  }

  /**
   * famfs_meta_to_dax_offset(): the mapping of file offset {@code pos}, at most {@code len}
   * bytes, trimmed to the end of the extent (simple) or chunk (interleaved), on {@code dev};
   * null past the extents.
   */
  public Iomap resolve(long pos, long len, DaxDevice dev) {
    return resolveInto(pos, len, dev, new IomapBuf()).toIomap();
  }

  /**
   * {@link #resolve} into the caller's {@code out}, allocating nothing: the iomap_begin of the
   * read/write and fault paths. {@code out} is cleared when there is no mapping.
   */
  public IomapBuf resolveInto(long pos, long len, DaxDevice dev, IomapBuf out) {
    boolean found = pos >= 0 && len > 0 && (extentType == INTERLEAVED_EXTENT
        ? resolveInterleaved(pos, len, dev, out) : resolveSimple(pos, len, dev, out));
    return found ? out : out.clear();
  }

  private boolean resolveSimple(long pos, long len, DaxDevice dev, IomapBuf out) {
    if (uniformShift >= 0) {
      long i = pos >>> uniformShift;
      if (i >= se.length / 3) {
        return false;
      }
      long local = pos & ((1L << uniformShift) - 1);
      long offset = se[3 * (int) i + 1];
      long length = se[3 * (int) i + 2];
      if (local >= length) {
        return false;
      }
      out.setMapped(offset + local, pos, Math.min(len, length - local), dev);
      return true;
    }
    long local = pos;
    for (int at = 0; at < se.length; at += 3) {
      long offset = se[at + 1];
      long length = se[at + 2];
      if (local < length) {
        out.setMapped(offset + local, pos, Math.min(len, length - local), dev);
        return true;
      }
      local -= length;
    }
    return false;
  }

  private boolean resolveInterleaved(long pos, long len, DaxDevice dev, IomapBuf out) {
    long local = pos;
    for (Interleave x : ie) {
      long extSize = Math.min(x.nbytes(), fileSize);
      if (extSize <= 0) {
        return false;
      }
      if (local < extSize) {
        long chunk = x.chunkSize();
        long chunkNum = local / chunk;
        long chunkOff = local % chunk;
        long stripeNum = chunkNum / x.nstrips();
        int stripNum = (int) (chunkNum % x.nstrips());
        long addr = x.strips().get(stripNum).offset() + stripeNum * chunk + chunkOff;
        out.setMapped(addr, pos, Math.min(len, chunk - chunkOff), dev);
        return true;
      }
      local -= extSize;
    }
    return false;
  }

  @Override
  public String toString() {
    return extentType == INTERLEAVED_EXTENT
        ? String.format("famfs_map{type=%d, size=%d, interleaved=%s}", fileType, fileSize,
            List.of(ie))
        : String.format("famfs_map{type=%d, size=%d, simple=%s}", fileType, fileSize,
            extents());
  }
}
