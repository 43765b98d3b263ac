package org.daxsim.bus;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * Which dev_dax {@code direct_access} the fsdev driver installs (drivers/dax/fsdev.c
 * __fsdev_dax_direct_access and its famfs predecessors, kernel-dax.md 5.3). Only {@link
 * #PER_RANGE} keeps the dax_operations contract; the other three reproduce historical designs
 * whose failures show through the core's real copy and fault paths.
 */
public enum DirectAccessVariant {
  /**
   * The correct one: O(log n) pgoff to range, pages up to that range's end, kaddr = __va(phys),
   * pfn = phys >> 12; -EFAULT outside the device.
   */
  PER_RANGE("per-range"),
  /** The famfs seed: kaddr = the physical address itself (user copies fault, mmap works). */
  SEED_PHYS("seed-phys"),
  /**
   * famfs RFC v1: kaddr = __va(ranges[0].start) + pgoff * 4096 (wrong memory, or a fault, for
   * pgoffs past range 0), pages up to the device end.
   */
  RFC_VIRT_OFFSET("rfc-virt-offset"),
  /**
   * fsdev as merged (2026): dax_pgoff_to_phys() on the whole requested span, so any span that
   * crosses a range end fails -EFAULT.
   */
  FSDEV_FULL_SPAN("fsdev-full-span");

  private final String id;

  DirectAccessVariant(String id) {
    this.id = id;
  }

  /** The name used by the CLI and the scenario language, e.g. {@code per-range}. */
  public String id() {
    return id;
  }

  /** The variant named {@code id}; EINVAL for null or an unknown name. */
  public static DirectAccessVariant of(String id) throws ErrnoException {
    for (DirectAccessVariant v : values()) {
      if (v.id.equals(id)) {
        return v;
      }
    }
    throw ErrnoException.of(Errno.EINVAL,
        "unknown direct_access variant '%s' (per-range, seed-phys, rfc-virt-offset, "
            + "fsdev-full-span)", id);
  }

  @Override
  public String toString() {
    return id;
  }
}
