package org.daxsim.fs.famfs.format;

import static org.daxsim.fs.famfs.format.FamfsFormat.FMAP_BYTES;
import static org.daxsim.fs.famfs.format.FamfsFormat.MAX_SIMPLE_EXTENTS;
import static org.daxsim.fs.famfs.format.FamfsFormat.MAX_STRIPS;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct famfs_log_fmap} (famfs_meta.h, famfs.md 2.5), 416 bytes: ext_type u32 @0, pad,
 * union @8 of {nextents u32 @8, se[16] @16} (SIMPLE) and {niext u32 @8, ie[1] @16} (INTERLEAVE).
 * A SIMPLE map has 1..16 {@code extents} and no {@code interleaved}; an INTERLEAVE map has no
 * {@code extents} and exactly one {@code interleaved} extent. Unused slots are encoded as zero.
 */
public record LogFmap(int extType, List<SimpleExtent> extents, List<InterleavedExtent> interleaved) {
  /** {@code FAMFS_EXT_SIMPLE}. */
  public static final int SIMPLE = 0;
  /** {@code FAMFS_EXT_INTERLEAVE}. */
  public static final int INTERLEAVE = 1;

  static final int OFF_EXT_TYPE = 0;
  static final int OFF_COUNT = 8;
  static final int OFF_UNION = 16;

  /** Checks the {@code famfs_log_fmap} shape (see the class comment); IllegalArgumentException if not. */
  public LogFmap {
    extents = List.copyOf(extents);
    interleaved = List.copyOf(interleaved);
    if (extType == SIMPLE) {
      if (extents.isEmpty() || extents.size() > MAX_SIMPLE_EXTENTS || !interleaved.isEmpty()) {
        throw new IllegalArgumentException("a simple fmap needs 1.." + MAX_SIMPLE_EXTENTS
            + " extents and no interleaved extent: " + extents.size() + "/" + interleaved.size());
      }
    } else if (extType == INTERLEAVE) {
      if (interleaved.size() != 1 || !extents.isEmpty()) {
        throw new IllegalArgumentException("an interleaved fmap needs exactly 1 interleaved "
            + "extent and no simple extents: " + interleaved.size() + "/" + extents.size());
      }
    } else {
      throw new IllegalArgumentException("unknown fmap_ext_type " + extType);
    }
  }

  /** A {@code FAMFS_EXT_SIMPLE} famfs_log_fmap over 1..16 extents. */
  public static LogFmap simple(List<SimpleExtent> extents) {
    return new LogFmap(SIMPLE, extents, List.of());
  }

  /** A {@code FAMFS_EXT_INTERLEAVE} famfs_log_fmap with one famfs_interleaved_ext. */
  public static LogFmap interleaved(InterleavedExtent ie) {
    return new LogFmap(INTERLEAVE, List.of(), List.of(ie));
  }

  /** Bytes allocated by this famfs_log_fmap: the sum of its extent (or strip) lengths. */
  public long totalLength() {
    long sum = 0;
    for (SimpleExtent e : extents) {
      sum += e.length();
    }
    for (InterleavedExtent ie : interleaved) {
      sum += ie.totalLength();
    }
    return sum;
  }

  /** Serialises {@code struct famfs_log_fmap} to its 416 bytes. */
  public byte[] encode() {
    byte[] b = new byte[FMAP_BYTES];
    encodeTo(b, 0);
    return b;
  }

  /** Writes {@code struct famfs_log_fmap} into b[off, off+416) (which the caller zeroed). */
  void encodeTo(byte[] b, int off) {
    Le.putU32(b, off + OFF_EXT_TYPE, extType);
    if (extType == SIMPLE) {
      Le.putU32(b, off + OFF_COUNT, extents.size());
      for (int i = 0; i < extents.size(); i++) {
        extents.get(i).encodeTo(b, off + OFF_UNION + i * SimpleExtent.BYTES);
      }
    } else {
      InterleavedExtent ie = interleaved.get(0);
      Le.putU32(b, off + OFF_COUNT, 1);
      int p = off + OFF_UNION;
      Le.putU64(b, p, ie.nstrips());
      Le.putU64(b, p + 8, ie.chunkSize());
      for (int i = 0; i < ie.strips().size(); i++) {
        ie.strips().get(i).encodeTo(b, p + 16 + i * SimpleExtent.BYTES);
      }
    }
  }

  /** Reads {@code struct famfs_log_fmap} from b[0..415] (see {@link #decode(byte[], int)}). */
  public static LogFmap decode(byte[] b) throws FormatException {
    return decode(b, 0);
  }

  /**
   * Reads {@code struct famfs_log_fmap} from b[off, off+416): ext_type must be SIMPLE or
   * INTERLEAVE, nextents 1..16, niext 1 and nstrips 1..16, else {@link FormatException.Reason#FMAP}.
   */
  public static LogFmap decode(byte[] b, int off) throws FormatException {
    Le.need(b, off, FMAP_BYTES, "famfs_log_fmap");
    int type = Le.getU32(b, off + OFF_EXT_TYPE);
    long count = Integer.toUnsignedLong(Le.getU32(b, off + OFF_COUNT));
    if (type == SIMPLE) {
      if (count < 1 || count > MAX_SIMPLE_EXTENTS) {
        throw new FormatException(FormatException.Reason.FMAP, "fmap_nextents " + count);
      }
      List<SimpleExtent> list = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        list.add(SimpleExtent.decodeFrom(b, off + OFF_UNION + i * SimpleExtent.BYTES));
      }
      return simple(list);
    }
    if (type == INTERLEAVE) {
      if (count != 1) {
        throw new FormatException(FormatException.Reason.FMAP, "fmap_niext " + count);
      }
      int p = off + OFF_UNION;
      long nstrips = Le.getU64(b, p);
      if (nstrips < 1 || nstrips > MAX_STRIPS) {
        throw new FormatException(FormatException.Reason.FMAP, "ie_nstrips " + nstrips);
      }
      List<SimpleExtent> strips = new ArrayList<>();
      for (int i = 0; i < nstrips; i++) {
        strips.add(SimpleExtent.decodeFrom(b, p + 16 + i * SimpleExtent.BYTES));
      }
      return interleaved(new InterleavedExtent(nstrips, Le.getU64(b, p + 8), strips));
    }
    throw new FormatException(FormatException.Reason.FMAP,
        "fmap_ext_type " + Integer.toUnsignedString(type));
  }
}
