package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.KernelAddressSpace;
import org.junit.jupiter.api.Test;

/**
 * The reference driver against kernel-dax.md invariants 26 (kaddr and pfn describe the same
 * memory, contiguously, for exactly the pages returned) and 36 (pmem direct_access with bad
 * blocks), through the dax_direct_access wrapper and directly.
 */
class PmemPropertyTest {
  @Test
  void kaddrIsTheDirectMapOfPfnForEveryPageReturned() {
    Props.forAll("invariant 26", r -> {
      long pages = pagesOf(r);
      PmemFixture f = new PmemFixture(pages);
      TreeSet<Long> bad = injectBad(r, f, pages);
      long pgoff = r.nextInt(8) == 0 ? pages + r.nextLong(0, 4) : r.nextLong(0, pages);
      long nr = r.nextLong(0, pages * 2 + 2);
      DaxAccessMode mode = Props.oneOf(r, DaxAccessMode.values());
      KaddrPfn out = new KaddrPfn();

      long ret = f.core.daxDirectAccess(f.dax, pgoff, nr, mode, out);

      if (ret <= 0) {
        assertThat(ret).isIn(nr == 0 ? 0L : (long) Errno.ERANGE.neg(),
            (long) Errno.ERANGE.neg(), (long) Errno.EHWPOISON.neg());
        return;
      }
      assertThat(out.pfn()).isEqualTo(f.pfn(pgoff));
      assertThat(out.kaddr()).isEqualTo(KernelAddressSpace.va(out.pfn() << Pages.PAGE_SHIFT));
      assertThat(ret).isLessThanOrEqualTo(Math.min(nr, pages - pgoff));
      long[] ks = {0, ret - 1, r.nextLong(0, ret), r.nextLong(0, ret)};
      for (long k : ks) {
        assertThat(f.kas.translate(out.kaddr() + k * Pages.PAGE_SIZE))
            .as("kaddr + %d pages", k).isEqualTo((out.pfn() + k) << Pages.PAGE_SHIFT);
      }
      if (pgoff + ret == pages) { // nothing is mapped past the namespace
        assertThat(f.kas.translate(out.kaddr() + ret * Pages.PAGE_SIZE)).isEqualTo(-1);
      }
      if (mode == DaxAccessMode.DAX_ACCESS) {
        assertThat(bad.subSet(pgoff, pgoff + ret)).isEmpty();
      }
    });
  }

  @Test
  void badBlocksRefuseNormalAccessAndLimitRecoveryWrites() {
    Props.forAll("invariant 36", r -> {
      long pages = pagesOf(r);
      PmemFixture f = new PmemFixture(pages);
      TreeSet<Long> bad = injectBad(r, f, pages);
      long pgoff = r.nextLong(0, pages);
      long nr = r.nextInt(6) == 0 ? 0 : r.nextLong(1, pages * 2 + 2);
      DaxAccessMode mode = Props.oneOf(r, DaxAccessMode.values());
      KaddrPfn out = new KaddrPfn();

      long driver = f.pmem.directAccess(f.dax, pgoff, nr, mode, out);
      long wrapped = f.core.daxDirectAccess(f.dax, pgoff, nr, mode, new KaddrPfn());

      long end = pgoff + Math.min(nr, pages - pgoff);
      Long firstBad = bad.ceiling(pgoff);
      long expected;
      if (firstBad != null && firstBad < end) {
        expected = mode == DaxAccessMode.DAX_ACCESS ? Errno.EHWPOISON.neg()
            : Math.max(1, firstBad - pgoff);
      } else {
        expected = bad.isEmpty() ? pages - pgoff : end - pgoff;
      }
      assertThat(driver).as("pgoff %d nr %d %s bad %s", pgoff, nr, mode, bad)
          .isEqualTo(expected);
      assertThat(out.pfn()).as("kaddr and pfn are filled in even on error")
          .isEqualTo(f.pfn(pgoff));
      long expectWrapped = expected < 0 ? expected
          : expected == 0 ? Errno.ERANGE.neg() : Math.min(expected, nr);
      assertThat(wrapped).isEqualTo(expectWrapped);
      assertThat(f.pmem.badPageCount()).isEqualTo(bad.size());
    });
  }

  private static long pagesOf(Rnd r) {
    return r.nextInt(4) == 0 ? r.nextLong(1, 9) : r.nextLong(1, 1L << 18);
  }

  private static TreeSet<Long> injectBad(Rnd r, PmemFixture f, long pages) {
    TreeSet<Long> bad = new TreeSet<>();
    int n = r.nextInt(3) == 0 ? 0 : r.nextInt(1, 5);
    for (int i = 0; i < n; i++) {
      long p = r.nextLong(0, pages);
      bad.add(p);
      try {
        if (r.nextBoolean()) {
          f.pmem.injectPoison(p);
        } else {
          f.pmem.setBadPage(p); // known to the driver only, e.g. from an ARS scrub
        }
      } catch (ErrnoException e) {
        throw new AssertionError(e);
      }
    }
    return bad;
  }
}
