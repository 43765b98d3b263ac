package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.bus.BusFixture.G;
import static org.daxsim.bus.BusFixture.M;
import static org.daxsim.bus.BusFixture.REGION0;

import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bus behaviours the oracle observed on the real 6.1 and 6.12 kernels (oracle README). */
class OracleBehaviourTest {

  static Errno errno(ThrowingRunnable r) {
    try {
      r.run();
    } catch (ErrnoException e) {
      return e.errno();
    }
    return null;
  }

  interface ThrowingRunnable {
    void run() throws ErrnoException;
  }

  /** dax0.0 of the default region disabled and shrunk to 0, as "destroy-device dax0.0" does. */
  static BusFixture emptied(KernelProfile p) throws ErrnoException {
    BusFixture f = BusFixture.oracle(p);
    DevDax d0 = f.dev("dax0.0");
    if (d0.isBound()) {
      f.bus.unbind(d0);
    }
    d0.resize(0);
    return f;
  }

  /** daxctl create-device -s size: create, size the seed, bind it. */
  static DevDax createDevice(BusFixture f, long size) throws ErrnoException {
    DaxRegion r = f.bus.region(0);
    r.create();
    DevDax seed = r.seed();
    seed.resize(size);
    enable(f, seed);
    return seed;
  }

  /** daxctl enable-device (libdaxctl daxctl_bind): new_id, then bind unless new_id bound it. */
  static void enable(BusFixture f, DevDax d) throws ErrnoException {
    f.bus.newId("device_dax", d.name());
    if (!d.isBound()) {
      f.bus.bind(d, "device_dax");
    }
  }

  @ParameterizedTest
  @EnumSource(KernelProfile.class)
  void basicScenarioLayout(KernelProfile p) throws ErrnoException {
    BusFixture f = emptied(p);
    DaxRegion r = f.bus.region(0);
    assertThat(errno(() -> r.delete("dax0.0"))).as("id 0 is never deleted").isEqualTo(Errno.EBUSY);
    assertThat(r.availableSize()).isEqualTo(4 * G);
    DevDax d1 = createDevice(f, 512 * M);
    DevDax d2 = createDevice(f, 512 * M);
    assertThat(d1.name()).isEqualTo("dax0.1");
    assertThat(d2.ranges()).containsExactly(new DevDaxRange(0, 0x120000000L, 0x13fffffffL));
    assertThat(errno(() -> d1.resize(256 * M))).as("enabled").isEqualTo(Errno.EBUSY);
    f.bus.unbind(d1);
    d1.resize(256 * M);
    enable(f, d1);
    assertThat(d1.ranges()).containsExactly(new DevDaxRange(0, 0x100000000L, 0x10fffffffL));
    DevDax d3 = createDevice(f, 512 * M);
    assertThat(d3.ranges()).containsExactly(
        new DevDaxRange(0, 0x110000000L, 0x11fffffffL),
        new DevDaxRange(0x10000, 0x140000000L, 0x14fffffffL));
    f.bus.unbind(d2);
    d2.resize(G);
    assertThat(d2.ranges()).containsExactly(
        new DevDaxRange(0, 0x120000000L, 0x13fffffffL),
        new DevDaxRange(0x20000, 0x150000000L, 0x16fffffffL));
    assertThat(d2.mappingIds()).containsExactly(0, 1);
    assertThat(r.availableSize()).isEqualTo(4 * G - 256 * M - G - 512 * M);
  }

  @Test
  void growExtendsTheLastRangeInPlaceWhenTheGapFollowsIt() throws ErrnoException {
    BusFixture f = emptied(KernelProfile.LINUX_6_1);
    DevDax d1 = createDevice(f, 512 * M);
    f.bus.unbind(d1);
    d1.resize(G);
    assertThat(d1.ranges()).containsExactly(new DevDaxRange(0, REGION0, REGION0 + G - 1));
    assertThat(d1.mappingIds()).containsExactly(0);
  }

  @ParameterizedTest
  @EnumSource(KernelProfile.class)
  void idsAreReusedLowestFirst(KernelProfile p) throws ErrnoException {
    BusFixture f = emptied(p);
    DaxRegion r = f.bus.region(0);
    DevDax a = r.create();
    DevDax b = r.create();
    DevDax c = r.create();
    assertThat(List.of(a.name(), b.name(), c.name())).containsExactly("dax0.1", "dax0.2", "dax0.3");
    r.delete("dax0.2");
    r.delete("dax0.1");
    assertThat(a.id()).isEqualTo(-1);
    assertThat(r.create().name()).isEqualTo("dax0.1");
    assertThat(r.create().name()).isEqualTo("dax0.2");
    assertThat(r.create().name()).isEqualTo("dax0.4");
  }

  @Test
  void seedIsTheOldestNeverBoundDeviceAndClearedByProbe() throws ErrnoException {
    BusFixture f = emptied(KernelProfile.LINUX_6_1);
    DaxRegion r = f.bus.region(0);
    assertThat(r.seed()).isNull();
    DevDax a = r.create();
    DevDax b = r.create();
    assertThat(r.seed()).isSameAs(a);
    assertThat(r.youngest()).isSameAs(b);
    // a failed create (sizing fails) leaves the idle seed behind, with the align it was given
    a.setAlign(G);
    assertThat(errno(() -> a.resize(512 * M))).isEqualTo(Errno.EINVAL);
    assertThat(r.seed()).isSameAs(a);
    a.resize(G);
    enable(f, a);
    assertThat(r.seed()).as("cleared on successful probe").isNull();
    f.bus.unbind(a);
    assertThat(r.seed()).as("not restored by unbind").isNull();
    DevDax c = r.create();
    assertThat(r.seed()).isSameAs(c);
    r.delete(c.name());
    assertThat(r.seed()).as("deleting the seed empties it").isNull();
    assertThat(r.youngest()).isNull();
  }

  @ParameterizedTest
  @EnumSource(KernelProfile.class)
  void sizesAreMultiplesOfTwoMegabytesEvenWithAlign4K(KernelProfile p) throws ErrnoException {
    BusFixture f = emptied(p);
    DevDax d = f.bus.region(0).create();
    d.setAlign(4096);
    assertThat(errno(() -> d.resize(255 * M))).isEqualTo(Errno.EINVAL);
    assertThat(d.size()).isZero();
    d.resize(300 * M);
    assertThat(d.size()).isEqualTo(300 * M);
    assertThat(f.bus.dmesg()).anyMatch(l -> l.contains("size_store: size: 267386880 misaligned"));
  }

  @ParameterizedTest
  @EnumSource(KernelProfile.class)
  void oneGigAlignedDeviceIsPlacedWhereverTheGapStarts(KernelProfile p) throws ErrnoException {
    BusFixture f = emptied(p);
    createDevice(f, 64 * M);
    DevDax d = f.bus.region(0).create();
    d.setAlign(G);
    d.resize(G);
    assertThat(d.ranges()).containsExactly(new DevDaxRange(0, 0x104000000L, 0x143ffffffL));
  }

  @ParameterizedTest
  @EnumSource(KernelProfile.class)
  void mappingWritesAreNeverMergedAndFollowWriteOrder(KernelProfile p) throws ErrnoException {
    BusFixture f = emptied(p);
    DevDax d = f.bus.region(0).create();
    d.mapping(0x110000000L, 0x11fffffffL);
    d.mapping(0x100000000L, 0x10fffffffL);
    d.mapping(0x120000000L, 0x12fffffffL);
    assertThat(d.ranges()).containsExactly(
        new DevDaxRange(0, 0x110000000L, 0x11fffffffL),
        new DevDaxRange(0x10000, 0x100000000L, 0x10fffffffL),
        new DevDaxRange(0x20000, 0x120000000L, 0x12fffffffL));
    assertThat(errno(() -> d.mapping(0x10f000000L, 0x1107fffffL))).as("overlap")
        .isEqualTo(Errno.ENOMEM);
    assertThat(errno(() -> d.mapping(0x1ffe00000L, 0x2001fffffL))).as("outside")
        .isEqualTo(Errno.ENOMEM);
    assertThat(d.nrRange()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(KernelProfile.class)
  void misalignedMappingLengthIsEnxioOn61AndASilentNoOpLater(KernelProfile p)
      throws ErrnoException {
    BusFixture f = emptied(p);
    DevDax d = f.bus.region(0).create();
    Errno e = errno(() -> d.mapping(0x100000000L, 0x1000fffffL));
    assertThat(e).isEqualTo(p == KernelProfile.LINUX_6_1 ? Errno.ENXIO : null);
    assertThat(d.nrRange()).isZero();
    assertThat(f.bus.region(0).availableSize()).isEqualTo(4 * G);
  }

  @Test
  void oversizeFailsAndExactlyAvailableWorks() throws ErrnoException {
    BusFixture f = emptied(KernelProfile.LINUX_6_12);
    DevDax d = f.bus.region(0).create();
    assertThat(errno(() -> d.resize(5 * G))).isEqualTo(Errno.ENOSPC);
    d.resize(4 * G);
    assertThat(f.bus.region(0).availableSize()).isZero();
    assertThat(errno(() -> f.bus.region(0).create())).isEqualTo(Errno.ENOSPC);
  }

  @Test
  void alignsOtherThan4K2MAnd1GFail() throws ErrnoException {
    BusFixture f = emptied(KernelProfile.MAINLINE);
    DevDax d = f.bus.region(0).create();
    assertThat(errno(() -> d.setAlign(M))).isEqualTo(Errno.EINVAL);
    d.resize(512 * M + 2 * M);
    assertThat(errno(() -> d.setAlign(G))).as("range length not 1G multiple")
        .isEqualTo(Errno.EINVAL);
    assertThat(d.align()).isEqualTo(2 * M);
    assertThat(f.bus.dmesg()).anyMatch(l -> l.contains("align 1073741824 invalid for range 0"));
  }

  @Test
  void atBoot61BindsDeviceDaxAnd612LeavesItUnboundWithoutKmem() throws ErrnoException {
    BusFixture f61 = BusFixture.oracle(KernelProfile.LINUX_6_1);
    assertThat(f61.dev("dax0.0").driver()).isSameAs(f61.devdax);
    assertThat(f61.bus.iomem().dump()).contains("hmem.0");
    BusFixture f612 = BusFixture.oracle(KernelProfile.LINUX_6_12);
    DevDax d = f612.dev("dax0.0");
    assertThat(d.isBound()).isFalse();
    assertThat(f612.bus.iomem().dump()).doesNotContain("hmem.0");
    assertThat(errno(() -> f612.bus.bind(d, "device_dax"))).isEqualTo(Errno.ENODEV);
    f612.bus.newId("device_dax", "dax0.0\n");
    assertThat(d.driver()).as("new_id binds").isSameAs(f612.devdax);
  }

  @Test
  void loadingKmemOn612BindsTheKmemTypedDevices() throws ErrnoException {
    BusFixture f = BusFixture.oracle(KernelProfile.LINUX_6_12);
    f.bus.registerDriver(f.kmem);
    assertThat(f.dev("dax0.0").driver()).isSameAs(f.kmem);
  }

  @Test
  void destroyOfDeviceZero() throws ErrnoException {
    BusFixture f = BusFixture.oracle(KernelProfile.LINUX_6_1);
    DaxRegion r = f.bus.region(0);
    assertThat(errno(() -> r.delete("dax0.0"))).as("bound").isEqualTo(Errno.EBUSY);
    f.bus.unbind(f.dev("dax0.0"));
    assertThat(errno(() -> r.delete("dax0.0"))).as("has a size").isEqualTo(Errno.EBUSY);
    f.dev("dax0.0").resize(0);
    assertThat(errno(() -> r.delete("dax0.0"))).as("id 0").isEqualTo(Errno.EBUSY);
    assertThat(f.dev("dax0.0").size()).isZero();
    assertThat(errno(() -> r.delete("dax1.1"))).isEqualTo(Errno.ENXIO);
  }
}
