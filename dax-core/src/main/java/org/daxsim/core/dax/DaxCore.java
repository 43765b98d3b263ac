package org.daxsim.core.dax;

import java.util.List;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;

/**
 * The dax core of one host: the globals and exported functions of drivers/dax/super.c
 * ({@code dax_devt}, {@code dax_minor_ida}, {@code dax_srcu}, the dax pseudo file system's inodes)
 * and the wrappers every file system goes through.
 *
 * <p>Two API styles, as the kernel has them. Life-cycle and configuration calls (allocDax,
 * daxDevGet, putDax, killDax, runDax, the flag setters and queries) are idiomatic: they throw
 * {@link ErrnoException} for the errors the kernel returns and for bad input (a null or foreign
 * device where the kernel would oops). The data-path wrappers (daxDirectAccess, the copy, zero,
 * recovery and notify helpers, fsDaxGet, daxSetOps) return what the kernel returns: a count or a
 * negative errno; bad input the C types cannot express (a null or foreign device where the kernel
 * would oops, a negative byte count, a null iterator or mode) gives {@code -EINVAL}, and a failed
 * call changes nothing.
 *
 * <p>A device belongs to the core that created it; passing it to another core is bad input.
 */
public final class DaxCore {
  /** MINORBITS of include/linux/kdev_t.h. */
  public static final int MINORBITS = 20;
  /** MINORMASK: the highest dax minor, so 1,048,576 devices at most. */
  public static final int MINORMASK = (1 << MINORBITS) - 1;
  /** The major alloc_chrdev_region() picks for "dax"; dynamic in the kernel, fixed here. */
  public static final int DAX_MAJOR = 252;
  /** DAXFS_MAGIC (include/uapi/linux/magic.h), "ddax". */
  public static final int DAXFS_MAGIC = 0x64646178;
  /** MF_MEM_PRE_REMOVE (include/linux/mm.h): kill_dax's notification that the device goes away. */
  public static final int MF_MEM_PRE_REMOVE = 1 << 7;

  final Object inodeLock = new Object();
  private final KernelAddressSpace kas;
  private final Srcu srcu = new Srcu();
  private final DaxInodes inodes;
  private final WarnLog warns = new WarnLog();
  private volatile FsDaxGetCheck fsDaxGetCheck = FsDaxGetCheck.ANY;

  /** dax_core_init(): the dax core of the host whose kernel address space is {@code kas}. */
  public DaxCore(KernelAddressSpace kas) throws ErrnoException {
    this(kas, MINORMASK);
  }

  /** A core with fewer minors than MINORMASK, so that tests can exhaust them. */
  DaxCore(KernelAddressSpace kas, int maxMinor) throws ErrnoException {
    this.kas = Args.notNull(kas, "kas");
    this.inodes = new DaxInodes(this, maxMinor, inodeLock);
  }

  /** The kernel address space the copy helpers dereference kaddrs in. */
  public KernelAddressSpace kas() {
    return kas;
  }

  // ---------------------------------------------------------------- life cycle

  /**
   * alloc_dax(): a new ALIVE device with the lowest free minor. EINVAL when {@code ops} lacks
   * zero_page_range (the kernel also WARNs); ENOMEM when no minor is left. The aliasing-cache
   * refusal (-EOPNOTSUPP) never applies: x86 has no virtually aliased data cache.
   */
  public DaxDevice allocDax(Object privateData, DaxOperations ops) throws ErrnoException {
    if (ops != null && !ops.hasZeroPageRange()) {
      warn("alloc_dax(): dax_operations without zero_page_range");
      throw new ErrnoException(Errno.EINVAL, "alloc_dax: ops lack zero_page_range");
    }
    int minor = inodes.allocMinor();
    if (minor < 0) {
      throw new ErrnoException(Errno.ENOMEM, "alloc_dax: no free dax minor");
    }
    DaxDevice d = inodes.get(mkdev(minor), true);
    d.setOps(ops);
    d.setPrivateData(privateData);
    return d;
  }

  /**
   * dax_dev_get(): the device with number {@code devt}, with a new reference; an unknown devt
   * gets a new ALIVE device without ops (iget5_locked semantics). EINVAL for a devt that is not a
   * dax devt of this core (the kernel would create an inode for it anyway).
   */
  public DaxDevice daxDevGet(long devt) throws ErrnoException {
    inodes.checkDevt(devt);
    return inodes.get(devt, false);
  }

  /** put_dax(): drops a reference (null is ignored); the final one frees the device's minor. */
  public void putDax(DaxDevice dax) throws ErrnoException {
    if (dax == null) {
      return;
    }
    owned(dax);
    inodes.put(dax);
  }

  /**
   * kill_dax(): tells the holder (once, with (0, U64_MAX, MF_MEM_PRE_REMOVE)), clears ALIVE,
   * waits for every SRCU reader that may have seen it alive, then forgets the holder. Null is
   * ignored. Must not be called inside a read section (it would wait for itself).
   */
  public void killDax(DaxDevice dax) throws ErrnoException {
    if (dax == null) {
      return;
    }
    owned(dax);
    if (dax.holder() != null) {
      daxHolderNotifyFailure(dax, 0, Pages.U64_MAX, MF_MEM_PRE_REMOVE);
    }
    dax.clearFlag(DaxDeviceFlag.ALIVE);
    // Every reader that saw ALIVE is waited for; every later one sees it clear (see Srcu).
    srcu.synchronize();
    dax.clearHolder();
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.KILL_DAX, dax, 0, 0, 0, 0);
    }
  }

  /** run_dax() (drivers/dax/dax-private.h): sets ALIVE again, for bus drivers at probe. */
  public void runDax(DaxDevice dax) throws ErrnoException {
    live(dax);
    dax.setFlag(DaxDeviceFlag.ALIVE);
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.RUN_DAX, dax, 0, 0, 0, 0);
    }
  }

  /** dax_get_private(): the driver's cookie, or null once the device is not ALIVE. */
  public Object daxGetPrivate(DaxDevice dax) throws ErrnoException {
    owned(Args.notNull(dax, "dax"));
    return dax.isAlive() ? dax.privateData() : null;
  }

  /** dax_alive(): the ALIVE bit; meaningful only inside a read section (not asserted here). */
  public boolean daxAlive(DaxDevice dax) throws ErrnoException {
    owned(Args.notNull(dax, "dax"));
    return dax.isAlive();
  }

  /** dax_read_lock(): enters an SRCU read section of dax_srcu; returns the unlock index. */
  public int daxReadLock() {
    return srcu.readLock();
  }

  /** dax_read_unlock(). An invalid index is ignored and WARNed about. */
  public void daxReadUnlock(int idx) {
    if ((idx & ~1) != 0) {
      warn("dax_read_unlock() with invalid index " + idx);
    }
    srcu.readUnlock(idx);
  }

  Srcu srcu() {
    return srcu;
  }

  /** Devices not yet freed, by minor (a snapshot). */
  public List<DaxDevice> devices() {
    return inodes.snapshot();
  }

  // ---------------------------------------------------------------- wrappers

  /**
   * dax_direct_access(): checks in the kernel's order (null device -EOPNOTSUPP, dead -ENXIO, no
   * ops -EOPNOTSUPP, {@code nrPages < 0} -EINVAL), then asks the driver; a driver answer of 0
   * becomes -ERANGE, a negative one passes through, a positive one is capped at {@code nrPages}.
   * Allocates nothing and takes no lock; callers hold {@link #daxReadLock()} as in the kernel.
   */
  public long daxDirectAccess(
      DaxDevice dax, long pgoff, long nrPages, DaxAccessMode mode, KaddrPfn out) {
    long ret;
    if (dax == null) {
      ret = Errno.EOPNOTSUPP.neg();
    } else if (dax.core != this) {
      ret = Errno.EINVAL.neg();
    } else if (!dax.isAlive()) {
      ret = Errno.ENXIO.neg();
    } else {
      DaxOperations ops = dax.ops();
      if (ops == null) {
        ret = Errno.EOPNOTSUPP.neg();
      } else if (nrPages < 0 || mode == null) {
        ret = Errno.EINVAL.neg();
      } else {
        long avail = ops.directAccess(dax, pgoff, nrPages, mode, out);
        ret = avail == 0 ? Errno.ERANGE.neg() : Math.min(avail, nrPages);
      }
    }
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.DAX_DIRECT_ACCESS, dax, pgoff, nrPages,
          mode == null ? -1 : mode.ordinal(), ret, out == null ? KaddrPfn.UNSET : out.kaddr(),
          out == null ? KaddrPfn.UNSET : out.pfn());
    }
    return ret;
  }

  /**
   * dax_copy_from_iter(): copies {@code bytes} from {@code i} to kernel address {@code kaddr};
   * 0 on a dead device; the cache-bypassing copy when NOCACHE is set. Returns bytes copied
   * (short on a fault), or -EINVAL for bad input.
   */
  public long daxCopyFromIter(DaxDevice dax, long pgoff, long kaddr, long bytes, IovIter i) {
    long ret = copyArgs(dax, bytes, i);
    if (ret == 0 && dax.isAlive()) {
      ret = dax.test(DaxDeviceFlag.NOCACHE)
          ? IovIter.copyFromIterFlushcache(kas, kaddr, bytes, i)
          : IovIter.copyFromIter(kas, kaddr, bytes, i);
    }
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.DAX_COPY_FROM_ITER, dax, pgoff, kaddr, bytes, ret);
    }
    return ret;
  }

  /**
   * dax_copy_to_iter(): copies {@code bytes} from kernel address {@code kaddr} into {@code i};
   * 0 on a dead device; the machine-check-safe copy (stops before poison) when NOMC is set.
   * Returns bytes copied (short on a fault or poison), or -EINVAL for bad input.
   */
  public long daxCopyToIter(DaxDevice dax, long pgoff, long kaddr, long bytes, IovIter i) {
    long ret = copyArgs(dax, bytes, i);
    if (ret == 0 && dax.isAlive()) {
      ret = dax.test(DaxDeviceFlag.NOMC)
          ? IovIter.copyMcToIter(kas, kaddr, bytes, i)
          : IovIter.copyToIter(kas, kaddr, bytes, i);
    }
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.DAX_COPY_TO_ITER, dax, pgoff, kaddr, bytes, ret);
    }
    return ret;
  }

  private long copyArgs(DaxDevice dax, long bytes, IovIter i) {
    return dax == null || dax.core != this || bytes < 0 || i == null ? Errno.EINVAL.neg() : 0;
  }

  /**
   * dax_zero_page_range(): dead -ENXIO, no ops -EOPNOTSUPP, {@code nrPages != 1} -EIO (without
   * calling the driver), else the driver's result with -EHWPOISON turned into -EIO.
   */
  public int daxZeroPageRange(DaxDevice dax, long pgoff, long nrPages) {
    int ret;
    if (dax == null || dax.core != this) {
      ret = Errno.EINVAL.neg();
    } else if (!dax.isAlive()) {
      ret = Errno.ENXIO.neg();
    } else {
      DaxOperations ops = dax.ops();
      if (ops == null) {
        ret = Errno.EOPNOTSUPP.neg();
      } else if (nrPages != 1) {
        ret = Errno.EIO.neg();
      } else {
        ret = daxMem2BlkErr(ops.zeroPageRange(dax, pgoff, nrPages));
      }
    }
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.DAX_ZERO_PAGE_RANGE, dax, pgoff, nrPages, ret, 0);
    }
    return ret;
  }

  /**
   * dax_recovery_write(): no liveness check (the kernel has none); 0 when the driver has no
   * recovery_write; else the driver's byte count.
   */
  public long daxRecoveryWrite(DaxDevice dax, long pgoff, long kaddr, long bytes, IovIter iter) {
    long ret = copyArgs(dax, bytes, iter);
    if (ret == 0) {
      DaxOperations ops = dax.ops();
      if (ops != null && ops.hasRecoveryWrite()) {
        ret = ops.recoveryWrite(dax, pgoff, kaddr, bytes, iter);
      }
    }
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.DAX_RECOVERY_WRITE, dax, pgoff, kaddr, bytes, ret);
    }
    return ret;
  }

  /**
   * dax_holder_notify_failure(): inside a read section, dead -ENXIO, no holder ops -EOPNOTSUPP,
   * else the holder's answer. {@code offset} and {@code len} are u64 byte values.
   */
  public int daxHolderNotifyFailure(DaxDevice dax, long offset, long len, int mfFlags) {
    if (dax == null || dax.core != this) {
      return Errno.EINVAL.neg();
    }
    int ret;
    int id = srcu.readLock();
    try {
      DaxHolderOperations hops = dax.holderOps();
      if (!dax.isAlive()) {
        ret = Errno.ENXIO.neg();
      } else if (hops == null) {
        ret = Errno.EOPNOTSUPP.neg();
      } else {
        ret = hops.notifyFailure(dax, offset, len, mfFlags);
      }
    } finally {
      srcu.readUnlock(id);
    }
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.DAX_NOTIFY_FAILURE, dax, offset, len, mfFlags, ret);
    }
    return ret;
  }

  // ---------------------------------------------------------------- holders

  /**
   * fs_dax_get() (2026): takes a reference and claims the device for {@code holder}. Null, dead
   * or freed device -ENODEV; the {@link FsDaxGetCheck} (the fsdev-binding check) may refuse with
   * its errno; already held -EBUSY. Every failure drops the reference it took. A null holder
   * is -EINVAL (the kernel's cmpxchg would "succeed" and claim nothing).
   */
  public int fsDaxGet(DaxDevice dax, Object holder, DaxHolderOperations hops) {
    if (dax == null) {
      return Errno.ENODEV.neg();
    }
    if (dax.core != this || holder == null) {
      return Errno.EINVAL.neg();
    }
    int id = srcu.readLock();
    boolean got;
    try {
      got = dax.isAlive() && inodes.grab(dax);
    } finally {
      srcu.readUnlock(id);
    }
    if (!got) {
      return Errno.ENODEV.neg();
    }
    int rc = fsDaxGetCheck.check(dax, dax.isAlive() ? dax.privateData() : null);
    if (rc == 0 && !dax.casHolder(null, holder)) {
      rc = Errno.EBUSY.neg();
    }
    if (rc != 0) {
      inodes.put(dax);
      return rc;
    }
    dax.setHolderOps(hops);
    return 0;
  }

  /**
   * fs_put_dax(): releases the claim if {@code holder} is the one holding it (a different holder
   * releases nothing), then drops the reference. Null device is ignored.
   */
  public void fsPutDax(DaxDevice dax, Object holder) throws ErrnoException {
    if (dax == null) {
      return;
    }
    owned(dax);
    if (holder != null && dax.casHolder(holder, null)) {
      dax.setHolderOps(null);
    }
    inodes.put(dax);
  }

  /** dax_holder(): the holder's data, or null. */
  public Object daxHolder(DaxDevice dax) throws ErrnoException {
    owned(Args.notNull(dax, "dax"));
    return dax.holder();
  }

  /**
   * Installs the fs_dax_get() driver check (see {@link FsDaxGetCheck}); the dax bus calls this
   * to require fsdev binding. Null restores {@link FsDaxGetCheck#ANY}.
   */
  public void setFsDaxGetCheck(FsDaxGetCheck check) {
    fsDaxGetCheck = check == null ? FsDaxGetCheck.ANY : check;
  }

  // ---------------------------------------------------------------- ops and flags

  /**
   * dax_set_ops() (2026): installs {@code ops} if none are set (-EBUSY otherwise, with a
   * compare-and-set as the kernel's cmpxchg); null always clears. zero_page_range is not checked.
   */
  public int daxSetOps(DaxDevice dax, DaxOperations ops) {
    if (dax == null || dax.core != this) {
      return Errno.EINVAL.neg();
    }
    if (ops == null) {
      dax.setOps(null);
      return 0;
    }
    return dax.casOps(null, ops) ? 0 : Errno.EBUSY.neg();
  }

  /**
   * dax_flush(): with WRITE_CACHE set the kernel writes the CPU caches back (arch_wb_cache_pmem);
   * daxsim models no caches, so this only checks its arguments.
   */
  public void daxFlush(DaxDevice dax, long kaddr, long size) throws ErrnoException {
    owned(Args.notNull(dax, "dax"));
    if (size < 0) {
      throw ErrnoException.of(Errno.EINVAL, "dax_flush: negative size %d", size);
    }
  }

  /** dax_write_cache(): sets or clears WRITE_CACHE. */
  public void daxWriteCache(DaxDevice dax, boolean wc) throws ErrnoException {
    owned(Args.notNull(dax, "dax"));
    if (wc) {
      dax.setFlag(DaxDeviceFlag.WRITE_CACHE);
    } else {
      dax.clearFlag(DaxDeviceFlag.WRITE_CACHE);
    }
  }

  /** dax_write_cache_enabled(). */
  public boolean daxWriteCacheEnabled(DaxDevice dax) throws ErrnoException {
    owned(Args.notNull(dax, "dax"));
    return dax.test(DaxDeviceFlag.WRITE_CACHE);
  }

  /** dax_synchronous(). */
  public boolean daxSynchronous(DaxDevice dax) throws ErrnoException {
    owned(Args.notNull(dax, "dax"));
    return dax.test(DaxDeviceFlag.SYNC);
  }

  /** set_dax_synchronous(). */
  public void setDaxSynchronous(DaxDevice dax) throws ErrnoException {
    setFlag(dax, DaxDeviceFlag.SYNC);
  }

  /** set_dax_nocache(): writes through dax_copy_from_iter bypass the caches. */
  public void setDaxNocache(DaxDevice dax) throws ErrnoException {
    setFlag(dax, DaxDeviceFlag.NOCACHE);
  }

  /** set_dax_nomc(): reads through dax_copy_to_iter are machine-check safe. */
  public void setDaxNomc(DaxDevice dax) throws ErrnoException {
    setFlag(dax, DaxDeviceFlag.NOMC);
  }

  private void setFlag(DaxDevice dax, DaxDeviceFlag f) throws ErrnoException {
    owned(Args.notNull(dax, "dax"));
    dax.setFlag(f);
  }

  /**
   * dax_mem2blk_err() (include/linux/dax.h): -EHWPOISON becomes -EIO, for block-style callers;
   * every other value is returned unchanged.
   */
  public static int daxMem2BlkErr(int err) {
    return err == Errno.EHWPOISON.neg() ? Errno.EIO.neg() : err;
  }

  // ---------------------------------------------------------------- WARN log

  /** The kernel WARNs this core has issued, most recent last (at most 256 kept). */
  public List<String> warnings() {
    return warns.recent();
  }

  /** How many WARNs this core has issued in total. */
  public long warnCount() {
    return warns.count();
  }

  void warn(String message) {
    warns.warn(message);
  }

  // ---------------------------------------------------------------- helpers

  private static long mkdev(int minor) {
    return ((long) DAX_MAJOR << MINORBITS) | minor;
  }

  private void owned(DaxDevice dax) throws ErrnoException {
    if (dax.core != this) {
      throw ErrnoException.of(Errno.EINVAL, "%s belongs to another host's dax core", dax);
    }
  }

  private void live(DaxDevice dax) throws ErrnoException {
    owned(Args.notNull(dax, "dax"));
    if (dax.isFreed()) {
      throw ErrnoException.of(Errno.EINVAL, "%s was freed by its final put_dax()", dax);
    }
  }
}
