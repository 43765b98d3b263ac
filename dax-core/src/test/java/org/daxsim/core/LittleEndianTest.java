package org.daxsim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/** {@link LittleEndian} against a little-endian ByteBuffer over the same bytes. */
class LittleEndianTest {
  @Test
  void fieldsReadAndWriteAsALittleEndianByteBuffer() {
    Gen<long[]> cases = Gen.zip(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE), Gen.ints(0, 24),
        (v, off) -> new long[] {v, off});
    Property.forAll(cases).named("LittleEndian == ByteBuffer LE").tries(500).checkAssert(c -> {
      long v = c[0];
      int off = (int) c[1];
      byte[] a = new byte[32];
      ByteBuffer ref = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
      LittleEndian.putLong(a, off, v);
      ref.putLong(off, v);
      assertThat(a).isEqualTo(ref.array());
      assertThat(LittleEndian.getLong(a, off)).isEqualTo(v);
      LittleEndian.putInt(a, off + 4, (int) (v >>> 17));
      ref.putInt(off + 4, (int) (v >>> 17));
      assertThat(a).isEqualTo(ref.array());
      assertThat(LittleEndian.getInt(a, off + 4)).isEqualTo(ref.getInt(off + 4));
    });
  }

  @Test
  void aFieldPastTheEndIsRefusedAndWritesNothing() {
    byte[] a = new byte[8];
    assertThatThrownBy(() -> LittleEndian.putLong(a, 1, -1L))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(a).containsOnly(0);
  }
}
