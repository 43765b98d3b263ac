package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.PAGE;
import static org.daxsim.core.mem.MemTesting.assertContents;
import static org.daxsim.core.mem.MemTesting.create;
import static org.daxsim.core.mem.MemTesting.intOffsets;
import static org.daxsim.core.mem.MemTesting.pattern;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.MemTesting.Bytes;
import org.daxsim.core.mem.MemTesting.Device;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.Test;

/** MemoryDevice.copy against byte[] models (System.arraycopy has memmove semantics). */
class MemoryDeviceCopyTest {

  /** A write of {@code len} bytes of fill pattern {@code fill} at {@code off}. */
  record Fill(int off, int len, int fill) {
    void apply(MemoryDevice dev, byte[] model) throws ErrnoException {
      byte[] data = pattern(fill, len);
      dev.write(off, data, 0, len);
      System.arraycopy(data, 0, model, off, len);
    }

    @Override
    public String toString() {
      return String.format("write(off=%d, len=%d, fill=%d)", off, len, fill);
    }
  }

  /**
   * Writes of up to two pages anywhere in a device of {@code size} bytes; the rest stays absent,
   * so copies meet zero (never written) sources and destinations too.
   */
  private static Gen<Fill> fills(int size) {
    return src -> {
      int off = src.draw(intOffsets(0, size - 1));
      int len = src.draw(intOffsets(0, Math.min(size - off, 2 * PAGE)));
      return new Fill(off, len, src.chooseInt(0, 255));
    };
  }

  /**
   * Property: on one device of 1 to 12 pages, any sequence of writes and copies (overlapping in
   * either direction, heavily overlapping, across block boundaries, from and to never-written
   * blocks) leaves the device reading exactly as a byte[] model that the same writes and
   * System.arraycopy calls (memmove semantics) were applied to.
   */
  @Test
  void copyWithinOneDeviceIsMemmove() {
    Stateful.of(Device::new, Bytes::new)
        .named("copy within one device is memmove on a byte[] model")
        .actionsFrom(m -> m.bytes == null ? create(12) : Gen.frequency(
            Map.entry(1, fills(m.size()).map(MemoryDeviceCopyTest::write)),
            Map.entry(2, copies(m.size()))))
        .invariant(MemTesting::assertDeviceIs)
        .maxSteps(40)
        .check();
  }

  private static Action<Device, Bytes> write(Fill f) {
    return Action.of(f.toString(), (sut, m) -> f.apply(sut.dev, m.bytes));
  }

  private static Gen<Action<Device, Bytes>> copies(int size) {
    return src -> {
      int from = src.draw(intOffsets(0, size));
      int to = src.draw(intOffsets(0, size));
      int len = src.draw(intOffsets(0, size - Math.max(from, to)));
      if (src.weighted(0.25)) { // heavy overlap: destination within 4 bytes of the source
        to = Math.max(0, Math.min(size - len, from + src.chooseInt(-4, 4)));
      }
      int dst = to;
      return Action.of(String.format("copy(src=%d, dst=%d, len=%d)", from, dst, len),
          (sut, m) -> {
            MemoryDevice.copy(sut.dev, from, sut.dev, dst, len);
            System.arraycopy(m.bytes, from, m.bytes, dst, len);
          });
    };
  }

  /** One copy between two populated devices. */
  record Between(int srcPages, int dstPages, List<Fill> srcFills, List<Fill> dstFills,
      int src, int dst, int len) {}

  private static final Gen<Between> BETWEEN = src -> {
    int sPages = src.chooseInt(1, 8);
    int dPages = src.chooseInt(1, 8);
    List<Fill> sFills = src.draw(Gen.lists(fills(sPages * PAGE), 0, 5));
    List<Fill> dFills = src.draw(Gen.lists(fills(dPages * PAGE), 0, 5));
    int from = src.draw(intOffsets(0, sPages * PAGE));
    int to = src.draw(intOffsets(0, dPages * PAGE));
    int len = src.draw(intOffsets(0, Math.min(sPages * PAGE - from, dPages * PAGE - to)));
    return new Between(sPages, dPages, sFills, dFills, from, to, len);
  };

  /**
   * Property: a copy between two devices of 1 to 8 pages, each partly written, makes the
   * destination read exactly as System.arraycopy makes a byte[] model of it, and leaves the
   * source reading as before.
   */
  @Test
  void copyBetweenDevices() {
    Property.forAll(BETWEEN)
        .named("copy between devices matches System.arraycopy and leaves the source alone")
        .checkAssert(c -> {
          MemoryDevice s = MemoryDevice.create("s", c.srcPages() * PAGE);
          MemoryDevice d = MemoryDevice.create("d", c.dstPages() * PAGE);
          byte[] sm = new byte[c.srcPages() * PAGE];
          byte[] dm = new byte[c.dstPages() * PAGE];
          for (Fill f : c.srcFills()) {
            f.apply(s, sm);
          }
          for (Fill f : c.dstFills()) {
            f.apply(d, dm);
          }
          MemoryDevice.copy(s, c.src(), d, c.dst(), c.len());
          System.arraycopy(sm, c.src(), dm, c.dst(), c.len());
          assertContents(d, dm, "destination");
          assertContents(s, sm, "source");
        });
  }

  @Test
  void copyingZerosAllocatesNothingAndClearsData() throws ErrnoException {
    MemoryDevice s = MemoryDevice.create("s", 1L << 40);
    MemoryDevice d = MemoryDevice.create("d", 1L << 40);
    MemoryDevice.copy(s, 0, d, 12345, 64L << 20);
    assertThat(d.residentBytes()).isZero();
    byte[] ones = new byte[8192];
    Arrays.fill(ones, (byte) -1);
    d.write(4096, ones, 0, ones.length);
    MemoryDevice.copy(s, 0, d, 4096 + 10, 100);
    byte[] back = new byte[ones.length];
    d.read(4096, back, 0, back.length);
    for (int i = 0; i < back.length; i++) {
      assertThat(back[i]).as("byte %d", i).isEqualTo((byte) (i >= 10 && i < 110 ? 0 : -1));
    }
  }
}
