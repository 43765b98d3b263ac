package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.caseSeed;
import static org.daxsim.core.mem.MemTesting.tries;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.daxsim.core.ErrnoException;
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
    assertThat(dev.store().tableCount()).isEqualTo(1);
    assertThat(dev.name()).isEqualTo("mem0");
    assertThat(dev.size()).isEqualTo(16 * GIB);
  }

  @Test
  void radixDepthGrowsWithSize() throws ErrnoException {
    assertThat(MemoryDevice.create("a", 4096).store().levels()).isEqualTo(1);
    assertThat(MemoryDevice.create("b", 16 * MIB).store().levels()).isEqualTo(1);
    assertThat(MemoryDevice.create("c", 16 * MIB + 4096).store().levels()).isEqualTo(2);
    assertThat(MemoryDevice.create("d", TIB).store().levels()).isEqualTo(3);
    assertThat(MemoryDevice.create("e", 16 * TIB).store().levels()).isEqualTo(4);
    assertThat(MemoryDevice.create("f", MemoryDevice.MAX_SIZE).store().levels()).isEqualTo(5);
  }

  /**
   * A 1 TiB device with a few pages written costs about those pages. Per written page the heap
   * grows by at most the 4 KiB block plus one new table per level below the root (two 512-slot
   * tables at 1 TiB, at most 4112 bytes each with uncompressed references); the root itself is 1024
   * slots. Measured heap growth must stay well below 4 MiB.
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
    long tableBytes = (dev.store().tableCount() - 1) * (512 * 8 + 16) + (1024 * 8 + 16);
    String why = "seed " + caseSeed(1) + ", heap growth " + (after - before);

    assertThat(dev.residentBytes()).as(why).isEqualTo(pages * 4096L);
    assertThat(dev.store().tableCount()).as(why).isLessThanOrEqualTo(1 + 2L * pages);
    assertThat(dev.residentBytes() + tableBytes)
        .as(why)
        .isLessThan(pages * (4096L + 2 * 4112) + 8208);
    assertThat(after - before).as(why).isLessThan(4 * MIB);
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
        "sparse 1 TiB: %d pages, resident %d B, %d tables, heap growth %d B%n",
        pages, dev.residentBytes(), dev.store().tableCount(), after - before);
    // Zeroing the whole device walks only the populated subtrees and frees every block.
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

  /** Random reads, writes, zeroing and longs against a byte[] model. */
  @Test
  void randomAccessMatchesModel() throws ErrnoException {
    for (int c = 0; c < tries(200); c++) {
      long seed = caseSeed(100 + c);
      SplittableRandom rnd = new SplittableRandom(seed);
      int size = (1 + rnd.nextInt(64)) * 4096;
      MemoryDevice dev = MemoryDevice.create("m", size);
      byte[] model = new byte[size];
      for (int op = 0; op < 60; op++) {
        int off = rnd.nextInt(size);
        int len = rnd.nextInt(Math.min(size - off, 3 * 4096) + 1);
        String at = String.format("seed %d op %d off %d len %d", seed, op, off, len);
        switch (rnd.nextInt(5)) {
          case 0, 1 -> {
            byte[] src = new byte[len + 5];
            rnd.nextBytes(src);
            int srcOff = rnd.nextInt(6);
            len = Math.min(len, src.length - srcOff);
            dev.write(off, src, srcOff, len);
            System.arraycopy(src, srcOff, model, off, len);
          }
          case 2 -> {
            dev.zero(off, len);
            Arrays.fill(model, off, off + len, (byte) 0);
          }
          case 3 -> {
            if (off + 8 <= size) {
              long v = rnd.nextLong();
              dev.writeLong(off, v);
              ByteBuffer.wrap(model, off, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
            }
          }
          default -> {
            byte[] dst = new byte[len + 3];
            dev.read(off, dst, 3, len);
            assertThat(Arrays.copyOfRange(dst, 3, 3 + len))
                .as(at)
                .isEqualTo(Arrays.copyOfRange(model, off, off + len));
          }
        }
      }
      byte[] all = new byte[size];
      dev.read(0, all, 0, size);
      assertThat(all).as("seed %d", seed).isEqualTo(model);
      assertThat(dev.residentBytes()).as("seed %d", seed).isLessThanOrEqualTo(size);
    }
  }
}
