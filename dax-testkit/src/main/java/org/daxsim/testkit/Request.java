package org.daxsim.testkit;

/**
 * A {@code direct_access} request: {@code nrPages} pages from device page {@code pgoff}.
 *
 * @param pgoff the device page offset (may lie outside the device)
 * @param nrPages the number of pages asked for (may be 0, negative or huge)
 * @param kind which edge the generator aimed at, for reports
 */
public record Request(long pgoff, long nrPages, String kind) {
  @Override
  public String toString() {
    return "direct_access(pgoff=" + fmt(pgoff) + ", nr_pages=" + fmt(nrPages) + ") [" + kind
        + "]";
  }

  private static String fmt(long v) {
    return v >= 0 && v < 1_000_000 ? Long.toString(v) : String.format("%#x", v);
  }
}
