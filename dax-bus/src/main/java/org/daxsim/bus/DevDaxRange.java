package org.daxsim.bus;

import org.daxsim.core.Pages;

/**
 * struct dev_dax_range (drivers/dax/dax-private.h): device page offset {@code pgoff} (4 KiB
 * pages) and the inclusive physical bounds {@code [start, end]} of one range of a dev_dax.
 */
public record DevDaxRange(long pgoff, long start, long end) {
  /** range_len(): {@code end - start + 1} bytes. */
  public long length() {
    return end - start + 1;
  }

  /** PHYS_PFN(range_len()): the number of 4 KiB pages. */
  public long pages() {
    return length() >>> Pages.PAGE_SHIFT;
  }

  /** The last device page offset this range covers. */
  public long lastPgoff() {
    return pgoff + pages() - 1;
  }

  @Override
  public String toString() {
    return String.format("{pgoff %#x, %#x-%#x}", pgoff, start, end);
  }
}
