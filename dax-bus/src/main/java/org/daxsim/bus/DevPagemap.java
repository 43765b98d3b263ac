package org.daxsim.bus;

import java.util.List;

/**
 * The part of struct dev_pagemap (include/linux/memremap.h) the dax bus keeps: the physical
 * ranges it covers (inclusive bounds). A static region's producer supplies one (dax_pmem: the
 * whole namespace, metadata included); device_dax builds one from the ranges of a dynamic device
 * at probe, and kill_dev_dax() forgets it again.
 */
public record DevPagemap(List<DevDaxRange> ranges) {
  public DevPagemap {
    ranges = List.copyOf(ranges);
  }

  /** A one-range pagemap {@code [start, end]} (inclusive). */
  public static DevPagemap of(long start, long end) {
    return new DevPagemap(List.of(new DevDaxRange(0, start, end)));
  }
}
