package org.daxsim.fs.dax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;

import java.util.Arrays;
import java.util.List;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Errno;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.PmemDaxOperations;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.Signal;
import org.daxsim.core.mm.Vma;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** daxIomapRw rules one by one: errors, short copies, poison, and the seed story. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a lost break loops
class DaxIomapRwTest {
  static final long MiB = Host.MiB;

  Host h;

  DaxIomapRwTest() throws Exception {
    h = new Host();
  }

  /** A file of one extent over the whole device (size = device size). */
  TestFile wholeDevice(DevDax d) {
    TestFile f = new TestFile(h.faults, d.daxDevice(), List.of(new TestFile.Seg(0, d.size())),
        d.size());
    f.devDax = d;
    return f;
  }

  static byte[] pattern(int len, int salt) {
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) (i * 31 + (i >> 12) * 7 + salt);
    }
    return b;
  }

  @Test
  void zeroLengthIsZeroAndIomapBeginErrorsAreReturnedWhenNothingWasDone() throws Exception {
    DevDax d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 2 * MiB);
    TestFile f = wholeDevice(d);
    f.failPastExtents = true;
    byte[][] out = new byte[1][];
    assertThat(h.read(f, 4096, 0, out)).isZero();
    f.size = 4 * MiB; // i_size past the extents: famfs-style iomap_begin fails there
    assertThat(h.read(f, 3 * MiB, 100, out)).isEqualTo(Errno.EIO.neg());
    // after progress the byte count wins over the error
    assertThat(h.read(f, 2 * MiB - 100, 300, out)).isEqualTo(100);
    assertThat(f.flagsSeen & Iomap.IOMAP_DAX).isNotZero();
    assertThat(h.write(f, 2 * MiB - 10, new byte[20])).isEqualTo(10);
    assertThat(f.flagsSeen & Iomap.IOMAP_WRITE).isNotZero();
  }

  @Test
  void aCopyOfZeroBytesIsEfaultAndAShortCopyReturnsThePartialCount() throws Exception {
    DevDax d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 2 * MiB);
    TestFile f = wholeDevice(d);
    h.writeDev(d, 0, pattern(3 * 4096, 1));
    // a destination that is not mapped at all: 0 bytes -> EFAULT
    IovIter bad = IovIter.ubuf(h.process, IovIter.ITER_DEST, 0x10000, 4096);
    assertThat(h.fsDax.daxIomapRw(0, bad, false, f, f)).isEqualTo(Errno.EFAULT.neg());
    // a destination whose second page is missing: short copy, 4096
    Vma b = h.buffer(8192);
    h.process.munmap(b.start() + 4096, 4096);
    IovIter half = IovIter.ubuf(h.process, IovIter.ITER_DEST, b.start(), 8192);
    assertThat(h.fsDax.daxIomapRw(0, half, false, f, f)).isEqualTo(4096);
  }

  @Test
  void unexpectedIomapTypeIsEio() throws Exception {
    DevDax d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 2 * MiB);
    IomapOps inline = (inode, pos, len, flags) ->
        new Iomap(0, 0, 2 * MiB, Iomap.IOMAP_INLINE, 0, d.daxDevice());
    TestFile f = wholeDevice(d);
    IovIter it = IovIter.ubuf(h.process, IovIter.ITER_DEST, h.buffer(4096).start(), 4096);
    assertThat(h.fsDax.daxIomapRw(0, it, false, f, inline)).isEqualTo(Errno.EIO.neg());
  }

  @Test
  void aDeadDeviceReadsEnxio() throws Exception {
    DevDax d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 2 * MiB);
    TestFile f = wholeDevice(d);
    h.bus.unbind(d);
    byte[][] out = new byte[1][];
    assertThat(h.read(f, 0, 10, out)).isEqualTo(Errno.ENXIO.neg());
  }

  // ------------------------------------------------------------------ the seed story

  /** Two ranges with a physical gap: 2 MiB at +4M then 2 MiB at +64M; file over both. */
  TestFile crossing(DirectAccessVariant v) throws Exception {
    DevDax d = h.fsdev(v, 4 * MiB, 2 * MiB, 64 * MiB, 2 * MiB);
    TestFile f = wholeDevice(d);
    h.writeDev(d, 0, pattern((int) (4 * MiB), 3));
    return f;
  }

  byte[] viaMmap(TestFile f, long off, int len) throws Exception {
    Vma v = h.process.mmap(0, 4 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED, 0, f);
    byte[] b = new byte[len];
    h.process.load(v.start() + off, b, 0, len);
    h.process.munmap(v.start(), v.length());
    return b;
  }

  static final long SPAN = 2 * MiB - 8192; // 16 KiB crossing the range boundary
  static final int SPAN_LEN = 16384;

  @Test
  void perRangeReadAndMmapAgree() throws Exception {
    TestFile f = crossing(DirectAccessVariant.PER_RANGE);
    byte[][] out = new byte[1][];
    assertThat(h.read(f, SPAN, SPAN_LEN, out)).isEqualTo(SPAN_LEN);
    byte[] want = Arrays.copyOfRange(pattern((int) (4 * MiB), 3), (int) SPAN,
        (int) SPAN + SPAN_LEN);
    assertThat(out[0]).isEqualTo(want);
    assertThat(viaMmap(f, SPAN, SPAN_LEN)).isEqualTo(want);
    // and a write through read(2)'s path is seen through mmap
    assertThat(h.write(f, SPAN, pattern(SPAN_LEN, 9))).isEqualTo(SPAN_LEN);
    assertThat(viaMmap(f, SPAN, SPAN_LEN)).isEqualTo(pattern(SPAN_LEN, 9));
  }

  @Test
  void seedPhysReadFailsEfaultWhileMmapIsRight() throws Exception {
    TestFile f = crossing(DirectAccessVariant.SEED_PHYS);
    byte[][] out = new byte[1][];
    assertThat(h.read(f, 0, 4096, out)).isEqualTo(Errno.EFAULT.neg());
    assertThat(h.read(f, SPAN, SPAN_LEN, out)).isEqualTo(Errno.EFAULT.neg());
    assertThat(viaMmap(f, SPAN, SPAN_LEN)).isEqualTo(Arrays.copyOfRange(
        pattern((int) (4 * MiB), 3), (int) SPAN, (int) SPAN + SPAN_LEN));
  }

  @Test
  void rfcVirtOffsetReadIsWrongOrShortPastRangeZeroWhileMmapIsRight() throws Exception {
    TestFile f = crossing(DirectAccessVariant.RFC_VIRT_OFFSET);
    byte[] all = pattern((int) (4 * MiB), 3);
    byte[] want = Arrays.copyOfRange(all, (int) SPAN, (int) SPAN + SPAN_LEN);
    byte[][] out = new byte[1][];
    long r = h.read(f, SPAN, SPAN_LEN, out);
    assertThat(r == SPAN_LEN && Arrays.equals(out[0], want))
        .as("read past range 0 is right (r=%d)", r).isFalse();
    assertThat(r).isEqualTo(8192); // range 0 part is right, the gap is unmapped: short read
    assertThat(out[0]).isEqualTo(Arrays.copyOf(want, 8192));
    assertThat(viaMmap(f, SPAN, SPAN_LEN)).isEqualTo(want);
  }

  @Test
  void fsdevFullSpanReadOfTheCrossingSpanFailsEfault() throws Exception {
    TestFile f = crossing(DirectAccessVariant.FSDEV_FULL_SPAN);
    byte[][] out = new byte[1][];
    assertThat(h.read(f, SPAN, SPAN_LEN, out)).isEqualTo(Errno.EFAULT.neg());
    // the span asked for is iomap_length (request clamped to the extent): inside range 0 works
    assertThat(h.read(f, 0, 4096, out)).isEqualTo(4096);
    // a request running to the end of the extent crosses the boundary and fails
    assertThat(h.read(f, 0, (int) (4 * MiB), out)).isEqualTo(Errno.EFAULT.neg());
    assertThat(viaMmap(f, SPAN, SPAN_LEN)).isEqualTo(Arrays.copyOfRange(
        pattern((int) (4 * MiB), 3), (int) SPAN, (int) SPAN + SPAN_LEN));
  }

  // ------------------------------------------------------------------ poison

  @Test
  void pmemPoisonReadsBytesBeforeThenEioAndAWriteRecoversThroughRecoveryWrite()
      throws Exception {
    long phys = Host.BASE + 512 * MiB;
    PmemDaxOperations pmem = PmemDaxOperations.create(h.kas, phys, 2 * MiB);
    DaxDevice dax = pmem.attach(h.core);
    h.core.runDax(dax);
    TestFile f = new TestFile(h.faults, dax, List.of(new TestFile.Seg(0, 2 * MiB)), 2 * MiB);
    h.phys.write(phys, pattern(8 * 4096, 5), 0, 8 * 4096);
    pmem.injectPoison(3);
    byte[][] out = new byte[1][];
    assertThat(h.read(f, 4096, 2 * 4096, out)).isEqualTo(2 * 4096); // pages 1, 2
    assertThat(out[0]).isEqualTo(Arrays.copyOfRange(pattern(8 * 4096, 5), 4096, 3 * 4096));
    // pmem refuses (-EHWPOISON) any DAX_ACCESS span holding a bad block: the read is EIO
    assertThat(h.read(f, 4096, 4 * 4096, out)).isEqualTo(Errno.EIO.neg());
    assertThat(h.read(f, 3 * 4096 + 5, 10, out)).isEqualTo(Errno.EIO.neg()); // never EHWPOISON
    // a whole-page write over the poisoned page: DAX_RECOVERY_WRITE, then recovery_write
    assertThat(h.write(f, 3 * 4096, pattern(4096, 7))).isEqualTo(4096);
    assertThat(pmem.isBadPage(3)).isFalse();
    assertThat(h.read(f, 3 * 4096, 4096, out)).isEqualTo(4096);
    assertThat(out[0]).isEqualTo(pattern(4096, 7));
    // a partial-page write cannot recover: recovery_write moves 0 bytes -> EFAULT
    pmem.injectPoison(5);
    assertThat(h.write(f, 5 * 4096 + 1, new byte[10])).isEqualTo(Errno.EFAULT.neg());
  }

  @Test
  void fsdevPoisonShortReadsThenEfaultAndAMappingAccessIsSigbusMceerrAr() throws Exception {
    DevDax d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 2 * MiB);
    TestFile f = wholeDevice(d);
    h.writeDev(d, 0, pattern(8 * 4096, 6));
    long poisoned = d.pgoffToPhys(3, 4096);
    h.phys.memoryFailure(poisoned >>> 12);
    byte[][] out = new byte[1][];
    // fsdev's direct_access does not know the poison: the machine-check-safe copy stops at it
    assertThat(h.read(f, 4096, 4 * 4096, out)).isEqualTo(2 * 4096);
    assertThat(out[0]).isEqualTo(Arrays.copyOfRange(pattern(8 * 4096, 6), 4096, 3 * 4096));
    assertThat(h.read(f, 3 * 4096, 100, out)).isEqualTo(Errno.EFAULT.neg());
    Vma v = h.process.mmap(0, 2 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED, 0, f);
    Signal s = catchThrowableOfType(() -> h.process.load(v.start() + 3 * 4096 + 8, new byte[1],
        0, 1), Signal.class);
    assertThat(s.signo()).isEqualTo(Signal.SIGBUS);
    assertThat(s.code()).isEqualTo(Signal.BUS_MCEERR_AR);
  }

  /**
   * The engine reuses its iomap and kaddr/pfn holders per thread; a read started inside another
   * read on the same thread (here by a trace listener at the outer read's iomap_begin and at its
   * direct_access) must get holders of its own, and both reads must see their own bytes.
   */
  @Test
  void aReadNestedInATraceListenerDoesNotDisturbTheOuterRead() throws Exception {
    DevDax d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 4 * MiB);
    TestFile f = wholeDevice(d);
    byte[] data = pattern((int) (4 * MiB), 5);
    assertThat(h.write(f, 0, data)).isEqualTo(4 * MiB);
    Thread me = Thread.currentThread();
    boolean[] inside = new boolean[1];
    java.util.List<byte[]> inner = new java.util.ArrayList<>();
    java.util.List<Long> innerRc = new java.util.ArrayList<>();
    try (Trace.Registration r = Trace.listen((point, subject, a0, a1, a2, a3) -> {
      if (Thread.currentThread() != me || inside[0]
          || (point != Tracepoint.IOMAP_BEGIN && point != Tracepoint.DAX_DIRECT_ACCESS)) {
        return;
      }
      inside[0] = true;
      try {
        byte[][] out = new byte[1][];
        innerRc.add(h.read(f, 3 * MiB, 8192, out));
        inner.add(out[0]);
      } catch (Exception e) {
        throw new AssertionError(e);
      } finally {
        inside[0] = false;
      }
    })) {
      byte[][] out = new byte[1][];
      assertThat(h.read(f, 4096, (int) MiB, out)).isEqualTo(MiB);
      assertThat(out[0]).isEqualTo(Arrays.copyOfRange(data, 4096, 4096 + (int) MiB));
    }
    assertThat(innerRc).isNotEmpty().containsOnly(8192L);
    for (byte[] b : inner) {
      assertThat(b).isEqualTo(Arrays.copyOfRange(data, (int) (3 * MiB), (int) (3 * MiB) + 8192));
    }
  }
}
