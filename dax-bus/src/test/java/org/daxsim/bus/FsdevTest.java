package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.bus.DeviceDaxTestHost.BASE;
import static org.daxsim.bus.DeviceDaxTestHost.MiB;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.PROT_READ;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.DaxHolderOperations;
import org.junit.jupiter.api.Test;

/** fsdev.c: explicit binding, dax_set_ops, fs_dax_get's driver check, memory failure. */
class FsdevTest {
  private final DeviceDaxTestHost h;
  private final List<String> notices = new ArrayList<>();
  private final DaxHolderOperations famfs = (d, off, len, flags) -> {
    notices.add(String.format("%#x+%#x/%#x", off, len, flags));
    return 0;
  };

  FsdevTest() throws ErrnoException {
    h = new DeviceDaxTestHost(2L << 30, false, org.daxsim.core.KernelProfile.MAINLINE);
  }

  private static void fails(Errno errno, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ErrnoException.class,
        e -> assertThat(e.errno()).isEqualTo(errno));
  }

  @Test
  void fsdevBindsOnlyThroughNewId() throws Exception {
    DevDax d = h.twoRangeGap();
    fails(Errno.ENODEV, () -> h.bus.bind(d, Fsdev.NAME));
    assertThat(h.bus.autoBind(d)).isTrue();
    assertThat(d.driver()).isSameAs(h.deviceDax); // not kmem-flagged: device_dax by type
    h.bus.unbind(d);
    h.bus.newId(Fsdev.NAME, d.name());
    assertThat(d.driver()).isSameAs(h.fsdev);
    assertThat(h.fsdev.hasCdev(d)).isTrue();
    assertThat(Fsdev.NAME).isEqualTo("fsdev_dax");
    assertThat(h.fsdev.type()).isEqualTo(DaxDriverType.FSDEV);
  }

  @Test
  void probeInstallsTheOpsAndRunsTheDeviceUnbindUndoesIt() throws Exception {
    DevDax d = h.bind(h.twoRangeGap(), Fsdev.NAME);
    DaxDevice dax = d.daxDevice();
    assertThat(dax.isAlive()).isTrue();
    assertThat(dax.ops()).isInstanceOf(DevDaxOps.class);
    assertThat(h.iomem.dump()).contains(d.name());
    assertThat(h.core.fsDaxGet(dax, "sb", famfs)).isZero();
    h.bus.unbind(d);
    assertThat(dax.isAlive()).isFalse();
    assertThat(dax.ops()).isNull();
    assertThat(notices).containsExactly("0x0+0xffffffffffffffff/0x80"); // MF_MEM_PRE_REMOVE
    assertThat(h.iomem.dump()).doesNotContain(d.name());
    assertThat(h.fsdev.hasCdev(d)).isFalse();
    // bind again, and the ops can be installed again
    h.bus.bind(d, Fsdev.NAME);
    assertThat(dax.ops()).isInstanceOf(DevDaxOps.class);
  }

  @Test
  void probeFailsEbusyWhenOpsAreAlreadyInstalledAndLeavesNothing() throws Exception {
    DevDax d = h.twoRangeGap();
    DaxCore core = h.core;
    assertThat(core.daxSetOps(d.daxDevice(), new org.daxsim.core.dax.DaxOperations() {
      @Override
      public long directAccess(DaxDevice x, long p, long n,
          org.daxsim.core.dax.DaxAccessMode m, org.daxsim.core.dax.KaddrPfn o) {
        return 1;
      }

      @Override
      public int zeroPageRange(DaxDevice x, long p, long n) {
        return 0;
      }
    })).isZero();
    h.bus.newId(Fsdev.NAME, d.name());
    assertThat(d.driver()).isNull();
    fails(Errno.EBUSY, () -> h.bus.bind(d, Fsdev.NAME));
    assertThat(h.iomem.dump()).doesNotContain(d.name());
    assertThat(h.kas.translate(org.daxsim.core.mm.KernelAddressSpace.va(BASE + 2 * MiB)))
        .isEqualTo(-1);
  }

  @Test
  void fsDaxGetChecksTheBoundDriver() throws Exception {
    DevDax d = h.twoRangeGap();
    DaxDevice dax = d.daxDevice();
    assertThat(h.core.fsDaxGet(dax, "sb", famfs)).isEqualTo(Errno.ENODEV.neg()); // unbound
    h.bind(d, DeviceDax.NAME);
    assertThat(h.core.fsDaxGet(dax, "sb", famfs)).isEqualTo(Errno.EOPNOTSUPP.neg());
    h.bus.unbind(d);
    h.bind(d, Fsdev.NAME);
    assertThat(h.core.fsDaxGet(dax, "sb", famfs)).isZero();
    assertThat(h.core.daxHolder(dax)).isEqualTo("sb");
  }

  @Test
  void memoryFailureReachesTheHolderAsADeviceByteOffset() throws Exception {
    DevDax d = h.bind(h.twoRangeGap(), Fsdev.NAME);
    DaxDevice dax = d.daxDevice();
    long pfnInRange1 = (BASE + 64 * MiB + 5 * 4096) >>> 12;
    assertThat(h.fsdev.memoryFailure(pfnInRange1, 1, 0)).isEqualTo(Errno.EOPNOTSUPP.neg());
    assertThat(h.core.fsDaxGet(dax, "sb", famfs)).isZero();
    assertThat(h.fsdev.memoryFailure(pfnInRange1, 2, 0)).isZero();
    assertThat(h.fsdev.memoryFailure((BASE + 2 * MiB + 4096) >>> 12, 1, 0)).isZero();
    assertThat(notices).containsExactly("0x405000+0x2000/0x0", "0x1000+0x1000/0x0");
    // a pfn no fsdev device maps (the gap)
    assertThat(h.fsdev.memoryFailure((BASE + 10 * MiB) >>> 12, 1, 0))
        .isEqualTo(Errno.ENXIO.neg());
    assertThat(Fsdev.pfnToOffset(d.ranges(), BASE)).isEqualTo(-1);
  }

  @Test
  void theCharDeviceHasNoMmap() throws Exception {
    DevDax d = h.bind(h.twoRangeGap(), Fsdev.NAME);
    DaxCharDevice f = DaxCharDevice.open(h.bus, d.name());
    assertThat(f.isFsdev()).isTrue();
    assertThat(f.mmapSupportedFlags()).isZero();
    assertThat(f.getUnmappedArea(h.process(), 0, 2 * MiB, 0, 0)).isZero();
    fails(Errno.ENODEV, () -> h.process().mmap(0, 2 * MiB, PROT_READ, MAP_SHARED, 0, f));
    fails(Errno.EINVAL, () -> f.read(h.process(), 0x10000, 1));
  }

  @Test
  void staticMultiRangeAndPrepopulatedPgmapAreEinval() throws Exception {
    DevDax d = h.twoRangeGap();
    d.setPgmap(DevPagemap.of(BASE, BASE + 4 * MiB - 1)); // a dynamic device with a pgmap
    fails(Errno.EINVAL, () -> h.fsdev.probe(d)); // "dynamic-dax with pre-populated page map"
    fails(Errno.EINVAL, () -> h.deviceDax.probe(d));
    assertThat(h.iomem.dump()).doesNotContain(d.name());
    d.setPgmap(null);
    // a static region's device: the supplied pgmap, one range only
    long pmem = BASE + 2048 * MiB;
    h.phys.map(pmem, 128 * MiB, org.daxsim.core.mem.MemoryDevice.create("pmem0", 128 * MiB), 0);
    DaxRegion s = PmemNamespace.register(h.bus, 5, 0, pmem, 66 * MiB, 2 * MiB, 2 * MiB, 0);
    DevDax sd = s.devices().get(0);
    if (sd.isBound()) {
      h.bus.unbind(sd); // device_add attached device_dax
    }
    h.fsdev.probe(sd);
    assertThat(h.kas.translate(org.daxsim.core.mm.KernelAddressSpace.va(pmem)))
        .isEqualTo(pmem); // the pgmap covers the metadata before the data
    h.fsdev.remove(sd);
    sd.setTable(sd.table().append(pmem + 40 * MiB, pmem + 42 * MiB - 1, 1));
    fails(Errno.EINVAL, () -> h.fsdev.probe(sd)); // static pgmap / multi-range conflict
    fails(Errno.EINVAL, () -> h.deviceDax.probe(sd));
    // a static pgmap starting after the data: fsdev refuses it
    DaxRegion s2 = PmemNamespace.register(h.bus, 6, 0, pmem + 80 * MiB, 34 * MiB, 2 * MiB,
        2 * MiB, 0);
    DevDax sd2 = s2.devices().get(0);
    if (sd2.isBound()) {
      h.bus.unbind(sd2);
    }
    sd2.setPgmap(DevPagemap.of(pmem + 84 * MiB, pmem + 114 * MiB - 1));
    fails(Errno.EINVAL, () -> h.fsdev.probe(sd2));
    assertThat(h.iomem.dump()).doesNotContain(sd2.name());
    assertThat(Pages.PAGE_SIZE).isEqualTo(4096);
  }

  @Test
  void badInput() throws Exception {
    fails(Errno.EINVAL, () -> new Fsdev(null));
    fails(Errno.EINVAL, () -> new DeviceDax(null));
    fails(Errno.EINVAL, () -> h.fsdev.probe(null));
    fails(Errno.EINVAL, () -> h.deviceDax.probe(null));
    h.fsdev.remove(null);
    h.deviceDax.remove(null);
    h.fsdev.remove(h.twoRangeGap()); // not bound here: ignored
    fails(Errno.EINVAL, () -> h.fsdev.variant(null));
    fails(Errno.EINVAL, () -> h.fsdev.memoryFailure(-1, 1, 0));
    fails(Errno.EINVAL, () -> h.fsdev.memoryFailure(1, 0, 0));
    fails(Errno.EINVAL, () -> DaxCharDevice.open(null, "dax0.0"));
    fails(Errno.EINVAL, () -> DaxCharDevice.open(h.bus, null));
    fails(Errno.ENOENT, () -> DaxCharDevice.open(h.bus, "nonsense"));
    DevDax dd = h.bind(h.device(BASE + 100 * MiB, BASE + 102 * MiB - 1), DeviceDax.NAME);
    DaxCharDevice f = DaxCharDevice.open(h.bus, dd.name());
    fails(Errno.EINVAL, () -> f.mmap(null));
    assertThat(f.getUnmappedArea(null, 0, 4096, 0, 0)).isZero();
    assertThat(f.toString()).isEqualTo("/dev/" + dd.name());
    for (String bad : new String[] {null, "", "per_range", "PER-RANGE", "seed"}) {
      fails(Errno.EINVAL, () -> DirectAccessVariant.of(bad));
    }
    for (DirectAccessVariant v : DirectAccessVariant.values()) {
      assertThat(DirectAccessVariant.of(v.id())).isSameAs(v);
      assertThat(v.toString()).isEqualTo(v.id());
    }
    assertThat(h.deviceDax.hasCdev(null)).isFalse();
    assertThat(h.fsdev.hasCdev(null)).isFalse();
    assertThat(h.deviceDax.resources(null)).isEmpty();
    assertThat(h.deviceDax.type()).isEqualTo(DaxDriverType.DEVICE);
  }
}
