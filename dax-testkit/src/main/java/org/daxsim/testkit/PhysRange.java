package org.daxsim.testkit;

/**
 * One physical range of a device under test: {@code length} bytes at physical address
 * {@code start}. A device's ranges, in page-offset order, form the reference model the contract
 * checks against.
 *
 * @param start the physical start address, page aligned
 * @param length the length in bytes, a positive multiple of the page size
 */
public record PhysRange(long start, long length) {
  /** Validates page alignment and positivity. */
  public PhysRange {
    if (start < 0 || length <= 0 || (start & 4095) != 0 || (length & 4095) != 0) {
      throw new IllegalArgumentException(
          String.format("bad range start=%#x length=%#x", start, length));
    }
  }

  /** The number of pages in the range. */
  public long pages() {
    return length >>> 12;
  }

  @Override
  public String toString() {
    return String.format("[%#x-%#x]", start, start + length - 1);
  }
}
