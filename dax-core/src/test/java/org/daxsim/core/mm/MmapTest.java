package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.Pages.PMD_SIZE;
import static org.daxsim.core.mm.FaultTest.assertSignal;
import static org.daxsim.core.mm.KernelAddressSpaceTest.assertErrno;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.SplittableRandom;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
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

  /** Random mmap/munmap against a page -> owner model; VMAs never overlap. */
  @Test
  void randomMmapMunmapKeepsVmasDisjointAndBacked() throws Exception {
    long seed0 = new SplittableRandom().nextLong();
    for (int c = 0; c < 30; c++) {
      long seed = seed0 + c;
      SplittableRandom r = new SplittableRandom(seed);
      Host host = new Host();
      Mm m = host.mm();
      java.util.Map<Long, Long> model = new java.util.HashMap<>(); // page -> value stored
      long base = 0x4000_0000L;
      for (int op = 0; op < 150; op++) {
        long at = base + r.nextLong(256) * PAGE;
        long len = (1 + r.nextLong(16)) * PAGE;
        switch (r.nextInt(3)) {
          case 0 -> {
            m.mmap(at, len, RW, ANON | MAP_FIXED, 0, null);
            for (long p = at; p < at + len; p += PAGE) {
              model.put(p, 0L);
            }
          }
          case 1 -> {
            m.munmap(at, len);
            for (long p = at; p < at + len; p += PAGE) {
              model.remove(p);
            }
          }
          default -> {
            if (model.containsKey(at)) {
              long val = r.nextLong();
              m.storeLong(at + 8, val);
              model.put(at, val);
            }
          }
        }
        java.util.List<Vma> vs = m.vmas();
        for (int i = 1; i < vs.size(); i++) {
          assertThat(vs.get(i).start()).as("seed %d", seed).isGreaterThanOrEqualTo(vs.get(i - 1)
              .end());
        }
        long p = base + r.nextLong(272) * PAGE;
        if (model.containsKey(p)) {
          assertThat(m.loadLong(p + 8)).as("seed %d op %d page 0x%x", seed, op, p)
              .isEqualTo(model.get(p));
        } else {
          assertSignal(() -> m.loadLong(p), Signal.SIGSEGV, Signal.SEGV_MAPERR, p);
        }
        long resident = model.entrySet().stream().filter(e -> m.translate(e.getKey()) >= 0)
            .count();
        assertThat(host.kas.allocatedPages()).as("seed %d no leaked pages", seed)
            .isEqualTo(resident);
      }
    }
  }
}
