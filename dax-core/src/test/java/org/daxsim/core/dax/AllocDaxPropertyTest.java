package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/**
 * kernel-dax.md invariant 13: alloc_dax refuses ops without zero_page_range; minors are unique
 * among live devices, allocated lowest-first, and reused only after the final put. Random
 * alloc / dax_dev_get / kill / put sequences against a model (minor to reference count).
 */
class AllocDaxPropertyTest {
  @Test
  void minorsAreUniqueAndReusedOnlyAfterTheFinalPut() {
    Props.forAll("invariant 13", r -> {
      int maxMinor = r.nextInt(1, 9);
      DaxCore core = Fixtures.core(maxMinor);
      TreeMap<Integer, Integer> refs = new TreeMap<>();
      TreeMap<Integer, DaxDevice> byMinor = new TreeMap<>();
      long warns = 0;
      int steps = 10 + r.nextInt(60);
      for (int s = 0; s < steps; s++) {
        int op = r.nextInt(10);
        if (op < 4) {
          boolean noZero = r.nextInt(5) == 0;
          DaxOperations ops = noZero ? new FakeDriver(1, 0, 0, false, false)
              : r.nextBoolean() ? FakeDriver.granting(1) : null;
          int lowestFree = lowestFree(refs, maxMinor);
          try {
            DaxDevice d = core.allocDax("p" + s, ops);
            assertThat(noZero).isFalse();
            assertThat(d.minor()).isEqualTo(lowestFree);
            assertThat(byMinor).doesNotContainKey(d.minor());
            assertThat(d.isAlive()).isTrue();
            assertThat(d.ops()).isSameAs(ops);
            refs.put(d.minor(), 1);
            byMinor.put(d.minor(), d);
          } catch (ErrnoException e) {
            assertThat(e.errno()).isEqualTo(noZero ? Errno.EINVAL : Errno.ENOMEM);
            if (noZero) {
              warns++;
            } else {
              assertThat(lowestFree).isGreaterThan(maxMinor);
            }
          }
        } else if (op < 6 && !byMinor.isEmpty()) {
          DaxDevice d = pick(r, byMinor);
          DaxDevice again = get(core, d.devt());
          assertThat(again).isSameAs(d);
          refs.merge(d.minor(), 1, Integer::sum);
        } else if (op < 7 && !byMinor.isEmpty()) {
          Fixtures.kill(core, pick(r, byMinor));
        } else if (!byMinor.isEmpty()) {
          DaxDevice d = pick(r, byMinor);
          boolean wasAlive = d.isAlive();
          put(core, d);
          int left = refs.merge(d.minor(), -1, Integer::sum);
          if (left == 0) {
            refs.remove(d.minor());
            byMinor.remove(d.minor());
            assertThat(d.isFreed()).isTrue();
            if (wasAlive) {
              warns++;
            }
          } else {
            assertThat(d.isFreed()).isFalse();
          }
        }
        assertThat(core.warnCount()).isEqualTo(warns);
        List<Integer> live = new ArrayList<>();
        for (DaxDevice d : core.devices()) {
          live.add(d.minor());
          assertThat(d.refCount()).isEqualTo(refs.get(d.minor()));
        }
        assertThat(live).containsExactlyElementsOf(refs.keySet());
      }
    });
  }

  private static int lowestFree(TreeMap<Integer, Integer> refs, int maxMinor) {
    int m = 0;
    while (refs.containsKey(m)) {
      m++;
    }
    return m;
  }

  private static DaxDevice pick(Rnd r, TreeMap<Integer, DaxDevice> m) {
    List<DaxDevice> l = new ArrayList<>(m.values());
    return l.get(r.nextInt(l.size()));
  }

  private static DaxDevice get(DaxCore core, long devt) {
    try {
      return core.daxDevGet(devt);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  private static void put(DaxCore core, DaxDevice d) {
    try {
      core.putDax(d);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void daxDevGetOfAnUnknownDevtCreatesAnAliveDeviceAndReservesItsMinor()
      throws ErrnoException {
    DaxCore core = Fixtures.core(3);
    DaxDevice d2 = core.daxDevGet(((long) DaxCore.DAX_MAJOR << DaxCore.MINORBITS) | 2);
    assertThat(d2.isAlive()).isTrue();
    assertThat(d2.ops()).isNull();
    assertThat(core.allocDax(null, null).minor()).isEqualTo(0);
    assertThat(core.allocDax(null, null).minor()).isEqualTo(1);
    assertThat(core.allocDax(null, null).minor()).isEqualTo(3);
    assertThatThrownBy(() -> core.allocDax(null, null))
        .isInstanceOfSatisfying(ErrnoException.class,
            e -> assertThat(e.errno()).isEqualTo(Errno.ENOMEM));
    core.killDax(d2);
    core.putDax(d2);
    assertThat(core.allocDax(null, null).minor()).isEqualTo(2);
  }

  @Test
  void putAfterTheFinalPutIsWarnedAboutAndChangesNothing() throws ErrnoException {
    DaxCore core = Fixtures.core();
    DaxDevice d = core.allocDax(null, null);
    core.killDax(d);
    core.putDax(d);
    assertThat(core.warnCount()).isZero();
    core.putDax(d);
    assertThat(core.warnCount()).isEqualTo(1);
    assertThat(core.warnings()).singleElement().asString().contains("freed");
    assertThat(d.refCount()).isZero();
    assertThatThrownBy(() -> core.runDax(d)).isInstanceOf(ErrnoException.class);
  }
}
