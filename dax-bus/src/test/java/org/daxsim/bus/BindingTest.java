package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.bus.BusFixture.M;
import static org.daxsim.bus.OracleBehaviourTest.errno;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.junit.jupiter.api.Test;

/** The driver-binding framework: match, bind, unbind, new_id, probe rules, fs_dax_get check. */
class BindingTest {
  static final long BASE = 0x100000000L;

  static BusFixture idleRegion(KernelProfile p) throws ErrnoException {
    BusFixture f = new BusFixture(p);
    f.hmem(0, BASE, 64 * M, true);
    return f;
  }

  @Test
  void matchRulesPerProfile() throws ErrnoException {
    BusFixture f61 = new BusFixture(KernelProfile.LINUX_6_1);
    f61.hmem(0, BASE, 64 * M, false);
    DevDax d61 = f61.dev("dax0.0");
    assertThat(f61.bus.matches(d61, "device_dax")).isTrue();
    assertThat(f61.bus.matches(d61, "kmem")).as("6.1 kmem needs new_id").isFalse();
    assertThat(f61.bus.matches(d61, "fsdev")).isFalse();
    assertThat(d61.driver()).isSameAs(f61.devdax);

    BusFixture f = new BusFixture(KernelProfile.MAINLINE);
    f.hmem(0, BASE, 64 * M, false);
    f.hmem(1, BASE + (1L << 32), 64 * M, true);
    DevDax kmemTyped = f.dev("dax0.0");
    DevDax idle = f.dev("dax1.0");
    assertThat(kmemTyped.driver()).isSameAs(f.kmem);
    assertThat(f.bus.matches(kmemTyped, "device_dax")).isFalse();
    assertThat(f.bus.matches(idle, "device_dax")).as("idle region: no KMEM flag").isTrue();
    assertThat(f.bus.matches(idle, "kmem")).isFalse();
    assertThat(f.bus.matches(idle, "fsdev")).as("fsdev only by new_id").isFalse();
    f.bus.newId("fsdev", "dax1.0");
    assertThat(f.bus.matches(idle, "fsdev")).isTrue();
    f.bus.removeId("fsdev", "dax1.0\n");
    assertThat(f.bus.matches(idle, "fsdev")).isFalse();
  }

  @Test
  void bindErrorsInTheDriverCoresOrder() throws ErrnoException {
    BusFixture f = idleRegion(KernelProfile.LINUX_6_12);
    DevDax d = f.dev("dax0.0");
    assertThat(errno(() -> f.bus.bind(d, "nosuch"))).isEqualTo(Errno.ENODEV);
    assertThat(errno(() -> f.bus.bind(d, "fsdev"))).as("no match").isEqualTo(Errno.ENODEV);
    assertThat(errno(() -> f.bus.bind(d, "device_dax"))).as("0-size probe")
        .isEqualTo(Errno.ENXIO);
    assertThat(d.isBound()).isFalse();
    assertThat(f.devdax.probed).as("dax_bus_probe refuses before the driver").isEmpty();
    d.resize(4 * M);
    f.devdax.failWith = Errno.ENOMEM;
    assertThat(errno(() -> f.bus.bind(d, "device_dax"))).as("probe errno passed through")
        .isEqualTo(Errno.ENOMEM);
    assertThat(d.isBound()).isFalse();
    assertThat(d.daxDevice().isAlive()).isFalse();
    f.devdax.failWith = null;
    f.bus.bind(d, "device_dax");
    assertThat(d.daxDevice().isAlive()).isTrue();
    assertThat(errno(() -> f.bus.bind(d, "device_dax"))).isEqualTo(Errno.EBUSY);
    assertThat(errno(() -> d.resize(8 * M))).isEqualTo(Errno.EBUSY);
    assertThat(errno(() -> d.setAlign(4096))).isEqualTo(Errno.EBUSY);
    f.bus.unbind(d);
    assertThat(f.devdax.removed).containsExactly("dax0.0");
    assertThat(d.daxDevice().isAlive()).as("kill_dev_dax on unbind").isFalse();
    assertThat(errno(() -> f.bus.unbind(d))).isEqualTo(Errno.ENODEV);
  }

  @Test
  void newIdBindsEveryMatchingUnboundDeviceAndIgnoresProbeFailures() throws ErrnoException {
    BusFixture f = idleRegion(KernelProfile.MAINLINE);
    DevDax d0 = f.dev("dax0.0");
    d0.resize(4 * M);
    DevDax d1 = f.bus.region(0).create();
    f.bus.newId("fsdev", "dax0.1"); // 0-size: probe fails, new_id still succeeds
    assertThat(d1.isBound()).isFalse();
    assertThat(f.bus.ids("fsdev")).containsExactly("dax0.1");
    f.bus.newId("fsdev", "dax0.0");
    assertThat(d0.driver()).isSameAs(f.fsdev);
    assertThat(f.bus.ids("fsdev")).containsExactly("dax0.0", "dax0.1");
    f.bus.newId("fsdev", "dax0.0");
    assertThat(f.bus.ids("fsdev")).as("no duplicates").hasSize(2);
  }

  @Test
  void newIdParseRules() throws ErrnoException {
    BusFixture f = idleRegion(KernelProfile.MAINLINE);
    for (String bad : new String[] {"", "\n", "dax0", "dax0.", "dax.1", "dax0.01", "dax00.1",
        "dax0.1\n\n", " dax0.1", "dax0.1 ", "dax+1.1", "dax0.1x", "dax99999999999.1", "mem0.1",
        "DAX0.1", "dax-0.1"}) {
      assertThat(errno(() -> f.bus.newId("fsdev", bad))).as("'%s'", bad)
          .isEqualTo(Errno.EINVAL);
      assertThat(errno(() -> f.bus.removeId("fsdev", bad))).isEqualTo(Errno.EINVAL);
    }
    f.bus.newId("fsdev", "dax-1.2");
    f.bus.newId("fsdev", "dax7.8\n");
    assertThat(f.bus.ids("fsdev")).containsExactly("dax7.8", "dax-1.2");
    assertThat(errno(() -> f.bus.newId("nosuch", "dax0.0"))).isEqualTo(Errno.ENODEV);
  }

  @Test
  void fsDaxGetRequiresTheFsdevDriver() throws ErrnoException {
    BusFixture f = idleRegion(KernelProfile.MAINLINE);
    DevDax d = f.dev("dax0.0");
    d.resize(4 * M);
    Object holder = new Object();
    assertThat(f.bus.core().fsDaxGet(d.daxDevice(), holder, null)).as("dead/unbound")
        .isEqualTo(Errno.ENODEV.neg());
    f.bus.bind(d, "device_dax");
    assertThat(f.bus.core().fsDaxGet(d.daxDevice(), holder, null))
        .isEqualTo(Errno.EOPNOTSUPP.neg());
    f.bus.unbind(d);
    f.bus.newId("fsdev", d.name());
    assertThat(d.driver()).isSameAs(f.fsdev);
    assertThat(f.bus.core().fsDaxGet(d.daxDevice(), holder, null)).isZero();
    f.bus.core().fsPutDax(d.daxDevice(), holder);
  }

  @Test
  void registeringADriverAttachesItAndDuplicatesAreRefused() throws ErrnoException {
    BusFixture f = new BusFixture(KernelProfile.LINUX_6_12, false);
    f.hmem(0, BASE, 64 * M, false);
    assertThat(f.dev("dax0.0").isBound()).isFalse();
    assertThat(errno(() -> f.bus.registerDriver(f.devdax))).isEqualTo(Errno.EBUSY);
    assertThat(errno(() -> f.bus.registerDriver(null))).isEqualTo(Errno.EINVAL);
    assertThat(errno(() -> f.bus.registerDriver(new TestDriver(null, DaxDriverType.KMEM))))
        .isEqualTo(Errno.EINVAL);
    f.bus.registerDriver(f.kmem);
    assertThat(f.dev("dax0.0").driver()).isSameAs(f.kmem);
    assertThat(f.bus.drivers()).extracting(DaxDriver::name)
        .containsExactly("device_dax", "fsdev", "kmem");
  }

  @Test
  void autoBindIsTheDriversProbeRescan() throws ErrnoException {
    BusFixture f = idleRegion(KernelProfile.LINUX_6_1);
    DevDax d = f.dev("dax0.0");
    assertThat(f.bus.autoBind(d)).as("0-size: every probe fails").isFalse();
    d.resize(2 * M);
    f.bus.newId("kmem", "dax0.0"); // 6.1: kmem matches by id now; device_dax registered first
    f.bus.unbind(d);
    f.kmem.failWith = Errno.EINVAL;
    f.bus.newId("kmem", "dax0.0");
    assertThat(d.isBound()).isFalse();
    assertThat(f.bus.autoBind(d)).as("6.1: device_dax matches always").isTrue();
    assertThat(d.driver()).isSameAs(f.devdax);
  }

  @Test
  void staticDeviceBindsAndKeepsItsPgmap() throws ErrnoException {
    BusFixture f = new BusFixture(KernelProfile.LINUX_6_1);
    DaxRegion r = PmemNamespace.register(f.bus, 0, 0, BASE, 1L << 30, 18 * M, 2 * M, 0);
    DevDax d = f.dev("dax0.0");
    assertThat(d.ranges()).containsExactly(new DevDaxRange(0, BASE + 18 * M, BASE + (1L << 30) - 1));
    assertThat(r.size()).isEqualTo(1054867456L);
    assertThat(d.pgmap()).isEqualTo(DevPagemap.of(BASE, BASE + (1L << 30) - 1));
    assertThat(d.driver()).isSameAs(f.devdax);
    f.bus.unbind(d);
    assertThat(d.pgmap()).as("static pgmap survives kill_dev_dax").isNotNull();
    assertThat(errno(r::create)).isEqualTo(Errno.EINVAL);
    assertThat(errno(() -> r.delete("dax0.0"))).isEqualTo(Errno.EINVAL);
    assertThat(errno(() -> d.resize(256 * M))).isEqualTo(Errno.EACCES);
    assertThat(errno(() -> d.setAlign(4096))).isEqualTo(Errno.EACCES);
    assertThat(errno(() -> d.mapping(BASE, BASE + 2 * M - 1))).isEqualTo(Errno.ENOENT);
    assertThat(r.seed()).isNull();
    f.bus.bind(d, "device_dax");
  }

  @Test
  void cxlRegionIsKmemTypedWithMemmapOnMemory() throws ErrnoException {
    BusFixture f = new BusFixture(KernelProfile.MAINLINE);
    DaxRegion r = Cxl.register(f.bus, 3, BASE, 256 * M, 1);
    DevDax d = f.dev("dax3.0");
    assertThat(r.hasKmemFlag()).isTrue();
    assertThat(d.memmapOnMemory()).isTrue();
    assertThat(d.targetNode()).isEqualTo(1);
    assertThat(d.driver()).isSameAs(f.kmem);
    assertThat(errno(() -> d.setMemmapOnMemory(false))).as("change while bound to kmem")
        .isEqualTo(Errno.EBUSY);
    assertThat(errno(() -> d.setMemmapOnMemory(true))).as("checked before the lock")
        .isEqualTo(Errno.EOPNOTSUPP);
    f.bus.setMhpSupportsMemmapOnMemory(true);
    d.setMemmapOnMemory(true); // unchanged value: allowed while bound
    f.bus.unbind(d);
    d.setMemmapOnMemory(false);
    assertThat(d.memmapOnMemory()).isFalse();
    d.setMemmapOnMemory(true);
    assertThat(d.memmapOnMemory()).isTrue();
  }
}
