package org.daxsim.fs.famfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.daxsim.core.mm.Mman.MAP_FIXED;
import static org.daxsim.core.mm.Mman.MAP_PRIVATE;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;
import static org.daxsim.fs.famfs.FamfsHost.MiB;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.mm.Signal;
import org.daxsim.core.mm.VmFault;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;
import org.daxsim.fs.dax.DaxEntries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fault sizes through a mounted famfs file, mmap(2) and user loads/stores: a 2 MiB aligned
 * extent on a 2 MiB aligned device faults with a PMD; each condition of dax_iomap_pmd_fault()'s
 * fallback list (kernel-dax.md 4.5, DaxFault.pmdFault) that famfs can produce falls back to PTEs.
 *
 * <p>The mapping size is observed three independent ways: the {@code mm_fault} tracepoint
 * (order of each fault that mapped something), the page table through {@code Mm.translate} (an
 * untouched page of the same 2 MiB block is present only under a PMD), and the file's DAX
 * entries ({@code DAX_PMD} at the block's first index), reached through the inode's i_private.
 *
 * <p>Conditions famfs cannot produce, and why: an extent shorter than 2 MiB inside a block
 * (MAP_CREATE_V2 wants every length 2 MiB aligned; MAP_CREATE lets only the last extent be
 * short, and file_size may not exceed the extents, so such a block always passes EOF first); a
 * block crossing a dev_dax range end (ranges are 2 MiB multiples and extents 2 MiB aligned).
 * The pfn check of dax_iomap_direct_access() is reached with a physically misaligned range.
 */
class FamfsFaultSizeTest {
  static final long FIXED = 0x2_0000_0000L; // a 2 MiB aligned user address for MAP_FIXED
  static final int PMD = 9;
  static final int PTE = 0;

  final FamfsHost h;
  /** Orders of the faults of the root process that mapped something (ret NOPAGE). */
  final List<Integer> mapped = new ArrayList<>();
  private final Trace.Registration reg;

  FamfsFaultSizeTest() throws Exception {
    h = new FamfsHost();
    Object mm = h.root.mm();
    reg = Trace.listen((p, s, a0, a1, a2, a3) -> {
      if (p == Tracepoint.MM_FAULT && s == mm && (a3 & VmFault.VM_FAULT_NOPAGE) != 0) {
        synchronized (mapped) {
          mapped.add((int) a1);
        }
      }
    });
  }

  @AfterEach
  void unlisten() {
    reg.close();
  }

  /** An aligned one-range device with a recognisable pattern, mounted at /mnt/f. */
  DevDax mountAligned() throws Exception {
    DevDax d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 64 * MiB);
    h.writeDev(d, 0, FamfsHost.pattern((int) (32 * MiB), 4));
    h.mount(d, "/mnt/f");
    return d;
  }

  FamfsFile famfsFile(String path) throws Exception {
    return (FamfsFile) h.vfs.kernPath(path).privateData();
  }

  long mmap(long addr, long len, int flags, int fd, long off) throws Exception {
    return h.root.mmap(addr, len, PROT_READ | PROT_WRITE,
        flags | (addr != 0 ? MAP_FIXED : 0), fd, off);
  }

  byte load1(long va) throws Exception {
    return h.load(va, 1)[0];
  }

  /** Physical address of device byte {@code devOff}, by the bus's own range walk. */
  long phys(DevDax d, long devOff) throws Exception {
    return d.pgoffToPhys(devOff >> 12, 4096) + (devOff & 4095);
  }

  List<Integer> mapped() {
    synchronized (mapped) {
      return List.copyOf(mapped);
    }
  }

  // ------------------------------------------------------------------ PMD when all lines up

  @Test
  void anAlignedExtentOnAnAlignedDeviceFaultsOnePmdPerBlock() throws Exception {
    DevDax d = mountAligned();
    int fd = h.create("/mnt/f/a", FamfsHost.simple(4 * MiB, 10 * MiB, 4 * MiB));
    long va = mmap(0, 4 * MiB, MAP_SHARED, fd, 0);
    assertThat(va & (2 * MiB - 1)).as("thp_get_unmapped_area").isZero();

    assertThat(h.load(va + 12345, 100)).isEqualTo(h.devBytes(d, 10 * MiB + 12345, 100));
    assertThat(mapped()).containsExactly(PMD);
    // the whole block is present now, every page at its own device page
    assertThat(h.root.mm().translate(va + 2 * MiB - 4096 + 7))
        .isEqualTo(phys(d, 12 * MiB - 4096 + 7));
    assertThat(h.root.mm().translate(va + 2 * MiB)).isEqualTo(-1); // block 1 untouched
    assertThat(load1(va + 2 * MiB - 1)).isEqualTo(h.devBytes(d, 12 * MiB - 1, 1)[0]);
    assertThat(mapped()).containsExactly(PMD); // no second fault inside block 0

    // block 1 is its own PMD
    assertThat(h.load(va + 3 * MiB, 64)).isEqualTo(h.devBytes(d, 13 * MiB, 64));
    assertThat(mapped()).containsExactly(PMD, PMD);
    DaxEntries e = famfsFile("/mnt/f/a").entries();
    assertThat(e.get(0) & DaxEntries.DAX_PMD).isNotZero();
    assertThat(DaxEntries.toPfn(e.get(0))).isEqualTo(phys(d, 10 * MiB) >>> 12);
    assertThat(e.get(512) & DaxEntries.DAX_PMD).isNotZero();
    assertThat(DaxEntries.toPfn(e.get(512))).isEqualTo(phys(d, 12 * MiB) >>> 12);
    assertThat(e.size()).isEqualTo(2);

    // a shared store goes through the PMD (already writable: no new fault) to the device
    h.root.mm().store(va + 5, new byte[] {(byte) 0xa5}, 0, 1);
    assertThat(h.devBytes(d, 10 * MiB + 5, 1)[0]).isEqualTo((byte) 0xa5);
    assertThat(mapped()).containsExactly(PMD, PMD);
  }

  @Test
  void twoDiscontiguousExtentsAndAnInterleavedFileAlsoFaultPmds() throws Exception {
    DevDax d = mountAligned();
    int fd = h.create("/mnt/f/two", FamfsHost.simple(4 * MiB, 20 * MiB, 2 * MiB, 6 * MiB,
        2 * MiB));
    long va = mmap(0, 4 * MiB, MAP_SHARED, fd, 0);
    assertThat(load1(va + 2 * MiB + 9)).isEqualTo(h.devBytes(d, 6 * MiB + 9, 1)[0]);
    assertThat(load1(va + 9)).isEqualTo(h.devBytes(d, 20 * MiB + 9, 1)[0]);
    assertThat(mapped()).containsExactly(PMD, PMD);
    assertThat(h.root.mm().translate(va + 4 * MiB - 4096)).isEqualTo(phys(d, 8 * MiB - 4096));

    // 2 strips, 2 MiB chunks: file block k is chunk k, on strip k % 2 at stripe k / 2
    FamfsMap il = FamfsMap.interleaved(FamfsMap.FAMFS_REG, 8 * MiB, List.of(
        new FamfsMap.Interleave(2 * MiB, 8 * MiB, List.of(new FamfsMap.Extent(0, 24 * MiB,
            4 * MiB), new FamfsMap.Extent(0, 28 * MiB, 4 * MiB)))));
    int fi = h.create("/mnt/f/il", il);
    long vi = mmap(0, 8 * MiB, MAP_SHARED, fi, 0);
    long[] want = {24 * MiB, 28 * MiB, 26 * MiB, 30 * MiB};
    for (int k = 0; k < 4; k++) {
      assertThat(h.load(vi + k * 2 * MiB + 4097, 8)).isEqualTo(h.devBytes(d, want[k] + 4097, 8));
      assertThat(h.root.mm().translate(vi + k * 2 * MiB)).isEqualTo(phys(d, want[k]));
    }
    assertThat(mapped()).containsExactly(PMD, PMD, PMD, PMD, PMD, PMD);
  }

  // ------------------------------------------------------------------ each fallback

  @Test
  void aPrivateWriteFallsBackToAPteAndLeavesTheDeviceAloneWhileAPrivateReadIsPmd()
      throws Exception {
    DevDax d = mountAligned();
    int fd = h.create("/mnt/f/p", FamfsHost.simple(4 * MiB, 10 * MiB, 4 * MiB));
    long va = mmap(0, 4 * MiB, MAP_PRIVATE, fd, 0);
    byte before = h.devBytes(d, 10 * MiB + 2 * MiB + 100, 1)[0];
    // write first in block 1: the PMD fault refuses a private write, the PTE fault maps it
    h.root.mm().store(va + 2 * MiB + 100, new byte[] {(byte) (before + 1)}, 0, 1);
    assertThat(mapped()).doesNotContain(PMD).contains(PTE);
    assertThat(h.devBytes(d, 12 * MiB + 100, 1)[0]).isEqualTo(before);
    assertThat(load1(va + 2 * MiB + 100)).isEqualTo((byte) (before + 1));
    assertThat(h.root.mm().translate(va + 2 * MiB + 100)).isNotEqualTo(phys(d, 12 * MiB + 100));
    assertThat(h.root.mm().translate(va + 2 * MiB + 4096)).isEqualTo(-1);
    // a private *read* of block 0 is not a fallback condition: one PMD of the device itself
    mapped.clear();
    assertThat(load1(va + 7)).isEqualTo(h.devBytes(d, 10 * MiB + 7, 1)[0]);
    assertThat(mapped()).containsExactly(PMD);
    assertThat(h.root.mm().translate(va + 2 * MiB - 4096)).isEqualTo(phys(d, 12 * MiB - 4096));
  }

  @Test
  void anAddressWhoseColourDiffersFromTheFileOffsetFallsBack() throws Exception {
    DevDax d = mountAligned();
    int fd = h.create("/mnt/f/c", FamfsHost.simple(4 * MiB, 10 * MiB, 4 * MiB));
    // file page 1 at a 2 MiB aligned address; the VMA covers the whole block [FIXED, +2M)
    long va = mmap(FIXED, 2 * MiB, MAP_SHARED, fd, 4096);
    assertThat(va).isEqualTo(FIXED);
    assertThat(h.load(va, 16)).isEqualTo(h.devBytes(d, 10 * MiB + 4096, 16));
    assertThat(mapped()).containsExactly(PTE);
    assertThat(h.root.mm().translate(va)).isEqualTo(phys(d, 10 * MiB + 4096));
    assertThat(h.root.mm().translate(va + 4096)).isEqualTo(-1);
    assertThat(famfsFile("/mnt/f/c").entries().get(1) & DaxEntries.DAX_PMD).isZero();
    assertThat(famfsFile("/mnt/f/c").entries().get(1)).isNotZero();
  }

  @Test
  void aBlockStickingOutOfTheVmaFallsBack() throws Exception {
    DevDax d = mountAligned();
    int fd = h.create("/mnt/f/v", FamfsHost.simple(4 * MiB, 10 * MiB, 4 * MiB));
    long va = mmap(FIXED, 1 * MiB, MAP_SHARED, fd, 0); // colour matches, block is 2 MiB
    assertThat(load1(va + 8192)).isEqualTo(h.devBytes(d, 10 * MiB + 8192, 1)[0]);
    assertThat(mapped()).containsExactly(PTE);
    assertThat(h.root.mm().translate(va)).isEqualTo(-1);
  }

  @Test
  void aBlockPassingEofFallsBackAndAPagePastEofIsSigbus() throws Exception {
    DevDax d = mountAligned();
    // 3 MiB file over a 4 MiB extent: block [2M, 4M) passes EOF
    int fd = h.create("/mnt/f/e", FamfsHost.simple(3 * MiB, 10 * MiB, 4 * MiB));
    long va = mmap(0, 4 * MiB, MAP_SHARED, fd, 0);
    assertThat(load1(va + 5)).isEqualTo(h.devBytes(d, 10 * MiB + 5, 1)[0]);
    assertThat(mapped()).containsExactly(PMD);
    assertThat(load1(va + 3 * MiB - 1)).isEqualTo(h.devBytes(d, 13 * MiB - 1, 1)[0]);
    assertThat(mapped()).containsExactly(PMD, PTE);
    assertThat(h.root.mm().translate(va + 2 * MiB)).isEqualTo(-1);
    Signal s = catchThrowableOfType(() -> load1(va + 3 * MiB), Signal.class);
    assertThat(s.signo()).isEqualTo(Signal.SIGBUS);
    assertThat(s.code()).isEqualTo(Signal.BUS_ADRERR);
    assertThat(s.addr()).isEqualTo(va + 3 * MiB);
  }

  @Test
  void aPhysicallyMisalignedRangeFailsThePfnCheckAndFallsBack() throws Exception {
    // range 0 at BASE+0 (aligned), range 1 at BASE+65 MiB: device offsets >= 4 MiB have pfns
    // that are 1 MiB off a 2 MiB boundary, so dax_iomap_direct_access() refuses the PMD
    DevDax d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 4 * MiB, 65 * MiB, 4 * MiB);
    assertThat(phys(d, 4 * MiB) & (2 * MiB - 1)).isEqualTo(1 * MiB);
    h.writeDev(d, 0, FamfsHost.pattern((int) (8 * MiB), 5));
    h.mount(d, "/mnt/f");
    int fd = h.create("/mnt/f/m", FamfsHost.simple(4 * MiB, 2 * MiB, 4 * MiB));
    long va = mmap(0, 4 * MiB, MAP_SHARED, fd, 0);
    assertThat(load1(va + 11)).isEqualTo(h.devBytes(d, 2 * MiB + 11, 1)[0]);
    assertThat(mapped()).containsExactly(PMD); // block 0 is in the aligned range 0
    assertThat(h.load(va + 2 * MiB + 11, 32)).isEqualTo(h.devBytes(d, 4 * MiB + 11, 32));
    assertThat(mapped()).containsExactly(PMD, PTE);
    assertThat(h.root.mm().translate(va + 2 * MiB)).isEqualTo(phys(d, 4 * MiB));
    assertThat(h.root.mm().translate(va + 2 * MiB + 4096)).isEqualTo(-1);
    DaxEntries e = famfsFile("/mnt/f/m").entries();
    assertThat(e.get(0) & DaxEntries.DAX_PMD).isNotZero();
    assertThat(e.get(512)).isNotZero();
    assertThat(e.get(512) & DaxEntries.DAX_PMD).isZero();
  }

  @Test
  void pteEntriesFromASmallSharedMappingWin() throws Exception {
    DevDax d = mountAligned();
    int fd = h.create("/mnt/f/w", FamfsHost.simple(4 * MiB, 10 * MiB, 4 * MiB));
    long small = mmap(FIXED, 1 * MiB, MAP_SHARED, fd, 0); // PTE-sized: entry at index 7
    load1(small + 7 * 4096);
    h.root.munmap(small, 1 * MiB);
    assertThat(mapped()).containsExactly(PTE);
    long va = mmap(0, 4 * MiB, MAP_SHARED, fd, 0);
    assertThat(load1(va + 100 * 4096)).isEqualTo(h.devBytes(d, 10 * MiB + 100 * 4096, 1)[0]);
    assertThat(mapped()).containsExactly(PTE, PTE); // the PMD fault fell back
    assertThat(h.root.mm().translate(va + 101 * 4096)).isEqualTo(-1);
    assertThat(load1(va + 2 * MiB + 5)).isEqualTo(h.devBytes(d, 12 * MiB + 5, 1)[0]);
    assertThat(mapped()).containsExactly(PTE, PTE, PMD); // block 1 has no PTE entries
  }

  @Test
  void pteEntriesFromAPrivateWriteWin() throws Exception {
    DevDax d = mountAligned();
    int fd = h.create("/mnt/f/x", FamfsHost.simple(4 * MiB, 10 * MiB, 4 * MiB));
    long priv = mmap(0, 4 * MiB, MAP_PRIVATE, fd, 0);
    h.root.mm().store(priv + 3 * 4096, new byte[] {1}, 0, 1); // PTE entry at index 3
    assertThat(famfsFile("/mnt/f/x").entries().get(3)).isNotZero();
    h.root.munmap(priv, 4 * MiB);
    mapped.clear();
    long va = mmap(0, 4 * MiB, MAP_SHARED, fd, 0);
    assertThat(load1(va + 5 * 4096)).isEqualTo(h.devBytes(d, 10 * MiB + 5 * 4096, 1)[0]);
    assertThat(mapped()).containsExactly(PTE);
    assertThat(load1(va + 2 * MiB)).isEqualTo(h.devBytes(d, 12 * MiB, 1)[0]);
    assertThat(mapped()).containsExactly(PTE, PMD);
  }
}
