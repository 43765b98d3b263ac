package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/**
 * kernel-dax.md invariant 12: holder exclusivity, run as random fs_dax_get / fs_put_dax /
 * notify sequences against a model (holder, reference count).
 */
class HolderPropertyTest {
  @Test
  void onlyOneHolderAtATimeAndOnlyItCanRelease() {
    Props.forAll("invariant 12", r -> {
      DaxCore core = Fixtures.core();
      DaxDevice dax = Fixtures.alloc(core, null, FakeDriver.granting(8));
      Object[] holders = {new Object(), new Object(), new Object()};
      RecordingHolder[] ops = new RecordingHolder[holders.length];
      for (int i = 0; i < ops.length; i++) {
        ops[i] = new RecordingHolder(dax, i);
      }
      int modelHolder = -1;
      int modelRefs = 1;
      boolean alive = true;
      int steps = 5 + r.nextInt(40);
      for (int s = 0; s < steps; s++) {
        int h = r.nextInt(holders.length);
        int op = r.nextInt(10);
        if (op < 4) { // fs_dax_get
          int rc = core.fsDaxGet(dax, holders[h], ops[h]);
          int expected = !alive ? Errno.ENODEV.neg() : modelHolder >= 0 ? Errno.EBUSY.neg() : 0;
          assertThat(rc).as("step %d fsDaxGet(h%d), holder h%d", s, h, modelHolder)
              .isEqualTo(expected);
          if (rc == 0) {
            modelHolder = h;
            modelRefs++;
          }
        } else if (op < 8) { // fs_put_dax, only while the put cannot be the final one
          if (modelRefs > 1) {
            put(core, dax, holders[h]);
            modelRefs--;
            if (modelHolder == h) {
              modelHolder = -1;
            }
          }
        } else if (op == 8) { // a failure report reaches the current holder only
          int rc = core.daxHolderNotifyFailure(dax, s, 1, 0);
          int expected = !alive ? Errno.ENXIO.neg()
              : modelHolder < 0 ? Errno.EOPNOTSUPP.neg() : modelHolder;
          assertThat(rc).isEqualTo(expected);
        } else if (r.nextInt(4) == 0) {
          Fixtures.kill(core, dax);
          alive = false;
          modelHolder = -1;
        }
        assertThat(dax.holder()).isSameAs(modelHolder < 0 ? null : holders[modelHolder]);
        assertThat(dax.holderOps()).isSameAs(modelHolder < 0 ? null : ops[modelHolder]);
        assertThat(dax.refCount()).isEqualTo(modelRefs);
      }
    });
  }

  private static void put(DaxCore core, DaxDevice dax, Object holder) {
    try {
      core.fsPutDax(dax, holder);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void putWithTheWrongHolderKeepsTheClaimButDropsTheReference() throws ErrnoException {
    DaxCore core = Fixtures.core();
    DaxDevice dax = Fixtures.alloc(core, null, FakeDriver.granting(8));
    Object a = new Object();
    assertThat(core.fsDaxGet(dax, a, null)).isZero();
    assertThat(core.fsDaxGet(dax, a, null)).isEqualTo(Errno.EBUSY.neg());
    assertThat(dax.refCount()).isEqualTo(2);
    core.fsPutDax(dax, new Object());
    assertThat(core.daxHolder(dax)).isSameAs(a);
    assertThat(dax.refCount()).isEqualTo(1);
  }

  @Test
  void fsDaxGetCheckHookCanRefuseAndDropsItsReference() throws ErrnoException {
    DaxCore core = Fixtures.core();
    DaxDevice dax = Fixtures.alloc(core, "dev_dax", FakeDriver.granting(8));
    core.setFsDaxGetCheck((d, priv) -> d == dax && "dev_dax".equals(priv)
        ? Errno.EOPNOTSUPP.neg() : 0);
    assertThat(core.fsDaxGet(dax, new Object(), null)).isEqualTo(Errno.EOPNOTSUPP.neg());
    assertThat(dax.refCount()).isEqualTo(1);
    assertThat(dax.holder()).isNull();
    core.setFsDaxGetCheck(null);
    assertThat(core.fsDaxGet(dax, new Object(), null)).isZero();
  }
}
