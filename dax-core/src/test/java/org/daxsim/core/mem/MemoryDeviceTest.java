package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.PAGE;
import static org.daxsim.core.mem.MemTesting.assertDeviceIs;
import static org.daxsim.core.mem.MemTesting.assertSameBytes;
import static org.daxsim.core.mem.MemTesting.caseSeed;
import static org.daxsim.core.mem.MemTesting.create;
import static org.daxsim.core.mem.MemTesting.intOffsets;
import static org.daxsim.core.mem.MemTesting.pattern;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.MemTesting.Bytes;
import org.daxsim.core.mem.MemTesting.Device;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.Test;

class MemoryDeviceTest {
  private static final long KIB = 1024;
  private static final long MIB = KIB * KIB;
  private static final long GIB = MIB * KIB;
  private static final long TIB = GIB * KIB;

  @Test
  void freshDeviceReadsZerosAndAllocatesNothing() throws ErrnoException {
    MemoryDevice dev = MemoryDevice.create("mem0", 16 * GIB);
    byte[] buf = new byte[3 * 4096 + 17];
    Arrays.fill(buf, (byte) 0x5a);
    dev.read(7 * GIB + 4093, buf, 0, buf.length);
    assertThat(buf).containsOnly(0);
    assertThat(dev.readLong(16 * GIB - 8)).isZero();
    assertThat(dev.residentBytes()).isZero();
    assertThat(dev.store().leafCount()).isZero();
    assertThat(dev.name()).isEqualTo("mem0");
    assertThat(dev.size()).isEqualTo(16 * GIB);
  }

  /** The index grows with the 64 KiB chunks written, never with the device size. */
  @Test
  void indexGrowsWithChunksWrittenNotSize() throws ErrnoException {
    int fresh = MemoryDevice.create("a", 4096).store().capacity();
    assertThat(MemoryDevice.create("f", MemoryDevice.MAX_SIZE).store().capacity())
        .isEqualTo(fresh);
    MemoryDevice dev = MemoryDevice.create("g", TIB);
    byte[] one = {1};
    for (int c = 0; c < 1000; c++) {
      dev.write(c * 7919L * 65536 + 4095, one, 0, 1); // one byte in each of 1000 chunks
      dev.write(c * 7919L * 65536 + 65535, one, 0, 1); // a second block of the same chunk
    }
    assertThat(dev.store().leafCount()).isEqualTo(1000);
    assertThat(dev.store().capacity()).isEqualTo(2048); // at most half full, grown by doubling
    assertThat(dev.residentBytes()).isEqualTo(2000 * 4096L);
    for (int c = 0; c < 1000; c++) {
      assertThat(dev.readLong(c * 7919L * 65536 + 4088)).as("chunk %d", c).isEqualTo(1L << 56);
      assertThat(dev.readLong(c * 7919L * 65536 + 65528)).as("chunk %d", c).isEqualTo(1L << 56);
    }
  }

  /**
   * A 1 TiB device with a few pages written costs about those pages. Per written page the heap
   * grows by at most the 4 KiB block (4112 bytes with its header) plus one 16-slot leaf (at most
   * 144 bytes with uncompressed references) plus its hash slots (at most 4 slots of 16 bytes at a
   * load above 1/4). Measured heap growth must stay below 400 KiB (about 270 KiB expected; the
   * radix took about 530 KiB).
   */
  @Test
  void sparseOneTebibyte() throws Exception {
    int pages = 64;
    long before = usedHeap();
    MemoryDevice dev = MemoryDevice.create("cxl-1t", TIB);
    SplittableRandom rnd = new SplittableRandom(caseSeed(1));
    TreeSet<Long> offsets = new TreeSet<>();
    while (offsets.size() < pages) {
      offsets.add(rnd.nextLong(TIB / 4096) * 4096);
    }
    byte[] page = new byte[4096];
    for (long off : offsets) {
      Arrays.fill(page, (byte) (off >>> 12));
      dev.write(off, page, 0, page.length);
    }
    long after = usedHeap();
    long indexBytes = dev.store().leafCount() * 144 + dev.store().capacity() * 16L;
    String why = "seed " + caseSeed(1) + ", heap growth " + (after - before);

    assertThat(dev.residentBytes()).as(why).isEqualTo(pages * 4096L);
    assertThat(dev.store().leafCount()).as(why).isLessThanOrEqualTo(pages);
    assertThat(dev.residentBytes() + indexBytes)
        .as(why)
        .isLessThan(pages * (4112L + 144 + 4 * 16) + 16 * 16);
    assertThat(after - before).as(why).isLessThan(400 * KIB); // the radix took ~530 KiB
    for (long off : offsets) {
      assertThat(dev.readLong(off + 8)).as(why).isEqualTo(repeat((byte) (off >>> 12)));
      long next = off + 4096;
      if (next < TIB && !offsets.contains(next)) {
        assertThat(dev.readLong(next)).as(why).isZero();
      }
    }
    byte[] probe = new byte[8192];
    dev.read(TIB / 2 + 123, probe, 0, probe.length);
    if (offsets.subSet(TIB / 2 - 4096, TIB / 2 + 3 * 4096).isEmpty()) {
      assertThat(probe).as(why).containsOnly(0);
    }
    System.out.printf(
        "sparse 1 TiB: %d pages, resident %d B, %d leaves, heap growth %d B%n",
        pages, dev.residentBytes(), dev.store().leafCount(), after - before);
    // Zeroing the whole device scans only the hash table and frees every block.
    dev.zero(0, TIB);
    assertThat(dev.residentBytes()).as(why).isZero();
    assertThat(dev.readLong(offsets.first())).as(why).isZero();
  }

  private static long repeat(byte b) {
    return (b & 0xffL) * 0x0101010101010101L;
  }

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(10);
      best = Math.min(best, rt.totalMemory() - rt.freeMemory());
    }
    return best;
  }

  @Test
  void zeroReleasesWholeBlocksOnly() throws ErrnoException {
    MemoryDevice dev = MemoryDevice.create("z", 64 * KIB);
    byte[] ones = new byte[3 * 4096];
    Arrays.fill(ones, (byte) 1);
    dev.write(4096, ones, 0, ones.length);
    assertThat(dev.residentBytes()).isEqualTo(3 * 4096);
    dev.zero(4096 + 100, 2 * 4096);
    assertThat(dev.residentBytes())
        .as("only the middle block is wholly zeroed")
        .isEqualTo(2 * 4096);
    byte[] back = new byte[ones.length];
    dev.read(4096, back, 0, back.length);
    for (int i = 0; i < back.length; i++) {
      assertThat(back[i]).as("byte %d", i).isEqualTo((byte) (i >= 100 && i < 100 + 8192 ? 0 : 1));
    }
  }

  @Test
  void longsAreLittleEndianAtAnyAlignment() throws ErrnoException {
    MemoryDevice dev = MemoryDevice.create("l", 3 * 4096);
    for (long off : new long[] {0, 8, 4092, 4095, 4088, 8190, 3 * 4096 - 8}) {
      long v = 0x0102030405060708L ^ off;
      dev.writeLong(off, v);
      byte[] raw = new byte[8];
      dev.read(off, raw, 0, 8);
      assertThat(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong())
          .as("off %d", off)
          .isEqualTo(v);
      assertThat(dev.readLong(off)).as("off %d", off).isEqualTo(v);
    }
  }

  /**
   * Property: after any sequence of write, zero, writeLong, read and readLong steps on a device
   * of 1 to 64 pages, the whole device reads exactly as a plain byte[] model that the same steps
   * were applied to with System.arraycopy, Arrays.fill and a little-endian ByteBuffer; every read
   * and readLong returns the model's bytes, and a read touches only its destination range.
   */
  @Test
  void randomAccessMatchesModel() {
    Stateful.of(Device::new, Bytes::new)
        .named("device reads, writes, zeroing and longs match a byte[] model")
        .actionsFrom(m -> m.bytes == null ? create(64) : accessSteps(m.size()))
        .invariant((sut, m) -> {
          assertDeviceIs(sut, m);
          if (m.bytes != null) {
            assertThat(sut.dev.residentBytes()).as("residentBytes").isLessThanOrEqualTo(m.size());
          }
        })
        .maxSteps(60)
        .check();
  }

  private static Gen<Action<Device, Bytes>> accessSteps(int size) {
    Gen<Action<Device, Bytes>> write = src -> {
      int off = src.draw(intOffsets(0, size));
      int len = src.draw(intOffsets(0, Math.min(size - off, 3 * PAGE)));
      int srcOff = src.chooseInt(0, 5);
      int fill = src.chooseInt(0, 255);
      return Action.of(String.format("write(off=%d, len=%d, srcOff=%d, fill=%d)",
          off, len, srcOff, fill), (sut, m) -> {
            byte[] data = pattern(fill, srcOff + len + 3); // bytes on both sides stay unwritten
            sut.dev.write(off, data, srcOff, len);
            System.arraycopy(data, srcOff, m.bytes, off, len);
          });
    };
    Gen<Action<Device, Bytes>> zero = src -> {
      int off = src.draw(intOffsets(0, size));
      int len = src.draw(intOffsets(0, Math.min(size - off, 3 * PAGE)));
      return Action.of(String.format("zero(off=%d, len=%d)", off, len), (sut, m) -> {
        sut.dev.zero(off, len);
        Arrays.fill(m.bytes, off, off + len, (byte) 0);
      });
    };
    Gen<Action<Device, Bytes>> writeLong = src -> {
      int off = src.draw(intOffsets(0, size - 8));
      long v = src.draw(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE));
      return Action.of(String.format("writeLong(off=%d, 0x%x)", off, v), (sut, m) -> {
        sut.dev.writeLong(off, v);
        ByteBuffer.wrap(m.bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(off, v);
      });
    };
    Gen<Action<Device, Bytes>> read = src -> {
      int off = src.draw(intOffsets(0, size));
      int len = src.draw(intOffsets(0, Math.min(size - off, 3 * PAGE)));
      int dstOff = src.chooseInt(0, 3);
      return Action.of(String.format("read(off=%d, len=%d, dstOff=%d)", off, len, dstOff),
          (sut, m) -> {
            byte[] dst = new byte[dstOff + len + 3];
            Arrays.fill(dst, (byte) 0x5a);
            byte[] expected = dst.clone();
            System.arraycopy(m.bytes, off, expected, dstOff, len);
            sut.dev.read(off, dst, dstOff, len);
            assertSameBytes(dst, expected, "read buffer");
          });
    };
    Gen<Action<Device, Bytes>> readLong = src -> {
      int off = src.draw(intOffsets(0, size - 8));
      return Action.of(String.format("readLong(off=%d)", off), (sut, m) ->
          assertThat(sut.dev.readLong(off))
              .as("readLong")
              .isEqualTo(ByteBuffer.wrap(m.bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(off)));
    };
    return Gen.frequency(
        Map.entry(2, write),
        Map.entry(1, zero),
        Map.entry(1, writeLong),
        Map.entry(1, read),
        Map.entry(1, readLong));
  }
}
