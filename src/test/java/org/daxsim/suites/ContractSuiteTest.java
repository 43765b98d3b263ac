package org.daxsim.suites;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.bus.Fsdev;
import org.daxsim.core.Errno;
import org.daxsim.testkit.ContractCase;
import org.daxsim.testkit.ContractCheck;
import org.daxsim.testkit.ContractReport;
import org.daxsim.testkit.DaxOperationsContract;
import org.daxsim.testkit.DaxOperationsFactory;
import org.daxsim.testkit.DeviceUnderTest;
import org.daxsim.testkit.Feature;
import org.daxsim.testkit.PhysRange;
import org.daxsim.testkit.Request;
import org.junit.jupiter.api.Test;

/**
 * Suite 3: dax-testkit's {@link DaxOperationsContract} run against fsdev in each
 * direct_access variant, from this module (as a user's regression suite would): per-range
 * passes every claimed check; each flawed variant is caught on its own with a minimal shrunk
 * case.
 */
class ContractSuiteTest {
  static final long SEED = 3L;
  static final long UNIT_PAGES = 512;

  /** The layout's target bound to fsdev_dax in {@code v} (daxctl reconfigure -m famfs). */
  static DaxOperationsFactory fsdev(DirectAccessVariant v) {
    return layout -> {
      DevDax d = layout.target();
      DaxBus bus = layout.bus();
      if (d.driver() != null) {
        bus.unbind(d);
      }
      d.setVariant(v);
      bus.newId(Fsdev.NAME, d.name());
      if (d.driver() == null) {
        bus.bind(d, Fsdev.NAME);
      }
      return DeviceUnderTest.of(layout.core(), d.daxDevice(), layout.targetRanges());
    };
  }

  static ContractReport run(DirectAccessVariant v) {
    return DaxOperationsContract.forFactory(fsdev(v))
        .features(Feature.ZERO_PAGE_RANGE, Feature.MULTI_RANGE, Feature.THREAD_SAFE)
        .outOfRangeErrnos(Errno.EFAULT).tries(100).seed(SEED).report();
  }

  /** Exactly two 2 MiB ranges and one request that crosses their boundary by one page. */
  static void assertTwoRangesCrossedByOnePage(ContractCase c) {
    assertThat(c.device().ranges()).hasSize(2);
    for (PhysRange r : c.device().ranges()) {
      assertThat(r.length()).isEqualTo(UNIT_PAGES * 4096);
    }
    Request q = c.request();
    assertThat(q.pgoff()).isLessThan(UNIT_PAGES);
    assertThat(q.pgoff() + q.nrPages()).isEqualTo(UNIT_PAGES + 1);
  }

  /**
   * Exactly two 2 MiB ranges and a request that reaches range 1 by the least possible: crossing
   * the boundary by one page, or one page inside range 1 (which is minimal too when the ranges
   * lie physically out of order, as rfc-virt-offset's kaddr assumes they do not).
   */
  static void assertTwoRangesMinimal(ContractCase c) {
    assertThat(c.device().ranges()).hasSize(2);
    for (PhysRange r : c.device().ranges()) {
      assertThat(r.length()).isEqualTo(UNIT_PAGES * 4096);
    }
    Request q = c.request();
    boolean crossing = q.pgoff() < UNIT_PAGES && q.pgoff() + q.nrPages() == UNIT_PAGES + 1;
    boolean onePageOfRange1 = q.pgoff() >= UNIT_PAGES && q.nrPages() == 1;
    assertThat(crossing || onePageOfRange1).as("minimal request %s", q).isTrue();
  }

  @Test
  void perRangePasses() {
    ContractReport r = run(DirectAccessVariant.PER_RANGE);
    assertThat(r.failures()).isEmpty();
    assertThat(r.passed()).contains(ContractCheck.POSITIVE_FOR_VALID,
        ContractCheck.KADDR_MAPS_PFN, ContractCheck.CONTIGUOUS_INSIDE,
        ContractCheck.OUT_OF_RANGE_ERRNO);
  }

  @Test
  void fsdevFullSpanFailsOnTwoRangesAndARequestCrossingThem() {
    ContractReport r = run(DirectAccessVariant.FSDEV_FULL_SPAN);
    assertThat(r.failures()).containsKey(ContractCheck.POSITIVE_FOR_VALID);
    assertTwoRangesCrossedByOnePage(r.shrunkCase(ContractCheck.POSITIVE_FOR_VALID));
    System.out.println("fsdev-full-span: " + r.shrunkCase(ContractCheck.POSITIVE_FOR_VALID));
  }

  @Test
  void seedPhysFailsOnOnePage() {
    ContractReport r = run(DirectAccessVariant.SEED_PHYS);
    assertThat(r.failures()).containsKey(ContractCheck.KADDR_MAPS_PFN);
    ContractCase c = r.shrunkCase(ContractCheck.KADDR_MAPS_PFN);
    assertThat(c.device().ranges()).hasSize(1);
    assertThat(c.request().pgoff()).isZero();
    assertThat(c.request().nrPages()).isEqualTo(1);
    System.out.println("seed-phys: " + c);
  }

  @Test
  void rfcVirtOffsetFailsAcrossABoundaryAndPastTheEnd() {
    ContractReport r = run(DirectAccessVariant.RFC_VIRT_OFFSET);
    assertThat(r.failures()).containsKeys(ContractCheck.KADDR_MAPS_PFN,
        ContractCheck.OUT_OF_RANGE_ERRNO);
    System.out.println("rfc-virt-offset: " + r.shrunkCase(ContractCheck.KADDR_MAPS_PFN));
    assertTwoRangesMinimal(r.shrunkCase(ContractCheck.KADDR_MAPS_PFN));
    ContractCase past = r.shrunkCase(ContractCheck.OUT_OF_RANGE_ERRNO);
    assertThat(past.device().ranges()).hasSize(1);
    assertThat(past.request().pgoff()).isEqualTo(past.device().pages());
    assertThat(past.request().nrPages()).isEqualTo(1);
  }
}
