package org.daxsim.core.dax;

/**
 * The {@code void **kaddr, pfn_t *pfn} out-parameters of {@code ->direct_access()}
 * (include/linux/dax.h): a reusable, mutable holder so that the hot path allocates nothing.
 * Passing {@code null} instead of a holder means the caller wants neither value. Not
 * thread-safe: each caller owns its holder.
 */
public final class KaddrPfn {
  /** The value of both fields before a driver fills them in. */
  public static final long UNSET = -1L;

  private long kaddr = UNSET;
  private long pfn = UNSET;

  /** A cleared holder. */
  public KaddrPfn() {}

  /** The kernel virtual address of the first page, or {@link #UNSET}. */
  public long kaddr() {
    return kaddr;
  }

  /** The absolute page frame number of the first page, or {@link #UNSET}. */
  public long pfn() {
    return pfn;
  }

  /** Stores both outputs, as a driver does. */
  public KaddrPfn set(long kaddr, long pfn) {
    this.kaddr = kaddr;
    this.pfn = pfn;
    return this;
  }

  /** Stores only the kernel address. */
  public KaddrPfn setKaddr(long kaddr) {
    this.kaddr = kaddr;
    return this;
  }

  /** Stores only the pfn. */
  public KaddrPfn setPfn(long pfn) {
    this.pfn = pfn;
    return this;
  }

  /** Resets both fields to {@link #UNSET}. */
  public KaddrPfn clear() {
    kaddr = UNSET;
    pfn = UNSET;
    return this;
  }

  @Override
  public String toString() {
    return String.format("KaddrPfn[kaddr=0x%x, pfn=0x%x]", kaddr, pfn);
  }
}
