package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.bus.DeviceDaxTestHost.BASE;
import static org.daxsim.bus.DeviceDaxTestHost.GiB;
import static org.daxsim.bus.DeviceDaxTestHost.MiB;
import static org.daxsim.core.mm.Mman.MAP_PRIVATE;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;
import static org.daxsim.core.mm.VmFault.VM_FAULT_FALLBACK;
import static org.daxsim.core.mm.VmFault.VM_FAULT_NOPAGE;
import static org.daxsim.core.mm.VmFault.VM_FAULT_SIGBUS;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.mm.Signal;
import org.daxsim.core.mm.Vma;
import org.daxsim.core.mm.VmFault;
import org.daxsim.core.mm.VmOperations;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** device.c fault handlers: kernel-dax.md invariants 21, 22 and 24 at 4 KiB, 2 MiB, 1 GiB. */
class DeviceDaxFaultTest {
  private static final int PTE = 0;
  private static final int PMD = Pages.PMD_ORDER;
  private static final int PUD = Pages.PUD_ORDER;
  private static final long FIXED_AT = 0x7f00_0000_0000L;

  /** A bound device_dax device of {@code size} at BASE with {@code align}. */
  private static DevDax device(DeviceDaxTestHost h, long size, long align) throws ErrnoException {
    DevDax d = h.device(BASE, BASE + size - 1);
    d.setAlign(align);
    return h.bind(d, DeviceDax.NAME);
  }

  /**
   * The result of the handler for {@code order} on the first fault of a fresh mapping, with the
   * vm_fault the mm really built: the test's ops wrapper forwards that vmf to the device's
   * hugeFault at the order under test and stops the fault.
   */
  private static int faultAt(DeviceDaxTestHost h, DevDax d, long len, long pgoff, long touch,
      int order) throws Exception {
    Mm mm = h.process();
    // MAP_FIXED at a 1 GiB boundary: VMA bounds aligned whatever pgoff is
    Vma vma = mm.mmap(FIXED_AT, len, PROT_READ | PROT_WRITE, MAP_SHARED | Mman.MAP_FIXED, pgoff,
        DaxCharDevice.open(h.bus, d.name()));
    VmOperations real = vma.ops();
    int[] seen = {-1};
    vma.setOps(new VmOperations() {
      @Override
      public int fault(VmFault vmf) {
        return probe(vmf);
      }

      @Override
      public int hugeFault(VmFault vmf, int o) {
        return probe(vmf);
      }

      private int probe(VmFault vmf) {
        if (seen[0] == -1) {
          seen[0] = order == 0 ? real.fault(vmf) : real.hugeFault(vmf, order);
        }
        return VM_FAULT_SIGBUS;
      }
    });
    try {
      mm.loadLong(vma.start() + touch);
    } catch (Signal expected) {
      // the wrapper always stops the fault
    }
    return seen[0];
  }

  @ParameterizedTest(name = "align {0}: order {1} -> {2}")
  @CsvSource({
      // invariant 21: fault size vs align
      "4096, 0, 256", "4096, 9, 2048", "4096, 18, 2048",
      "2097152, 0, 2", "2097152, 9, 256", "2097152, 18, 2048",
      "1073741824, 0, 2", "1073741824, 9, 2", "1073741824, 18, 256",
      // orders other than 0, 9, 18: SIGBUS
      "4096, 5, 2", "2097152, 10, 2"})
  void faultSizeAgainstAlign(long align, int order, int expected) throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = device(h, GiB, align);
    assertThat(faultAt(h, d, GiB, 0, 0, order)).isEqualTo(expected);
    assertThat(expected).isIn(VM_FAULT_NOPAGE, VM_FAULT_FALLBACK, VM_FAULT_SIGBUS);
  }

  @ParameterizedTest(name = "align {0}")
  @CsvSource({"4096, 0", "2097152, 9", "1073741824, 18"})
  void naturalFaultMapsTheLinearPgoffAtTheAlignSize(long align, int mappedOrder)
      throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = device(h, 2 * GiB, align);
    Mm mm = h.process();
    List<long[]> faults = new ArrayList<>();
    long touch = GiB + 3 * MiB + 0x1234; // inside the second GiB of the device
    Vma vma;
    try (Trace.Registration r = Trace.listen((p, s, a0, a1, a2, a3) -> {
      if (p == Tracepoint.MM_FAULT && s == mm) {
        faults.add(new long[] {a1, a3});
      }
    })) {
      vma = mm.mmap(0, 2 * GiB, PROT_READ | PROT_WRITE, MAP_SHARED, 0,
          DaxCharDevice.open(h.bus, d.name()));
      mm.storeLong(vma.start() + touch, 0x0123_4567_89ab_cdefL);
    }
    // the mm tries PUD, then PMD, then PTE: larger than align falls back, align maps
    List<Long> orders = new ArrayList<>();
    for (long[] f : faults) {
      orders.add(f[0]);
      assertThat(f[1]).isEqualTo(f[0] == mappedOrder ? VM_FAULT_NOPAGE : VM_FAULT_FALLBACK);
    }
    assertThat(orders.get(orders.size() - 1)).isEqualTo((long) mappedOrder);
    assertThat(orders).first().isEqualTo((long) PUD);
    // invariant 24: pfn = PHYS_PFN(pgoff_to_phys(linear index of the aligned address))
    long blockAddr = (vma.start() + touch) & -align;
    long phys = d.pgoffToPhys(vma.linearPageIndex(blockAddr), align);
    assertThat(mm.translate(blockAddr)).isEqualTo(phys);
    assertThat(mm.translate(vma.start() + touch)).isEqualTo(BASE + touch);
    assertThat((phys >>> Pages.PAGE_SHIFT) % (align >>> Pages.PAGE_SHIFT)).isZero();
    assertThat(h.mem.readLong(touch)).isEqualTo(0x0123_4567_89ab_cdefL);
  }

  @Test
  void pteFaultOnAHugeAlignedDeviceIsSigbus() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = device(h, 4 * MiB, 2 * MiB);
    Mm mm = h.process();
    Vma vma = mm.mmap(0, 4 * MiB, PROT_READ, MAP_SHARED, 0, DaxCharDevice.open(h.bus, d.name()));
    vma.setFlags(Vma.VM_NOHUGEPAGE); // madvise(MADV_NOHUGEPAGE): only PTE faults
    assertThatThrownBy(() -> mm.loadLong(vma.start()))
        .isInstanceOfSatisfying(Signal.class, s -> {
          assertThat(s.signo()).isEqualTo(Signal.SIGBUS);
          assertThat(s.code()).isEqualTo(Signal.BUS_ADRERR);
        });
  }

  @Test
  void hugeBlockWhosePgoffSpanCrossesARangeEndIsSigbusEvenWhenAdjacent() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    // two physically adjacent 2 MiB ranges, never merged by mapping writes
    DevDax d = h.device(BASE, BASE + 2 * MiB - 1, BASE + 2 * MiB, BASE + 4 * MiB - 1);
    d.setAlign(2 * MiB);
    h.bind(d, DeviceDax.NAME);
    assertThat(d.nrRange()).isEqualTo(2);
    // pgoff 256: the PMD block covers pgoffs 256..767, crossing the end of range 0 (invariant 22)
    assertThat(faultAt(h, d, 2 * MiB, 256, 0, PMD)).isEqualTo(VM_FAULT_SIGBUS);
    assertThat(faultAt(h, d, 2 * MiB, 512, 0, PMD)).isEqualTo(VM_FAULT_NOPAGE);
    assertThat(faultAt(h, d, 2 * MiB, 0, 0, PMD)).isEqualTo(VM_FAULT_NOPAGE);
  }

  @Test
  void aCrossingBlockIsSigbusEvenWhenItsPhysIsHugeAligned() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    // range 0 starts 1 MiB into a 2 MiB page (only lengths are checked), range 1 follows it
    DevDax d = h.device(BASE + MiB, BASE + 3 * MiB - 1, BASE + 3 * MiB, BASE + 5 * MiB - 1);
    d.setAlign(2 * MiB);
    h.bind(d, DeviceDax.NAME);
    // pgoff 256 is at BASE+2M, 2 MiB aligned, but pgoffs 256..767 leave range 0
    assertThat(d.pgoffToPhys(256, 4096)).isEqualTo(BASE + 2 * MiB);
    assertThat(faultAt(h, d, 2 * MiB, 256, 0, PMD)).isEqualTo(VM_FAULT_SIGBUS);
  }

  @Test
  void touchingPastTheDeviceSizeIsSigbusAtExactlyTheSize() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = device(h, 4 * MiB, 4096);
    Mm mm = h.process();
    Vma vma = mm.mmap(0, 8 * MiB, PROT_READ, MAP_SHARED, 0, DaxCharDevice.open(h.bus, d.name()));
    mm.loadLong(vma.start() + 4 * MiB - 8);
    assertThatThrownBy(() -> mm.loadLong(vma.start() + 4 * MiB))
        .isInstanceOfSatisfying(Signal.class, s -> {
          assertThat(s.signo()).isEqualTo(Signal.SIGBUS);
          assertThat(s.addr()).isEqualTo(vma.start() + 4 * MiB);
        });
  }

  @Test
  void maySplitAndPagesizeFollowTheAlign() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = device(h, 8 * MiB, 2 * MiB);
    Mm mm = h.process();
    Vma vma = mm.mmap(0, 8 * MiB, PROT_READ, MAP_SHARED, 0, DaxCharDevice.open(h.bus, d.name()));
    assertThat(vma.ops().pagesize(vma)).isEqualTo(2 * MiB);
    assertThat(vma.ops().maySplit(vma, vma.start() + 4096)).isEqualTo(Errno.EINVAL.neg());
    assertThat(vma.ops().maySplit(vma, vma.start() + 2 * MiB)).isZero();
    // invariant 23: a split at an unaligned address is refused and changes nothing
    assertThatThrownBy(() -> mm.munmap(vma.start(), 4096))
        .isInstanceOfSatisfying(ErrnoException.class,
            e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    assertThat(mm.vmas()).containsExactly(vma);
    mm.munmap(vma.start(), 2 * MiB);
    assertThat(mm.vmas()).hasSize(1);
    assertThat(mm.vmas().get(0).start()).isEqualTo(vma.start() + 2 * MiB);
  }
}
