package org.daxsim.bus;

import static org.daxsim.core.Pages.PAGE_SHIFT;
import static org.daxsim.core.Pages.PAGE_SIZE;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.DaxOperations;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;

/**
 * The dev_dax {@code dax_operations} of drivers/dax/fsdev.c (dev_dax_ops: direct_access,
 * zero_page_range, recovery_write) in the four {@link DirectAccessVariant}s. One instance per
 * bound device, built at probe; lookups read the device's current {@link RangeTable} (a volatile
 * immutable snapshot), the page counts of fsdev-full-span use {@code cached_size} taken at probe
 * as fsdev does. Every method is allocation free and lock free.
 */
final class DevDaxOps implements DaxOperations {
  private static final byte[] ZERO_PAGE = new byte[(int) PAGE_SIZE];
  /** PHYS_PFN((phys_addr_t) -1): the pfn famfs RFC v1 hands out for an unchecked lookup. */
  static final long GARBAGE_PFN = -1L >>> PAGE_SHIFT;

  private final KernelAddressSpace kas;
  private final DevDax dev;
  private final DirectAccessVariant variant;
  /** fsdev's dev_dax->cached_size at probe, in pages. */
  private final long cachedPages;
  /** dev_dax->virt_addr of the famfs RFC: __va(ranges[0].start) at probe. */
  private final long virtAddr;

  private DevDaxOps(KernelAddressSpace kas, DevDax dev, DirectAccessVariant variant,
      RangeTable table) {
    this.kas = kas;
    this.dev = dev;
    this.variant = variant;
    this.cachedPages = table.totalPages();
    this.virtAddr = KernelAddressSpace.va(table.start(0));
  }

  /** The ops of {@code dev} as it is now; EINVAL for a device without ranges. */
  static DevDaxOps create(KernelAddressSpace kas, DevDax dev, DirectAccessVariant variant)
      throws ErrnoException {
    RangeTable table = dev.table();
    if (table.size() == 0) {
      throw ErrnoException.of(Errno.EINVAL, "%s has no ranges", dev.name());
    }
    return new DevDaxOps(kas, dev, variant, table);
  }

  DirectAccessVariant variant() {
    return variant;
  }

  /** fsdev_dax_direct_access() in the selected variant. */
  @Override
  public long directAccess(DaxDevice dax, long pgoff, long nrPages, DaxAccessMode mode,
      KaddrPfn out) {
    if (variant == DirectAccessVariant.PER_RANGE) { // the correct variant first: no switch map
      return perRange(pgoff, nrPages, out, false);
    }
    switch (variant) {
      case SEED_PHYS:
        return perRange(pgoff, nrPages, out, true);
      case RFC_VIRT_OFFSET:
        return rfcVirtOffset(pgoff, nrPages, out);
      case FSDEV_FULL_SPAN:
        return fullSpan(pgoff, nrPages, out);
      case PER_RANGE:
      default:
        return perRange(pgoff, nrPages, out, false);
    }
  }

  /**
   * The fixed fsdev lookup: binary search for the range holding {@code pgoff}, pages to that
   * range's end; {@code physKaddr} reproduces the seed (kaddr = the physical address).
   */
  private long perRange(long pgoff, long nrPages, KaddrPfn out, boolean physKaddr) {
    RangeTable t = dev.table();
    long phys;
    long left;
    if (t.size() == 1) { // one range, the common device: no search, no array reads
      if (pgoff < 0 || pgoff >= t.totalPages()) {
        return Errno.EFAULT.neg(); // "pgoff (%#lx) out of range"
      }
      phys = t.firstStart() + (pgoff << PAGE_SHIFT);
      left = t.totalPages() - pgoff;
    } else {
      int i = t.indexOf(pgoff);
      if (i < 0) {
        return Errno.EFAULT.neg();
      }
      phys = t.start(i) + ((pgoff - t.pgoff(i)) << PAGE_SHIFT);
      left = (t.end(i) - phys + 1) >>> PAGE_SHIFT;
    }
    if (out != null) {
      out.set(physKaddr ? phys : KernelAddressSpace.va(phys), phys >>> PAGE_SHIFT);
    }
    return Math.min(nrPages, left);
  }

  /**
   * famfs RFC v1: phys from dax_pgoff_to_phys() over the whole span, not checked (a failed
   * lookup yields a garbage pfn), kaddr = virt_addr + pgoff * 4096, pages up to the device end
   * (u64 arithmetic: past the end the subtraction wraps and all {@code nrPages} are granted).
   */
  private long rfcVirtOffset(long pgoff, long nrPages, KaddrPfn out) {
    long phys = dev.pgoffToPhys(pgoff, spanBytes(nrPages));
    if (out != null) {
      out.set(virtAddr + (pgoff << PAGE_SHIFT), phys == -1 ? GARBAGE_PFN : phys >>> PAGE_SHIFT);
    }
    long left = dev.table().totalPages() - pgoff;
    return left <= 0 || pgoff < 0 ? nrPages : Math.min(nrPages, left);
  }

  /**
   * __fsdev_dax_direct_access() as merged: dax_pgoff_to_phys() over the whole requested span,
   * -1 (span crosses a range end, or pgoff outside) -> -EFAULT; kaddr = __va(phys); pages =
   * min(size, cached_size - offset).
   */
  private long fullSpan(long pgoff, long nrPages, KaddrPfn out) {
    long phys = dev.pgoffToPhys(pgoff, spanBytes(nrPages));
    if (phys == -1) {
      return Errno.EFAULT.neg();
    }
    if (out != null) {
      out.set(KernelAddressSpace.va(phys), phys >>> PAGE_SHIFT);
    }
    return Math.min(nrPages, cachedPages - pgoff);
  }

  /**
   * nr_pages << PAGE_SHIFT without Java overflow: a span longer than the device fails the
   * lookup either way, so it is capped at one page more than the device.
   */
  private long spanBytes(long nrPages) {
    return Math.min(nrPages, dev.table().totalPages() + 1) << PAGE_SHIFT;
  }

  /**
   * fsdev_dax_zero_page_range(): direct_access for one page, then memcpy_flushcache of the zero
   * page to its kaddr (a kernel-internal store: a bad kaddr oopses, as it would in the kernel).
   */
  @Override
  public int zeroPageRange(DaxDevice dax, long pgoff, long nrPages) {
    KaddrPfn out = ZERO_OUT.get();
    long rc = directAccess(dax, pgoff, 1, DaxAccessMode.DAX_ACCESS, out);
    if (rc < 0) {
      return (int) rc;
    }
    try {
      kas.write(out.kaddr(), ZERO_PAGE, 0, ZERO_PAGE.length);
    } catch (ErrnoException e) {
      return Errno.EIO.neg(); // unreachable: the arguments are valid
    }
    return 0;
  }

  /** One reusable out-parameter per thread: the kernel's on-stack {@code void *kaddr}. */
  private static final ThreadLocal<KaddrPfn> ZERO_OUT = ThreadLocal.withInitial(KaddrPfn::new);

  /** fsdev_dax_recovery_write(): a plain _copy_from_iter_flushcache (no poison clearing). */
  @Override
  public long recoveryWrite(DaxDevice dax, long pgoff, long kaddr, long bytes, IovIter iter) {
    return IovIter.copyFromIterFlushcache(kas, kaddr, bytes, iter);
  }

  @Override
  public boolean hasRecoveryWrite() {
    return true;
  }

  @Override
  public String toString() {
    return "dev_dax_ops[" + dev.name() + ", " + variant + "]";
  }
}
