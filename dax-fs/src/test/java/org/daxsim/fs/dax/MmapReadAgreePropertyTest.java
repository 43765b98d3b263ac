package org.daxsim.fs.dax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;

import java.util.Random;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.mm.Vma;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/**
 * Loads through mmap, read(2) and the physical bytes agree, after stores through mmap (where
 * two file offsets share a device byte, the later store wins for both).
 */
class MmapReadAgreePropertyTest {
  record Io(Layout layout, long pos, int len, boolean store) {}

  @Test
  void mmapReadAndPhysicalAgree() {
    Gen<Io> ios = src -> {
      Layout l = src.draw(Layout.gen(true, true));
      long pos = src.choose(0, l.size() - 1);
      int len = (int) src.choose(1, Math.min(64 * 1024, l.size() - pos));
      return new Io(l, pos, len, src.flip());
    };
    Property.forAll(ios).named("mmap == read(2) == physical").tries(300).checkAssert(io -> {
      Host h = new Host();
      TestFile f = io.layout().build(h, DirectAccessVariant.PER_RANGE);
      long mapLen = (f.size() + 4095) & -4096L;
      Vma v = h.process.mmap(0, mapLen, PROT_READ | PROT_WRITE, MAP_SHARED, 0, f);
      byte[] want = h.model(f.devDax, f, io.pos(), io.len());
      boolean hole = false;
      for (long o = io.pos(); o < io.pos() + io.len(); o++) {
        hole |= f.devOffset(o) < 0;
      }
      if (io.store() && !hole) {
        byte[] stored = new byte[io.len()];
        new Random(io.layout().seed() ^ 2).nextBytes(stored);
        h.process.store(v.start() + io.pos(), stored, 0, stored.length);
        // Segments may alias device bytes: the store runs upward, so the last file offset
        // that maps to a device byte decides it, for every file offset sharing that byte.
        java.util.Map<Long, Integer> last = new java.util.HashMap<>();
        for (int i = 0; i < stored.length; i++) {
          last.put(f.devOffset(io.pos() + i), i);
        }
        for (int i = 0; i < stored.length; i++) {
          want[i] = stored[last.get(f.devOffset(io.pos() + i))];
        }
        assertThat(h.model(f.devDax, f, io.pos(), io.len())).as("stores land").isEqualTo(want);
      }
      byte[] viaMmap = new byte[io.len()];
      h.process.load(v.start() + io.pos(), viaMmap, 0, viaMmap.length);
      assertThat(viaMmap).isEqualTo(want);
      byte[][] out = new byte[1][];
      assertThat(h.read(f, io.pos(), io.len(), out)).isEqualTo(io.len());
      assertThat(out[0]).isEqualTo(want);
      assertThat(f.mappedOrders).allMatch(o -> o == 0 || o == 9);
    });
  }
}
