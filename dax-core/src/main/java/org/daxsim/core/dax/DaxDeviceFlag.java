package org.daxsim.core.dax;

/** The bits of {@code enum dax_device_flags} in drivers/dax/super.c, by kernel bit number. */
public enum DaxDeviceFlag {
  /** DAXDEV_ALIVE: operations allowed; cleared plus an SRCU grace period means none in flight. */
  ALIVE(0),
  /** DAXDEV_WRITE_CACHE: dax_flush() writes caches back. */
  WRITE_CACHE(1),
  /** DAXDEV_SYNC: the device supports MAP_SYNC. */
  SYNC(2),
  /** DAXDEV_NOCACHE: writes use the cache-bypassing copy (_copy_from_iter_flushcache). */
  NOCACHE(3),
  /** DAXDEV_NOMC: reads use the machine-check-safe copy (_copy_mc_to_iter). */
  NOMC(4);

  private final int bit;

  DaxDeviceFlag(int bit) {
    this.bit = bit;
  }

  /** The kernel's bit number. */
  public int bit() {
    return bit;
  }

  /** {@code 1 << bit()}. */
  public int mask() {
    return 1 << bit;
  }
}
