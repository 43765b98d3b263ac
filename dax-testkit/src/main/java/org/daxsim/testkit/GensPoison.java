package org.daxsim.testkit;

import java.util.List;
import java.util.Map;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Source;

/**
 * Generators of poison placements in a device of given ranges: the first and the last page,
 * the last page of a range and the first page of the next (either side of each boundary), and
 * random pages; every placement is a page inside the device, with its physical address from a
 * linear walk of the ranges. Shrinks toward the first page.
 */
public final class GensPoison {
  private GensPoison() {}

  /** Single placements in the device made of {@code ranges} (in page-offset order). */
  public static Gen<PoisonSpot> spots(List<PhysRange> ranges) {
    if (ranges == null || ranges.isEmpty()) {
      throw new IllegalArgumentException("no ranges");
    }
    List<PhysRange> rs = List.copyOf(ranges);
    long total = GensRequests.pages(rs);
    return Gen.frequency(
        Map.entry(2, src -> spot(rs, 0, "first page")),
        Map.entry(2, src -> spot(rs, total - 1, "last page")),
        Map.entry(3, src -> boundary(src, rs)),
        Map.entry(3, src -> spot(rs, src.choose(0, total - 1), "random")));
  }

  /** 1 to {@code max} placements, possibly repeating a page (poisoning twice). */
  public static Gen<List<PoisonSpot>> placements(List<PhysRange> ranges, int max) {
    return Gen.lists(spots(ranges), 1, max);
  }

  private static PoisonSpot boundary(Source src, List<PhysRange> rs) {
    if (rs.size() == 1) {
      return spot(rs, src.flip() ? 0 : rs.get(0).pages() - 1, "range 0 edge");
    }
    int i = src.chooseInt(0, rs.size() - 2);
    long end = 0;
    for (int k = 0; k <= i; k++) {
      end += rs.get(k).pages();
    }
    return src.flip() ? spot(rs, end - 1, "range " + i + " end")
        : spot(rs, end, "range " + (i + 1) + " start");
  }

  static PoisonSpot spot(List<PhysRange> rs, long pgoff, String edge) {
    long left = pgoff;
    for (PhysRange r : rs) {
      if (left < r.pages()) {
        return new PoisonSpot(pgoff, r.start() + left * 4096, edge);
      }
      left -= r.pages();
    }
    throw new IllegalArgumentException("pgoff " + pgoff + " past the device");
  }
}
