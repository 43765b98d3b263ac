package org.daxsim.core.dax;

import org.daxsim.core.mm.IovIter;

/**
 * {@code struct dax_operations} (include/linux/dax.h): what a driver provides so that file
 * systems can reach its memory through {@link DaxCore#daxDirectAccess}. A C struct with NULL
 * members is modelled with {@link #hasZeroPageRange()} and {@link #hasRecoveryWrite()}.
 *
 * <p>Implementations are called on hot paths, possibly from many threads at once, inside the
 * caller's SRCU read section: they must be thread-safe, allocate nothing and take no lock that a
 * killer of the device might hold.
 */
public interface DaxOperations {
  /**
   * {@code ->direct_access()}: translates device page offset {@code pgoff} into a kernel virtual
   * address and an absolute pfn, stored into {@code out} (which may be null: the caller wants
   * neither), and returns how many pages are contiguously accessible from there (possibly more
   * or fewer than {@code nrPages}, which may be 0), or a negative errno. The contract that makes
   * read(2) work: {@code out.kaddr()} maps exactly {@code out.pfn()}, and
   * {@code kaddr + k * PAGE_SIZE} maps {@code pfn + k} for every k below the returned count.
   */
  long directAccess(DaxDevice dax, long pgoff, long nrPages, DaxAccessMode mode, KaddrPfn out);

  /**
   * {@code ->zero_page_range()}: zeroes {@code nrPages} pages at {@code pgoff} (the core only
   * ever passes 1) and clears known poison there; 0 or a negative errno.
   */
  int zeroPageRange(DaxDevice dax, long pgoff, long nrPages);

  /**
   * {@code ->recovery_write()}: copies {@code bytes} from {@code iter} to {@code kaddr} (the
   * kaddr of {@code pgoff}) while clearing poison; returns bytes written. Only called when
   * {@link #hasRecoveryWrite()}.
   */
  default long recoveryWrite(DaxDevice dax, long pgoff, long kaddr, long bytes, IovIter iter) {
    return 0;
  }

  /** False models a NULL {@code zero_page_range}, which alloc_dax() refuses. */
  default boolean hasZeroPageRange() {
    return true;
  }

  /** True when {@link #recoveryWrite} is implemented (the C member is non-NULL). */
  default boolean hasRecoveryWrite() {
    return false;
  }
}
