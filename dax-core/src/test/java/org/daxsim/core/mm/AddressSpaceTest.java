package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.Pages.PMD_SIZE;
import static org.daxsim.core.mm.FaultTest.assertSignal;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.Arrays;
import java.util.Map;
import org.daxsim.core.ErrnoException;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Stateful;
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

  /** File pages where the three VMAs of the hole tests start; each shows 20 pages. */
  private static final long[] PGOFFS = {0, 10, 30};
  private static final int VMA_PAGES = 20;
  private static final int FILE_PAGES = 64;

  /** One process mapping a 64-page device three times, every page faulted in. */
  private static final class Mapped {
    final Host h;
    final DevDax d;
    final Mm mm;
    final Vma[] vs = new Vma[PGOFFS.length];

    Mapped() {
      try {
        h = new Host();
        h.kas.memremapPages(CXL_BASE, FILE_PAGES * PAGE);
        d = new DevDax(CXL_BASE, FILE_PAGES * PAGE, PAGE);
        mm = h.mm();
        for (int i = 0; i < vs.length; i++) {
          vs[i] = mm.mmap(0, VMA_PAGES * PAGE, RW, MAP_SHARED, PGOFFS[i], d);
          for (long p = 0; p < VMA_PAGES; p++) {
            mm.loadLong(vs[i].start() + p * PAGE);
          }
        }
      } catch (ErrnoException | Signal e) {
        throw new IllegalStateException("setting up the mappings", e);
      }
    }
  }

  /** The model: which (VMA, page) are mapped; all of them at first. */
  private static final class Resident {
    final boolean[][] mapped = new boolean[PGOFFS.length][VMA_PAGES];

    Resident() {
      for (boolean[] v : mapped) {
        Arrays.fill(v, true);
      }
    }
  }

  /** unmap_mapping_range(begin, len): begin anywhere in the file, len 0 (to the end) or more. */
  private static final Gen<Action<Mapped, Resident>> HOLES = Gen.zip(
      Gen.longs(0, 60 * PAGE - 1),
      Gen.frequency(Map.entry(1, Gen.constant(0L)), Map.entry(3, Gen.longs(1, 30 * PAGE - 1))),
      (begin, len) -> Action.of(String.format("unmapMappingRange(0x%x, 0x%x)", begin, len),
          (sys, m) -> {
            sys.d.mapping.unmapMappingRange(begin, len);
            // the kernel's arithmetic: the first page, then the length in whole pages
            long first = begin / PAGE;
            long last = len == 0 ? Long.MAX_VALUE : first + (len + PAGE - 1) / PAGE - 1;
            for (int i = 0; i < PGOFFS.length; i++) {
              for (int p = 0; p < VMA_PAGES; p++) {
                long filePage = PGOFFS[i] + p;
                if (filePage >= first && filePage <= last) {
                  m.mapped[i][p] = false;
                }
              }
            }
          }));

  /** A load from page {@code p} of VMA {@code i}: faults it back in if it was zapped. */
  private static final Gen<Action<Mapped, Resident>> TOUCHES = Gen.zip(
      Gen.ints(0, PGOFFS.length - 1), Gen.ints(0, VMA_PAGES - 1),
      (i, p) -> Action.of(String.format("load(vma %d, page %d)", i, p), (sys, m) -> {
        assertThat(sys.mm.loadLong(sys.vs[i].start() + p * PAGE + 8)).isZero();
        m.mapped[i][p] = true;
      }));

  /**
   * Property: after any sequence of unmap_mapping_range holes and loads, page {@code p} of each
   * VMA is mapped (to the device page of file page pgoff + p) iff no hole covered its file page
   * since it was last touched. A hole covers file pages [begin / 4096, that + ceil(len / 4096))
   * (to the end of the file when len is 0) in every VMA, whatever its pgoff; nothing else goes.
   */
  @Test
  void holesZapExactlyTheirFilePagesAndLoadsFaultThemBack() {
    Stateful.<Mapped, Resident>of(Mapped::new, Resident::new)
        .actions(Gen.oneOf(HOLES, TOUCHES))
        .invariant((sys, m) -> {
          for (int i = 0; i < PGOFFS.length; i++) {
            for (int p = 0; p < VMA_PAGES; p++) {
              long expect = m.mapped[i][p] ? CXL_BASE + (PGOFFS[i] + p) * PAGE : -1;
              assertThat(phys(sys.mm.translate(sys.vs[i].start() + p * PAGE)))
                  .as("vma %d (pgoff %d) page %d", i, PGOFFS[i], p).isEqualTo(phys(expect));
            }
          }
        })
        .maxSteps(20)
        .named("unmap_mapping_range zaps exactly the hole's file pages in every VMA")
        .check();
  }

  /** A translation for failure messages: hex, or "unmapped". */
  private static String phys(long pa) {
    return pa < 0 ? "unmapped" : String.format("0x%x", pa);
  }
}
