package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.assertErrno;
import static org.daxsim.core.mem.MemTesting.caseSeed;
import static org.daxsim.core.mem.MemTesting.offsets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Stateful;
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

  /** The device every window of {@link #windowsMatchIntervalModel} maps (never written). */
  private static final MemoryDevice DEV = device();

  private static MemoryDevice device() {
    try {
      return MemoryDevice.create("d", 64 * PAGE);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Property: after any sequence of map and unmap steps (windows of 1 to 8 pages starting in the
   * first 64), the address space equals a plain list of windows: map succeeds exactly when the
   * new window overlaps none in the list (EBUSY otherwise), windows() is the list sorted by
   * start, find(p) is the window containing p, and backedLength(p, len) is what walking the list
   * from p through adjacent windows gives (both checked at every page edge after every step, and
   * at generated addresses and lengths).
   */
  @Test
  void windowsMatchIntervalModel() {
    Stateful.of(PhysicalAddressSpace::new, ArrayList<PhysWindow>::new)
        .named("windows, find and backedLength match a list of intervals")
        .actionsFrom(model -> model.isEmpty()
            ? Gen.frequency(Map.entry(2, MAP), Map.entry(1, QUERY))
            : Gen.frequency(Map.entry(2, MAP), Map.entry(1, unmap(model)), Map.entry(2, QUERY)))
        .invariant((phys, model) -> {
          List<PhysWindow> sorted = new ArrayList<>(model);
          sorted.sort(Comparator.comparingLong(PhysWindow::physStart));
          assertThat(phys.windows()).isEqualTo(sorted);
          for (long p = -PAGE; p <= 80 * PAGE; p += PAGE) {
            for (long q : new long[] {p - 1, p}) {
              assertThat(phys.find(q)).as("find(%#x)", q).isEqualTo(containing(model, q));
            }
            assertThat(phys.backedLength(p, 80 * PAGE))
                .as("backedLength(%#x, 80 pages)", p)
                .isEqualTo(backed(model, p, 80 * PAGE));
          }
        })
        .maxSteps(40)
        .check();
  }

  private static final Gen<Action<PhysicalAddressSpace, List<PhysWindow>>> MAP = src -> {
    long start = src.choose(0, 63) * PAGE;
    long len = src.choose(1, 8) * PAGE;
    long devOff = src.choose(0, 56) * PAGE;
    return Action.of(String.format("map(%#x, len %#x, dev+%#x)", start, len, devOff),
        (phys, model) -> {
          boolean overlaps =
              model.stream().anyMatch(w -> w.physStart() < start + len && start < w.physEnd());
          if (overlaps) {
            assertErrno(Errno.EBUSY, () -> phys.map(start, len, DEV, devOff));
          } else {
            model.add(phys.map(start, len, DEV, devOff));
          }
        });
  };

  private static Gen<Action<PhysicalAddressSpace, List<PhysWindow>>> unmap(List<PhysWindow> now) {
    return Gen.elements(now).map(w -> Action.of("unmap(" + w + ")", (phys, model) -> {
      phys.unmap(w);
      model.remove(w);
    }));
  }

  private static final Gen<Action<PhysicalAddressSpace, List<PhysWindow>>> QUERY = src -> {
    long p = src.draw(offsets(-PAGE, 79 * PAGE));
    long len = src.draw(offsets(0, 12 * PAGE));
    return Action.of(String.format("query(%#x, len %#x)", p, len), (phys, model) -> {
      assertThat(phys.find(p)).as("find").isEqualTo(containing(model, p));
      assertThat(phys.backedLength(p, len)).as("backedLength").isEqualTo(backed(model, p, len));
    });
  };

  private static PhysWindow containing(List<PhysWindow> model, long p) {
    return model.stream().filter(w -> w.contains(p)).findFirst().orElse(null);
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
