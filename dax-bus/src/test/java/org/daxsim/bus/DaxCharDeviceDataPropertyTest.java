package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.bus.DeviceDaxTestHost.BASE;
import static org.daxsim.bus.DeviceDaxTestHost.MiB;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;

import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Vma;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/**
 * For every device and pgoff, the bytes written through the /dev/daxR.N mmap at that pgoff are
 * the bytes at dax_pgoff_to_phys(pgoff) in physical memory, which is also where the test's own
 * model of the layout puts them.
 */
class DaxCharDeviceDataPropertyTest {
  record Access(long pgoffFraction, long offset, long value, boolean hugeAlign) {}

  @Test
  void mmapStoresLandAtPgoffToPhys() {
    Gen<Access> accesses = src -> new Access(src.choose(0, 1 << 20), src.choose(0, 4088),
        src.choose(Long.MIN_VALUE, Long.MAX_VALUE), src.flip());
    java.util.concurrent.atomic.AtomicInteger cases = new java.util.concurrent.atomic.AtomicInteger();
    Property.forAll(DevDaxOpsLayout.layouts(), accesses)
        .named("mmap store at pgoff lands at pgoffToPhys(pgoff)")
        .tries(300)
        .checkAssert((layout, a) -> {
          cases.incrementAndGet();
          DeviceDaxTestHost h = new DeviceDaxTestHost(256 * MiB, false,
              org.daxsim.core.KernelProfile.MAINLINE);
          DevDax d = layout.create(h);
          long align = a.hugeAlign() ? 2 * MiB : 4096;
          d.setAlign(align);
          h.bind(d, DeviceDax.NAME);
          long pages = layout.pages();
          long pgoff = a.pgoffFraction() * (pages - 1) / (1 << 20);
          long mapPgoff = pgoff & -(align >>> 12);
          Mm mm = h.process();
          Vma v = mm.mmap(0, align, PROT_READ | PROT_WRITE, MAP_SHARED, mapPgoff,
              DaxCharDevice.open(h.bus, d.name()));
          long uaddr = v.start() + ((pgoff - mapPgoff) << 12) + a.offset();
          mm.storeLong(uaddr, a.value());
          long expected = layout.phys(pgoff);
          assertThat(d.pgoffToPhys(pgoff, 4096)).isEqualTo(expected);
          assertThat(mm.translate(uaddr)).isEqualTo(expected + a.offset());
          assertThat(h.mem.readLong(expected - BASE + a.offset())).isEqualTo(a.value());
          assertThat(mm.loadLong(uaddr)).isEqualTo(a.value());
        });
    assertThat(cases.get()).isGreaterThanOrEqualTo(300);
  }
}
