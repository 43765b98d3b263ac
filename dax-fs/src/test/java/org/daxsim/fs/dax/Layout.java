package org.daxsim.fs.dax;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.prop.Gen;

/** A random device layout (ranges in 2 MiB slots of the window), file segments and i_size. */
record Layout(List<Integer> slots, List<Integer> slotLens, List<TestFile.Seg> segs, long size,
    long seed) {
  static final long SLOT = 2 * Host.MiB;

  long deviceBytes() {
    return slotLens.stream().mapToLong(n -> n * SLOT).sum();
  }

  long extentBytes() {
    return segs.stream().mapToLong(TestFile.Seg::length).sum();
  }

  /** Layouts with 1-3 ranges (random physical order, gaps) and 1-6 segments. */
  static Gen<Layout> gen(boolean holes, boolean shortSize) {
    return src -> {
      int n = src.chooseInt(1, 3);
      List<Integer> slots = new ArrayList<>();
      List<Integer> lens = new ArrayList<>();
      long devPages = 0;
      while (slots.size() < n) {
        int s = src.chooseInt(0, 15) * 2; // even slots, each range 1-2 slots: never overlapping
        if (!slots.contains(s)) {
          slots.add(s);
          int l = src.chooseInt(1, 2);
          lens.add(l);
          devPages += l * SLOT / 4096;
        }
      }
      List<TestFile.Seg> segs = new ArrayList<>();
      int nseg = src.chooseInt(1, 6);
      for (int i = 0; i < nseg; i++) {
        if (holes && src.weighted(0.25)) {
          segs.add(new TestFile.Seg(-1, src.choose(1, 64) * 4096));
        } else {
          long p = src.choose(0, devPages - 1);
          long l = src.choose(1, Math.min(1024, devPages - p));
          segs.add(new TestFile.Seg(p * 4096, l * 4096));
        }
      }
      long ext = segs.stream().mapToLong(TestFile.Seg::length).sum();
      long size = shortSize ? ext - src.choose(0, Math.min(ext - 1, 3 * 4096)) : ext;
      return new Layout(slots, lens, segs, size, src.choose(0, Long.MAX_VALUE - 1));
    };
  }

  /** Builds the device and the file on {@code h}, filling the mapped bytes with random data. */
  TestFile build(Host h, DirectAccessVariant v) throws Exception {
    long[] sl = new long[slots.size() * 2];
    for (int i = 0; i < slots.size(); i++) {
      sl[2 * i] = slots.get(i) * SLOT;
      sl[2 * i + 1] = slotLens.get(i) * SLOT;
    }
    DevDax d = h.fsdev(v, sl);
    Random r = new Random(seed);
    for (TestFile.Seg s : segs) {
      if (!s.hole()) {
        byte[] b = new byte[(int) s.length()];
        r.nextBytes(b);
        h.writeDev(d, s.devOff(), b);
      }
    }
    TestFile f = new TestFile(h.faults, d.daxDevice(), segs, size);
    f.devDax = d;
    return f;
  }
}
