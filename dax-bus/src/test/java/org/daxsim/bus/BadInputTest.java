package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.bus.BusFixture.G;
import static org.daxsim.bus.BusFixture.M;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;
import org.junit.jupiter.api.Test;

/** Bad input to every public entry point: the kernel's errno (or EINVAL) and nothing changed. */
class BadInputTest {
  static final long BASE = 0x100000000L;

  interface Call {
    void run() throws ErrnoException;
  }

  /** A bus with a 6.12 dynamic region (dax0.0 unbound 64M + dax0.1 bound 64M + dax0.2 idle). */
  static BusFixture busy() throws ErrnoException {
    BusFixture f = new BusFixture(KernelProfile.LINUX_6_12);
    f.hmem(0, BASE, G, true);
    f.hmem(1, BASE + 4 * G, 64 * M, false);
    f.dev("dax0.0").resize(64 * M);
    DevDax d1 = f.bus.region(0).create();
    d1.resize(64 * M);
    f.bus.bind(d1, "device_dax");
    f.bus.region(0).create();
    PmemNamespace.register(f.bus, 2, 0, BASE + 8 * G, 256 * M, 2 * M, 2 * M, 0);
    return f;
  }

  static void expect(BusFixture f, Errno errno, Call call) {
    String before = BusState.of(f.bus);
    Errno got = null;
    try {
      call.run();
    } catch (ErrnoException e) {
      got = e.errno();
    }
    assertThat(got).isEqualTo(errno);
    assertThat(BusState.of(f.bus)).as("state unchanged").isEqualTo(before);
  }

  @Test
  void busEntryPoints() throws ErrnoException {
    BusFixture f = busy();
    DaxBus bus = f.bus;
    DevDax d0 = f.dev("dax0.0");
    expect(f, Errno.EINVAL, () -> bus.bind(null, "device_dax"));
    expect(f, Errno.ENODEV, () -> bus.bind(d0, null));
    expect(f, Errno.ENODEV, () -> bus.bind(d0, ""));
    expect(f, Errno.ENODEV, () -> bus.bind(d0, "kmem")); // idle region: device type
    expect(f, Errno.EBUSY, () -> bus.bind(f.dev("dax0.1"), "device_dax"));
    expect(f, Errno.EINVAL, () -> bus.unbind(null));
    expect(f, Errno.ENODEV, () -> bus.unbind(d0));
    expect(f, Errno.EINVAL, () -> bus.newId("fsdev", null));
    expect(f, Errno.EINVAL, () -> bus.newId("fsdev", "dax0.0\0"));
    expect(f, Errno.ENODEV, () -> bus.newId(null, "dax0.0"));
    expect(f, Errno.EINVAL, () -> bus.removeId("fsdev", "x"));
    expect(f, Errno.ENODEV, () -> bus.removeId("none", "dax0.0"));
    expect(f, Errno.ENODEV, () -> bus.ids("none"));
    expect(f, Errno.EINVAL, () -> bus.autoBind(null));
    expect(f, Errno.EINVAL, () -> bus.matches(null, "fsdev"));
    expect(f, Errno.ENODEV, () -> bus.matches(d0, "none"));
    expect(f, Errno.EINVAL, () -> bus.registerDriver(null));
    expect(f, Errno.EBUSY, () -> bus.registerDriver(new TestDriver("kmem", DaxDriverType.KMEM)));
    expect(f, Errno.EINVAL, () -> bus.setDefaultVariant(null));
    for (long bad : new long[] {0, -1, 1 << 20, 3 << 20, Long.MIN_VALUE, 4096}) {
      expect(f, Errno.EINVAL, () -> bus.setMemoryBlockSize(bad));
    }
    assertThat(bus.device(null)).isNull();
    assertThat(bus.device("dax9.9")).isNull();
    assertThat(bus.region(-1)).isNull();
  }

  @Test
  void busConstructor() throws ErrnoException {
    DaxCore core = new DaxCore(new KernelAddressSpace(new PhysicalAddressSpace()));
    Resource iomem = Resource.iomem();
    for (Call c : new Call[] {
        () -> new DaxBus(null, iomem, KernelProfile.MAINLINE),
        () -> new DaxBus(core, null, KernelProfile.MAINLINE),
        () -> new DaxBus(core, iomem, null)}) {
      Errno got = null;
      try {
        c.run();
      } catch (ErrnoException e) {
        got = e.errno();
      }
      assertThat(got).isEqualTo(Errno.EINVAL);
    }
  }

  @Test
  void regionEntryPoints() throws ErrnoException {
    BusFixture f = busy();
    DaxRegion r0 = f.bus.region(0);
    DaxRegion r1 = f.bus.region(1);
    DaxRegion pmem = f.bus.region(2);
    expect(f, Errno.ENOSPC, r1::create);
    expect(f, Errno.EINVAL, pmem::create);
    expect(f, Errno.EINVAL, () -> pmem.delete("dax2.0"));
    expect(f, Errno.ENXIO, () -> r0.delete(null));
    expect(f, Errno.ENXIO, () -> r0.delete(""));
    expect(f, Errno.ENXIO, () -> r0.delete("dax1.0"));
    expect(f, Errno.ENXIO, () -> r0.delete("dax0.1\n\n"));
    expect(f, Errno.EBUSY, () -> r0.delete("dax0.0")); // size and id 0
    expect(f, Errno.EBUSY, () -> r0.delete("dax0.1")); // bound
  }

  @Test
  void deviceEntryPoints() throws ErrnoException {
    BusFixture f = busy();
    DevDax d0 = f.dev("dax0.0");
    DevDax bound = f.dev("dax0.1");
    DevDax st = f.dev("dax2.0");
    for (long bad : new long[] {1, 4096, M, 255 * M, -1, Long.MAX_VALUE, Long.MIN_VALUE + 1}) {
      expect(f, Errno.EINVAL, () -> d0.resize(bad));
    }
    for (long big : new long[] {2 * G, -2 * M, Long.MIN_VALUE, 1L << 62}) {
      expect(f, Errno.ENOSPC, () -> d0.resize(big));
    }
    expect(f, Errno.EBUSY, () -> bound.resize(0));
    expect(f, Errno.EACCES, () -> st.resize(0));
    for (long bad : new long[] {0, -1, 1, 8192, M, 4 * M, 2 * G, Long.MIN_VALUE, -4096}) {
      expect(f, Errno.EINVAL, () -> d0.setAlign(bad));
    }
    expect(f, Errno.EINVAL, () -> d0.setAlign(G)); // 64M range
    expect(f, Errno.EBUSY, () -> bound.setAlign(4096));
    expect(f, Errno.EACCES, () -> st.setAlign(4096));
    long regionEnd = BASE + G - 1;
    expect(f, Errno.ENOMEM, () -> d0.mapping(BASE, BASE + 2 * M - 1)); // taken
    expect(f, Errno.ENOMEM, () -> d0.mapping(regionEnd + 1, regionEnd + 2 * M)); // outside
    expect(f, Errno.ENOMEM, () -> d0.mapping(BASE - 2 * M, BASE - 1)); // below
    expect(f, Errno.ENOMEM, () -> d0.mapping(-2 * M, -1)); // u64 above everything
    expect(f, Errno.ENOMEM, () -> d0.mapping(Long.MAX_VALUE - 2 * M + 2, Long.MAX_VALUE + 1));
    expect(f, Errno.ENOMEM, () -> d0.mapping(BASE + 512 * M, BASE + 512 * M - 2 * M - 1));
    expect(f, Errno.EBUSY, () -> d0.mapping(BASE + 512 * M, BASE + 512 * M - 1)); // 0 length
    expect(f, null, () -> d0.mapping(BASE + 512 * M, BASE + 512 * M + M - 1)); // 6.12 no-op
    expect(f, Errno.ENOENT, () -> st.mapping(BASE, BASE + 2 * M - 1));
    expect(f, Errno.EOPNOTSUPP, () -> d0.setMemmapOnMemory(true));
    assertThat(d0.pgoffToPhys(-1, 4096)).isEqualTo(-1);
    assertThat(d0.pgoffToPhys(Long.MAX_VALUE, 4096)).isEqualTo(-1);
    assertThat(d0.pgoffToPhys(0, 64 * M + 1)).isEqualTo(-1);
    assertThat(d0.table().indexOf(Long.MIN_VALUE)).isEqualTo(-1);
  }

  @Test
  void deletedDevice() throws ErrnoException {
    BusFixture f = busy();
    DevDax d2 = f.dev("dax0.2");
    f.bus.region(0).delete("dax0.2");
    expect(f, Errno.ENODEV, () -> d2.resize(2 * M));
    expect(f, Errno.ENODEV, () -> d2.setAlign(4096));
    expect(f, Errno.ENODEV, () -> d2.mapping(BASE + 512 * M, BASE + 514 * M - 1));
    expect(f, Errno.ENODEV, () -> f.bus.bind(d2, "device_dax"));
    expect(f, Errno.ENODEV, () -> f.bus.unbind(d2));
    expect(f, Errno.ENODEV, () -> f.bus.autoBind(d2));
    expect(f, Errno.ENXIO, () -> f.bus.region(0).delete("dax0.2"));
    assertThat(d2.id()).isEqualTo(-1);
    assertThat(d2.daxDevice().isFreed()).isTrue();
  }

  @Test
  void linux61HasNoMemmapOnMemory() throws ErrnoException {
    BusFixture f = new BusFixture(KernelProfile.LINUX_6_1);
    f.hmem(0, BASE, 64 * M, true);
    expect(f, Errno.ENOENT, () -> f.dev("dax0.0").setMemmapOnMemory(false));
    expect(f, Errno.ENXIO, () -> f.dev("dax0.0").mapping(BASE, BASE + M - 1));
  }

  @Test
  void producers() throws ErrnoException {
    BusFixture f = busy();
    DaxBus bus = f.bus;
    long free = BASE + 32 * G;
    expect(f, Errno.EINVAL, () -> Hmem.register(null, 5, free, 64 * M, 0, false));
    expect(f, Errno.EINVAL, () -> Hmem.register(bus, -1, free, 64 * M, 0, false));
    expect(f, Errno.ENOMEM, () -> Hmem.register(bus, 5, free + M, 64 * M, 0, false));
    expect(f, Errno.ENOMEM, () -> Hmem.register(bus, 5, free, 63 * M, 0, false));
    expect(f, Errno.ENOMEM, () -> Hmem.register(bus, 5, free, 0, 0, false));
    expect(f, Errno.ENOMEM, () -> Hmem.register(bus, 5, free, -2 * M, 0, false));
    expect(f, Errno.ENOMEM, () -> Hmem.register(bus, 5, -2 * M, 2 * M, 0, false));
    expect(f, Errno.ENOMEM, () -> Hmem.register(bus, 5, Long.MAX_VALUE - 2 * M + 1, 4 * M, 0,
        false));
    expect(f, Errno.EEXIST, () -> Hmem.register(bus, 0, free, 64 * M, 0, false));
    expect(f, Errno.EBUSY, () -> Hmem.register(bus, 5, BASE + 32 * M, 64 * M, 0, false));
    expect(f, Errno.EINVAL, () -> Cxl.register(null, 5, free, 64 * M, 0));
    expect(f, Errno.ENOMEM, () -> Cxl.register(bus, 5, free, 3 * M, 0));
    expect(f, Errno.EEXIST, () -> Cxl.register(bus, 1, free, 64 * M, 0));
    expect(f, Errno.EINVAL, () -> PmemNamespace.register(bus, 5, -1, free, G, 2 * M, 2 * M, 0));
    expect(f, Errno.EINVAL, () -> PmemNamespace.register(bus, 5, 0, free, G, G, 2 * M, 0));
    expect(f, Errno.EINVAL, () -> PmemNamespace.register(bus, 5, 0, free, G, -1, 2 * M, 0));
    expect(f, Errno.EINVAL, () -> PmemNamespace.register(bus, 5, 0, free, 0, 0, 2 * M, 0));
    expect(f, Errno.EINVAL, () -> PmemNamespace.register(bus, 5, 0, free, G, 0, M, 0));
    expect(f, Errno.ENOMEM, () -> PmemNamespace.register(bus, 5, 0, free, G, 4096, 2 * M, 0));
    expect(f, Errno.EINVAL, () -> PmemNamespace.register(bus, 5, 0, Long.MAX_VALUE, G, 0,
        2 * M, 0));
  }

  @Test
  void linux61HmemFailureUndoesTheIomemContainer() throws ErrnoException {
    BusFixture f = new BusFixture(KernelProfile.LINUX_6_1);
    f.hmem(0, BASE, 64 * M, false);
    expect(f, Errno.EEXIST, () -> Hmem.register(f.bus, 0, BASE + 4 * G, 64 * M, 0, false));
  }
}
