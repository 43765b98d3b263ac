package org.daxsim.core;

/** Page geometry of x86-64 (arch/x86/include/asm/page_types.h, pgtable_64_types.h). */
public final class Pages {
  public static final int PAGE_SHIFT = 12;
  public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
  public static final long PAGE_MASK = ~(PAGE_SIZE - 1);
  public static final int PMD_SHIFT = 21;
  public static final long PMD_SIZE = 1L << PMD_SHIFT;
  public static final int PUD_SHIFT = 30;
  public static final long PUD_SIZE = 1L << PUD_SHIFT;
  /** Page order of a PMD mapping (2 MiB = 512 pages). */
  public static final int PMD_ORDER = PMD_SHIFT - PAGE_SHIFT;
  /** Page order of a PUD mapping (1 GiB). */
  public static final int PUD_ORDER = PUD_SHIFT - PAGE_SHIFT;
  /** memremap_compat_align() on x86-64: the memory hotplug subsection size. */
  public static final long MEMREMAP_COMPAT_ALIGN = PMD_SIZE;
  /** All ones, the kernel's U64_MAX / (phys_addr_t)-1. */
  public static final long U64_MAX = -1L;

  private Pages() {}

  /** PHYS_PFN(phys). */
  public static long physToPfn(long phys) {
    return phys >>> PAGE_SHIFT;
  }

  /** PFN_PHYS(pfn). */
  public static long pfnToPhys(long pfn) {
    return pfn << PAGE_SHIFT;
  }

  /** True when {@code v} is a multiple of the power of two {@code align}. */
  public static boolean isAligned(long v, long align) {
    return (v & (align - 1)) == 0;
  }
}
