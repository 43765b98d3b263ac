package org.daxsim.fs.dax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/**
 * The engine's reusable holder says exactly what the immutable record says: for any fields and
 * position, the same pgoff and length, and a copy equal to the record; a cleared holder is "no
 * mapping" (a null record).
 */
class IomapBufTest {
  record Case(long addr, long offset, long length, long pos) {}

  @Test
  void aHolderAgreesWithTheRecordItWasSetFrom() {
    Gen<Case> cases = Gen.zip(Gen.lists(Gen.longs(0, 1L << 40), 3, 3), Gen.longs(0, 1L << 41),
        (List<Long> f, Long pos) -> new Case(f.get(0) & ~0xfffL, f.get(1) & ~0xfffL, f.get(2) + 1,
            pos));
    IomapBuf buf = new IomapBuf();
    Property.forAll(cases).named("IomapBuf == Iomap").tries(500).checkAssert(c -> {
      Iomap m = new Iomap(c.addr(), c.offset(), c.length(), Iomap.IOMAP_MAPPED,
          Iomap.IOMAP_F_NEW, null);
      buf.clear().set(m);
      assertThat(buf.valid()).isTrue();
      assertThat(buf.pgoff(c.pos())).isEqualTo(m.pgoff(c.pos()));
      assertThat(buf.lengthFrom(c.pos())).isEqualTo(m.lengthFrom(c.pos()));
      assertThat(buf.toIomap()).isEqualTo(m);
      assertThat(new IomapBuf().setMapped(c.addr(), c.offset(), c.length(), null).toIomap())
          .isEqualTo(Iomap.mapped(c.addr(), c.offset(), c.length(), null));
    });
  }

  @Test
  void aClearedHolderIsNoMapping() {
    IomapBuf buf = new IomapBuf().setMapped(4096, 0, 8192, null);
    assertThat(buf.clear().valid()).isFalse();
    assertThat(buf.toIomap()).isNull();
    assertThat(buf.set((Iomap) null).valid()).isFalse();
  }
}
