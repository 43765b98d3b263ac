package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.Mman;
import org.junit.jupiter.api.Test;

/** Examples of the pmem reference driver: recovery, zeroing, attach flags, lifetime, the seed. */
class PmemDaxOperationsTest {
  private static final int PAGE = (int) Pages.PAGE_SIZE;

  private static byte[] pattern(int len, int seed) {
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  @Test
  void attachSetsTheCopyFlagsAndSync() throws ErrnoException {
    PmemFixture f = new PmemFixture(4);
    assertThat(f.dax.test(DaxDeviceFlag.NOCACHE)).isTrue();
    assertThat(f.dax.test(DaxDeviceFlag.NOMC)).isTrue();
    assertThat(f.core.daxSynchronous(f.dax)).isTrue();
    assertThat(f.core.daxWriteCacheEnabled(f.dax)).isFalse();
    assertThat(f.core.daxGetPrivate(f.dax)).isSameAs(f.pmem);
    assertThat(f.pmem.hasRecoveryWrite()).isTrue();
  }

  @Test
  void recoveryWriteClearsPoisonOfWholePagesOnly() throws ErrnoException {
    PmemFixture f = new PmemFixture(8);
    f.pmem.injectPoison(3);
    long kaddr = f.pmem.virtAddr() + 3L * PAGE;
    assertThat(f.core.daxDirectAccess(f.dax, 3, 1, DaxAccessMode.DAX_ACCESS, null))
        .isEqualTo(Errno.EHWPOISON.neg());
    assertThat(f.core.daxDirectAccess(f.dax, 0, 8, DaxAccessMode.DAX_RECOVERY_WRITE, null))
        .isEqualTo(3);
    assertThat(f.core.daxDirectAccess(f.dax, 3, 8, DaxAccessMode.DAX_RECOVERY_WRITE, null))
        .isEqualTo(1);

    // a partial page cannot be recovered: nothing written, poison stays
    assertThat(f.core.daxRecoveryWrite(f.dax, 3, kaddr, 100, Fixtures.source(new byte[100])))
        .isZero();
    assertThat(f.pmem.isBadPage(3)).isTrue();
    assertThat(f.media.isPoisoned(3L * PAGE)).isTrue();

    byte[] data = pattern(PAGE, 5);
    assertThat(f.core.daxRecoveryWrite(f.dax, 3, kaddr, PAGE, Fixtures.source(data)))
        .isEqualTo(PAGE);
    assertThat(f.pmem.isBadPage(3)).isFalse();
    assertThat(f.media.poisonedPages()).isZero();
    assertThat(f.mediaBytes(3L * PAGE, PAGE)).isEqualTo(data);
    assertThat(f.core.daxDirectAccess(f.dax, 0, 8, DaxAccessMode.DAX_ACCESS, null)).isEqualTo(8);
  }

  @Test
  void recoveryWriteWithoutPoisonIsAPlainWrite() {
    PmemFixture f = new PmemFixture(4);
    byte[] data = pattern(10, 9);
    assertThat(f.core.daxRecoveryWrite(f.dax, 1, f.pmem.virtAddr() + PAGE + 7, 10,
        Fixtures.source(data))).isEqualTo(10);
    assertThat(f.mediaBytes(PAGE + 7, 10)).isEqualTo(data);
  }

  @Test
  void zeroPageRangeZeroesOnePageAndClearsItsPoison() throws ErrnoException {
    PmemFixture f = new PmemFixture(4);
    byte[] data = pattern(3 * PAGE, 1);
    f.media.write(0, data, 0, data.length);
    f.pmem.injectPoison(1);
    assertThat(f.core.daxZeroPageRange(f.dax, 1, 1)).isZero();
    assertThat(f.mediaBytes(PAGE, PAGE)).containsOnly((byte) 0);
    assertThat(f.mediaBytes(0, PAGE)).isEqualTo(Arrays.copyOfRange(data, 0, PAGE));
    assertThat(f.mediaBytes(2L * PAGE, PAGE)).isEqualTo(Arrays.copyOfRange(data, 2 * PAGE,
        3 * PAGE));
    assertThat(f.pmem.badPageCount()).isZero();
    assertThat(f.media.poisonedPages()).isZero();
    assertThat(f.core.daxZeroPageRange(f.dax, 1, 2)).isEqualTo(Errno.EIO.neg());
  }

  @Test
  void afterReleaseTheKaddrIsGoneAndUserCopiesComeBackEmpty() throws ErrnoException {
    PmemFixture f = new PmemFixture(4);
    KaddrPfn out = new KaddrPfn();
    assertThat(f.core.daxDirectAccess(f.dax, 0, 1, DaxAccessMode.DAX_ACCESS, out)).isEqualTo(1);
    f.pmem.release();
    assertThat(f.kas.translate(out.kaddr())).isEqualTo(-1);
    long ubuf = f.userBuffer(PAGE);
    assertThat(f.core.daxCopyToIter(f.dax, 0, out.kaddr(), PAGE,
        f.ubuf(IovIter.ITER_DEST, ubuf, PAGE))).isZero();
    assertThatThrownBy(f.pmem::release).isInstanceOf(ErrnoException.class);
  }

  /**
   * The seed: a direct_access that hands back the physical address as kaddr. read(2) gets 0
   * bytes (EFAULT) when nothing is mapped at that user address, and silently the wrong bytes
   * when the process happens to have memory there.
   */
  @Test
  void aPhysicalAddressAsKaddrReadsTheProcessNotTheDevice() throws ErrnoException {
    PmemFixture f = new PmemFixture(4);
    f.media.write(0, pattern(PAGE, 42), 0, PAGE);
    long physAsKaddr = PmemFixture.PHYS;
    long ubuf = f.userBuffer(PAGE);
    assertThat(f.core.daxCopyToIter(f.dax, 0, physAsKaddr, PAGE,
        f.ubuf(IovIter.ITER_DEST, ubuf, PAGE))).isZero();

    f.mm.mmap(physAsKaddr, PAGE, Mman.PROT_READ | Mman.PROT_WRITE,
        Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS | Mman.MAP_FIXED, 0, null);
    byte[] decoy = pattern(PAGE, 99);
    try {
      f.mm.store(physAsKaddr, decoy, 0, PAGE);
    } catch (org.daxsim.core.mm.Signal s) {
      throw new AssertionError(s);
    }
    assertThat(f.core.daxCopyToIter(f.dax, 0, physAsKaddr, PAGE,
        f.ubuf(IovIter.ITER_DEST, ubuf, PAGE))).isEqualTo(PAGE);
    byte[] got = new byte[PAGE];
    try {
      f.mm.load(ubuf, got, 0, PAGE);
    } catch (org.daxsim.core.mm.Signal s) {
      throw new AssertionError(s);
    }
    assertThat(got).isEqualTo(decoy).isNotEqualTo(f.mediaBytes(0, PAGE));
  }
}
