package org.daxsim.sim;

/**
 * What {@code region add} asks for: the producer, the memory (a named world memory device, or
 * a fresh private one of {@code size} bytes when {@code memdev} is null), the align (pmem's pfn
 * align; hmem and cxl regions are always 2 MiB aligned), an idle first device (hmem only), the
 * physical base ({@code -1}: chosen above 4 GiB) and the target NUMA node.
 *
 * @param kind the producer
 * @param memdev a world memory device's name, or null for a private one of {@code size} bytes
 * @param size the private device's size (ignored with {@code memdev})
 * @param align the region align in bytes
 * @param idle hmem: daxR.0 starts with size 0
 * @param base the physical base address, or -1 for the next free one above 4 GiB
 * @param targetNode the target node (-1 for none)
 */
public record RegionRequest(RegionKind kind, String memdev, long size, long align, boolean idle,
    long base, int targetNode) {
  /** The default align, 2 MiB (PMD_SIZE). */
  public static final long DEFAULT_ALIGN = 2L << 20;

  /** An hmem region over world memory device {@code memdev}, other settings defaulted. */
  public static RegionRequest ofMemdev(String memdev) {
    return new RegionRequest(RegionKind.HMEM, memdev, 0, DEFAULT_ALIGN, false, -1, 0);
  }

  /** An hmem region over a private memory device of {@code size} bytes. */
  public static RegionRequest ofSize(long size) {
    return new RegionRequest(RegionKind.HMEM, null, size, DEFAULT_ALIGN, false, -1, 0);
  }
}
