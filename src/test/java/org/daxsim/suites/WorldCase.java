package org.daxsim.suites;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Source;

/**
 * A random world: a region of {@code regionUnits} 2 MiB units at physical
 * {@code 4 GiB + winUnits} units, backed from memory-device offset {@code memUnits} units; the
 * administrative {@code steps} that fragment it; the files laid out on the target device (the
 * device the steps left with the most ranges) and, per file, probes {@code {pos, len, how}}.
 */
record WorldCase(int regionUnits, int winUnits, int memUnits, List<Layouts.Step> steps,
    List<FileSpec> files, List<List<long[]>> probes) {
  static final long BASE = 0x1_0000_0000L;
  static final long UNIT = Layouts.UNIT;

  long winBase() {
    return BASE + winUnits * UNIT;
  }

  long winLen() {
    return regionUnits * UNIT;
  }

  long memOff() {
    return memUnits * UNIT;
  }

  /** The model of the region after the steps (replayed, never shared with a run). */
  AllocModel model() throws Exception {
    AllocModel m = new AllocModel(winBase(), winLen(), false);
    for (Layouts.Step s : steps) {
      Layouts.apply(s, m);
    }
    return m;
  }

  /** Worlds whose target device has at least 3 units and at least one file. */
  static final Gen<WorldCase> GEN = ((Gen<WorldCase>) WorldCase::draw).filter(c -> c != null);

  private static WorldCase draw(Source src) {
    int regionUnits = src.chooseInt(8, 24);
    int winUnits = src.chooseInt(0, 8);
    int memUnits = src.chooseInt(0, 4);
    List<Layouts.Step> steps = new ArrayList<>(src.draw(Layouts.steps(regionUnits)));
    AllocModel m;
    try {
      m = new WorldCase(regionUnits, winUnits, memUnits, steps, List.of(), List.of()).model();
      // end by growing the most fragmented device into part or all of what is left
      int t0 = Layouts.target(m);
      if (t0 > 0 && src.weighted(0.8)) {
        int sel = 0;
        for (int i = 1; i < t0; i++) {
          sel += m.alive(i) ? 1 : 0;
        }
        long grow = src.choose(0, m.available() / UNIT);
        steps.add(new Layouts.Step('r', sel, (int) (m.size(t0) / UNIT + grow)));
        Layouts.apply(steps.get(steps.size() - 1), m);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    int t = Layouts.target(m);
    if (t < 0 || m.size(t) < 3 * UNIT) {
      return null;
    }
    List<long[]> ranges = m.ranges(t);
    if (ranges.size() == 1 && src.weighted(0.6)) {
      return null; // bias towards multi-range targets (the interesting resolutions)
    }
    List<Long> boundaries = new ArrayList<>(); // device units that start ranges 1, 2, ...
    for (int i = 1; i < ranges.size(); i++) {
      boundaries.add(ranges.get(i)[0] * 4096 / UNIT);
    }
    List<Long> free = new ArrayList<>();
    for (long u = 1; u < m.size(t) / UNIT; u++) {
      free.add(u);
    }
    List<FileSpec> files = new ArrayList<>();
    List<List<long[]>> probes = new ArrayList<>();
    int nfiles = src.chooseInt(1, 3);
    for (int i = 0; i < nfiles; i++) {
      FileSpec f = FileSpec.gen(src, free, boundaries);
      if (f == null) {
        break;
      }
      files.add(f);
      probes.add(probes(src, f, ranges));
    }
    if (files.isEmpty()) {
      return null;
    }
    return new WorldCase(regionUnits, winUnits, memUnits, steps, files, probes);
  }

  /**
   * Probes of {@code f}: the first and last byte, a span across EOF, every file offset whose
   * device byte starts a device range or ends one (so accesses straddle range boundaries),
   * extent / chunk boundaries and random offsets. {@code how}: 0 pwrite, 1 raw device write,
   * 2 mmap store.
   */
  private static List<long[]> probes(Source src, FileSpec f, List<long[]> ranges) {
    List<Long> at = new ArrayList<>();
    at.add(0L);
    at.add(f.size() - 1);
    for (long[] r : ranges) {
      long first = r[0] << 12;
      long end = first + (r[2] - r[1] + 1);
      for (long pos = 0; pos < f.size(); pos += f.rest(pos)) {
        long dev = f.devOff(pos);
        long len = f.rest(pos);
        for (long target : new long[] {first, end - 4096}) {
          if (target >= dev && target < dev + len && pos + target - dev < f.size()) {
            at.add(pos + target - dev);
          }
        }
        if (pos > 0 && src.weighted(0.3)) {
          at.add(pos - src.choose(1, 4096));
        }
      }
    }
    int extra = src.chooseInt(1, 4);
    for (int i = 0; i < extra; i++) {
      at.add(src.choose(0, f.size() - 1));
    }
    List<long[]> out = new ArrayList<>();
    for (long pos : at) {
      long len = src.weighted(0.2) ? src.choose(1, 3 * 4096 * 4) : src.choose(1, 3 * 4096);
      out.add(new long[] {pos, len, src.chooseInt(0, 2)});
    }
    long tail = src.choose(1, 4096); // a write across EOF
    out.add(new long[] {Math.max(0, f.size() - tail), tail + src.choose(1, 4096), 0});
    return out;
  }

  @Override
  public String toString() {
    return String.format("world{region %du at %#x (mem +%#x), steps %s, files %s}",
        regionUnits, winBase(), memOff(), steps, files);
  }
}
