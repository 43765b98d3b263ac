package org.daxsim.core.dax;

/** {@code enum dax_access_mode} (include/linux/dax.h). */
public enum DaxAccessMode {
  /** DAX_ACCESS (0): a normal access; drivers refuse ranges with known poison. */
  DAX_ACCESS,
  /** DAX_RECOVERY_WRITE (1): the caller will overwrite poison; hand the mapping out anyway. */
  DAX_RECOVERY_WRITE
}
