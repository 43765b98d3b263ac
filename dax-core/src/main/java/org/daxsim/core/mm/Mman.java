package org.daxsim.core.mm;

import org.daxsim.core.Pages;

/**
 * mmap(2) constants (include/uapi/asm-generic/mman-common.h, mman.h) and the x86-64 user
 * address-space layout with 4-level paging and no randomization
 * (arch/x86/include/asm/page_64_types.h, arch/x86/mm/mmap.c).
 */
public final class Mman {
  public static final int PROT_NONE = 0x0;
  public static final int PROT_READ = 0x1;
  public static final int PROT_WRITE = 0x2;
  public static final int PROT_EXEC = 0x4;

  public static final int MAP_SHARED = 0x01;
  public static final int MAP_PRIVATE = 0x02;
  /** MAP_SHARED plus validation of the extension flags (unknown ones give EOPNOTSUPP). */
  public static final int MAP_SHARED_VALIDATE = 0x03;
  public static final int MAP_TYPE = 0x0f;
  public static final int MAP_FIXED = 0x10;
  public static final int MAP_ANONYMOUS = 0x20;
  public static final int MAP_GROWSDOWN = 0x0100;
  public static final int MAP_DENYWRITE = 0x0800;
  public static final int MAP_EXECUTABLE = 0x1000;
  public static final int MAP_LOCKED = 0x2000;
  public static final int MAP_NORESERVE = 0x4000;
  public static final int MAP_POPULATE = 0x8000;
  public static final int MAP_NONBLOCK = 0x10000;
  public static final int MAP_STACK = 0x20000;
  public static final int MAP_HUGETLB = 0x40000;
  /** Synchronous page faults for DAX (only with MAP_SHARED_VALIDATE). */
  public static final int MAP_SYNC = 0x80000;
  public static final int MAP_FIXED_NOREPLACE = 0x100000;
  public static final int MAP_UNINITIALIZED = 0x4000000;
  /** include/linux/mman.h LEGACY_MAP_MASK: the flags MAP_SHARED silently accepts. */
  public static final int LEGACY_MAP_MASK =
      MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE
          | MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE
          | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB;

  /** TASK_SIZE_MAX with 4-level paging: (1 << 47) - PAGE_SIZE. */
  public static final long TASK_SIZE = (1L << 47) - Pages.PAGE_SIZE;
  /** Default vm.mmap_min_addr: lower user addresses cannot be mapped (EPERM). */
  public static final long MMAP_MIN_ADDR = 65536;
  /** mm->mmap_base without randomization: TASK_SIZE minus the 128 MiB minimum stack gap. */
  public static final long MMAP_BASE = TASK_SIZE - (128L << 20);
  /** TASK_UNMAPPED_BASE, the bottom-up fallback's start: PAGE_ALIGN(TASK_SIZE / 3). */
  public static final long TASK_UNMAPPED_BASE =
      (TASK_SIZE / 3 + Pages.PAGE_SIZE - 1) & Pages.PAGE_MASK;
  /** DEFAULT_MAX_MAP_COUNT (vm.max_map_count). */
  public static final int MAX_MAP_COUNT = 65530;

  private Mman() {}

  /** True for a canonical user-half address (bit 47 clear, upper bits zero). */
  static boolean isUserHalf(long addr) {
    return addr >= 0 && addr < (1L << 47);
  }
}
