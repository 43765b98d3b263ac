package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.core.mm.IovIter.ITER_DEST;
import static org.daxsim.core.mm.IovIter.ITER_SOURCE;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.Arrays;
import org.daxsim.core.Oops;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The famfs seed bug in miniature, at the copy level: a direct_access that hands back the
 * *physical* address as kaddr. dax_copy_to_iter dereferences it as a kernel virtual address;
 * a physical address is a user-half address, so what happens depends on the iterator and on
 * what the current process has mapped there. Meanwhile mmap, which uses only the pfn, works.
 */
class SeedBugTest {
  private static final int PAGE = 4096;
  private static final long FILE_PHYS = CXL_BASE + 0x20_0000; // where the "file" lives
  private static final long UBUF = 0x5555_0000_0000L;

  private Host h;
  private Mm proc;
  private byte[] fileData;

  @BeforeEach
  void setUp() throws Exception {
    h = new Host();
    h.kas.memremapPages(CXL_BASE, 64L << 20); // devm_memremap_pages of the dax range
    proc = h.mm();
    proc.mmap(UBUF, 4L * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
        0, null);
    fileData = pattern(42, 3 * PAGE);
    h.poke(FILE_PHYS, fileData);
  }

  private byte[] userBuffer(int len) throws Exception {
    byte[] b = new byte[len];
    proc.load(UBUF, b, 0, len);
    return b;
  }

  @Test
  void correctKaddrReadsTheFile() throws Exception {
    IovIter it = IovIter.ubuf(proc, ITER_DEST, UBUF, 2 * PAGE);
    long kaddr = KernelAddressSpace.va(FILE_PHYS);
    assertThat(IovIter.copyMcToIter(h.kas, kaddr, 2 * PAGE, it)).isEqualTo(2 * PAGE);
    assertThat(userBuffer(2 * PAGE)).isEqualTo(Arrays.copyOf(fileData, 2 * PAGE));
  }

  @Test
  void physicalKaddrWithNothingMappedThereCopiesNothing() throws Exception {
    assertThat(Mman.isUserHalf(FILE_PHYS)).isTrue();
    for (boolean mc : new boolean[] {false, true}) {
      IovIter it = IovIter.ubuf(proc, ITER_DEST, UBUF, 2 * PAGE);
      long got = mc ? IovIter.copyMcToIter(h.kas, FILE_PHYS, 2 * PAGE, it)
          : IovIter.copyToIter(h.kas, FILE_PHYS, 2 * PAGE, it);
      assertThat(got).as("mc %b: dax_iomap_iter turns 0 into -EFAULT", mc).isZero();
      assertThat(it.count()).isEqualTo(2 * PAGE);
      assertThat(userBuffer(2 * PAGE)).isEqualTo(new byte[2 * PAGE]);
    }
  }

  @Test
  void meanwhileMmapWorksBecauseFaultsUseOnlyThePfn() throws Exception {
    DevDax d = new DevDax(FILE_PHYS, 1L << 20, PAGE);
    Vma v = proc.mmap(0, 2L * PAGE, PROT_READ, MAP_SHARED, 0, d);
    byte[] b = new byte[2 * PAGE];
    proc.load(v.start(), b, 0, b.length);
    assertThat(b).isEqualTo(Arrays.copyOf(fileData, 2 * PAGE));
  }

  @Test
  void physicalKaddrOverAProcessMappingCopiesThatMappingsWrongBytes() throws Exception {
    long decoyAt = FILE_PHYS & ~(long) (PAGE - 1);
    proc.mmap(decoyAt, 2L * PAGE, PROT_READ | PROT_WRITE,
        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0, null);
    byte[] decoy = pattern(7, 2 * PAGE);
    proc.store(decoyAt, decoy, 0, decoy.length);
    IovIter it = IovIter.ubuf(proc, ITER_DEST, UBUF, 3 * PAGE);
    long got = IovIter.copyMcToIter(h.kas, FILE_PHYS, 3 * PAGE, it);
    assertThat(got).as("silently short only where the decoy mapping ends").isEqualTo(2 * PAGE);
    assertThat(userBuffer(2 * PAGE)).isEqualTo(decoy).isNotEqualTo(Arrays.copyOf(fileData,
        2 * PAGE));
    // and write(2) through the same bug scribbles over the process's own memory
    byte[] payload = pattern(8, 100);
    proc.store(UBUF, payload, 0, payload.length);
    IovIter src = IovIter.ubuf(proc, ITER_SOURCE, UBUF, 100);
    assertThat(IovIter.copyFromIter(h.kas, FILE_PHYS + 10, 100, src)).isEqualTo(100);
    byte[] now = new byte[100];
    proc.load(decoyAt + 10, now, 0, 100);
    assertThat(now).isEqualTo(payload);
    assertThat(h.peek(FILE_PHYS + 10, 100)).as("the file is untouched")
        .isEqualTo(Arrays.copyOfRange(fileData, 10, 110));
  }

  @Test
  void physicalKaddrWithAKernelIteratorOopsOnSmap() throws Exception {
    byte[] kbuf = new byte[PAGE];
    IovIter kb = IovIter.kbuf(ITER_DEST, kbuf, 0, PAGE);
    assertThatThrownBy(() -> IovIter.copyToIter(h.kas, FILE_PHYS, PAGE, kb))
        .isInstanceOfSatisfying(Oops.class, o -> assertThat(o.address()).isEqualTo(FILE_PHYS))
        .hasMessageContaining("SMAP");
    IovIter kv = IovIter.kvec(h.kas, ITER_DEST, KernelAddressSpace.va(RAM_BASE), PAGE);
    assertThatThrownBy(() -> IovIter.copyMcToIter(h.kas, FILE_PHYS, PAGE, kv))
        .isInstanceOf(Oops.class).hasMessageContaining("SMAP");
  }

  @Test
  void unmappedKernelHalfKaddrIsShortForUserAndOopsForKvec() throws Exception {
    long end = KernelAddressSpace.va(CXL_BASE + (64L << 20)); // end of the memremap'd range
    h.poke(CXL_BASE + (64L << 20) - 100, pattern(3, 100));
    IovIter it = IovIter.ubuf(proc, ITER_DEST, UBUF, 2 * PAGE);
    assertThat(IovIter.copyToIter(h.kas, end - 100, 2 * PAGE, it)).as("exactly to the end")
        .isEqualTo(100);
    assertThat(userBuffer(100)).isEqualTo(pattern(3, 100));
    IovIter it2 = IovIter.ubuf(proc, ITER_DEST, UBUF, PAGE);
    assertThat(IovIter.copyToIter(h.kas, end + PAGE, PAGE, it2)).isZero();
    IovIter kv = IovIter.kvec(h.kas, ITER_DEST, KernelAddressSpace.va(RAM_BASE), 2 * PAGE);
    assertThatThrownBy(() -> IovIter.copyToIter(h.kas, end - 100, 2 * PAGE, kv))
        .isInstanceOfSatisfying(Oops.class, o -> assertThat(o.address()).isEqualTo(end))
        .hasMessageContaining("unable to handle page fault");
    IovIter kb = IovIter.kbuf(ITER_SOURCE, new byte[PAGE], 0, PAGE);
    assertThatThrownBy(() -> IovIter.copyFromIter(h.kas, end, PAGE, kb))
        .isInstanceOf(Oops.class);
    // copy_mc_to_kernel's exception-table entries fix up any fault: short, no oops
    IovIter kv2 = IovIter.kvec(h.kas, ITER_DEST, KernelAddressSpace.va(RAM_BASE), 2 * PAGE);
    assertThat(IovIter.copyMcToIter(h.kas, end - 100, 2 * PAGE, kv2)).isEqualTo(100);
    // non-canonical: #GP, fixed up for user copies, fatal for memcpy
    IovIter it3 = IovIter.ubuf(proc, ITER_DEST, UBUF, PAGE);
    assertThat(IovIter.copyToIter(h.kas, 0x0000_9000_0000_0000L, PAGE, it3)).isZero();
    IovIter kb2 = IovIter.kbuf(ITER_DEST, new byte[PAGE], 0, PAGE);
    assertThatThrownBy(() -> IovIter.copyToIter(h.kas, 0x0000_9000_0000_0000L, PAGE, kb2))
        .isInstanceOf(Oops.class).hasMessageContaining("non-canonical");
  }

  @Test
  void userBufferFaultsAreHandledAndFailuresAreShortWithoutSignal() throws Exception {
    // the user buffer runs from the anonymous VMA into nothing: copy stops at its end
    IovIter it = IovIter.ubuf(proc, ITER_DEST, UBUF + 4L * PAGE - 10, 100);
    assertThat(IovIter.copyToIter(h.kas, KernelAddressSpace.va(FILE_PHYS), 100, it))
        .isEqualTo(10);
    byte[] tail = new byte[10];
    proc.load(UBUF + 4L * PAGE - 10, tail, 0, 10);
    assertThat(tail).isEqualTo(Arrays.copyOf(fileData, 10));
    assertThat(h.kas.allocatedPages()).as("only the touched page was faulted in").isEqualTo(1);
  }
}
