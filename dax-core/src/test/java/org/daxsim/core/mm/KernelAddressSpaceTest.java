package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Oops;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.Test;

/** The direct map, memremap_pages, memremap, kernel-internal accesses, the page allocator. */
class KernelAddressSpaceTest {
  private static final long PAGE = 4096;

  @Test
  void directMapCoversSystemRamOnly() throws Exception {
    Host h = new Host();
    KernelAddressSpace kas = h.kas;
    assertThat(kas.translate(KernelAddressSpace.va(RAM_BASE))).isEqualTo(RAM_BASE);
    assertThat(kas.translate(KernelAddressSpace.va(RAM_BASE + RAM_SIZE - 1)))
        .isEqualTo(RAM_BASE + RAM_SIZE - 1);
    assertThat(kas.translate(KernelAddressSpace.va(RAM_BASE + RAM_SIZE))).isEqualTo(-1);
    assertThat(kas.translate(KernelAddressSpace.va(RAM_BASE - 1))).isEqualTo(-1);
    // backed CXL memory has no direct map until memremap_pages
    assertThat(kas.translate(KernelAddressSpace.va(CXL_BASE))).isEqualTo(-1);
    assertThat(kas.pfnValid(CXL_BASE >>> 12)).isFalse();
    assertThat(kas.memremapPages(CXL_BASE, 1L << 30)).isEqualTo(KernelAddressSpace.va(CXL_BASE));
    assertThat(kas.translate(KernelAddressSpace.va(CXL_BASE) + 12345)).isEqualTo(CXL_BASE + 12345);
    assertThat(kas.pfnValid(CXL_BASE >>> 12)).isTrue();
    assertThat(kas.translate(KernelAddressSpace.va(CXL_BASE + (1L << 30)))).isEqualTo(-1);
    // a physical address used as a kernel address is not mapped (it is in the user half)
    assertThat(kas.translate(CXL_BASE)).isEqualTo(-1);
    assertThat(kas.translate(0x0000_8000_0000_0000L)).isEqualTo(-1); // non-canonical
    assertThat(kas.translate(KernelAddressSpace.VMALLOC_START)).isEqualTo(-1);
    kas.memunmapPages(CXL_BASE);
    assertThat(kas.translate(KernelAddressSpace.va(CXL_BASE))).isEqualTo(-1);
  }

  /** The granule of the direct-map sequences: ranges start and end on 2 MiB. */
  private static final long UNIT = 2L << 20;
  /** The last unit of the CXL device: a range starting there runs off the backed memory. */
  private static final long LAST_UNIT = CXL_BASE + CXL_SIZE - UNIT;
  private static final String[] CALLS =
      {"addSystemRam", "memremapPages", "removeSystemRam", "memunmapPages"};

  /** A host whose direct map starts empty: its DRAM is taken offline again. */
  private static Host emptyHost() {
    try {
      Host h = new Host();
      h.kas.removeSystemRam(RAM_BASE, RAM_SIZE);
      return h;
    } catch (ErrnoException e) {
      throw new IllegalStateException("setting up the host", e);
    }
  }

  private static String cxl(long p) {
    return String.format("CXL+0x%x", p - CXL_BASE);
  }

  /**
   * One of the four calls on {start, len}: usually a fresh range (1 to 8 units at one of the
   * first 64 units, or at the last unit), sometimes exactly a range the model holds, so that
   * removals and memunmap_pages find something.
   */
  private static Gen<Action<Host, List<long[]>>> calls(List<long[]> model) {
    Gen<Long> starts = Gen.frequency(
        Map.entry(7, Gen.longs(0, 63).map(k -> CXL_BASE + k * UNIT)),
        Map.entry(1, Gen.constant(LAST_UNIT)));
    Gen<long[]> fresh = Gen.zip(starts, Gen.longs(1, 8), (st, n) -> new long[] {st, n * UNIT});
    Gen<long[]> ranges = model.isEmpty() ? fresh : Gen.frequency(Map.entry(3, fresh),
        Map.entry(1, Gen.elements(model).map(m -> new long[] {m[0], m[1] - m[0]})));
    return Gen.zip(Gen.ints(0, 3), ranges, (what, r) -> {
      long start = r[0];
      long len = r[1];
      String name = what == 3 ? String.format("%s(%s)", CALLS[what], cxl(start))
          : String.format("%s(%s, 0x%x)", CALLS[what], cxl(start), len);
      return Action.of(name, (h, m) -> {
        Errno expect = expected(m, start, start + len, what);
        Errno got = null;
        try {
          switch (what) {
            case 0 -> h.kas.addSystemRam(start, len);
            case 1 -> h.kas.memremapPages(start, len);
            case 2 -> h.kas.removeSystemRam(start, len);
            default -> h.kas.memunmapPages(start);
          }
        } catch (ErrnoException e) {
          got = e.errno();
        }
        assertThat(got).as("errno (null: success)").isEqualTo(expect);
        if (expect == null) {
          apply(m, start, start + len, what);
        }
      });
    });
  }

  /** Any byte near the ranges the calls use, with a length for mappedLength. */
  private static final Gen<Action<Host, List<long[]>>> PROBES = Gen.zip(
      Gen.frequency(
          Map.entry(4, Gen.longs(0, 72 * UNIT - 1).map(off -> CXL_BASE + off)),
          Map.entry(1, Gen.longs(0, 2 * UNIT - 1).map(off -> LAST_UNIT + off))),
      Gen.longs(0, 3 * UNIT),
      (p, len) -> Action.of(String.format("probe(%s, 0x%x)", cxl(p), len),
          (h, m) -> assertDirectMap(h, m, p, len)));

  /** translate, pfn_valid and mappedLength at physical {@code p} agree with the model. */
  private static void assertDirectMap(Host h, List<long[]> model, long p, long len) {
    boolean in = model.stream().anyMatch(m -> p >= m[0] && p < m[1]);
    long kaddr = KernelAddressSpace.va(p);
    assertThat(h.kas.translate(kaddr)).as("translate(va(%s))", cxl(p)).isEqualTo(in ? p : -1);
    assertThat(h.kas.pfnValid(p >>> 12)).as("pfnValid(%s)", cxl(p)).isEqualTo(in);
    assertThat(h.kas.mappedLength(kaddr, len)).as("mappedLength(va(%s), 0x%x)", cxl(p), len)
        .isEqualTo(modelLength(model, p, len));
  }

  /**
   * Property: after any sequence of add_memory, remove_memory, memremap_pages and
   * memunmap_pages, each call fails with exactly the errno a flat list of {start, end, kind}
   * ranges predicts (EEXIST/ENOMEM/ENXIO on overlaps, ENXIO off the backed memory, EINVAL for
   * removing what is not there) and otherwise changes the direct map as the list does; and
   * translate, pfn_valid and mappedLength agree with the list at both ends of every 2 MiB unit
   * the calls can reach and at probed bytes.
   */
  @Test
  void directMapSequencesMatchARangeListModel() {
    Stateful.<Host, List<long[]>>of(KernelAddressSpaceTest::emptyHost, ArrayList::new)
        .actionsFrom(m -> Gen.frequency(Map.entry(4, calls(m)), Map.entry(1, PROBES)))
        .invariant((h, m) -> {
          for (long u = 0; u <= 72; u++) {
            long p = u < 72 ? CXL_BASE + u * UNIT : LAST_UNIT;
            assertDirectMap(h, m, p, 3 * UNIT);
            assertDirectMap(h, m, p + UNIT - 1, 1);
          }
        })
        .maxSteps(60)
        .named("direct map = range-list model under hot-add/remove and memremap/memunmap")
        .check();
  }

  private static Errno expected(List<long[]> model, long s, long e, int what) {
    boolean backed = e <= CXL_BASE + CXL_SIZE;
    switch (what) {
      case 0:
        if (model.stream().anyMatch(m -> m[0] < e && s < m[1])) {
          return Errno.EEXIST;
        }
        return backed ? null : Errno.ENXIO;
      case 1:
        if (model.stream().anyMatch(m -> m[2] == 2 && m[0] < e && s < m[1])) {
          return Errno.ENOMEM;
        }
        if (model.stream().anyMatch(m -> m[2] == 1 && m[0] < e && s < m[1])) {
          return Errno.ENXIO;
        }
        return backed ? null : Errno.ENXIO;
      case 2:
        return model.stream().anyMatch(m -> m[0] == s && m[1] == e && m[2] == 1)
            ? null : Errno.EINVAL;
      default:
        return model.stream().anyMatch(m -> m[0] == s && m[2] == 2) ? null : Errno.EINVAL;
    }
  }

  private static void apply(List<long[]> model, long s, long e, int what) {
    switch (what) {
      case 0 -> model.add(new long[] {s, e, 1});
      case 1 -> model.add(new long[] {s, e, 2});
      case 2 -> model.removeIf(m -> m[0] == s && m[2] == 1);
      default -> model.removeIf(m -> m[0] == s && m[2] == 2);
    }
  }

  private static long modelLength(List<long[]> model, long p, long len) {
    long at = p;
    while (at < p + len) {
      long a = at;
      long[] m = model.stream().filter(x -> a >= x[0] && a < x[1]).findFirst().orElse(null);
      if (m == null) {
        break;
      }
      at = m[1];
    }
    return Math.min(at, p + len) - p;
  }

  @Test
  void memremapMapsNonRamInTheVmallocAreaWithGuardPages() throws Exception {
    Host h = new Host();
    KernelAddressSpace kas = h.kas;
    assertThat(kas.memremap(RAM_BASE + 100, 50)).isEqualTo(KernelAddressSpace.va(RAM_BASE + 100));
    long a = kas.memremap(CXL_BASE + 0x1010, 3 * PAGE);
    assertThat(a & 0xfff).isEqualTo(0x10);
    assertThat(KernelAddressSpace.isKernelAddress(a)).isTrue();
    assertThat(a).isBetween(KernelAddressSpace.VMALLOC_START,
        KernelAddressSpace.VMALLOC_START + KernelAddressSpace.VMALLOC_SIZE);
    assertThat(kas.translate(a)).isEqualTo(CXL_BASE + 0x1010);
    long areaStart = a & ~0xfffL;
    assertThat(kas.mappedLength(areaStart, 1L << 30)).isEqualTo(4 * PAGE);
    assertThat(kas.translate(areaStart + 4 * PAGE)).as("guard page").isEqualTo(-1);
    long b = kas.memremap(CXL_BASE, PAGE);
    assertThat(b).isGreaterThan(areaStart + 4 * PAGE);
    // the mapping reaches the memory: kernel writes show up physically
    byte[] data = pattern(1, 300);
    kas.write(a, data, 0, data.length);
    assertThat(h.peek(CXL_BASE + 0x1010, 300)).isEqualTo(data);
    byte[] back = new byte[300];
    kas.read(a, back, 0, 300);
    assertThat(back).isEqualTo(data);
    kas.memunmap(a); // any address in the first page
    assertThat(kas.translate(a)).isEqualTo(-1);
    assertThat(kas.translate(b)).isEqualTo(CXL_BASE);
    kas.memunmap(KernelAddressSpace.va(RAM_BASE + 100)); // direct map: no-op
    assertThat(kas.translate(KernelAddressSpace.va(RAM_BASE + 100))).isEqualTo(RAM_BASE + 100);
    assertErrno(() -> kas.memunmap(a), Errno.EINVAL);
    assertErrno(() -> kas.memremap(RAM_BASE + RAM_SIZE - PAGE, 2 * PAGE), Errno.ENXIO); // mixed
    assertErrno(() -> kas.memremap(CXL_BASE + CXL_SIZE - PAGE, 2 * PAGE), Errno.ENXIO); // unbacked
  }

  @Test
  void kernelInternalAccessesOops() throws Exception {
    Host h = new Host();
    byte[] b = new byte[16];
    assertThatThrownBy(() -> h.kas.read(KernelAddressSpace.va(CXL_BASE), b, 0, 16))
        .isInstanceOf(Oops.class).hasMessageContaining("unable to handle page fault");
    assertThatThrownBy(() -> h.kas.write(CXL_BASE, b, 0, 16))
        .isInstanceOf(Oops.class).hasMessageContaining("SMAP");
    assertThatThrownBy(() -> h.kas.read(0x0000_9000_0000_0000L, b, 0, 16))
        .isInstanceOf(Oops.class).hasMessageContaining("non-canonical");
    // a read that runs off the end of RAM oopses at the first unmapped byte
    long end = KernelAddressSpace.va(RAM_BASE + RAM_SIZE);
    assertThatThrownBy(() -> h.kas.read(end - 8, b, 0, 16))
        .isInstanceOfSatisfying(Oops.class, o -> assertThat(o.address()).isEqualTo(end));
    h.phys.memoryFailure((RAM_BASE >>> 12) + 3);
    assertThatThrownBy(() -> h.kas.read(KernelAddressSpace.va(RAM_BASE + 3 * PAGE), b, 0, 1))
        .isInstanceOf(Oops.class).hasMessageContaining("machine check");
    h.kas.write(KernelAddressSpace.va(RAM_BASE + 3 * PAGE), b, 0, 16); // stores do not consume
  }

  @Test
  void pageAllocatorHandsOutEveryPageOnceAndRefusesToOfflineUsedRam() throws Exception {
    Host h = new Host();
    KernelAddressSpace kas = h.kas;
    long total = RAM_SIZE / PAGE;
    assertThat(kas.freePages()).isEqualTo(total);
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (long i = 0; i < total; i++) {
      long pfn = kas.allocPage();
      assertThat(pfn).isBetween(RAM_BASE >>> 12, (RAM_BASE + RAM_SIZE >>> 12) - 1);
      assertThat(seen.add(pfn)).isTrue();
    }
    assertErrno(kas::allocPage, Errno.ENOMEM);
    assertErrno(() -> kas.removeSystemRam(RAM_BASE, RAM_SIZE), Errno.EBUSY);
    long some = RAM_BASE >>> 12;
    kas.freePage(some);
    assertErrno(() -> kas.freePage(some), Errno.EINVAL);
    assertThat(kas.allocPage()).isEqualTo(some);
    for (long pfn : seen) {
      kas.freePage(pfn);
    }
    assertThat(kas.allocatedPages()).isZero();
    kas.removeSystemRam(RAM_BASE, RAM_SIZE);
    assertThat(kas.freePages()).isZero();
    assertThat(kas.translate(KernelAddressSpace.va(RAM_BASE))).isEqualTo(-1);
  }

  @Test
  void vaAndPaAreInversesOnTheDirectMapOnly() {
    assertThat(KernelAddressSpace.va(0)).isEqualTo(KernelAddressSpace.PAGE_OFFSET);
    assertThat(KernelAddressSpace.pa(KernelAddressSpace.va(0x1234_5678L))).isEqualTo(0x1234_5678L);
    assertThat(KernelAddressSpace.va(-1)).isEqualTo(-1);
    assertThat(KernelAddressSpace.va(KernelAddressSpace.DIRECT_MAP_SIZE)).isEqualTo(-1);
    assertThat(KernelAddressSpace.pa(KernelAddressSpace.VMALLOC_START)).isEqualTo(-1);
    assertThat(KernelAddressSpace.pa(0x1000)).isEqualTo(-1);
    assertThat(KernelAddressSpace.isKernelAddress(0xffff800000000000L)).isTrue();
    assertThat(KernelAddressSpace.isKernelAddress(0x00007fffffffffffL)).isFalse();
  }

  interface Call {
    void run() throws Exception;
  }

  static void assertErrno(Call c, Errno errno) {
    assertThatThrownBy(c::run).isInstanceOfSatisfying(ErrnoException.class,
        e -> assertThat(e.errno()).isEqualTo(errno));
  }
}
