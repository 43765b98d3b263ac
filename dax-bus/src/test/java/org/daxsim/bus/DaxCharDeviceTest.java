package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.bus.DeviceDaxTestHost.BASE;
import static org.daxsim.bus.DeviceDaxTestHost.GiB;
import static org.daxsim.bus.DeviceDaxTestHost.MiB;
import static org.daxsim.core.mm.Mman.MAP_FIXED;
import static org.daxsim.core.mm.Mman.MAP_PRIVATE;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.MAP_SHARED_VALIDATE;
import static org.daxsim.core.mm.Mman.MAP_SYNC;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Signal;
import org.daxsim.core.mm.Vma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** /dev/daxR.N: open, read/write, mmap rules (invariant 23), get_unmapped_area, unbind zap. */
class DaxCharDeviceTest {
  private static void fails(Errno errno, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ErrnoException.class,
        e -> assertThat(e.errno()).isEqualTo(errno));
  }

  private static DevDax bound(DeviceDaxTestHost h, long size, long align) throws ErrnoException {
    DevDax d = h.device(BASE, BASE + size - 1);
    d.setAlign(align);
    return h.bind(d, DeviceDax.NAME);
  }

  @Test
  void openNeedsAnExistingDeviceWithACharDevice() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = h.device(BASE, BASE + 128 * MiB - 1);
    fails(Errno.ENOENT, () -> DaxCharDevice.open(h.bus, "dax0.9"));
    fails(Errno.ENXIO, () -> DaxCharDevice.open(h.bus, d.name())); // unbound
    h.bind(d, Kmem.NAME);
    fails(Errno.ENXIO, () -> DaxCharDevice.open(h.bus, d.name())); // kmem has no cdev
    h.bus.unbind(d);
    h.bind(d, DeviceDax.NAME);
    DaxCharDevice f = DaxCharDevice.open(h.bus, d.name());
    assertThat(f.device()).isSameAs(d);
    assertThat(f.isFsdev()).isFalse();
    assertThat(f.mapping()).isSameAs(d.daxDevice().mapping());
  }

  @Test
  void readAndWriteAreEinval() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = bound(h, 4 * MiB, 4096);
    DaxCharDevice f = DaxCharDevice.open(h.bus, d.name());
    Mm mm = h.process();
    fails(Errno.EINVAL, () -> f.read(mm, 0x10000, 4096));
    fails(Errno.EINVAL, () -> f.write(mm, 0x10000, 4096));
  }

  @Test
  void privateMappingsAreRefused() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = bound(h, 4 * MiB, 4096);
    Mm mm = h.process();
    DaxCharDevice f = DaxCharDevice.open(h.bus, d.name());
    fails(Errno.EINVAL, () -> mm.mmap(0, 4096, PROT_READ, MAP_PRIVATE, 0, f));
    assertThat(mm.vmas()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {4096, 2 * MiB + 4096, MiB})
  void lengthsThatAreNotAMultipleOfTheAlignAreRefused(long len) throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = bound(h, 8 * MiB, 2 * MiB);
    Mm mm = h.process();
    fails(Errno.EINVAL,
        () -> mm.mmap(0, len, PROT_READ, MAP_SHARED, 0, DaxCharDevice.open(h.bus, d.name())));
    assertThat(mm.vmas()).isEmpty();
  }

  @Test
  void startsThatAreNotAMultipleOfTheAlignAreRefused() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = bound(h, 8 * MiB, 2 * MiB);
    Mm mm = h.process();
    DaxCharDevice f = DaxCharDevice.open(h.bus, d.name());
    fails(Errno.EINVAL,
        () -> mm.mmap(0x7f00_0000_1000L, 2 * MiB, PROT_READ, MAP_SHARED | MAP_FIXED, 0, f));
    Vma ok = mm.mmap(0x7f00_0020_0000L, 2 * MiB, PROT_READ, MAP_SHARED | MAP_FIXED, 0, f);
    assertThat(ok.start()).isEqualTo(0x7f00_0020_0000L);
    assertThat(ok.flags() & Vma.VM_HUGEPAGE).isNotZero();
  }

  @Test
  void aDeadDeviceIsEnxioAtMmap() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = bound(h, 4 * MiB, 4096);
    DaxCharDevice f = DaxCharDevice.open(h.bus, d.name());
    h.bus.unbind(d);
    Mm mm = h.process();
    fails(Errno.ENXIO, () -> mm.mmap(0, 4096, PROT_READ, MAP_SHARED, 0, f));
  }

  @Test
  void mapSyncIsSupported() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = bound(h, 4 * MiB, 4096);
    Mm mm = h.process();
    Vma v = mm.mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE | MAP_SYNC, 0,
        DaxCharDevice.open(h.bus, d.name()));
    assertThat(v.flags() & Vma.VM_SYNC).isNotZero();
  }

  @ParameterizedTest
  @ValueSource(longs = {4096, 2 * MiB, GiB})
  void getUnmappedAreaAlignsAddressAndOffset(long align) throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = bound(h, 2 * GiB, align);
    Mm mm = h.process();
    DaxCharDevice f = DaxCharDevice.open(h.bus, d.name());
    mm.mmap(0, 4096 * 3, PROT_READ, org.daxsim.core.mm.Mman.MAP_PRIVATE
        | org.daxsim.core.mm.Mman.MAP_ANONYMOUS, 0, null); // disturb the top-down layout
    Vma v = mm.mmap(0, GiB, PROT_READ, MAP_SHARED, 0, f);
    assertThat(v.start() % align).isZero();
    long pgoff = (GiB / 4096);
    Vma w = mm.mmap(0, GiB, PROT_READ, MAP_SHARED, pgoff, f);
    assertThat((w.start() - (pgoff << 12)) % align).isZero();
    // a hint is the default path; too small a request too
    assertThat(f.getUnmappedArea(mm, 0x1000_0000L, align, 0, 0)).isZero();
    assertThat(f.getUnmappedArea(mm, 0, align - 4096 == 0 ? 0 : 4096, 0, 0)).isZero();
    assertThat(f.getUnmappedArea(mm, 0, Long.MAX_VALUE, 0, 0)).isZero();
  }

  @Test
  void unbindZapsEveryMappingAndTheNextTouchIsSigbus() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = bound(h, 4 * MiB, 4096);
    Mm a = h.process();
    Mm b = h.process();
    Vma va = a.mmap(0, 4 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED, 0,
        DaxCharDevice.open(h.bus, d.name()));
    Vma vb = b.mmap(0, 4 * MiB, PROT_READ, MAP_SHARED, 0, DaxCharDevice.open(h.bus, d.name()));
    a.storeLong(va.start() + 8192, 42);
    assertThat(b.loadLong(vb.start() + 8192)).isEqualTo(42);
    assertThat(a.translate(va.start() + 8192)).isEqualTo(BASE + 8192);
    h.bus.unbind(d);
    assertThat(a.translate(va.start() + 8192)).isEqualTo(-1);
    assertThat(b.translate(vb.start() + 8192)).isEqualTo(-1);
    assertThatThrownBy(() -> b.loadLong(vb.start() + 8192))
        .isInstanceOfSatisfying(Signal.class, s -> assertThat(s.signo()).isEqualTo(Signal.SIGBUS));
    // the bytes live on in physical memory and come back after a rebind
    h.bind(d, DeviceDax.NAME);
    assertThat(a.loadLong(va.start() + 8192)).isEqualTo(42);
  }

  @Test
  void unbindReleasesTheRangesAndTheDirectMap() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = h.twoRangeGap();
    h.bind(d, DeviceDax.NAME);
    assertThat(h.deviceDax.resources(d)).extracting(r -> r.name())
        .containsExactly(d.name(), d.name());
    assertThat(h.kas.translate(org.daxsim.core.mm.KernelAddressSpace.va(BASE + 64 * MiB)))
        .isEqualTo(BASE + 64 * MiB);
    h.bus.unbind(d);
    assertThat(h.deviceDax.resources(d)).isEmpty();
    assertThat(h.kas.translate(org.daxsim.core.mm.KernelAddressSpace.va(BASE + 64 * MiB)))
        .isEqualTo(-1);
    assertThat(h.iomem.dump()).doesNotContain(d.name());
    // a clash with another claimant of the range: EBUSY, nothing left behind
    org.daxsim.core.mem.Resource other =
        org.daxsim.core.mem.Resource.requestRegion(h.iomem, BASE + 64 * MiB, 4096, "other");
    fails(Errno.EBUSY, () -> h.bus.bind(d, DeviceDax.NAME));
    assertThat(d.driver()).isNull();
    assertThat(h.iomem.dump()).doesNotContain(d.name());
    assertThat(h.kas.translate(org.daxsim.core.mm.KernelAddressSpace.va(BASE + 2 * MiB)))
        .isEqualTo(-1);
    org.daxsim.core.mem.Resource.releaseResource(other);
    h.bus.bind(d, DeviceDax.NAME);
    assertThat(d.driver()).isSameAs(h.deviceDax);
  }
}
