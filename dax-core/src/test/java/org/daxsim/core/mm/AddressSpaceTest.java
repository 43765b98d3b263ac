package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.Pages.PMD_SIZE;
import static org.daxsim.core.mm.FaultTest.assertSignal;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** unmap_mapping_range across processes: zapped pages fault again on the next touch. */
class AddressSpaceTest {
  private static final long PAGE = 4096;
  private static final int RW = PROT_READ | PROT_WRITE;

  @Test
  void zapMakesEveryMapperFaultAgainAndSigbusOnceTheDriverIsGone() throws Exception {
    Host h = new Host();
    h.kas.memremapPages(CXL_BASE, CXL_SIZE);
    DevDax d = new DevDax(CXL_BASE, CXL_SIZE, PMD_SIZE);
    Mm a = h.mm();
    Mm b = h.mm();
    long at = 0x7f0000000000L;
    a.mmap(at, 4 * PMD_SIZE, RW, MAP_SHARED | MAP_FIXED, 0, d);
    b.mmap(at + 8 * PMD_SIZE, 2 * PMD_SIZE, RW, MAP_SHARED | MAP_FIXED, 512, d); // from 2 MiB
    assertThat(d.mapping.vmas()).hasSize(2);
    a.storeLong(at + PMD_SIZE + 16, 99);
    assertThat(b.loadLong(at + 8 * PMD_SIZE + 16)).as("shared memory")
        .isEqualTo(99);
    int calls = d.calls.size();
    assertThat(a.loadLong(at + PMD_SIZE + 16)).isEqualTo(99);
    assertThat(d.calls).as("mapped: no fault").hasSize(calls);
    // zap file bytes [2 MiB, 4 MiB): a's second block and b's first
    d.mapping.unmapMappingRange(PMD_SIZE, PMD_SIZE);
    assertThat(a.translate(at + PMD_SIZE)).isEqualTo(-1);
    assertThat(a.translate(at)).isEqualTo(-1); // never faulted
    assertThat(b.translate(at + 8 * PMD_SIZE)).isEqualTo(-1);
    assertThat(a.loadLong(at + PMD_SIZE + 16)).isEqualTo(99);
    assertThat(d.calls.size()).as("faulted again").isGreaterThan(calls);
    // the driver dies (kill_dev_dax): zap everything, later touches SIGBUS
    d.alive = false;
    d.mapping.unmapMappingRange(0, 0);
    assertSignal(() -> a.loadLong(at + PMD_SIZE), Signal.SIGBUS, Signal.BUS_ADRERR,
        at + PMD_SIZE);
    assertSignal(() -> b.loadLong(at + 9 * PMD_SIZE), Signal.SIGBUS, Signal.BUS_ADRERR,
        at + 9 * PMD_SIZE);
    a.munmap(at, 4 * PMD_SIZE);
    assertThat(d.mapping.vmas()).hasSize(1);
    b.exit();
    assertThat(d.mapping.isMapped()).isFalse();
  }

  @Test
  void evenCowsDecidesWhetherPrivateCopiesSurvive() throws Exception {
    Host h = new Host();
    h.kas.memremapPages(CXL_BASE, PMD_SIZE);
    AddressSpace as = new AddressSpace();
    VmOperations ops = vmf -> vmf.insertPfn((CXL_BASE >>> 12) + vmf.pgoff());
    Mm mm = h.mm();
    Vma v = mm.mmap(0, 4 * PAGE, RW, MAP_PRIVATE, 0, file(ops, as));
    mm.storeLong(v.start(), 1); // COW copy
    mm.loadLong(v.start() + PAGE); // device page
    as.unmapMappingRange(0, 0, false);
    assertThat(mm.translate(v.start())).as("private copy kept").isNotEqualTo(-1);
    assertThat(mm.translate(v.start() + PAGE)).isEqualTo(-1);
    as.unmapMappingRange(0, 0, true);
    assertThat(mm.translate(v.start())).isEqualTo(-1);
    assertThat(h.kas.allocatedPages()).isZero();
  }

  /** Random holes against a model of which file pages each VMA shows. */
  @Test
  void randomHolesZapExactlyTheirPages() throws Exception {
    long seed0 = new SplittableRandom().nextLong();
    for (int c = 0; c < 30; c++) {
      long seed = seed0 + c;
      SplittableRandom r = new SplittableRandom(seed);
      Host h = new Host();
      h.kas.memremapPages(CXL_BASE, 64 * PAGE);
      DevDax d = new DevDax(CXL_BASE, 64 * PAGE, PAGE);
      Mm mm = h.mm();
      long[] pgoffs = {0, 10, 30};
      Vma[] vs = new Vma[3];
      for (int i = 0; i < 3; i++) {
        vs[i] = mm.mmap(0, 20 * PAGE, RW, MAP_SHARED, pgoffs[i], d);
        for (long p = 0; p < 20; p++) {
          mm.loadLong(vs[i].start() + p * PAGE);
        }
      }
      long begin = r.nextLong(60 * PAGE);
      long len = r.nextInt(4) == 0 ? 0 : r.nextLong(30 * PAGE);
      d.mapping.unmapMappingRange(begin, len);
      long first = begin >>> 12;
      // the kernel's arithmetic: first page, then whole pages of the length
      long last = len == 0 ? Long.MAX_VALUE : first + (len + PAGE - 1) / PAGE - 1;
      for (int i = 0; i < 3; i++) {
        for (long p = 0; p < 20; p++) {
          long filePage = pgoffs[i] + p;
          boolean zapped = filePage >= first && filePage <= last;
          assertThat(mm.translate(vs[i].start() + p * PAGE) == -1)
              .as("seed %d vma %d page %d hole 0x%x+0x%x", seed, i, p, begin, len)
              .isEqualTo(zapped);
        }
      }
    }
  }
}
