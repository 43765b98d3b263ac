package org.daxsim.testkit;

import java.util.List;
import java.util.Map;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Source;

/**
 * Generators of file workloads for a file of a given size: reads and writes through the fd and
 * through a mapping, at random offsets and at the edges where file systems go wrong — offset 0,
 * the last byte, exactly end of file, just past it, spans crossing end of file, spans crossing a
 * page or a 2 MiB boundary, zero lengths. Offsets stay below {@code fileSize + 2 pages} and
 * lengths at most {@code fileSize + 1 page}. Shrinks toward {@code read(0, 0)}.
 */
public final class GensWorkloads {
  static final long PAGE = 4096;
  static final long PMD = 2L << 20;

  private GensWorkloads() {}

  /** Operations of every kind on a file of {@code fileSize} (at least 1) bytes. */
  public static Gen<FileOp> ops(long fileSize) {
    return ops(fileSize, FileOp.Kind.values());
  }

  /**
   * Operations of the given kinds on a file of {@code fileSize} (at least 1) bytes: about half
   * random, half aimed at an edge (each edge named in {@link FileOp#edge()}).
   */
  public static Gen<FileOp> ops(long fileSize, FileOp.Kind... kinds) {
    if (fileSize < 1 || kinds.length == 0) {
      throw new IllegalArgumentException("file of " + fileSize + " bytes, " + kinds.length
          + " kinds");
    }
    Gen<FileOp.Kind> kind = Gen.elements(kinds);
    return src -> {
      FileOp.Kind k = src.draw(kind);
      return switch (src.draw(Gen.frequency(Map.entry(6, Gen.constant(0)),
          Map.entry(6, Gen.ints(1, 6))))) {
        case 0 -> {
          long off = src.choose(0, fileSize - 1);
          yield new FileOp(k, off, src.choose(0, fileSize - off), "random");
        }
        case 1 -> new FileOp(k, fileSize - 1, src.choose(1, 2), "last byte");
        case 2 -> new FileOp(k, fileSize, small(src), "at eof");
        case 3 -> new FileOp(k, fileSize + src.choose(1, 2 * PAGE - 1), small(src), "past eof");
        case 4 -> {
          long off = src.choose(0, fileSize - 1);
          yield new FileOp(k, off, fileSize - off + src.choose(1, PAGE), "crossing eof");
        }
        case 5 -> boundary(src, k, fileSize);
        default -> new FileOp(k, src.choose(0, fileSize), 0, "zero length");
      };
    };
  }

  /** Workloads: 1 to {@code maxOps} operations of every kind on a file of {@code fileSize}. */
  public static Gen<List<FileOp>> workloads(long fileSize, int maxOps) {
    return Gen.lists(ops(fileSize), 1, maxOps);
  }

  private static long small(Source src) {
    return src.choose(1, PAGE);
  }

  /** A span crossing a page or a 2 MiB boundary inside the file, when the file has one. */
  private static FileOp boundary(Source src, FileOp.Kind k, long fileSize) {
    long unit = src.flip() && fileSize > PMD ? PMD : PAGE;
    long boundaries = (fileSize - 1) / unit;
    if (boundaries == 0) {
      return new FileOp(k, 0, fileSize, "whole file");
    }
    long b = src.choose(1, boundaries) * unit;
    long before = src.choose(1, Math.min(PAGE, b));
    long after = src.choose(0, Math.min(PAGE, fileSize - b));
    return new FileOp(k, b - before, before + after, unit == PMD ? "2 MiB boundary"
        : "page boundary");
  }
}
