package org.daxsim.testkit;

import java.util.EnumSet;
import java.util.Set;

/** The checks of {@link DaxOperationsContract}, each with the features it requires. */
public enum ContractCheck {
  /** A grant never exceeds {@code nr_pages}. */
  NEVER_MORE_THAN_ASKED(Feature.DIRECT_ACCESS),
  /**
   * A valid request ({@code nr_pages >= 1}, the whole span inside the device) grants at least
   * one page.
   */
  POSITIVE_FOR_VALID(Feature.DIRECT_ACCESS),
  /** The granted run is physically contiguous, inside the device, and starts at pgoff's page. */
  CONTIGUOUS_INSIDE(Feature.DIRECT_ACCESS),
  /** For every granted page k, {@code kaddr + k*4096} is the kernel mapping of {@code pfn + k}. */
  KADDR_MAPS_PFN(Feature.DIRECT_ACCESS),
  /** Requests past the device end fail with a documented errno; {@code nr_pages < 0} EINVAL. */
  OUT_OF_RANGE_ERRNO(Feature.DIRECT_ACCESS),
  /** After {@code kill_dax}, the wrappers answer {@code -ENXIO}. */
  DEAD_DEVICE(Feature.DIRECT_ACCESS),
  /** {@code zero_page_range} zeroes exactly the one page asked for. */
  ZERO_ONE_PAGE(Feature.ZERO_PAGE_RANGE),
  /** {@code recovery_write} of a whole poisoned page writes it and clears the poison. */
  RECOVERY_WRITE_CLEARS_POISON(Feature.RECOVERY_WRITE),
  /** Concurrent calls from 2 to 4 threads give the sequential results. */
  CONCURRENT_EQUALS_SEQUENTIAL(Feature.THREAD_SAFE);

  private final Feature required;

  ContractCheck(Feature required) {
    this.required = required;
  }

  /** The features an implementation must claim for this check to run. */
  public Set<Feature> requires() {
    return EnumSet.of(Feature.DIRECT_ACCESS, required);
  }

  /** The property name used in reports, e.g. {@code contract: KADDR_MAPS_PFN}. */
  public String propertyName() {
    return "contract: " + name();
  }
}
