package org.daxsim.testkit;

import java.util.List;
import java.util.Map;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Source;

/**
 * Generators of {@code direct_access} requests for a device of given ranges: valid in-range
 * requests aimed at the edges where drivers go wrong (page 0, the last page, the pages either
 * side of a range boundary, spans crossing a boundary, counts of 0 and huge counts) and
 * out-of-range ones (just past the end, far past it, huge offsets).
 */
public final class GensRequests {
  private GensRequests() {}

  /**
   * Requests with {@code 0 <= pgoff < pages} and {@code nrPages >= 0}. Shrinks toward
   * {@code pgoff = 0, nrPages = 0}.
   */
  public static Gen<Request> inRange(List<PhysRange> ranges) {
    long total = pages(ranges);
    return Gen.frequency(
        Map.entry(4, src -> new Request(src.choose(0, total - 1), count(src, total), "random")),
        Map.entry(3, src -> boundary(src, ranges)),
        Map.entry(1, src -> new Request(total - 1, count(src, total), "last page")),
        Map.entry(1, src -> new Request(src.choose(0, total - 1),
            src.draw(Gen.elements(Long.MAX_VALUE, 1L << 40, total + 1)), "huge count")));
  }

  /**
   * Valid requests: {@code nrPages >= 1} and the whole span {@code [pgoff, pgoff + nrPages)}
   * inside the device — anywhere, around range boundaries (spans that cross them), the first
   * and the last page. Shrinks toward {@code pgoff = 0, nrPages = 1}.
   */
  public static Gen<Request> valid(List<PhysRange> ranges) {
    long total = pages(ranges);
    return Gen.frequency(
        Map.entry(4, src -> {
          long pgoff = src.choose(0, total - 1);
          return new Request(pgoff, src.choose(1, total - pgoff), "random");
        }),
        Map.entry(3, src -> {
          Request b = boundary(src, ranges);
          return new Request(b.pgoff(), Math.min(b.nrPages(), total - b.pgoff()), b.kind());
        }),
        Map.entry(1, src -> new Request(total - 1, 1, "last page")));
  }

  /**
   * Requests whose {@code pgoff} lies at or past the end of the device: the first page past it,
   * a little further, and huge offsets; counts of 1 or more. Shrinks toward the first page past
   * the end with one page.
   */
  public static Gen<Request> outOfRange(List<PhysRange> ranges) {
    long total = pages(ranges);
    return Gen.frequency(
        Map.entry(3, src -> new Request(total, src.choose(1, 4), "first page past the end")),
        Map.entry(2, src -> new Request(total + src.choose(1, 8), src.choose(1, 4),
            "just past the end")),
        Map.entry(4, src -> new Request(total + src.choose(0, 4096), src.choose(1, 1024),
            "past the end")),
        Map.entry(1, src -> new Request(src.draw(Gen.elements(Long.MAX_VALUE, 1L << 40,
            (1L << 52) / 4096)), src.choose(1, 16), "huge pgoff")));
  }

  /** In-range and out-of-range requests mixed, 4 to 1. */
  public static Gen<Request> any(List<PhysRange> ranges) {
    return Gen.frequency(Map.entry(4, inRange(ranges)), Map.entry(1, outOfRange(ranges)));
  }

  /** The device size in pages. */
  static long pages(List<PhysRange> ranges) {
    long n = 0;
    for (PhysRange r : ranges) {
      n += r.pages();
    }
    return n;
  }

  private static long count(Source src, long total) {
    return src.choose(0, total + 1);
  }

  /** Around the end of range {@code i}: its last page or the next range's first, 1..3 pages. */
  private static Request boundary(Source src, List<PhysRange> ranges) {
    int i = src.chooseInt(0, ranges.size() - 1);
    long end = 0;
    for (int k = 0; k <= i; k++) {
      end += ranges.get(k).pages();
    }
    long total = pages(ranges);
    long pgoff = Math.min(total - 1, end - 1 + src.choose(0, 1));
    return new Request(pgoff, src.choose(1, 3), "range " + i + " boundary");
  }
}
