package org.daxsim.bus;

/** enum dax_driver_type (drivers/dax/bus.h): DAXDRV_KMEM_TYPE, DEVICE_TYPE, FSDEV_TYPE (2026). */
public enum DaxDriverType {
  KMEM(0),
  DEVICE(1),
  FSDEV(2);

  private final int value;

  DaxDriverType(int value) {
    this.value = value;
  }

  /** The C enum value. */
  public int value() {
    return value;
  }
}
