package org.daxsim.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Errno;
import org.daxsim.prop.PropertyFailure;
import org.junit.jupiter.api.Test;

/**
 * The contract suite against the correct implementations (fsdev per-range, pmem), which pass,
 * and against each flawed fsdev variant on its own, which must fail with a minimal shrunk case:
 *
 * <ul>
 *   <li>fsdev-full-span: POSITIVE_FOR_VALID, on a device of exactly two 2 MiB ranges with a
 *       span that ends one page into range 1 (-EFAULT instead of the pages of range 0);
 *   <li>seed-phys: KADDR_MAPS_PFN, on a one-range device with pgoff 0 and one page (kaddr is the
 *       physical address, which maps nothing), while CONTIGUOUS_INSIDE (the pfn) holds;
 *   <li>rfc-virt-offset: KADDR_MAPS_PFN on exactly two 2 MiB ranges with a span crossing the
 *       boundary by one page, and OUT_OF_RANGE_ERRNO on one 2 MiB range at the first page past
 *       the end with one page (RFC v1 grants pages there).
 * </ul>
 */
class DaxOperationsContractTest {
  static final long SEED = 1L;
  static final int TRIES = 100;
  static final long RANGE_PAGES = 512; // 2 MiB, the allocation unit of a dynamic region

  static ContractReport fsdev(DirectAccessVariant v) {
    return DaxOperationsContract.forFactory(ContractFactories.fsdev(v))
        .features(Feature.ZERO_PAGE_RANGE, Feature.MULTI_RANGE, Feature.THREAD_SAFE)
        .outOfRangeErrnos(Errno.EFAULT)
        .tries(TRIES).seed(SEED).report();
  }

  @Test
  void perRangePassesEveryClaimedCheck() {
    ContractReport r = fsdev(DirectAccessVariant.PER_RANGE);
    assertThat(r.failures()).isEmpty();
    assertThat(r.skipped()).containsExactly(ContractCheck.RECOVERY_WRITE_CLEARS_POISON);
    assertThat(r.passed()).hasSize(ContractCheck.values().length - 1);
    r.assertOk();
  }

  @Test
  void pmemPassesEveryCheckIncludingRecoveryWrite() {
    ContractReport r = DaxOperationsContract.forFactory(ContractFactories.pmem())
        .features(Feature.ZERO_PAGE_RANGE, Feature.RECOVERY_WRITE, Feature.THREAD_SAFE)
        .outOfRangeErrnos(Errno.ERANGE)
        .tries(TRIES).seed(SEED).run();
    assertThat(r.passed()).containsExactly(ContractCheck.values());
  }

  @Test
  void fsdevFullSpanIsCaughtOnTwoRangesWithASpanCrossingTheBoundary() {
    ContractReport r = fsdev(DirectAccessVariant.FSDEV_FULL_SPAN);
    assertThat(r.failures()).containsOnlyKeys(ContractCheck.POSITIVE_FOR_VALID);
    ContractCase c = r.shrunkCase(ContractCheck.POSITIVE_FOR_VALID);
    assertTwoUnitRangesCrossedByOnePage(c);
    assertThat(r.failures().get(ContractCheck.POSITIVE_FOR_VALID))
        .hasMessageContaining("-EFAULT");
  }

  @Test
  void seedPhysIsCaughtOnOnePageOfOneRange() {
    ContractReport r = fsdev(DirectAccessVariant.SEED_PHYS);
    assertThat(r.failures()).containsKey(ContractCheck.KADDR_MAPS_PFN);
    assertThat(r.passed()).contains(ContractCheck.CONTIGUOUS_INSIDE); // the pfn is right
    ContractCase c = r.shrunkCase(ContractCheck.KADDR_MAPS_PFN);
    assertThat(c.device().ranges()).hasSize(1);
    assertThat(c.requests()).hasSize(1);
    assertThat(c.request().pgoff()).isZero();
    assertThat(c.request().nrPages()).isEqualTo(1);
    assertThat(r.failures().get(ContractCheck.KADDR_MAPS_PFN)).hasMessageContaining("maps nothing");
  }

  @Test
  void rfcVirtOffsetIsCaughtAcrossARangeBoundaryAndPastTheEnd() {
    ContractReport r = fsdev(DirectAccessVariant.RFC_VIRT_OFFSET);
    assertThat(r.failures()).containsKeys(ContractCheck.KADDR_MAPS_PFN,
        ContractCheck.OUT_OF_RANGE_ERRNO);
    assertTwoUnitRangesCrossedByOnePage(r.shrunkCase(ContractCheck.KADDR_MAPS_PFN));

    ContractCase past = r.shrunkCase(ContractCheck.OUT_OF_RANGE_ERRNO);
    assertThat(past.device().ranges()).hasSize(1);
    assertThat(past.device().pages()).isEqualTo(RANGE_PAGES);
    assertThat(past.request().pgoff()).isEqualTo(RANGE_PAGES); // the first page past the end
    assertThat(past.request().nrPages()).isEqualTo(1);
  }

  @Test
  void aFailureCarriesTheSeedTheReplayCommandAndTheScenarioScript() {
    Throwable t = catchThrowable(() -> DaxOperationsContract
        .forFactory(ContractFactories.fsdev(DirectAccessVariant.FSDEV_FULL_SPAN))
        .features(Feature.MULTI_RANGE).checks(ContractCheck.POSITIVE_FOR_VALID)
        .tries(TRIES).seed(SEED).run());
    assertThat(t).isInstanceOf(PropertyFailure.class);
    PropertyFailure f = (PropertyFailure) t;
    assertThat(f.seed()).isEqualTo(SEED);
    assertThat(f.getMessage())
        .contains("-Ddax.prop.seed=" + SEED)
        .contains("region add --size 16M --kind hmem --base 0x100000000 --idle")
        .contains("echo 2097152 > /sys/bus/dax/devices/dax0.0/size")
        .contains("> /sys/bus/dax/devices/dax0.0/mapping")
        .contains("variant set dev-dax-direct-access fsdev-full-span")
        .contains("daxctl reconfigure-device -m famfs dax0.0");
  }

  @Test
  void checksWithoutTheirFeatureAreSkipped() {
    ContractReport r = DaxOperationsContract
        .forFactory(ContractFactories.fsdev(DirectAccessVariant.PER_RANGE))
        .tries(5).seed(SEED).run();
    assertThat(r.skipped()).containsExactlyInAnyOrder(ContractCheck.ZERO_ONE_PAGE,
        ContractCheck.RECOVERY_WRITE_CLEARS_POISON, ContractCheck.CONCURRENT_EQUALS_SEQUENTIAL);
  }

  /** The minimal multi-range counterexample: two 2 MiB ranges, a span one page into range 1. */
  static void assertTwoUnitRangesCrossedByOnePage(ContractCase c) {
    assertThat(c).isNotNull();
    assertThat(c.device().ranges()).hasSize(2);
    assertThat(c.device().ranges()).allSatisfy(
        range -> assertThat(range.pages()).isEqualTo(RANGE_PAGES));
    assertThat(c.layout().script()).hasSizeLessThanOrEqualTo(3); // region + two operations
    Request q = c.request();
    assertThat(q.pgoff()).isLessThan(RANGE_PAGES);
    assertThat(q.pgoff() + q.nrPages()).isEqualTo(RANGE_PAGES + 1);
  }
}
