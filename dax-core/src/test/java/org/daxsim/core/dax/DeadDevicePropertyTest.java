package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/**
 * kernel-dax.md invariant 9: what every helper does with a dead device. (The copy helpers'
 * 0-byte answer is checked against real memory in {@link CopyHelpersPropertyTest}.)
 */
class DeadDevicePropertyTest {
  @Test
  void everyHelperRefusesADeadDevice() {
    Props.forAll("invariant 9", r -> {
      DaxCore core = Fixtures.core();
      FakeDriver drv = FakeDriver.random(r);
      DaxDevice dax = Fixtures.alloc(core, "cookie", drv);
      RecordingHolder holder = new RecordingHolder(dax, 0);
      boolean claimed = r.nextBoolean();
      if (claimed) {
        assertThat(core.fsDaxGet(dax, holder, holder)).isZero();
      }
      if (r.nextBoolean()) {
        dax.clearFlag(DaxDeviceFlag.ALIVE); // a bus device before probe: dead without a kill
      } else {
        Fixtures.kill(core, dax);
      }
      int notifiesBefore = holder.calls.size();
      long nr = Props.edgyLong(r);
      DaxAccessMode mode = Props.oneOf(r, DaxAccessMode.values());

      assertThat(core.daxDirectAccess(dax, r.nextLong(), nr, mode, new KaddrPfn()))
          .isEqualTo(Errno.ENXIO.neg());
      assertThat(core.daxZeroPageRange(dax, r.nextLong(), nr)).isEqualTo(Errno.ENXIO.neg());
      assertThat(core.daxHolderNotifyFailure(dax, r.nextLong(), r.nextLong(), r.nextInt()))
          .isEqualTo(Errno.ENXIO.neg());
      assertThat(core.fsDaxGet(dax, new Object(), null)).isEqualTo(Errno.ENODEV.neg());
      try {
        assertThat(core.daxGetPrivate(dax)).isNull();
        assertThat(core.daxAlive(dax)).isFalse();
      } catch (ErrnoException e) {
        throw new AssertionError(e);
      }
      assertThat(drv.directCalls.get() + drv.zeroCalls.get()).isZero();
      assertThat(holder.calls).hasSize(notifiesBefore);
      assertThat(dax.refCount()).isEqualTo(claimed ? 2 : 1);
    });
  }

  @Test
  void runDaxRevivesAndPrivateComesBack() throws ErrnoException {
    DaxCore core = Fixtures.core();
    DaxDevice dax = Fixtures.alloc(core, "cookie", FakeDriver.granting(1));
    core.killDax(dax);
    assertThat(core.daxGetPrivate(dax)).isNull();
    core.runDax(dax);
    assertThat(core.daxGetPrivate(dax)).isEqualTo("cookie");
    assertThat(core.daxDirectAccess(dax, 0, 1, DaxAccessMode.DAX_ACCESS, null)).isEqualTo(1);
  }
}
