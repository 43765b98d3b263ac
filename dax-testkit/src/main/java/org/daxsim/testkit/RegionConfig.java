package org.daxsim.testkit;

/**
 * A generated dax region configuration: which producer exposes it, its size, physical base and
 * align. Made by {@link GensLayout#regionConfigs()}.
 *
 * @param kind the producer
 * @param size the region size in bytes (a multiple of {@code align})
 * @param base the physical base address (a multiple of {@code align})
 * @param align the region align: 4 KiB, 2 MiB or 1 GiB (dynamic regions are always 2 MiB)
 */
public record RegionConfig(Kind kind, long size, long base, long align) {
  /** The producer of a region (bus.md, "Regions"). */
  public enum Kind {
    /** Soft Reserved memory: a dynamic region (align 2 MiB). */
    HMEM,
    /** A CXL RAM region: dynamic, its first device starts in system-ram mode. */
    CXL,
    /** An nvdimm namespace in devdax mode: a static region with one fixed device. */
    PMEM
  }

  /** The struct-page reserve below a pmem region: its namespace starts this far lower. */
  static final long PMEM_RESERVE = 2L << 20;

  /**
   * The {@code region add} line of a daxsim scenario that creates this region. For pmem the
   * line names the whole namespace ({@link #PMEM_RESERVE} more, starting that much lower),
   * whose data area daxsim puts after the same 2 MiB reserve, so the region is this one.
   */
  public String scriptLine(boolean idle) {
    long pad = kind == Kind.PMEM ? PMEM_RESERVE : 0;
    return "region add --size " + ((size + pad) >> 20) + "M --kind " + kind.name().toLowerCase()
        + (align == 2L << 20 ? "" : " --align " + (align >> 10) + "K")
        + String.format(" --base %#x", base - pad) + (idle && kind == Kind.HMEM ? " --idle" : "");
  }
}
