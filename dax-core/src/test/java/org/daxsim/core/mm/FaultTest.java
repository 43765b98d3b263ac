package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.core.Pages.PMD_ORDER;
import static org.daxsim.core.Pages.PMD_SIZE;
import static org.daxsim.core.Pages.PUD_ORDER;
import static org.daxsim.core.Pages.PUD_SIZE;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Oops;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** handle_mm_fault at each order, and every signal the fault path can raise. */
class FaultTest {
  private static final long PAGE = 4096;
  private static final long AT = 0x7f0000000000L; // 1 GiB aligned
  private static final int RW = PROT_READ | PROT_WRITE;
  private static final int SHARED_FIXED = MAP_SHARED | MAP_FIXED;

  private Host h;
  private Mm mm;

  @BeforeEach
  void setUp() throws Exception {
    h = new Host();
    h.kas.memremapPages(CXL_BASE, CXL_SIZE);
    mm = h.mm();
  }

  private DevDax mapDax(long align, long len) throws Exception {
    DevDax d = new DevDax(CXL_BASE, CXL_SIZE, align);
    mm.mmap(AT, len, RW, SHARED_FIXED, 0, d);
    return d;
  }

  @Test
  void pudFaultMapsAGigabyteAtOnce() throws Exception {
    DevDax d = mapDax(PUD_SIZE, 2 * PUD_SIZE);
    byte[] data = pattern(7, 64);
    h.poke(CXL_BASE + PUD_SIZE + 4096 * 3 + 5, data);
    byte[] got = new byte[64];
    mm.load(AT + PUD_SIZE + 4096 * 3 + 5, got, 0, 64);
    assertThat(got).isEqualTo(data);
    assertThat(d.orders()).containsExactly(PUD_ORDER);
    long w = mm.pageTable().walk(AT + PUD_SIZE + 12345);
    assertThat(PageTable.level(w)).isEqualTo(PageTable.PUD);
    assertThat(mm.translate(AT + PUD_SIZE + PUD_SIZE - 1)).isEqualTo(CXL_BASE + 2 * PUD_SIZE - 1);
    assertThat(mm.translate(AT)).as("other gigabyte not faulted yet").isEqualTo(-1);
    mm.storeLong(AT + PUD_SIZE + 8, 0x1122334455667788L);
    assertThat(d.calls).hasSize(1); // the entry was writable already: no second fault
    assertThat(h.phys.find(CXL_BASE).device().readLong(PUD_SIZE + 8))
        .isEqualTo(0x1122334455667788L);
  }

  @Test
  void pmdFaultAfterPudFallback() throws Exception {
    DevDax d = mapDax(PMD_SIZE, 4 * PMD_SIZE);
    mm.loadLong(AT + PMD_SIZE + 40);
    assertThat(d.orders()).containsExactly(PUD_ORDER, PMD_ORDER);
    assertThat(d.calls.get(0)[1]).isEqualTo(VmFault.VM_FAULT_FALLBACK);
    assertThat(PageTable.level(mm.pageTable().walk(AT + PMD_SIZE))).isEqualTo(PageTable.PMD);
    assertThat(mm.translate(AT + 2 * PMD_SIZE - 1)).isEqualTo(CXL_BASE + 2 * PMD_SIZE - 1);
    assertThat(mm.translate(AT + 2 * PMD_SIZE)).isEqualTo(-1);
  }

  @Test
  void pteFaultAfterBothFallbacks() throws Exception {
    DevDax d = mapDax(PAGE, 16 * PAGE);
    mm.storeLong(AT + 5 * PAGE, 42);
    assertThat(d.orders()).containsExactly(PUD_ORDER, PMD_ORDER, 0);
    assertThat(PageTable.level(mm.pageTable().walk(AT + 5 * PAGE))).isEqualTo(PageTable.PTE);
    assertThat(mm.translate(AT + 6 * PAGE)).isEqualTo(-1);
    assertThat(h.phys.find(CXL_BASE).device().readLong(5 * PAGE)).isEqualTo(42);
  }

  @Test
  void withoutVmHugepageOnlyThePteHandlerRuns() throws Exception {
    List<Integer> orders = new ArrayList<>();
    VmOperations ops = new VmOperations() {
      @Override
      public int fault(VmFault vmf) {
        orders.add(0);
        return vmf.insertPfn((CXL_BASE >>> 12) + vmf.pgoff());
      }

      @Override
      public int hugeFault(VmFault vmf, int order) {
        orders.add(order);
        return VmFault.VM_FAULT_FALLBACK;
      }
    };
    mm.mmap(AT, PMD_SIZE, RW, SHARED_FIXED, 3, file(ops, null));
    assertThat(mm.loadLong(AT + PAGE)).isZero();
    assertThat(orders).containsExactly(0);
    assertThat(mm.translate(AT + PAGE)).isEqualTo(CXL_BASE + 4 * PAGE);
  }

  @Test
  void noVmaIsSegvMaperrAtTheExactAddress() {
    assertSignal(() -> mm.loadLong(0x10_0000_0123L), Signal.SIGSEGV, Signal.SEGV_MAPERR,
        0x10_0000_0123L);
    assertSignal(() -> mm.loadLong(KernelAddressSpace.va(RAM_BASE)), Signal.SIGSEGV,
        Signal.SEGV_MAPERR, KernelAddressSpace.va(RAM_BASE));
    assertSignal(() -> mm.loadLong(0x0000_9000_0000_0000L), Signal.SIGSEGV, Signal.SI_KERNEL, 0);
  }

  @Test
  void protectionViolationsAreSegvAccerr() throws Exception {
    mapDaxWith(PROT_READ);
    assertThat(mm.loadLong(AT)).isZero();
    assertSignal(() -> mm.storeLong(AT + 8, 1), Signal.SIGSEGV, Signal.SEGV_ACCERR, AT + 8);
    Vma none = mm.mmap(0, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, 0, null);
    assertSignal(() -> mm.loadLong(none.start()), Signal.SIGSEGV, Signal.SEGV_ACCERR,
        none.start());
    // PROT_WRITE alone is readable on x86
    Vma wo = mm.mmap(0, PAGE, PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0, null);
    assertThat(mm.loadLong(wo.start())).isZero();
  }

  private void mapDaxWith(int prot) throws Exception {
    mm.mmap(AT, PMD_SIZE, prot, SHARED_FIXED, 0, new DevDax(CXL_BASE, CXL_SIZE, PMD_SIZE));
  }

  @Test
  void driverSigbusIsBusAdrerr() throws Exception {
    DevDax d = new DevDax(CXL_BASE, 2 * PMD_SIZE, PMD_SIZE); // device of 4 MiB
    mm.mmap(AT, 4 * PMD_SIZE, RW, SHARED_FIXED, 0, d);
    assertThat(mm.loadLong(AT + PMD_SIZE)).isZero();
    assertSignal(() -> mm.loadLong(AT + 2 * PMD_SIZE + 7), Signal.SIGBUS, Signal.BUS_ADRERR,
        AT + 2 * PMD_SIZE + 7);
    // a 2 MiB device faulted at 4 KiB (no VM_HUGEPAGE) SIGBUSes like dev_dax does
    Vma v = mm.vmaLookup(AT);
    v.clearFlags(Vma.VM_HUGEPAGE);
    mm.zap(v, AT, AT + PMD_SIZE);
    assertSignal(() -> mm.loadLong(AT), Signal.SIGBUS, Signal.BUS_ADRERR, AT);
  }

  @Test
  void eachVmFaultErrorBecomesItsSignal() throws Exception {
    DevDax d = mapDax(PAGE, 64 * PAGE);
    Object[][] cases = {
      {VmFault.VM_FAULT_SIGBUS, Signal.SIGBUS, Signal.BUS_ADRERR},
      {VmFault.VM_FAULT_HWPOISON, Signal.SIGBUS, Signal.BUS_MCEERR_AR},
      {VmFault.VM_FAULT_HWPOISON_LARGE, Signal.SIGBUS, Signal.BUS_MCEERR_AR},
      {VmFault.VM_FAULT_SIGSEGV, Signal.SIGSEGV, Signal.SEGV_MAPERR},
      {VmFault.VM_FAULT_OOM, Signal.SIGKILL, Signal.SI_KERNEL},
    };
    for (Object[] c : cases) {
      int ret = (Integer) c[0];
      d.override = () -> ret;
      assertSignal(() -> mm.loadLong(AT + 3 * PAGE + 1), (Integer) c[1], (Integer) c[2],
          AT + 3 * PAGE + 1);
    }
    d.override = () -> VmFault.VM_FAULT_FALLBACK;
    assertThatThrownBy(() -> mm.loadLong(AT)).isInstanceOf(Oops.class)
        .hasMessageContaining("FALLBACK");
    d.override = () -> VmFault.VM_FAULT_NOPAGE; // claims success, maps nothing
    assertThatThrownBy(() -> mm.loadLong(AT)).isInstanceOf(Oops.class)
        .hasMessageContaining("livelock");
    int[] n = {0};
    d.override = null;
    VmOperations retryOnce = new VmOperations() {
      @Override
      public int fault(VmFault vmf) {
        if (n[0]++ == 0) {
          return VmFault.VM_FAULT_RETRY;
        }
        assertThat(vmf.flags() & VmFault.FAULT_FLAG_TRIED).isNotZero();
        return vmf.insertPfn(CXL_BASE >>> 12);
      }
    };
    mm.mmap(0x10000000L, PAGE, RW, SHARED_FIXED, 0, file(retryOnce, null));
    assertThat(mm.loadLong(0x10000000L)).isZero();
    assertThat(n[0]).isEqualTo(2);
  }

  @Test
  void fileWithoutOpsSigbuses() throws Exception {
    mm.mmap(AT, PAGE, RW, MAP_SHARED | MAP_FIXED, 0, file(null, null));
    assertSignal(() -> mm.loadLong(AT), Signal.SIGBUS, Signal.BUS_ADRERR, AT);
  }

  @Test
  void loadOfPoisonIsBusMceerrArWithThePageAndMappingSize() throws Exception {
    mapDax(PMD_SIZE, 2 * PMD_SIZE);
    h.phys.memoryFailure((CXL_BASE >>> 12) + 513);
    assertThat(mm.loadLong(AT + 512 * PAGE)).isZero(); // the page before is fine
    Signal s = assertSignal(() -> mm.loadLong(AT + 513 * PAGE + 100), Signal.SIGBUS,
        Signal.BUS_MCEERR_AR, AT + 513 * PAGE);
    assertThat(s.addrLsb()).isEqualTo(21);
    mm.storeLong(AT + 513 * PAGE + 100, 5); // stores do not consume poison
    byte[] buf = new byte[2 * (int) PAGE];
    Signal partial = assertSignal(() -> mm.load(AT + 512 * PAGE + 10, buf, 0, buf.length),
        Signal.SIGBUS, Signal.BUS_MCEERR_AR, AT + 513 * PAGE);
    assertThat(partial.getMessage()).isEqualTo("SIGBUS (BUS_MCEERR_AR) at 0x7f0000201000");
  }

  @Test
  void privateHugeWriteSplitsThenCopiesOnWrite() throws Exception {
    byte[] orig = pattern(3, 64);
    h.poke(CXL_BASE + PMD_SIZE + 5 * PAGE, orig);
    VmOperations ops = new VmOperations() {
      @Override
      public int fault(VmFault vmf) {
        return vmf.insertPfn((CXL_BASE >>> 12) + vmf.pgoff());
      }

      @Override
      public int hugeFault(VmFault vmf, int order) {
        if (order != PMD_ORDER) {
          return VmFault.VM_FAULT_FALLBACK;
        }
        long block = vmf.vma().linearPageIndex(vmf.realAddress() & -PMD_SIZE);
        return vmf.insertPfnPmd((CXL_BASE >>> 12) + block, vmf.isWrite());
      }
    };
    MmapHandler f = new MmapHandler() {
      @Override
      public void mmap(Vma vma) {
        vma.setOps(ops);
        vma.setFlags(Vma.VM_HUGEPAGE);
      }
    };
    mm.mmap(AT, 2 * PMD_SIZE, RW, MAP_PRIVATE | MAP_FIXED, 0, f);
    long addr = AT + PMD_SIZE + 5 * PAGE;
    byte[] got = new byte[64];
    mm.load(addr, got, 0, 64);
    assertThat(got).isEqualTo(orig);
    assertThat(PageTable.level(mm.pageTable().walk(addr))).isEqualTo(PageTable.PMD);
    long before = h.kas.allocatedPages();
    mm.store(addr, new byte[] {9, 9, 9}, 0, 3);
    long w = mm.pageTable().walk(addr);
    assertThat(PageTable.level(w)).isEqualTo(PageTable.PTE);
    assertThat(w & PageTable.ANON).isNotZero();
    assertThat(h.kas.allocatedPages()).isEqualTo(before + 1);
    assertThat(h.peek(CXL_BASE + PMD_SIZE + 5 * PAGE, 64)).as("device untouched").isEqualTo(orig);
    mm.load(addr, got, 0, 64);
    assertThat(got[0]).isEqualTo((byte) 9);
    assertThat(got[3]).isEqualTo(orig[3]);
    assertThat(mm.translate(addr + PAGE)).as("neighbour refaults from the device")
        .isEqualTo(-1);
    assertThat(mm.loadLong(addr + PAGE)).isZero();
    assertThat(mm.translate(addr + PAGE)).isEqualTo(CXL_BASE + PMD_SIZE + 6 * PAGE);
  }

  @Test
  void faultsAndSignalsAreTraced() throws Exception {
    List<long[]> hits = new ArrayList<>();
    DevDax d = mapDax(PMD_SIZE, PMD_SIZE);
    Trace.Registration reg = Trace.listen((p, s, a0, a1, a2, a3) -> {
      if (s == mm) {
        hits.add(new long[] {p.ordinal(), a0, a1, a2, a3});
      }
    });
    try {
      mm.loadLong(AT + 64);
      assertSignal(() -> mm.loadLong(AT + PMD_SIZE), Signal.SIGSEGV, Signal.SEGV_MAPERR,
          AT + PMD_SIZE);
    } finally {
      reg.close();
    }
    assertThat(d.calls).hasSize(2);
    assertThat(hits).hasSize(3);
    assertThat(hits.get(0)).containsExactly(Tracepoint.MM_FAULT.ordinal(), AT + 64, PUD_ORDER,
        VmFault.FAULT_FLAG_USER, VmFault.VM_FAULT_FALLBACK);
    assertThat(hits.get(1)).containsExactly(Tracepoint.MM_FAULT.ordinal(), AT + 64, PMD_ORDER,
        VmFault.FAULT_FLAG_USER, VmFault.VM_FAULT_NOPAGE);
    assertThat(hits.get(2)).containsExactly(Tracepoint.SIGNAL.ordinal(), Signal.SIGSEGV,
        Signal.SEGV_MAPERR, AT + PMD_SIZE, 0);
  }

  interface Access {
    void run() throws Exception;
  }

  static Signal assertSignal(Access a, int signo, int code, long addr) {
    try {
      a.run();
    } catch (Signal s) {
      assertThat(s.signo()).as("signo of %s", s).isEqualTo(signo);
      assertThat(s.code()).as("code of %s", s).isEqualTo(code);
      assertThat(s.addr()).as("addr of %s", s).isEqualTo(addr);
      return s;
    } catch (Exception e) {
      throw new AssertionError("expected a signal, got " + e, e);
    }
    throw new AssertionError("expected a signal, the access succeeded");
  }
}
