package org.daxsim.fs.dax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Errno;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/** daxIomapRw against the physical model: reads, writes, EOF, holes, count/error rules. */
class IomapRwPropertyTest {
  record Io(Layout layout, long pos, int len) {}

  static Gen<Io> ios(boolean holes, boolean shortSize) {
    return src -> {
      Layout l = src.draw(Layout.gen(holes, shortSize));
      long pos = src.choose(0, l.extentBytes() + 8192);
      int len = (int) src.choose(0, 96 * 1024);
      return new Io(l, pos, len);
    };
  }

  @Test
  void readsSeeThePhysicalBytesClampAtEofAndHolesReadZeros() {
    Property.forAll(ios(true, true)).named("read(2) == physical model").tries(300)
        .checkAssert(io -> {
          Host h = new Host();
          TestFile f = io.layout().build(h, DirectAccessVariant.PER_RANGE);
          byte[][] out = new byte[1][];
          long r = h.read(f, io.pos(), io.len(), out);
          if (io.pos() >= f.size() || io.len() == 0) {
            assertThat(r).as("at/after EOF or empty").isZero();
          } else {
            int n = (int) Math.min(io.len(), f.size() - io.pos());
            assertThat(r).isEqualTo(n);
            assertThat(out[0]).isEqualTo(h.model(f.devDax, f, io.pos(), n));
          }
        });
  }

  @Test
  void writesLandAtThePhysicalBytesAndStopAtAHole() {
    Property.forAll(ios(true, false)).named("write(2) lands physically").tries(300)
        .checkAssert(io -> {
          Host h = new Host();
          TestFile f = io.layout().build(h, DirectAccessVariant.PER_RANGE);
          long pos = Math.min(io.pos(), f.extentBytes());
          int len = (int) Math.min(io.len(), f.extentBytes() - pos);
          byte[] data = new byte[len];
          new Random(io.layout().seed() ^ 1).nextBytes(data);
          long r = h.write(f, pos, data);
          int ok = 0;
          while (ok < len && f.devOffset(pos + ok) >= 0) {
            ok++;
          }
          if (len == 0) {
            assertThat(r).isZero();
          } else if (ok == 0) {
            assertThat(r).as("a hole is not IOMAP_MAPPED").isEqualTo(Errno.EIO.neg());
          } else {
            assertThat(r).isEqualTo(ok);
            // Extents may alias device bytes; write(2) goes in file order, so the last file byte
            // written to a device byte is what every alias of it reads back.
            java.util.Map<Long, Byte> device = new java.util.HashMap<>();
            for (int i = 0; i < ok; i++) {
              device.put(f.devOffset(pos + i), data[i]);
            }
            byte[] expected = new byte[ok];
            for (int i = 0; i < ok; i++) {
              expected[i] = device.get(f.devOffset(pos + i));
            }
            assertThat(h.model(f.devDax, f, pos, ok)).isEqualTo(expected);
          }
          assertThat(f.size()).as("the engine never changes the size").isEqualTo(
              io.layout().size());
        });
  }

  @Test
  void iomapPgoffIsTheDevicePageOfThePosition() {
    Property.forAll(ios(true, false)).named("invariant 25").tries(300).checkAssert(io -> {
      Host h = new Host();
      TestFile f = io.layout().build(h, DirectAccessVariant.PER_RANGE);
      long pos = io.pos() % f.extentBytes();
      Iomap m = f.iomapBegin(f, pos, 1, Iomap.IOMAP_DAX);
      long dev = f.devOffset(pos);
      if (dev >= 0) {
        assertThat(m.pgoff(pos)).isEqualTo(dev >> 12)
            .isEqualTo((m.addr() + (pos & -4096L) - m.offset()) / 4096);
      } else {
        assertThat(m.type()).isEqualTo(Iomap.IOMAP_HOLE);
      }
    });
  }
}
