package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.assertErrno;
import static org.daxsim.core.mem.MemTesting.caseSeed;
import static org.daxsim.core.mem.MemTesting.tries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

class PhysicalAddressSpaceTest {
  private static final long PAGE = 4096;

  @Test
  void twoHostsShareOneDeviceAtDifferentAddresses() throws ErrnoException {
    MemoryDevice shared = MemoryDevice.create("cxl-shared", 1L << 30);
    PhysicalAddressSpace hostA = new PhysicalAddressSpace();
    PhysicalAddressSpace hostB = new PhysicalAddressSpace();
    hostA.map(0x10_0000_0000L, 1L << 30, shared, 0);
    hostB.map(0x40_0000_0000L + (1L << 29), 1L << 29, shared, 1L << 29);

    byte[] msg = "hello from host A".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    hostA.write(0x10_0000_0000L + (1L << 29) + 4090, msg, 0, msg.length);
    byte[] back = new byte[msg.length];
    hostB.read(0x40_0000_0000L + (1L << 29) + 4090, back, 0, back.length);
    assertThat(back).isEqualTo(msg);
    shared.read((1L << 29) + 4090, back, 0, back.length);
    assertThat(back).isEqualTo(msg);

    assertThat(hostB.memoryFailure((0x40_0000_0000L + (1L << 29) + PAGE) >>> 12)).isTrue();
    assertThat(hostA.isPoisoned(0x10_0000_0000L + (1L << 29) + PAGE + 5)).isTrue();
    assertThat(hostA.firstPoison(0x10_0000_0000L, 1L << 30))
        .isEqualTo(0x10_0000_0000L + (1L << 29) + PAGE);
    assertThat(hostA.memoryFailure((0x10_0000_0000L + (1L << 29) + PAGE) >>> 12))
        .as("already poisoned")
        .isFalse();
    assertThat(shared.poisonedPages()).isEqualTo(1);
  }

  @Test
  void accessAcrossAdjacentWindowsAndHoles() throws ErrnoException {
    MemoryDevice a = MemoryDevice.create("a", 4 * PAGE);
    MemoryDevice b = MemoryDevice.create("b", 4 * PAGE);
    PhysicalAddressSpace phys = new PhysicalAddressSpace();
    PhysWindow wa = phys.map(0x10000, 2 * PAGE, a, 2 * PAGE);
    PhysWindow wb = phys.map(0x12000, 4 * PAGE, b, 0);
    phys.map(0x20000, PAGE, a, 0);
    assertThat(phys.windows())
        .extracting(PhysWindow::physStart)
        .containsExactly(0x10000L, 0x12000L, 0x20000L);
    assertThat(phys.backedLength(0x10000, Long.MAX_VALUE)).isEqualTo(6 * PAGE);
    assertThat(phys.backedLength(0x11fff, 10)).isEqualTo(10);
    assertThat(phys.backedLength(0x16000, 10)).isZero();
    assertThat(phys.find(0x11fff)).isSameAs(wa);
    assertThat(phys.find(0x12000)).isSameAs(wb);
    assertThat(phys.find(0x16000)).isNull();

    byte[] data = new byte[200];
    new SplittableRandom(caseSeed(800)).nextBytes(data);
    phys.write(0x12000 - 100, data, 0, 200);
    byte[] fromA = new byte[100];
    byte[] fromB = new byte[100];
    a.read(4 * PAGE - 100, fromA, 0, 100);
    b.read(0, fromB, 0, 100);
    assertThat(fromA).isEqualTo(java.util.Arrays.copyOfRange(data, 0, 100));
    assertThat(fromB).isEqualTo(java.util.Arrays.copyOfRange(data, 100, 200));

    byte[] probe = new byte[16];
    assertErrno(Errno.EFAULT, () -> phys.read(0x16000 - 8, probe, 0, 16));
    assertErrno(Errno.EFAULT, () -> phys.write(0x16000 - 8, probe, 0, 16));
    assertThat(b.readLong(4 * PAGE - 8)).as("a failed write changes nothing").isZero();

    b.poison(3 * PAGE);
    assertThat(phys.firstPoison(0x10000, 0x20000)).isEqualTo(0x15000);
    assertThat(phys.firstPoison(0x15800, 0x20000)).isEqualTo(0x15800);
    assertThat(phys.firstPoison(0x10000, 0x5000)).isEqualTo(-1);
    a.poison(0);
    assertThat(phys.firstPoison(0x16000, 0x20000)).as("hole skipped").isEqualTo(0x20000);
    assertErrno(Errno.ENXIO, () -> phys.memoryFailure(0x16));
  }

  /** Random map/unmap against a list model; find, backedLength and windows() checked. */
  @Test
  void windowsMatchIntervalModel() throws ErrnoException {
    for (int c = 0; c < tries(150); c++) {
      long seed = caseSeed(900 + c);
      SplittableRandom rnd = new SplittableRandom(seed);
      PhysicalAddressSpace phys = new PhysicalAddressSpace();
      MemoryDevice dev = MemoryDevice.create("d", 64 * PAGE);
      List<PhysWindow> model = new ArrayList<>();
      for (int op = 0; op < 40; op++) {
        String at = "seed " + seed + " op " + op;
        if (model.isEmpty() || rnd.nextInt(3) > 0) {
          long start = rnd.nextInt(64) * PAGE;
          long len = (1 + rnd.nextInt(8)) * PAGE;
          boolean overlaps =
              model.stream().anyMatch(w -> w.physStart() < start + len && start < w.physEnd());
          if (overlaps) {
            assertErrno(Errno.EBUSY, () -> phys.map(start, len, dev, 0));
          } else {
            model.add(phys.map(start, len, dev, rnd.nextInt(56) * PAGE));
          }
        } else {
          phys.unmap(model.remove(rnd.nextInt(model.size())));
        }
        model.sort(Comparator.comparingLong(PhysWindow::physStart));
        assertThat(phys.windows()).as(at).isEqualTo(model);
        for (int q = 0; q < 20; q++) {
          long p = rnd.nextLong(80 * PAGE) - PAGE;
          long len = rnd.nextLong(12 * PAGE);
          PhysWindow expect = model.stream().filter(w -> w.contains(p)).findFirst().orElse(null);
          assertThat(phys.find(p)).as(at + " find " + p).isEqualTo(expect);
          assertThat(phys.backedLength(p, len))
              .as(at + " backed " + p)
              .isEqualTo(backed(model, p, len));
        }
      }
    }
  }

  private static long backed(List<PhysWindow> model, long p, long len) {
    long cur = p;
    while (cur < p + len) {
      long c = cur;
      PhysWindow w = model.stream().filter(x -> x.contains(c)).findFirst().orElse(null);
      if (w == null) {
        break;
      }
      cur = w.physEnd();
    }
    return Math.min(cur, p + len) - p;
  }
}
