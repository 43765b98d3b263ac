package org.daxsim.core.dax;

/**
 * The driver check of fs_dax_get() (drivers/dax/super.c, 2026 fsdev series): the device must be
 * bound to a driver of type DAXDRV_FSDEV_TYPE, else -ENODEV (unbound, or no dev_dax) or
 * -EOPNOTSUPP (another driver). The dax core knows nothing of drivers, so the bus installs this
 * predicate with {@link DaxCore#setFsDaxGetCheck}; the default accepts every device.
 */
@FunctionalInterface
public interface FsDaxGetCheck {
  /** Accepts every device (the famfs RFC behaviour, before the fsdev driver existed). */
  FsDaxGetCheck ANY = (dax, privateData) -> 0;

  /**
   * Called by {@link DaxCore#fsDaxGet} after the liveness check, with a reference on {@code dax}
   * held and outside the SRCU read section, before the holder is claimed. {@code privateData} is
   * what dax_get_private() returns at that point (the bus's dev_dax; null once the device died).
   * Returns 0 to let the claim proceed, or a negative errno that fs_dax_get returns after
   * dropping the reference.
   */
  int check(DaxDevice dax, Object privateData);
}
