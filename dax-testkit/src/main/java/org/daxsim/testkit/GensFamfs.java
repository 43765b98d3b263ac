package org.daxsim.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Source;

/**
 * Generators of famfs fmaps for {@code MAP_CREATE_V2}: valid simple and interleaved maps laid
 * out inside a device, and maps that break exactly one rule of famfs.md 2.7 (each
 * {@link FmapCase} tagged with its {@link FmapRule} and so its errno). Everything is drawn from
 * the {@link Source}: a case shrinks toward a valid one-extent 2 MiB simple map of a 1-byte
 * file, an invalid one toward the smallest map that still breaks its rule.
 */
public final class GensFamfs {
  /** The famfs allocation unit and alignment: 2 MiB. */
  public static final long UNIT = 2L << 20;
  /** The smallest device the generators lay maps out on (the superblock, log and 8 units). */
  public static final long MIN_DEVICE = 16 * UNIT;

  private GensFamfs() {}

  /**
   * Valid simple maps on a device of {@code devSize} bytes: 1 or 2 extents of 1 to 4 units at
   * unit-aligned offsets past the first 2 MiB (the superblock and log), file_size from 1 byte
   * to the extents' total with the EOF edges (total, total - 1, one byte into the last unit)
   * favoured.
   */
  public static Gen<FmapCase> validSimple(long devSize) {
    long units = checkedUnits(devSize);
    return src -> FmapCase.of(FmapRule.VALID, simple(src, units, src.chooseInt(1, 2)));
  }

  /**
   * Valid interleaved maps on a device of {@code devSize} bytes: 1 or 2 interleaved extents of
   * 1 to 16 strips, chunk 2, 4 or 8 MiB, each strip 1 or 2 chunks, nbytes each extent's strip
   * total, file_size up to the total with the EOF edges favoured.
   */
  public static Gen<FmapCase> validInterleaved(long devSize) {
    long units = checkedUnits(devSize);
    return src -> FmapCase.of(FmapRule.VALID, interleaved(src, units, src.chooseInt(1, 2), 16));
  }

  /** Valid maps, simple and interleaved 2 to 1. */
  public static Gen<FmapCase> valid(long devSize) {
    return Gen.frequency(Map.entry(2, validSimple(devSize)),
        Map.entry(1, validInterleaved(devSize)));
  }

  /**
   * Maps breaking exactly {@code rule} (simple or interleaved, whichever can break it) and
   * otherwise valid, so the kernel must answer {@code rule.errno()}. VALID gives {@link
   * #valid}.
   */
  public static Gen<FmapCase> breaking(FmapRule rule, long devSize) {
    long units = checkedUnits(devSize);
    if (rule == FmapRule.VALID) {
      return valid(devSize);
    }
    return src -> FmapBreaker.breakRule(src, rule, units);
  }

  /** Every rule broken in turn: each {@link FmapRule} (VALID included) equally often. */
  public static Gen<FmapCase> any(long devSize) {
    checkedUnits(devSize);
    return src -> src.draw(breaking(src.draw(Gen.elements(FmapRule.values())), devSize));
  }

  private static long checkedUnits(long devSize) {
    if (devSize < MIN_DEVICE) {
      throw new IllegalArgumentException("device of " + devSize + " bytes: at least "
          + MIN_DEVICE);
    }
    return devSize / UNIT;
  }

  // ------------------------------------------------------------------ builders

  /** A valid simple map of {@code n} extents (n may exceed 2 for E2BIG cases). */
  static FamfsMap simple(Source src, long units, int n) {
    List<FamfsMap.Extent> exts = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < n; i++) {
      FamfsMap.Extent e = extent(src, units, src.choose(1, 4));
      exts.add(e);
      total += e.length();
    }
    long size = fileSize(src, total);
    return make(() -> FamfsMap.simple(FamfsMap.FAMFS_REG, size, exts));
  }

  /** A valid interleaved map of {@code n} extents of 1 to {@code maxStrips} strips each. */
  static FamfsMap interleaved(Source src, long units, int n, int maxStrips) {
    List<FamfsMap.Interleave> ies = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < n; i++) {
      long chunk = UNIT << src.chooseInt(0, 2);
      int nstrips = src.chooseInt(1, maxStrips);
      List<FamfsMap.Extent> strips = new ArrayList<>();
      long nbytes = 0;
      for (int k = 0; k < nstrips; k++) {
        FamfsMap.Extent e = extent(src, units, chunk / UNIT * src.choose(1, 2));
        strips.add(e);
        nbytes += e.length();
      }
      ies.add(new FamfsMap.Interleave(chunk, nbytes, strips));
      total += nbytes;
    }
    long size = fileSize(src, total);
    return make(() -> FamfsMap.interleaved(FamfsMap.FAMFS_REG, size, ies));
  }

  /** An extent of {@code len} units at a unit-aligned offset in [1, units - len]. */
  private static FamfsMap.Extent extent(Source src, long units, long len) {
    long at = src.choose(1, Math.max(1, units - len));
    return new FamfsMap.Extent(0, at * UNIT, len * UNIT);
  }

  /** A file size in [1, total]: random, or an EOF edge. */
  static long fileSize(Source src, long total) {
    return switch (src.chooseInt(0, 4)) {
      case 0 -> src.choose(1, total);
      case 1 -> total;
      case 2 -> total - 1;
      case 3 -> total - UNIT + 1;
      default -> 1;
    };
  }

  interface MapMaker {
    FamfsMap make() throws ErrnoException;
  }

  static FamfsMap make(MapMaker m) {
    try {
      return m.make();
    } catch (ErrnoException e) {
      throw new IllegalStateException("generator built a bad map: " + e.getMessage(), e);
    }
  }
}
