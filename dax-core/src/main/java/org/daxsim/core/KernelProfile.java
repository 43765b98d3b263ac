package org.daxsim.core;

/**
 * Which kernel's behaviour to model where Linux versions differ (the oracle README lists the
 * differences seen). Mainline (2026, the fsdev era) is the default.
 */
public enum KernelProfile {
  MAINLINE("mainline"),
  LINUX_6_1("linux-6.1"),
  LINUX_6_12("linux-6.12");

  private final String id;

  KernelProfile(String id) {
    this.id = id;
  }

  /** The name used by the CLI and scenario language, e.g. {@code linux-6.1}. */
  public String id() {
    return id;
  }

  /** The profile named {@code id}; EINVAL for an unknown name. */
  public static KernelProfile of(String id) throws ErrnoException {
    for (KernelProfile p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw ErrnoException.of(Errno.EINVAL, "unknown kernel profile '%s' (mainline, linux-6.1, linux-6.12)", id);
  }

  /** True for kernels before 6.3, where hmem devices bind to device_dax at boot. */
  public boolean hmemBindsDeviceDax() {
    return this == LINUX_6_1;
  }
}
