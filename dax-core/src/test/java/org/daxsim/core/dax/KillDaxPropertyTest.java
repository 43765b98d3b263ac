package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.junit.jupiter.api.Test;

/** kernel-dax.md invariant 11: kill_dax() and the holder. */
class KillDaxPropertyTest {
  @Test
  void killNotifiesTheHolderExactlyOnceBeforeForgettingIt() {
    Props.forAll("invariant 11", r -> {
      DaxCore core = Fixtures.core();
      DaxDevice dax = Fixtures.alloc(core, null, FakeDriver.random(r));
      RecordingHolder hops = new RecordingHolder(dax, r.nextBoolean() ? 0 : -r.nextInt(1, 134));
      Object holder = new Object();
      int shape = r.nextInt(3); // 0: no holder, 1: holder with ops, 2: holder without ops
      if (shape > 0) {
        assertThat(core.fsDaxGet(dax, holder, shape == 1 ? hops : null)).isZero();
      }
      // unrelated failure reports before the kill reach the holder too, and are not counted
      int earlier = r.nextInt(3);
      for (int i = 0; i < earlier; i++) {
        core.daxHolderNotifyFailure(dax, i * Pages.PAGE_SIZE, Pages.PAGE_SIZE, 0);
      }
      hops.calls.clear();

      int kills = 1 + r.nextInt(3);
      for (int i = 0; i < kills; i++) {
        Fixtures.kill(core, dax);
      }

      if (shape == 1) {
        assertThat(hops.calls).hasSize(1);
        RecordingHolder.Call c = hops.calls.get(0);
        assertThat(c.offset()).isZero();
        assertThat(c.len()).isEqualTo(Pages.U64_MAX);
        assertThat(c.mfFlags()).isEqualTo(DaxCore.MF_MEM_PRE_REMOVE).isEqualTo(1 << 7);
        assertThat(c.aliveDuring()).as("notified before ALIVE is cleared").isTrue();
        assertThat(c.holderDuring()).as("holder still set during the notification")
            .isSameAs(holder);
        assertThat(c.opsDuring()).isSameAs(hops);
      } else {
        assertThat(hops.calls).isEmpty();
      }
      assertThat(dax.isAlive()).isFalse();
      assertThat(dax.holder()).isNull();
      assertThat(dax.holderOps()).isNull();
      assertThat(core.daxHolderNotifyFailure(dax, 0, 1, 0)).isEqualTo(Errno.ENXIO.neg());
      assertThat(hops.calls).hasSize(shape == 1 ? 1 : 0);
    });
  }

  @Test
  void killOfNullIsANoOp() throws ErrnoException {
    DaxCore core = Fixtures.core();
    core.killDax(null);
    assertThat(core.srcu().gracePeriods()).isZero();
    DaxDevice dax = Fixtures.alloc(core, null, null);
    core.killDax(dax);
    assertThat(core.srcu().gracePeriods()).isEqualTo(1);
  }
}
