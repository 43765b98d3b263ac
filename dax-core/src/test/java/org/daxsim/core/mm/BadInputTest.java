package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.core.mm.IovIter.ITER_DEST;
import static org.daxsim.core.mm.IovIter.ITER_SOURCE;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.function.Supplier;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every public entry point with negative, overflowing, misaligned, out-of-range and null
 * arguments: the errno (or kernel-style return) is the documented one and nothing changed.
 */
class BadInputTest {
  private static final long PAGE = Pages.PAGE_SIZE;
  private static final long MAX = Long.MAX_VALUE;
  private static final long UA = 0x3000_0000L;

  private Host h;
  private Mm mm;
  private Vma vma;
  private long vmap;

  interface Call {
    void run() throws Exception;
  }

  @BeforeEach
  void setUp() throws Exception {
    h = new Host();
    h.kas.memremapPages(CXL_BASE, 1L << 30);
    vmap = h.kas.memremap(CXL_BASE + (2L << 30), 2 * PAGE);
    mm = h.mm();
    vma = mm.mmap(UA, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
        0, null);
    mm.storeLong(UA, 1);
  }

  /** The whole observable state of the host and the process. */
  private String state() {
    StringBuilder b = new StringBuilder(h.kas.toString());
    b.append(" alloc=").append(h.kas.allocatedPages()).append(" free=")
        .append(h.kas.freePages()).append(' ').append(mm.vmas());
    mm.forEachLeaf((va, level, e) -> b.append(String.format(" %x:%d:%x", va, level, e)));
    return b.toString();
  }

  private void expect(Errno errno, Call c) {
    expect(errno, c, this::state);
  }

  private static void expect(Errno errno, Call c, Supplier<String> state) {
    String before = state.get();
    assertThatThrownBy(c::run).isInstanceOfSatisfying(ErrnoException.class,
        e -> assertThat(e.errno()).as(e.getMessage()).isEqualTo(errno));
    assertThat(state.get()).isEqualTo(before);
  }

  @Test
  void kernelAddressSpaceMutators() throws Exception {
    KernelAddressSpace kas = h.kas;
    expect(Errno.EINVAL, () -> new KernelAddressSpace(null));
    long[][] badRanges = {
      {-PAGE, PAGE}, {CXL_BASE, 0}, {CXL_BASE, -PAGE}, {CXL_BASE + 1, PAGE}, {CXL_BASE, PAGE + 1},
      {MAX & Pages.PAGE_MASK, PAGE}, {CXL_BASE, MAX & Pages.PAGE_MASK},
      {org.daxsim.core.mem.PhysicalAddressSpace.MAX_PHYS, PAGE},
    };
    for (long[] r : badRanges) {
      expect(Errno.EINVAL, () -> kas.addSystemRam(r[0], r[1]));
      expect(Errno.EINVAL, () -> kas.removeSystemRam(r[0], r[1]));
      expect(Errno.EINVAL, () -> kas.memremapPages(r[0], r[1]));
    }
    expect(Errno.EEXIST, () -> kas.addSystemRam(RAM_BASE + PAGE, PAGE));
    expect(Errno.EEXIST, () -> kas.addSystemRam(CXL_BASE, PAGE));
    expect(Errno.E2BIG, () -> kas.addSystemRam(KernelAddressSpace.DIRECT_MAP_SIZE, PAGE));
    // mhp_range_allowed() comes before the resource conflict
    expect(Errno.E2BIG, () -> kas.addSystemRam(RAM_BASE, KernelAddressSpace.DIRECT_MAP_SIZE));
    expect(Errno.ENXIO, () -> kas.addSystemRam(CXL_BASE + CXL_SIZE, PAGE));
    expect(Errno.EINVAL, () -> kas.removeSystemRam(RAM_BASE, PAGE)); // not the whole range
    expect(Errno.EINVAL, () -> kas.removeSystemRam(CXL_BASE, 1L << 30)); // a pgmap
    expect(Errno.ENOMEM, () -> kas.memremapPages(CXL_BASE + PAGE, PAGE));
    expect(Errno.ENXIO, () -> kas.memremapPages(RAM_BASE, PAGE));
    expect(Errno.EINVAL, () -> kas.memremapPages(KernelAddressSpace.DIRECT_MAP_SIZE, PAGE));
    expect(Errno.ENXIO, () -> kas.memremapPages(CXL_BASE + CXL_SIZE, PAGE));
    for (long p : new long[] {-1, CXL_BASE + PAGE, CXL_BASE + 1, RAM_BASE, MAX}) {
      expect(Errno.EINVAL, () -> kas.memunmapPages(p));
    }
    for (long[] r : new long[][] {{-1, 1}, {0, 0}, {0, -1}, {MAX, 2}, {1L << 52, 1}}) {
      expect(Errno.EINVAL, () -> kas.memremap(r[0], r[1]));
    }
    expect(Errno.ENXIO, () -> kas.memremap(RAM_BASE + RAM_SIZE - 1, 2));
    expect(Errno.ENXIO, () -> kas.memremap(CXL_BASE + CXL_SIZE, 1));
    for (long k : new long[] {vmap + PAGE, KernelAddressSpace.VMALLOC_START - PAGE, 0x1000, -1,
        KernelAddressSpace.VMALLOC_START + KernelAddressSpace.VMALLOC_SIZE}) {
      expect(Errno.EINVAL, () -> kas.memunmap(k));
    }
    for (long pfn : new long[] {-1, 0, (RAM_BASE >>> 12) + 100, MAX}) {
      expect(Errno.EINVAL, () -> kas.freePage(pfn));
    }
  }

  @Test
  void kernelAddressSpaceQueriesAndAccesses() throws Exception {
    KernelAddressSpace kas = h.kas;
    for (long k : new long[] {0, -1, MAX, Long.MIN_VALUE, KernelAddressSpace.PAGE_OFFSET - 1,
        KernelAddressSpace.PAGE_OFFSET + KernelAddressSpace.DIRECT_MAP_SIZE}) {
      assertThat(kas.translate(k)).isEqualTo(-1);
      assertThat(kas.mappedLength(k, PAGE)).isZero();
    }
    long k = KernelAddressSpace.va(CXL_BASE);
    assertThat(kas.mappedLength(k, -1)).isZero();
    assertThat(kas.mappedLength(k, 0)).isZero();
    assertThat(kas.mappedLength(k, MAX)).isEqualTo(1L << 30);
    for (long pfn : new long[] {-1, MAX, Long.MIN_VALUE, KernelAddressSpace.DIRECT_MAP_SIZE}) {
      assertThat(kas.pfnValid(pfn)).isFalse();
    }
    byte[] b = new byte[8];
    expect(Errno.EINVAL, () -> kas.read(k, null, 0, 1));
    expect(Errno.EINVAL, () -> kas.read(k, b, -1, 1));
    expect(Errno.EINVAL, () -> kas.read(k, b, 4, 5));
    expect(Errno.EINVAL, () -> kas.read(k, b, 0, -1));
    expect(Errno.EINVAL, () -> kas.write(k, null, 0, 1));
    expect(Errno.EINVAL, () -> kas.write(k, b, Integer.MAX_VALUE, 1));
  }

  @Test
  void mmSystemCalls() throws Exception {
    expect(Errno.EINVAL, () -> new Mm(null));
    int rw = PROT_READ | PROT_WRITE;
    int anon = MAP_PRIVATE | MAP_ANONYMOUS;
    expect(Errno.EINVAL, () -> mm.mmap(0, 0, rw, anon, 0, null));
    expect(Errno.ENOMEM, () -> mm.mmap(0, -1, rw, anon, 0, null));
    expect(Errno.ENOMEM, () -> mm.mmap(0, MAX, rw, anon, 0, null));
    expect(Errno.EINVAL, () -> mm.mmap(0, PAGE, -1, anon, 0, null));
    expect(Errno.EINVAL, () -> mm.mmap(0, PAGE, rw, anon, -1, null));
    expect(Errno.EINVAL, () -> mm.mmap(UA + 1, PAGE, rw, anon | MAP_FIXED, 0, null));
    expect(Errno.ENOMEM, () -> mm.mmap(-PAGE, PAGE, rw, anon | MAP_FIXED, 0, null));
    expect(Errno.ENOMEM, () -> mm.mmap(TASK_SIZE - PAGE, 2 * PAGE, rw, anon | MAP_FIXED, 0,
        null));
    expect(Errno.EPERM, () -> mm.mmap(0, PAGE, rw, anon | MAP_FIXED, 0, null));
    expect(Errno.EEXIST, () -> mm.mmap(UA, PAGE, rw, anon | MAP_FIXED_NOREPLACE, 0, null));
    expect(Errno.EINVAL, () -> mm.mmap(0, PAGE, rw, MAP_ANONYMOUS | MAP_TYPE, 0, null));
    expect(Errno.EBADF, () -> mm.mmap(0, PAGE, rw, MAP_SHARED, 0, null));
    MmapHandler f = file(null, null);
    expect(Errno.EOVERFLOW, () -> mm.mmap(0, PAGE, rw, MAP_SHARED, MAX, f));
    expect(Errno.EOPNOTSUPP, () -> mm.mmap(0, PAGE, rw, MAP_SHARED_VALIDATE | 0x200000, 0, f));
    for (long[] r : new long[][] {{UA + 1, PAGE}, {-PAGE, PAGE}, {UA, -1}, {UA, 0},
        {TASK_SIZE, PAGE}, {TASK_SIZE - PAGE, 2 * PAGE}, {MAX & Pages.PAGE_MASK, PAGE}}) {
      expect(Errno.EINVAL, () -> mm.munmap(r[0], r[1]));
    }
    assertThat(mm.getUnmappedArea(0, -1, 0, 0)).isEqualTo(Errno.ENOMEM.neg());
    assertThat(mm.getUnmappedArea(0, TASK_SIZE + 1, 0, 0)).isEqualTo(Errno.ENOMEM.neg());
    assertThat(mm.thpGetUnmappedArea(0, MAX, -1, 0)).isEqualTo(Errno.ENOMEM.neg());
    assertThat(mm.getUnmappedArea(-1, PAGE, 0, 0)).isEqualTo(MMAP_BASE - PAGE); // bad hint
    for (long a : new long[] {-1, MAX, 0, TASK_SIZE}) {
      assertThat(mm.vmaLookup(a)).isNull();
      assertThat(mm.translate(a)).isEqualTo(-1);
    }
  }

  @Test
  void mmZapAndAccesses() throws Exception {
    expect(Errno.EINVAL, () -> mm.zap(null, UA, UA + PAGE));
    expect(Errno.EINVAL, () -> mm.zap(vma, UA + 1, UA + PAGE));
    expect(Errno.EINVAL, () -> mm.zap(vma, UA, UA + PAGE + 1));
    expect(Errno.EINVAL, () -> mm.zap(vma, UA - PAGE, UA + PAGE));
    expect(Errno.EINVAL, () -> mm.zap(vma, UA, UA + 5 * PAGE));
    expect(Errno.EINVAL, () -> mm.zap(vma, UA + PAGE, UA + PAGE));
    expect(Errno.EINVAL, () -> mm.zap(vma, -PAGE, 0));
    Mm other = h.mm();
    expect(Errno.EINVAL, () -> other.zap(vma, UA, UA + PAGE));
    byte[] b = new byte[8];
    expect(Errno.EINVAL, () -> mm.load(UA, null, 0, 1));
    expect(Errno.EINVAL, () -> mm.load(UA + PAGE, b, 0, 9)); // would fault a page in otherwise
    expect(Errno.EINVAL, () -> mm.load(UA, b, -1, 1));
    expect(Errno.EINVAL, () -> mm.store(UA + PAGE, null, 0, 1));
    expect(Errno.EINVAL, () -> mm.store(UA + PAGE, b, 8, -1));
    expect(Errno.EINVAL, () -> mm.store(UA + PAGE, b, Integer.MIN_VALUE, 1));
    mm.munmap(UA, 4 * PAGE);
    expect(Errno.EINVAL, () -> mm.zap(vma, UA, UA + PAGE)); // detached
  }

  @Test
  void addressSpaceAndVmFaultHelpers() throws Exception {
    AddressSpace as = new AddressSpace();
    int[] results = new int[6];
    VmOperations ops = new VmOperations() {
      @Override
      public int fault(VmFault vmf) {
        results[0] = vmf.insertPfn(-1);
        results[1] = vmf.insertPfn(1L << 40);
        results[2] = vmf.insertPfnPmd(CXL_BASE >>> 12 | 1, false); // misaligned
        results[3] = vmf.insertPfnPmd(RAM_BASE >>> 12, false); // block outside the VMA
        results[4] = vmf.insertPfnPud(CXL_BASE >>> 12, true); // likewise
        results[5] = vmf.insertPfnPmd(-512, true);
        return VmFault.VM_FAULT_SIGBUS;
      }
    };
    Vma v = mm.mmap(0, 2 * PAGE, PROT_READ, MAP_SHARED, 0, file(ops, as));
    mm.zap(v, v.start(), v.end());
    String before = state();
    FaultTest.assertSignal(() -> mm.loadLong(v.start()), Signal.SIGBUS, Signal.BUS_ADRERR,
        v.start());
    assertThat(results).containsOnly(VmFault.VM_FAULT_SIGBUS);
    assertThat(state()).isEqualTo(before);
    expect(Errno.EINVAL, () -> as.unmapMappingRange(-1, 0));
    expect(Errno.EINVAL, () -> as.unmapMappingRange(0, -1));
    expect(Errno.EINVAL, () -> as.unmapMappingRange(Long.MIN_VALUE, MAX, false));
    as.unmapMappingRange(MAX, MAX); // far beyond the mapping: nothing to do
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void iovIterFactories() throws Exception {
    expect(Errno.EINVAL, () -> IovIter.ubuf(null, ITER_DEST, UA, 1));
    expect(Errno.EINVAL, () -> IovIter.ubuf(mm, 2, UA, 1));
    expect(Errno.EINVAL, () -> IovIter.ubuf(mm, -1, UA, 1));
    expect(Errno.EINVAL, () -> IovIter.ubuf(mm, ITER_DEST, UA, -1));
    expect(Errno.EFAULT, () -> IovIter.ubuf(mm, ITER_DEST, TASK_SIZE, 1));
    expect(Errno.EFAULT, () -> IovIter.ubuf(mm, ITER_DEST, -PAGE, 1));
    expect(Errno.EFAULT, () -> IovIter.ubuf(mm, ITER_DEST, KernelAddressSpace.va(RAM_BASE), 1));
    long[] one = {UA};
    expect(Errno.EINVAL, () -> IovIter.iovec(null, ITER_DEST, one, one));
    expect(Errno.EINVAL, () -> IovIter.iovec(mm, ITER_DEST, null, one));
    expect(Errno.EINVAL, () -> IovIter.iovec(mm, ITER_DEST, one, null));
    expect(Errno.EINVAL, () -> IovIter.iovec(mm, ITER_DEST, one, new long[] {1, 2}));
    expect(Errno.EINVAL, () -> IovIter.iovec(mm, ITER_DEST, one, new long[] {-1}));
    expect(Errno.EINVAL, () -> IovIter.iovec(mm, ITER_DEST, new long[IovIter.UIO_MAXIOV + 1],
        new long[IovIter.UIO_MAXIOV + 1]));
    expect(Errno.EFAULT, () -> IovIter.iovec(mm, ITER_DEST, new long[] {UA, TASK_SIZE - 1},
        new long[] {1, 2}));
    expect(Errno.EFAULT, () -> IovIter.iovec(mm, ITER_DEST, new long[] {MAX}, new long[] {1}));
    expect(Errno.EINVAL, () -> IovIter.kvec(null, ITER_DEST, 0, 1));
    expect(Errno.EINVAL, () -> IovIter.kvec(h.kas, 7, 0, 1));
    expect(Errno.EINVAL, () -> IovIter.kvec(h.kas, ITER_DEST, 0, -1));
    expect(Errno.EINVAL, () -> IovIter.kvec(h.kas, ITER_DEST, -PAGE, 2 * PAGE)); // wraps
    expect(Errno.EOVERFLOW, () -> IovIter.kvec(h.kas, ITER_DEST, new long[] {0, 0},
        new long[] {MAX, MAX}));
    expect(Errno.EINVAL, () -> IovIter.kvec(h.kas, ITER_DEST, (long[]) null, one));
    byte[] b = new byte[16];
    expect(Errno.EINVAL, () -> IovIter.kbuf(ITER_DEST, null, 0, 1));
    expect(Errno.EINVAL, () -> IovIter.kbuf(ITER_DEST, b, 10, 7));
    expect(Errno.EINVAL, () -> IovIter.kbuf(ITER_DEST, b, -1, 1));
    expect(Errno.EINVAL, () -> IovIter.kbuf(3, b, 0, 1));
    assertThat(IovIter.kvec(h.kas, ITER_DEST, -PAGE, PAGE).count()).isEqualTo(PAGE); // to 2^64
  }

  @Test
  void iovIterCursorAndCopies() throws Exception {
    IovIter it = IovIter.iovec(mm, ITER_DEST, new long[] {UA, UA + PAGE}, new long[] {10, 20});
    it.advance(5);
    Supplier<String> st = () -> it + " " + state();
    expect(Errno.EINVAL, () -> it.advance(-1), st);
    expect(Errno.EINVAL, () -> it.revert(-1), st);
    expect(Errno.EINVAL, () -> it.revert(6), st);
    expect(Errno.EINVAL, () -> it.truncate(-1), st);
    expect(Errno.EINVAL, () -> it.truncate(Long.MIN_VALUE), st);
    it.advance(MAX); // clamps to count
    assertThat(it.count()).isZero();
    it.revert(30);
    assertThat(it.count()).isEqualTo(30);
    long k = KernelAddressSpace.va(CXL_BASE);
    String before = st.get();
    Host other = new Host();
    IovIter foreign = IovIter.ubuf(other.mm(), ITER_DEST, UA, 8);
    assertThat(IovIter.copyToIter(null, k, 8, it)).isZero();
    assertThat(IovIter.copyToIter(h.kas, k, 8, null)).isZero();
    assertThat(IovIter.copyToIter(h.kas, k, -1, it)).isZero();
    assertThat(IovIter.copyMcToIter(h.kas, k, Long.MIN_VALUE, it)).isZero();
    assertThat(IovIter.copyToIter(h.kas, k, 8, foreign)).isZero();
    assertThat(IovIter.copyFromIter(null, k, 8, it)).isZero();
    assertThat(IovIter.copyFromIterFlushcache(h.kas, k, -8, it)).isZero();
    assertThat(IovIter.copyToIter(h.kas, k, 0, it)).isZero();
    assertThat(st.get()).isEqualTo(before);
    assertThat(foreign.count()).isEqualTo(8);
  }
}
