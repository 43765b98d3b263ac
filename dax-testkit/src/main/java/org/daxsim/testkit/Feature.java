package org.daxsim.testkit;

/**
 * What a {@code DaxOperations} implementation claims to support, in the style of guava-testlib's
 * feature enums: each check of {@link DaxOperationsContract} declares the features it needs and
 * is skipped unless the implementation claims all of them.
 */
public enum Feature {
  /** {@code direct_access} translates device page offsets (every implementation). */
  DIRECT_ACCESS,
  /** {@code zero_page_range} zeroes a page (required by {@code alloc_dax}). */
  ZERO_PAGE_RANGE,
  /** {@code recovery_write} overwrites poisoned memory and clears the poison. */
  RECOVERY_WRITE,
  /** The device may consist of several physical ranges (a dynamic dev_dax); layouts vary. */
  MULTI_RANGE,
  /** The operations may be called from several threads at once. */
  THREAD_SAFE
}
