package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.core.Errno;
import org.junit.jupiter.api.Test;

/**
 * kernel-dax.md invariant 14 (dax_zero_page_range with nr != 1 is -EIO and never reaches the
 * driver), with the EHWPOISON-to-EIO mapping of invariant 29, and dax_recovery_write's
 * "no liveness check, missing op gives 0".
 */
class ZeroPageRangePropertyTest {
  @Test
  void onlySinglePageZeroingReachesTheDriver() {
    Props.forAll("invariant 14", r -> {
      DaxCore core = Fixtures.core();
      FakeDriver drv = FakeDriver.random(r);
      DaxDevice dax = Fixtures.alloc(core, null, drv);
      long nr = r.nextInt(3) == 0 ? 1 : Props.edgyLong(r);
      long pgoff = Props.edgyLong(r);

      int rc = core.daxZeroPageRange(dax, pgoff, nr);

      if (nr != 1) {
        assertThat(rc).isEqualTo(Errno.EIO.neg());
        assertThat(drv.zeroCalls.get()).isZero();
      } else {
        assertThat(drv.zeroCalls.get()).isEqualTo(1);
        assertThat(drv.lastPgoff).isEqualTo(pgoff);
        assertThat(drv.lastNrPages).isEqualTo(1);
        int expected = drv.zeroAnswer == Errno.EHWPOISON.neg() ? Errno.EIO.neg() : drv.zeroAnswer;
        assertThat(rc).isEqualTo(expected).isNotEqualTo(Errno.EHWPOISON.neg());
      }
    });
  }

  @Test
  void recoveryWriteSkipsTheAliveCheckAndNeedsTheOp() {
    Props.forAll("recovery write", r -> {
      DaxCore core = Fixtures.core();
      FakeDriver drv = FakeDriver.random(r);
      DaxDevice dax = Fixtures.alloc(core, null, drv);
      if (r.nextBoolean()) {
        Fixtures.kill(core, dax);
      }
      long bytes = r.nextLong(0, 1 << 20);
      long ret = core.daxRecoveryWrite(dax, r.nextLong(0, 1 << 20), FakeDriver.KADDR_BASE, bytes,
          Fixtures.source(new byte[16]));
      if (drv.hasRecovery) {
        assertThat(drv.recoveryCalls.get()).isEqualTo(1);
        assertThat(ret).isEqualTo(Math.min(bytes, drv.recoveryAnswer));
      } else {
        assertThat(drv.recoveryCalls.get()).isZero();
        assertThat(ret).isZero();
      }
    });
  }

  @Test
  void mem2blkErrMapsOnlyHwpoison() {
    assertThat(DaxCore.daxMem2BlkErr(Errno.EHWPOISON.neg())).isEqualTo(Errno.EIO.neg());
    for (int v : new int[] {0, 1, Errno.EIO.neg(), Errno.ENXIO.neg(), Errno.EHWPOISON.number()}) {
      assertThat(DaxCore.daxMem2BlkErr(v)).isEqualTo(v);
    }
  }

  @Test
  void noOpsMeansNotSupported() {
    DaxCore core = Fixtures.core();
    DaxDevice dax = Fixtures.alloc(core, null, null);
    assertThat(core.daxZeroPageRange(dax, 0, 1)).isEqualTo(Errno.EOPNOTSUPP.neg());
    assertThat(core.daxRecoveryWrite(dax, 0, 0, 0, Fixtures.source(new byte[1]))).isZero();
  }
}
