package org.daxsim.fs.famfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;
import static org.daxsim.fs.famfs.FamfsHost.MiB;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Oops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seed story end to end on famfs (kernel-dax.md 5.3, 5.5): a famfs mount on a two-range
 * fsdev device whose ranges are 56 MiB apart physically (range 0 = 8 MiB at BASE, range 1 =
 * 8 MiB at BASE + 64 MiB), one file whose extent [4 MiB, 12 MiB) of the device crosses the
 * range boundary at file offset 4 MiB, the device bytes written physically. For each
 * direct_access variant: read(2) with a user buffer (pread64 through the real syscall path) and
 * loads through mmap(2), against the bytes written (the expected bytes never come from the code
 * under test).
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FamfsSeedStoryTest {
  static final long EXT = 4 * MiB; // device offset of the file's extent
  static final long SIZE = 8 * MiB; // file size = extent length
  static final long BOUNDARY = 4 * MiB; // file offset of device offset 8 MiB (range 1 start)
  static final long SPAN = BOUNDARY - 8192; // 16 KiB straddling the boundary
  static final int SPAN_LEN = 16384;

  /** The file's bytes: written at device [EXT, EXT + SIZE). */
  static final byte[] DATA = FamfsHost.pattern((int) SIZE, 11);

  static byte[] data(long pos, int len) {
    return Arrays.copyOfRange(DATA, (int) pos, (int) pos + len);
  }

  /** One host, one device of {@code v}, the mount and the file. */
  static final class Story {
    final FamfsHost h = new FamfsHost();
    final DevDax d;
    final int fd;
    /** A neighbour device on the physical gap right after range 0 (or null). */
    DevDax neighbour;

    Story(DirectAccessVariant v, boolean withNeighbour) throws Exception {
      d = h.fsdev(v, 0, 8 * MiB, 64 * MiB, 8 * MiB);
      if (withNeighbour) {
        neighbour = h.fsdev(DirectAccessVariant.PER_RANGE, 8 * MiB, 8 * MiB);
        h.writeDev(neighbour, 0, FamfsHost.pattern((int) (1 * MiB), 99));
      }
      h.writeDev(d, EXT, DATA);
      h.mount(d, "/mnt/famfs");
      fd = h.create("/mnt/famfs/seed", FamfsHost.simple(SIZE, EXT, SIZE));
    }

    /** pread64(2) into a fresh user buffer: the bytes it returned (the errno is thrown). */
    byte[] read(long pos, int len) throws Exception {
      long buf = h.anon(len);
      try {
        long n = h.root.pread(fd, buf, len, pos);
        return h.load(buf, (int) n);
      } finally {
        h.root.munmap(buf, len);
      }
    }

    /** pwrite64(2) from a user buffer. */
    long write(long pos, byte[] src) throws Exception {
      long buf = h.anon(src.length);
      try {
        h.root.mm().store(buf, src, 0, src.length);
        return h.root.pwrite(fd, buf, src.length, pos);
      } finally {
        h.root.munmap(buf, src.length);
      }
    }

    /** Loads through a fresh MAP_SHARED mapping of the whole file. */
    byte[] viaMmap(long pos, int len) throws Exception {
      long va = h.root.mmap(0, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
      try {
        return h.load(va + pos, len);
      } finally {
        h.root.munmap(va, SIZE);
      }
    }

    Errno readErrno(long pos, int len) {
      return catchThrowableOfType(() -> read(pos, len), ErrnoException.class).errno();
    }
  }

  @Test
  void perRangeReadAndMmapAgreeAcrossTheBoundary() throws Exception {
    Story s = new Story(DirectAccessVariant.PER_RANGE, false);
    assertThat(s.read(SPAN, SPAN_LEN)).isEqualTo(data(SPAN, SPAN_LEN));
    assertThat(s.viaMmap(SPAN, SPAN_LEN)).isEqualTo(data(SPAN, SPAN_LEN));
    assertThat(s.read(0, (int) SIZE)).isEqualTo(DATA); // the whole extent in one read
    // a write across the boundary through write(2) lands on both ranges
    byte[] w = FamfsHost.pattern(SPAN_LEN, 12);
    assertThat(s.write(SPAN, w)).isEqualTo(SPAN_LEN);
    assertThat(s.viaMmap(SPAN, SPAN_LEN)).isEqualTo(w);
    assertThat(s.h.devBytes(s.d, EXT + SPAN, SPAN_LEN)).isEqualTo(w);
    byte[] r1 = new byte[8192];
    s.h.phys.read(FamfsHost.BASE + 64 * MiB, r1, 0, r1.length); // range 1's first bytes
    assertThat(r1).isEqualTo(Arrays.copyOfRange(w, 8192, SPAN_LEN));
  }

  @Test
  void seedPhysReadFailsEfaultWhileMmapIsRight() throws Exception {
    Story s = new Story(DirectAccessVariant.SEED_PHYS, false);
    // kaddr is the physical address: the user copy's source is no kernel mapping at all
    assertThat(s.readErrno(0, 4096)).isEqualTo(Errno.EFAULT);
    assertThat(s.readErrno(SPAN, SPAN_LEN)).isEqualTo(Errno.EFAULT);
    assertThat(s.viaMmap(SPAN, SPAN_LEN)).isEqualTo(data(SPAN, SPAN_LEN));
    assertThat(s.viaMmap(0, 4096)).isEqualTo(data(0, 4096));
  }

  /**
   * The same read into a kernel buffer (kernel_read() with a kvec: Process.pread(byte[]) and
   * FamfsHost.pread) has no exception fixup: the copy dereferences the physical address as a
   * user-half address in supervisor mode, and an SMAP fault goes straight to page_fault_oops().
   */
  @Test
  void seedPhysReadIntoAKernelBufferOopses() throws Exception {
    Story s = new Story(DirectAccessVariant.SEED_PHYS, false);
    Oops o = catchThrowableOfType(() -> s.h.pread(s.fd, 0, 4096), Oops.class);
    assertThat(o).isNotNull();
    assertThat(o.getMessage()).contains("SMAP");
    assertThat(o.address()).isEqualTo(FamfsHost.BASE + EXT); // range 0 at BASE, file offset 0
  }

  @Test
  void rfcVirtOffsetReadIsShortOverAnUnmappedGapWhileMmapIsRight() throws Exception {
    Story s = new Story(DirectAccessVariant.RFC_VIRT_OFFSET, false);
    // range 0 part is right; __va(BASE) + 8 MiB is the unmapped gap: a short read
    assertThat(s.read(SPAN, SPAN_LEN)).isEqualTo(data(SPAN, 8192));
    // starting past range 0: nothing copied -> EFAULT
    assertThat(s.readErrno(BOUNDARY, 4096)).isEqualTo(Errno.EFAULT);
    assertThat(s.viaMmap(SPAN, SPAN_LEN)).isEqualTo(data(SPAN, SPAN_LEN));
  }

  @Test
  void rfcVirtOffsetReadReturnsTheNeighboursBytesWhenTheGapIsMapped() throws Exception {
    Story s = new Story(DirectAccessVariant.RFC_VIRT_OFFSET, true);
    byte[] got = s.read(SPAN, SPAN_LEN);
    assertThat(got).hasSize(SPAN_LEN); // a full count ...
    assertThat(got).isNotEqualTo(data(SPAN, SPAN_LEN)); // ... of the wrong bytes:
    assertThat(Arrays.copyOf(got, 8192)).isEqualTo(data(SPAN, 8192));
    assertThat(Arrays.copyOfRange(got, 8192, SPAN_LEN))
        .isEqualTo(Arrays.copyOf(FamfsHost.pattern((int) (1 * MiB), 99), 8192));
    assertThat(s.viaMmap(SPAN, SPAN_LEN)).isEqualTo(data(SPAN, SPAN_LEN));
    // and a write there silently scribbles on the neighbour, not on range 1
    byte[] w = FamfsHost.pattern(4096, 13);
    assertThat(s.write(BOUNDARY, w)).isEqualTo(4096);
    assertThat(s.h.devBytes(s.neighbour, 0, 4096)).isEqualTo(w);
    assertThat(s.viaMmap(BOUNDARY, 4096)).isEqualTo(data(BOUNDARY, 4096));
  }

  @Test
  void fsdevFullSpanReadOfACrossingSpanFailsEfaultWhileMmapIsRight() throws Exception {
    Story s = new Story(DirectAccessVariant.FSDEV_FULL_SPAN, false);
    assertThat(s.readErrno(SPAN, SPAN_LEN)).isEqualTo(Errno.EFAULT);
    // the span direct_access is asked for is the rest of the request: inside a range works
    assertThat(s.read(0, 4096)).isEqualTo(data(0, 4096));
    assertThat(s.read(BOUNDARY, 4096)).isEqualTo(data(BOUNDARY, 4096));
    assertThat(s.readErrno(0, (int) SIZE)).isEqualTo(Errno.EFAULT);
    assertThat(catchThrowableOfType(() -> s.write(SPAN, new byte[SPAN_LEN]),
        ErrnoException.class).errno()).isEqualTo(Errno.EFAULT);
    assertThat(s.viaMmap(SPAN, SPAN_LEN)).isEqualTo(data(SPAN, SPAN_LEN));
  }

  /** The table: what read(2) of the crossing span returned, per variant; mmap always right. */
  @Test
  void table() throws Exception {
    Map<DirectAccessVariant, String> want = new LinkedHashMap<>();
    want.put(DirectAccessVariant.PER_RANGE, "16384 bytes, right");
    want.put(DirectAccessVariant.SEED_PHYS, "EFAULT");
    want.put(DirectAccessVariant.RFC_VIRT_OFFSET, "8192 bytes, right prefix (short)");
    want.put(DirectAccessVariant.FSDEV_FULL_SPAN, "EFAULT");
    StringBuilder t = new StringBuilder(String.format(
        "famfs seed story: read(2) of file [%d, +%d) across the range boundary%n", SPAN,
        SPAN_LEN));
    t.append(String.format("  %-16s %-34s %s%n", "variant", "read(2)", "mmap"));
    Map<DirectAccessVariant, String> got = new LinkedHashMap<>();
    for (DirectAccessVariant v : DirectAccessVariant.values()) {
      Story s = new Story(v, false);
      String r;
      try {
        byte[] b = s.read(SPAN, SPAN_LEN);
        boolean right = Arrays.equals(b, data(SPAN, b.length));
        r = b.length + " bytes, " + (b.length == SPAN_LEN ? (right ? "right" : "WRONG")
            : (right ? "right prefix (short)" : "WRONG (short)"));
      } catch (ErrnoException e) {
        r = e.errno().name();
      }
      boolean mm = Arrays.equals(s.viaMmap(SPAN, SPAN_LEN), data(SPAN, SPAN_LEN));
      got.put(v, r);
      t.append(String.format("  %-16s %-34s %s%n", v.id(), r, mm ? "right" : "WRONG"));
      assertThat(mm).as("mmap under %s", v).isTrue();
    }
    System.out.print(t);
    assertThat(got).isEqualTo(want);
  }
}
