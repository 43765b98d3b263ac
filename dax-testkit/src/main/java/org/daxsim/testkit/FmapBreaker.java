package org.daxsim.testkit;

import static org.daxsim.testkit.GensFamfs.UNIT;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Source;

/** Builds a map that breaks exactly one {@link FmapRule}: a valid map, then one change. */
final class FmapBreaker {
  private FmapBreaker() {}

  static FmapCase breakRule(Source src, FmapRule rule, long units) {
    boolean inter = rule.interleavedOnly() || src.flip();
    switch (rule) {
      case NO_EXTENTS:
        return new FmapCase(rule, null, src.choose(0, 4 * UNIT),
            inter ? FamfsMap.INTERLEAVED_EXTENT : FamfsMap.SIMPLE_DAX_EXTENT, 0);
      case BAD_EXTENT_TYPE:
        return new FmapCase(rule, null, src.choose(1, 4 * UNIT),
            src.draw(Gen.elements(2, 3, 0x7fff_ffff, -1)), src.chooseInt(1, 2));
      case TOO_MANY_EXTENTS: {
        int n = src.chooseInt(3, 5);
        return FmapCase.of(rule, inter ? GensFamfs.interleaved(src, units, n, 4)
            : GensFamfs.simple(src, units, n));
      }
      default:
        break;
    }
    FamfsMap valid = inter ? GensFamfs.interleaved(src, units, src.chooseInt(1, 2), 16)
        : GensFamfs.simple(src, units, src.chooseInt(1, 2));
    if (rule == FmapRule.ALREADY_MAPPED) {
      return FmapCase.of(rule, valid);
    }
    if (!inter) {
      return FmapCase.of(rule, breakSimple(src, rule, valid));
    }
    return FmapCase.of(rule, breakInterleaved(src, rule, valid));
  }

  /** A delta in (0, 2 MiB): page-sized, a byte, or random. */
  private static long misalign(Source src) {
    return switch (src.chooseInt(0, 3)) {
      case 0 -> 4096;
      case 1 -> 1;
      case 2 -> UNIT - 4096;
      default -> src.choose(1, UNIT - 1);
    };
  }

  private static FamfsMap.Extent breakExtent(Source src, FmapRule rule, FamfsMap.Extent e) {
    return switch (rule) {
      case DEVINDEX_NOT_ZERO -> new FamfsMap.Extent(
          src.draw(Gen.elements(1L, 2L, -1L, 1L << 32)), e.offset(), e.length());
      case OFFSET_MISALIGNED -> new FamfsMap.Extent(0, e.offset() + misalign(src), e.length());
      case LENGTH_MISALIGNED -> new FamfsMap.Extent(0, e.offset(), e.length() + misalign(src));
      default -> throw new IllegalArgumentException("not an extent rule: " + rule);
    };
  }

  private static FamfsMap breakSimple(Source src, FmapRule rule, FamfsMap m) {
    List<FamfsMap.Extent> exts = new ArrayList<>(m.extents());
    long total = exts.stream().mapToLong(FamfsMap.Extent::length).sum();
    if (rule == FmapRule.LENGTHS_SHORT_OF_SIZE) {
      long size = total + src.choose(1, 2 * UNIT);
      return GensFamfs.make(() -> FamfsMap.simple(FamfsMap.FAMFS_REG, size, exts));
    }
    int i = src.chooseInt(0, exts.size() - 1);
    exts.set(i, breakExtent(src, rule, exts.get(i)));
    return GensFamfs.make(() -> FamfsMap.simple(FamfsMap.FAMFS_REG, m.fileSize(), exts));
  }

  private static FamfsMap breakInterleaved(Source src, FmapRule rule, FamfsMap m) {
    List<FamfsMap.Interleave> ies = new ArrayList<>(m.interleaves());
    int i = src.chooseInt(0, ies.size() - 1);
    FamfsMap.Interleave x = ies.get(i);
    long stripTotal = 0;
    for (FamfsMap.Interleave y : ies) {
      stripTotal += y.nbytes(); // nbytes is each extent's strip total in a valid map
    }
    long size = m.fileSize();
    List<FamfsMap.Extent> strips = new ArrayList<>(x.strips());
    long chunk = x.chunkSize();
    long nbytes = x.nbytes();
    switch (rule) {
      case NO_STRIPS -> strips.clear();
      case TOO_MANY_STRIPS -> {
        int extra = src.chooseInt(17, 20) - strips.size();
        for (int k = 0; k < extra; k++) {
          strips.add(strips.get(k % x.nstrips()));
        }
        nbytes = 0;
        for (FamfsMap.Extent e : strips) {
          nbytes += e.length();
        }
      }
      case CHUNK_MISALIGNED -> chunk = src.flip() ? 0 : chunk + misalign(src);
      case NBYTES_SHORT_OF_SIZE -> {
        size = stripTotal; // every strip byte is needed
        nbytes -= src.choose(1, nbytes);
      }
      case LENGTHS_SHORT_OF_SIZE -> {
        long extra = src.choose(1, 2 * UNIT);
        nbytes += extra;
        size = stripTotal + src.choose(1, extra);
      }
      default -> {
        int k = src.chooseInt(0, strips.size() - 1);
        strips.set(k, breakExtent(src, rule, strips.get(k)));
      }
    }
    ies.set(i, new FamfsMap.Interleave(chunk, nbytes, strips));
    long fileSize = size;
    return GensFamfs.make(() -> FamfsMap.interleaved(FamfsMap.FAMFS_REG, fileSize, ies));
  }
}
