package org.daxsim.core.dax;

/** {@code struct dax_holder_operations} (include/linux/dax.h): how a holder hears of failures. */
@FunctionalInterface
public interface DaxHolderOperations {
  /**
   * {@code ->notify_failure()}: {@code len} bytes at device byte {@code offset} failed (both are
   * u64; {@code len == U64_MAX} means "all"). {@code mfFlags} carries MF_* bits such as
   * {@link DaxCore#MF_MEM_PRE_REMOVE}. Returns 0 or a negative errno. Called inside an SRCU read
   * section: must not call {@link DaxCore#killDax}.
   */
  int notifyFailure(DaxDevice dax, long offset, long len, int mfFlags);
}
