package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.Pages.PMD_SIZE;
import static org.daxsim.core.mm.FaultTest.assertSignal;
import static org.daxsim.core.mm.KernelAddressSpaceTest.assertErrno;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mmap/munmap: address choice, checks in the kernel's order, splits, anonymous memory. */
class MmapTest {
  private static final long PAGE = 4096;
  private static final int RW = PROT_READ | PROT_WRITE;
  private static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS;

  private Host h;
  private Mm mm;

  @BeforeEach
  void setUp() throws Exception {
    h = new Host();
    h.kas.memremapPages(CXL_BASE, CXL_SIZE);
    mm = h.mm();
  }

  @Test
  void topDownBelowMmapBaseAndHints() throws Exception {
    Vma a = mm.mmap(0, 3 * PAGE, RW, ANON, 0, null);
    assertThat(a.start()).isEqualTo(MMAP_BASE - 3 * PAGE);
    assertThat(a.pgoff()).isEqualTo(a.start() >>> 12); // anonymous pgoff = addr >> PAGE_SHIFT
    Vma b = mm.mmap(0, PAGE + 1, RW, ANON, 0, null);
    assertThat(b.start()).isEqualTo(a.start() - 2 * PAGE);
    assertThat(b.length()).isEqualTo(2 * PAGE);
    Vma hinted = mm.mmap(0x5000_0000_0123L, PAGE, RW, ANON, 0, null);
    assertThat(hinted.start()).isEqualTo(0x5000_0000_0000L);
    Vma taken = mm.mmap(0x5000_0000_0000L, PAGE, RW, ANON, 0, null);
    assertThat(taken.start()).isEqualTo(b.start() - PAGE); // hint busy: top-down
    Vma low = mm.mmap(0x1000, PAGE, RW, ANON, 0, null); // hint below mmap_min_addr
    assertThat(low.start()).isEqualTo(MMAP_MIN_ADDR);
    Vma big = mm.mmap(0, 4 * PMD_SIZE, RW, ANON, 0, null); // THP-aligned anonymous
    assertThat(big.start() % PMD_SIZE).isZero();
    assertThat(mm.vmas()).hasSize(6);
  }

  @Test
  void errnosInKernelOrder() throws Exception {
    assertErrno(() -> mm.mmap(0, 0, RW, ANON, 0, null), Errno.EINVAL);
    assertErrno(() -> mm.mmap(0, -1, RW, ANON, 0, null), Errno.ENOMEM); // PAGE_ALIGN wraps
    assertErrno(() -> mm.mmap(0, -PAGE, RW, ANON, 0, null), Errno.ENOMEM); // > TASK_SIZE
    assertErrno(() -> mm.mmap(0x10001, PAGE, RW, ANON | MAP_FIXED, 0, null), Errno.EINVAL);
    assertErrno(() -> mm.mmap(0x1000, PAGE, RW, ANON | MAP_FIXED, 0, null), Errno.EPERM);
    assertErrno(() -> mm.mmap(TASK_SIZE, PAGE, RW, ANON | MAP_FIXED, 0, null), Errno.ENOMEM);
    assertErrno(() -> mm.mmap(0, PAGE, RW, MAP_ANONYMOUS, 0, null), Errno.EINVAL);
    assertErrno(() -> mm.mmap(0, PAGE, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, 0, null),
        Errno.EINVAL);
    assertErrno(() -> mm.mmap(0, PAGE, RW, MAP_SHARED, 0, null), Errno.EBADF);
    DevDax d = new DevDax(CXL_BASE, CXL_SIZE, PAGE);
    assertErrno(() -> mm.mmap(0, PAGE, RW, MAP_SHARED_VALIDATE | MAP_SYNC, 0, d),
        Errno.EOPNOTSUPP);
    Vma legacy = mm.mmap(0, PAGE, RW, MAP_SHARED | MAP_SYNC, 0, d); // silently ignored
    assertThat(legacy.flags() & Vma.VM_SYNC).isZero();
    assertErrno(() -> mm.mmap(0, PAGE, RW, MAP_PRIVATE, 0, d), Errno.EINVAL); // check_vma
    assertErrno(() -> mm.mmap(0, PAGE, RW, MAP_SHARED, Long.MAX_VALUE >>> 12, d),
        Errno.EOVERFLOW);
    assertErrno(() -> mm.mmap(0, PAGE, 8, ANON, 0, null), Errno.EINVAL);
    Vma v = mm.mmap(0x40000000L, PAGE, RW, ANON | MAP_FIXED, 0, null);
    assertErrno(() -> mm.mmap(v.start(), PAGE, RW, ANON | MAP_FIXED_NOREPLACE, 0, null),
        Errno.EEXIST);
    assertThat(mm.vmas()).hasSize(2);
  }

  @Test
  void fileHooksPlaceAndVetTheMapping() throws Exception {
    AddressSpace as = new AddressSpace();
    MmapHandler aligned = new MmapHandler() {
      @Override
      public void mmap(Vma vma) {
        vma.setOps(vmf -> VmFault.VM_FAULT_SIGBUS);
      }

      @Override
      public long getUnmappedArea(Mm m, long addr, long len, long pgoff, int flags) {
        return m.thpGetUnmappedArea(addr, len, pgoff, flags);
      }

      @Override
      public AddressSpace mapping() {
        return as;
      }
    };
    Vma v = mm.mmap(0, 3 * PMD_SIZE, RW, MAP_SHARED, 512 + 5, aligned);
    assertThat((v.start() - ((512L + 5) << 12)) % PMD_SIZE).as("address/offset colour").isZero();
    assertThat(as.vmas()).containsExactly(v);
    MmapHandler refusing = vma -> {
      throw ErrnoException.of(Errno.ENODEV, "no");
    };
    assertErrno(() -> mm.mmap(0, PAGE, RW, MAP_SHARED, 0, refusing), Errno.ENODEV);
    assertThat(mm.vmas()).containsExactly(v);
    MmapHandler badAddr = new MmapHandler() {
      @Override
      public void mmap(Vma vma) {}

      @Override
      public long getUnmappedArea(Mm m, long addr, long len, long pgoff, int flags) {
        return Errno.ENOSPC.neg();
      }
    };
    assertErrno(() -> mm.mmap(0, PAGE, RW, MAP_SHARED, 0, badAddr), Errno.ENOSPC);
  }

  @Test
  void anonymousMemoryIsZeroedAndPrivatePerProcess() throws Exception {
    Mm other = h.mm();
    long at = 0x2000_0000L;
    mm.mmap(at, 8 * PAGE, RW, ANON | MAP_FIXED, 0, null);
    other.mmap(at, 8 * PAGE, RW, ANON | MAP_FIXED, 0, null);
    h.poke(RAM_BASE, pattern(1, 3 * (int) PAGE)); // dirty the pages the allocator hands out
    byte[] zeros = new byte[8 * (int) PAGE];
    byte[] got = new byte[zeros.length];
    mm.load(at, got, 0, got.length);
    assertThat(got).isEqualTo(zeros);
    mm.store(at + 100, new byte[] {1, 2, 3}, 0, 3);
    other.store(at + 100, new byte[] {7}, 0, 1);
    assertThat(mm.loadLong(at + 96) >>> 32 & 0xffffff).isEqualTo(0x030201);
    assertThat(other.loadLong(at + 96) >>> 32 & 0xff).isEqualTo(7);
    assertThat(mm.translate(at)).isNotEqualTo(other.translate(at));
    assertThat(h.kas.allocatedPages()).isEqualTo(9);
    mm.munmap(at, 8 * PAGE);
    assertThat(h.kas.allocatedPages()).isEqualTo(1);
    other.exit();
    assertThat(h.kas.allocatedPages()).isZero();
    assertThat(other.vmas()).isEmpty();
    assertThat(mm.pageTable().tableCount()).isEqualTo(1);
  }

  @Test
  void anonymousOutOfMemoryKillsTheProcess() throws Exception {
    Vma v = mm.mmap(0, RAM_SIZE + PAGE, RW, ANON, 0, null);
    for (long off = 0; off < RAM_SIZE; off += PAGE) {
      mm.storeLong(v.start() + off, off);
    }
    assertSignal(() -> mm.loadLong(v.start() + RAM_SIZE), Signal.SIGKILL, Signal.SI_KERNEL,
        v.start() + RAM_SIZE);
    assertThat(mm.loadLong(v.start() + RAM_SIZE - PAGE)).isEqualTo(RAM_SIZE - PAGE);
  }

  @Test
  void munmapSplitsAndZaps() throws Exception {
    long at = 0x3000_0000L;
    Vma v = mm.mmap(at, 10 * PAGE, RW, ANON | MAP_FIXED, 0, null);
    for (int i = 0; i < 10; i++) {
      mm.storeLong(at + i * PAGE, i + 1);
    }
    mm.munmap(at + 3 * PAGE, 2 * PAGE + 1); // rounds up to 3 pages
    assertThat(v.isDetached()).isTrue();
    assertThat(mm.vmas()).extracting(Vma::start, Vma::end, Vma::pgoff)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(at, at + 3 * PAGE, at >>> 12),
            org.assertj.core.groups.Tuple.tuple(at + 6 * PAGE, at + 10 * PAGE,
                (at >>> 12) + 6));
    assertSignal(() -> mm.loadLong(at + 4 * PAGE), Signal.SIGSEGV, Signal.SEGV_MAPERR,
        at + 4 * PAGE);
    assertThat(mm.loadLong(at + 2 * PAGE)).isEqualTo(3);
    assertThat(mm.loadLong(at + 6 * PAGE)).isEqualTo(7);
    assertThat(h.kas.allocatedPages()).isEqualTo(7);
    mm.munmap(0x7000_0000L, PAGE); // nothing there: fine
    assertErrno(() -> mm.munmap(at + 1, PAGE), Errno.EINVAL);
    assertErrno(() -> mm.munmap(at, 0), Errno.EINVAL);
    assertErrno(() -> mm.munmap(TASK_SIZE - PAGE, 2 * PAGE), Errno.EINVAL);
  }

  @Test
  void maySplitRefusalChangesNothing() throws Exception {
    long at = 0x7f0000000000L;
    DevDax d = new DevDax(CXL_BASE, CXL_SIZE, PMD_SIZE);
    Vma v = mm.mmap(at, 4 * PMD_SIZE, RW, MAP_SHARED | MAP_FIXED, 0, d);
    mm.loadLong(at + PMD_SIZE);
    assertErrno(() -> mm.munmap(at + PAGE, PMD_SIZE), Errno.EINVAL);
    assertErrno(() -> mm.munmap(at, PMD_SIZE + PAGE), Errno.EINVAL); // the end split
    assertErrno(() -> mm.mmap(at + PAGE, PAGE, RW, ANON | MAP_FIXED, 0, null), Errno.EINVAL);
    assertThat(mm.vmas()).containsExactly(v);
    assertThat(mm.translate(at + PMD_SIZE)).isEqualTo(CXL_BASE + PMD_SIZE);
    assertThat(d.mapping.vmas()).containsExactly(v);
    mm.munmap(at + PMD_SIZE, PMD_SIZE); // aligned: allowed
    assertThat(mm.vmas()).hasSize(2);
    assertThat(d.mapping.vmas()).hasSize(2).doesNotContain(v);
    assertThat(mm.translate(at + PMD_SIZE)).isEqualTo(-1);
  }

  @Test
  void partialMunmapOfAHugeMappingZapsTheWholeLeaf() throws Exception {
    long at = 0x7f0000000000L;
    DevDax d = new DevDax(CXL_BASE, CXL_SIZE, PMD_SIZE) {
      @Override
      public int maySplit(Vma vma, long addr) {
        return 0; // allow the unaligned split to reach the page table
      }
    };
    mm.mmap(at, 2 * PMD_SIZE, RW, MAP_SHARED | MAP_FIXED, 0, d);
    mm.loadLong(at);
    mm.munmap(at + PMD_SIZE - PAGE, PAGE);
    assertThat(mm.translate(at)).as("the huge leaf went whole").isEqualTo(-1);
    assertSignal(() -> mm.loadLong(at), Signal.SIGBUS, Signal.BUS_ADRERR, at); // block too big
  }

  @Test
  void mapFixedReplacesAndARefusingMmapLeavesAGap() throws Exception {
    long at = 0x3000_0000L;
    mm.mmap(at, 4 * PAGE, RW, ANON | MAP_FIXED, 0, null);
    mm.storeLong(at + PAGE, 5);
    Vma repl = mm.mmap(at + PAGE, PAGE, RW, ANON | MAP_FIXED, 0, null);
    assertThat(mm.loadLong(at + PAGE)).isZero();
    assertThat(mm.vmas()).hasSize(3).contains(repl);
    MmapHandler refusing = vma -> {
      throw ErrnoException.of(Errno.EACCES, "no");
    };
    assertErrno(() -> mm.mmap(at, 2 * PAGE, RW, MAP_SHARED | MAP_FIXED, 0, refusing),
        Errno.EACCES);
    assertThat(mm.vmas()).hasSize(1);
    assertThat(mm.vmaLookup(at)).isNull();
  }

  /** The mmap/munmap sequences work on pages [BASE, BASE + 256 pages + 16 pages). */
  private static final long BASE = 0x4000_0000L;
  private static final int SPAN_PAGES = 256 + 16;

  /** One process of its own host. */
  private static final class Proc {
    final Host host;
    final Mm m;

    Proc() {
      try {
        host = new Host();
        m = host.mm();
      } catch (ErrnoException e) {
        throw new IllegalStateException("setting up the host", e);
      }
    }
  }

  /**
   * The model: the value last stored in each mapped page (0 when fresh), and which mapped
   * pages have been touched since they were mapped (and so hold an allocated page).
   */
  private static final class PageModel {
    final Map<Long, Long> value = new HashMap<>();
    final Set<Long> touched = new HashSet<>();

    void forget(long at, long len) {
      for (long p = at; p < at + len; p += PAGE) {
        value.remove(p);
        touched.remove(p);
      }
    }
  }

  /** A range of 1 to 16 pages starting on one of the first 256 pages. */
  private static final Gen<long[]> RANGES = Gen.zip(Gen.longs(0, 255), Gen.longs(1, 16),
      (p, n) -> new long[] {BASE + p * PAGE, n * PAGE});

  /** A page anywhere in the span, mapped or not. */
  private static final Gen<Long> PAGES =
      Gen.longs(0, SPAN_PAGES - 1).map(p -> BASE + p * PAGE);

  /** Where a load or store goes: usually a mapped page (the model only picks, not predicts). */
  private static Gen<Long> targets(PageModel m) {
    if (m.value.isEmpty()) {
      return PAGES;
    }
    List<Long> mapped = new ArrayList<>(m.value.keySet());
    mapped.sort(null); // HashMap order is not part of the case: keep seeds replayable
    return Gen.frequency(Map.entry(1, PAGES), Map.entry(2, Gen.elements(mapped)));
  }

  private static final Gen<Action<Proc, PageModel>> MMAPS = RANGES.map(r -> Action.of(
      String.format("mmap(0x%x, 0x%x, MAP_FIXED anon)", r[0], r[1]), (sys, m) -> {
        Vma v = sys.m.mmap(r[0], r[1], RW, ANON | MAP_FIXED, 0, null);
        assertThat(v.start()).isEqualTo(r[0]);
        assertThat(v.end()).isEqualTo(r[0] + r[1]);
        m.forget(r[0], r[1]);
        for (long p = r[0]; p < r[0] + r[1]; p += PAGE) {
          m.value.put(p, 0L);
        }
      }));

  private static final Gen<Action<Proc, PageModel>> MUNMAPS = RANGES.map(r -> Action.of(
      String.format("munmap(0x%x, 0x%x)", r[0], r[1]), (sys, m) -> {
        sys.m.munmap(r[0], r[1]);
        m.forget(r[0], r[1]);
      }));

  private static Gen<Action<Proc, PageModel>> stores(Gen<Long> pages) {
    return Gen.zip(pages, Gen.longs(1, 1000), (p, val) -> Action.of(
        String.format("storeLong(0x%x, %d)", p + 8, val), (sys, m) -> {
          if (m.value.containsKey(p)) {
            sys.m.storeLong(p + 8, val);
            m.value.put(p, val);
            m.touched.add(p);
          } else {
            assertSignal(() -> sys.m.storeLong(p + 8, val), Signal.SIGSEGV,
                Signal.SEGV_MAPERR, p + 8);
          }
        }));
  }

  private static Gen<Action<Proc, PageModel>> loads(Gen<Long> pages) {
    return pages.map(p -> Action.of(String.format("loadLong(0x%x)", p + 8), (sys, m) -> {
      if (m.value.containsKey(p)) {
        assertThat(sys.m.loadLong(p + 8)).as("value").isEqualTo(m.value.get(p));
        m.touched.add(p);
      } else {
        assertSignal(() -> sys.m.loadLong(p + 8), Signal.SIGSEGV, Signal.SEGV_MAPERR, p + 8);
      }
    }));
  }

  /**
   * Property: after any sequence of anonymous MAP_FIXED mmaps, munmaps, stores and loads (a
   * page -> last stored value model): the VMAs are sorted, never overlap and cover exactly the
   * model's mapped pages; a load returns the page's last stored value (0 after a fresh mmap)
   * and an access to an unmapped page is SIGSEGV SEGV_MAPERR at that address; a page is
   * resident iff it was touched since it was mapped, and the host's allocated pages are exactly
   * those resident pages (none leak through munmap or a replacing mmap).
   */
  @Test
  void mmapMunmapSequencesMatchAPageModel() {
    Stateful.<Proc, PageModel>of(Proc::new, PageModel::new)
        .actionsFrom(m -> {
          Gen<Long> at = targets(m);
          return Gen.frequency(Map.entry(3, MMAPS), Map.entry(2, MUNMAPS),
              Map.entry(2, stores(at)), Map.entry(2, loads(at)));
        })
        .invariant((sys, m) -> {
          List<Vma> vs = sys.m.vmas();
          Set<Long> covered = new HashSet<>();
          for (int i = 0; i < vs.size(); i++) {
            if (i > 0) {
              assertThat(vs.get(i).start()).as("VMA %d starts after VMA %d ends", i, i - 1)
                  .isGreaterThanOrEqualTo(vs.get(i - 1).end());
            }
            for (long p = vs.get(i).start(); p < vs.get(i).end(); p += PAGE) {
              covered.add(p);
            }
          }
          assertThat(covered).as("pages the VMAs cover").isEqualTo(m.value.keySet());
          for (long p = BASE; p < BASE + SPAN_PAGES * PAGE; p += PAGE) {
            assertThat(sys.m.translate(p) >= 0).as("page 0x%x resident", p)
                .isEqualTo(m.touched.contains(p));
          }
          assertThat(sys.host.kas.allocatedPages()).as("allocated pages")
              .isEqualTo(m.touched.size());
        })
        .maxSteps(60)
        .named("anonymous mmap/munmap = page -> value model")
        .check();
  }
}
