package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.bus.DeviceDaxTestHost.BASE;
import static org.daxsim.bus.DeviceDaxTestHost.MiB;

import org.daxsim.core.Errno;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/**
 * The per-range direct_access against the test's model on random multi-range layouts: the count
 * stops at the end of pgoff's range, pfn is the model's page, kaddr == __va(pfn << 12)
 * (invariant 26), and the last granted page's kaddr reads that page's bytes. fsdev-full-span
 * agrees whenever the span fits in one range and fails -EFAULT otherwise.
 */
class DevDaxOpsPropertyTest {
  record Ask(long pgoffFraction, long nrPages, long marker) {}

  @Test
  void perRangeMatchesTheModelAndFullSpanFailsAcrossRanges() {
    Gen<Ask> asks = src -> new Ask(src.choose(0, 1 << 20), src.choose(0, 5000),
        src.choose(1, Long.MAX_VALUE));
    java.util.concurrent.atomic.AtomicInteger cases = new java.util.concurrent.atomic.AtomicInteger();
    Property.forAll(DevDaxOpsLayout.layouts(), asks)
        .named("per-range direct_access == model; full-span EFAULT across ranges")
        .tries(300)
        .checkAssert((layout, a) -> {
          cases.incrementAndGet();
          DeviceDaxTestHost h =
              new DeviceDaxTestHost(256 * MiB, false, KernelProfile.MAINLINE);
          DevDax d = layout.create(h);
          d.setVariant(DirectAccessVariant.PER_RANGE);
          h.bind(d, Fsdev.NAME);
          DaxDevice dax = d.daxDevice();
          long pages = layout.pages();
          long pgoff = a.pgoffFraction() * pages / (1 << 20); // == pages now and then
          KaddrPfn out = new KaddrPfn();
          long n = h.core.daxDirectAccess(dax, pgoff, a.nrPages(), DaxAccessMode.DAX_ACCESS, out);
          long fits = layout.pagesToRangeEnd(pgoff);
          if (pgoff >= pages) {
            assertThat(n).isEqualTo(Errno.EFAULT.neg());
            return;
          }
          if (a.nrPages() == 0) {
            assertThat(n).isEqualTo(Errno.ERANGE.neg());
            return;
          }
          assertThat(n).isEqualTo(Math.min(a.nrPages(), fits));
          assertThat(out.pfn() << 12).isEqualTo(layout.phys(pgoff));
          assertThat(out.kaddr()).isEqualTo(KernelAddressSpace.va(out.pfn() << 12));
          long last = layout.phys(pgoff + n - 1);
          h.mem.writeLong(last - BASE, a.marker());
          byte[] buf = new byte[8];
          long got = h.core.daxCopyToIter(dax, pgoff, out.kaddr() + ((n - 1) << 12), 8,
              IovIter.kbuf(IovIter.ITER_DEST, buf, 0, 8));
          assertThat(got).isEqualTo(8);
          assertThat(java.nio.ByteBuffer.wrap(buf).order(java.nio.ByteOrder.LITTLE_ENDIAN)
              .getLong()).isEqualTo(a.marker());
          // the kernel-faithful fsdev on the same device
          h.bus.unbind(d);
          d.setVariant(DirectAccessVariant.FSDEV_FULL_SPAN);
          h.bind(d, Fsdev.NAME);
          long m = h.core.daxDirectAccess(dax, pgoff, a.nrPages(), DaxAccessMode.DAX_ACCESS, out);
          if (a.nrPages() <= fits) {
            assertThat(m).isEqualTo(a.nrPages());
            assertThat(out.pfn() << 12).isEqualTo(layout.phys(pgoff));
          } else {
            assertThat(m).isEqualTo(Errno.EFAULT.neg());
          }
        });
    assertThat(cases.get()).isGreaterThanOrEqualTo(300);
  }
}
