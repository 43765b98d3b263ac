package org.daxsim.fs.dax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.daxsim.core.mm.Mman.MAP_FIXED;
import static org.daxsim.core.mm.Mman.MAP_PRIVATE;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;
import static org.daxsim.core.mm.VmFault.VM_FAULT_HWPOISON;
import static org.daxsim.core.mm.VmFault.VM_FAULT_NOPAGE;
import static org.daxsim.core.mm.VmFault.VM_FAULT_OOM;
import static org.daxsim.core.mm.VmFault.VM_FAULT_SIGBUS;

import java.util.Arrays;
import java.util.List;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Errno;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.PmemDaxOperations;
import org.daxsim.core.mm.Signal;
import org.daxsim.core.mm.Vma;
import org.junit.jupiter.api.Test;

/** Fault sizes: PMD when everything lines up, each fallback condition, PTE entries win. */
class DaxIomapFaultTest {
  static final long MiB = Host.MiB;
  static final long FIXED = 0x2_0000_0000L; // 2 MiB aligned user address for MAP_FIXED

  final Host h;
  final DevDax d;

  DaxIomapFaultTest() throws Exception {
    h = new Host();
    d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 4 * MiB, 64 * MiB, 4 * MiB);
    h.writeDev(d, 0, DaxIomapRwTest.pattern((int) (8 * MiB), 2));
  }

  TestFile file(long size, TestFile.Seg... segs) {
    TestFile f = new TestFile(h.faults, d.daxDevice(), List.of(segs), size);
    f.devDax = d;
    return f;
  }

  byte load(Vma v, long off) throws Exception {
    byte[] b = new byte[1];
    h.process.load(v.start() + off, b, 0, 1);
    return b[0];
  }

  Vma map(TestFile f, long addr, long len, int flags, long pgoff) throws Exception {
    return h.process.mmap(addr, len, PROT_READ | PROT_WRITE,
        flags | (addr != 0 ? MAP_FIXED : 0), pgoff, f);
  }

  @Test
  void anAlignedExtentFaultsPmdAndMapsTheRightBytes() throws Exception {
    TestFile f = file(4 * MiB, new TestFile.Seg(2 * MiB, 4 * MiB)); // crosses nothing
    Vma v = map(f, 0, 4 * MiB, MAP_SHARED, 0);
    assertThat(load(v, 12345)).isEqualTo(h.model(d, f, 12345, 1)[0]);
    assertThat(load(v, 2 * MiB - 1)).isEqualTo(h.model(d, f, 2 * MiB - 1, 1)[0]);
    assertThat(f.mappedOrders).containsExactly(9); // one PMD covers both loads
    assertThat(f.entries.get(0) & DaxEntries.DAX_PMD).isNotZero();
  }

  @Test
  void colourMismatchFallsBack() throws Exception {
    TestFile f = file(6 * MiB, new TestFile.Seg(0, 6 * MiB));
    Vma v = map(f, FIXED, 2 * MiB, MAP_SHARED, 1); // file page 1 at an aligned address
    assertThat(load(v, 0)).isEqualTo(h.model(d, f, 4096, 1)[0]);
    assertThat(f.mappedOrders).containsExactly(0);
  }

  @Test
  void privateWriteFallsBackAndLeavesTheDeviceAlone() throws Exception {
    TestFile f = file(4 * MiB, new TestFile.Seg(0, 4 * MiB));
    Vma v = map(f, 0, 4 * MiB, MAP_PRIVATE, 0);
    byte before = h.model(d, f, 100, 1)[0];
    h.process.store(v.start() + 100, new byte[] {(byte) (before + 1)}, 0, 1);
    assertThat(f.mappedOrders).doesNotContain(9).contains(0);
    assertThat(h.model(d, f, 100, 1)[0]).isEqualTo(before);
    assertThat(load(v, 100)).isEqualTo((byte) (before + 1));
  }

  @Test
  void sharedWriteIsPmdAndReachesTheDevice() throws Exception {
    TestFile f = file(4 * MiB, new TestFile.Seg(0, 4 * MiB));
    Vma v = map(f, 0, 4 * MiB, MAP_SHARED, 0);
    h.process.store(v.start() + 100, new byte[] {42}, 0, 1);
    assertThat(f.mappedOrders).containsExactly(9);
    assertThat(h.model(d, f, 100, 1)[0]).isEqualTo((byte) 42);
  }

  @Test
  void aBlockOutsideTheVmaFallsBack() throws Exception {
    TestFile f = file(4 * MiB, new TestFile.Seg(0, 4 * MiB));
    Vma v = map(f, FIXED, 1 * MiB, MAP_SHARED, 0);
    load(v, 0);
    assertThat(f.mappedOrders).containsExactly(0);
  }

  @Test
  void aBlockPastEofFallsBackAndAPagePastEofIsSigbus() throws Exception {
    TestFile f = file(2 * MiB - 4096, new TestFile.Seg(0, 4 * MiB));
    Vma v = map(f, 0, 2 * MiB, MAP_SHARED, 0);
    load(v, 0);
    assertThat(f.mappedOrders).containsExactly(0);
    Signal s = catchThrowableOfType(() -> load(v, 2 * MiB - 4096), Signal.class);
    assertThat(s.signo()).isEqualTo(Signal.SIGBUS);
  }

  @Test
  void anExtentShorterThan2MiBFallsBack() throws Exception {
    TestFile f = file(4 * MiB, new TestFile.Seg(0, 1 * MiB), new TestFile.Seg(3 * MiB, 3 * MiB));
    Vma v = map(f, 0, 4 * MiB, MAP_SHARED, 0);
    assertThat(load(v, 1 * MiB + 7)).isEqualTo(h.model(d, f, 1 * MiB + 7, 1)[0]);
    assertThat(f.mappedOrders).containsExactly(0);
  }

  @Test
  void aMisalignedPfnFailsDirectAccessAndFallsBack() throws Exception {
    TestFile f = file(4 * MiB, new TestFile.Seg(4096, 4 * MiB)); // file 0 at device page 1
    Vma v = map(f, 0, 4 * MiB, MAP_SHARED, 0);
    assertThat(load(v, 5)).isEqualTo(h.model(d, f, 5, 1)[0]);
    assertThat(f.mappedOrders).containsExactly(0);
  }

  @Test
  void anExtentCrossingARangeEndFallsBackOnTheShortGrant() throws Exception {
    TestFile f = file(4 * MiB, new TestFile.Seg(3 * MiB, 4 * MiB)); // 1 MiB in range 0
    Vma v = map(f, 0, 4 * MiB, MAP_SHARED, 0);
    assertThat(load(v, 1 * MiB + 3)).isEqualTo(h.model(d, f, 1 * MiB + 3, 1)[0]);
    assertThat(f.mappedOrders).containsExactly(0);
  }

  @Test
  void aShortGrantWithAnAlignedPfnFallsBack() throws Exception {
    // a 3 MiB pmem namespace: the block [2M, 4M) gets 1 MiB from direct_access, pfn aligned
    long phys = Host.BASE + 512 * MiB;
    PmemDaxOperations pmem = PmemDaxOperations.create(h.kas, phys, 3 * MiB);
    DaxDevice dax = pmem.attach(h.core);
    h.core.runDax(dax);
    TestFile f = new TestFile(h.faults, dax, List.of(new TestFile.Seg(0, 4 * MiB)), 4 * MiB);
    h.phys.write(phys + 2 * MiB + 5, new byte[] {77}, 0, 1);
    Vma v = map(f, 0, 4 * MiB, MAP_SHARED, 0);
    assertThat(load(v, 2 * MiB + 5)).isEqualTo((byte) 77);
    assertThat(f.mappedOrders).containsExactly(0);
  }

  @Test
  void pteEntriesWin() throws Exception {
    TestFile f = file(4 * MiB, new TestFile.Seg(0, 4 * MiB));
    Vma small = map(f, FIXED, 1 * MiB, MAP_SHARED, 0); // PTE-sized: entry at index 7
    load(small, 7 * 4096);
    h.process.munmap(small.start(), small.length());
    Vma big = map(f, 0, 4 * MiB, MAP_SHARED, 0);
    load(big, 100 * 4096);
    assertThat(f.mappedOrders).containsExactly(0, 0); // the PMD fault fell back
    load(big, 2 * MiB + 5); // the second block has no PTE entries
    assertThat(f.mappedOrders).containsExactly(0, 0, 9);
  }

  @Test
  void aPteFaultUnderARealPmdEntryMapsThePageAndKeepsThePmdEntry() throws Exception {
    TestFile f = file(4 * MiB, new TestFile.Seg(0, 4 * MiB));
    Vma big = map(f, 0, 4 * MiB, MAP_SHARED, 0);
    load(big, 0);
    Vma small = map(f, FIXED, 1 * MiB, MAP_SHARED, 0);
    assertThat(load(small, 9 * 4096)).isEqualTo(h.model(d, f, 9 * 4096, 1)[0]);
    assertThat(f.mappedOrders).containsExactly(9, 0);
    assertThat(f.entries.get(0) & DaxEntries.DAX_PMD).isNotZero();
    assertThat(f.entries.size()).isEqualTo(1);
  }

  @Test
  void aHoleReadsAsTheZeroPage() throws Exception {
    TestFile f = file(4 * MiB, new TestFile.Seg(-1, 4 * MiB));
    Vma v = map(f, 0, 4 * MiB, MAP_SHARED, 0);
    byte[] b = new byte[4096];
    h.process.load(v.start() + 8192, b, 0, b.length);
    assertThat(b).isEqualTo(new byte[4096]);
    assertThat(f.mappedOrders).containsExactly(0); // no huge zero folio: PMD falls back
  }

  @Test
  void faultReturnConversion() {
    assertThat(DaxFault.daxFaultReturn(0)).isEqualTo(VM_FAULT_NOPAGE);
    assertThat(DaxFault.daxFaultReturn(Errno.ENOMEM.neg())).isEqualTo(VM_FAULT_OOM);
    assertThat(DaxFault.daxFaultReturn(Errno.EHWPOISON.neg())).isEqualTo(VM_FAULT_HWPOISON);
    for (Errno e : Arrays.asList(Errno.EIO, Errno.EFAULT, Errno.EINVAL, Errno.ENXIO)) {
      assertThat(DaxFault.daxFaultReturn(e.neg())).isEqualTo(VM_FAULT_SIGBUS);
    }
  }

  @Test
  void aDeadDeviceFaultsSigbus() throws Exception {
    TestFile f = file(4 * MiB, new TestFile.Seg(0, 4 * MiB));
    Vma v = map(f, 0, 4 * MiB, MAP_SHARED, 0);
    h.bus.unbind(d);
    Signal s = catchThrowableOfType(() -> load(v, 0), Signal.class);
    assertThat(s.signo()).isEqualTo(Signal.SIGBUS);
  }
}
