package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.daxsim.core.Errno;
import org.daxsim.prop.PropertyFailure;
import org.junit.jupiter.api.Test;

/** kernel-dax.md invariants 7 and 8: the dax_direct_access() wrapper contract. */
class DirectAccessPropertyTest {
  /** How the device looks when the wrapper is called. */
  enum State { NULL_DEVICE, DEAD, DEAD_NO_OPS, NO_OPS, ALIVE }

  @Test
  void wrapperNeverGrantsMoreThanAskedNorZeroAndPassesErrorsThrough() {
    Props.forAll("invariant 7", r -> {
      DaxCore core = Fixtures.core();
      FakeDriver drv = FakeDriver.random(r);
      DaxDevice dax = Fixtures.alloc(core, "priv", drv);
      long nr = r.nextInt(4) == 0 ? r.nextLong(0, 4) : r.nextLong(0, Long.MAX_VALUE);
      long pgoff = Props.edgyLong(r);
      DaxAccessMode mode = Props.oneOf(r, DaxAccessMode.values());
      KaddrPfn out = r.nextBoolean() ? new KaddrPfn() : null;

      long ret = core.daxDirectAccess(dax, pgoff, nr, mode, out);

      assertThat(drv.directCalls.get()).isEqualTo(1);
      assertThat(drv.lastPgoff).isEqualTo(pgoff);
      assertThat(drv.lastNrPages).isEqualTo(nr);
      assertThat(drv.lastMode).isEqualTo(mode);
      assertThat(ret).isLessThanOrEqualTo(nr);
      if (nr > 0) {
        assertThat(ret).isNotZero();
      }
      if (drv.directAnswer < 0) {
        assertThat(ret).isEqualTo(drv.directAnswer);
      } else if (drv.directAnswer == 0) {
        assertThat(ret).isEqualTo(Errno.ERANGE.neg());
      } else {
        assertThat(ret).isEqualTo(Math.min(drv.directAnswer, nr));
      }
      if (out != null) {
        assertThat(out.pfn()).isEqualTo(FakeDriver.PFN_BASE + pgoff);
      }
    });
  }

  @Test
  void checksRunInTheKernelsOrder() {
    Props.forAll("invariant 8", r -> {
      DaxCore core = Fixtures.core();
      FakeDriver drv = FakeDriver.random(r);
      State state = Props.oneOf(r, State.values());
      DaxDevice dax = device(core, state, drv);
      long nr = Props.edgyLong(r);
      DaxAccessMode mode = Props.oneOf(r, DaxAccessMode.values());

      long ret = core.daxDirectAccess(dax, r.nextLong(), nr, mode, new KaddrPfn());

      long expected;
      switch (state) {
        case NULL_DEVICE: expected = Errno.EOPNOTSUPP.neg(); break;
        case DEAD:
        case DEAD_NO_OPS: expected = Errno.ENXIO.neg(); break;
        case NO_OPS: expected = Errno.EOPNOTSUPP.neg(); break;
        default:
          expected = nr < 0 ? Errno.EINVAL.neg()
              : drv.directAnswer == 0 ? Errno.ERANGE.neg() : Math.min(drv.directAnswer, nr);
      }
      assertThat(ret).as("state %s nr %d", state, nr).isEqualTo(expected);
      boolean reachesDriver = state == State.ALIVE && nr >= 0;
      assertThat(drv.directCalls.get()).isEqualTo(reachesDriver ? 1 : 0);
    });
  }

  static DaxDevice device(DaxCore core, State state, FakeDriver drv) {
    switch (state) {
      case NULL_DEVICE:
        return null;
      case DEAD: {
        DaxDevice d = Fixtures.alloc(core, null, drv);
        Fixtures.kill(core, d);
        return d;
      }
      case DEAD_NO_OPS: {
        DaxDevice d = Fixtures.alloc(core, null, null);
        Fixtures.kill(core, d);
        return d;
      }
      case NO_OPS:
        return Fixtures.alloc(core, null, null);
      default:
        return Fixtures.alloc(core, null, drv);
    }
  }

  @Test
  void zeroPagesRequestedWithAPositiveDriverYieldsZero() {
    DaxCore core = Fixtures.core();
    DaxDevice dax = Fixtures.alloc(core, null, FakeDriver.granting(5));
    assertThat(core.daxDirectAccess(dax, 0, 0, DaxAccessMode.DAX_ACCESS, null)).isZero();
  }

  @Test
  void harnessReportsTheReplaySeed() {
    // guards the harness itself: a failing property must surface with its seed
    assertThatThrownBy(
        () -> Props.forAll("always fails", x -> assertThat(x.nextInt(10)).isNegative()))
        .isInstanceOf(PropertyFailure.class)
        .hasMessageContaining("-Ddax.prop.seed=");
  }
}
