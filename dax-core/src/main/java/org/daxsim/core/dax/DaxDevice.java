package org.daxsim.core.dax;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.daxsim.core.mm.AddressSpace;

/**
 * {@code struct dax_device} (drivers/dax/super.c): the anchor of dax services for one memory
 * range, embedding an inode of the internal "dax" file system (its refcount is the object's
 * lifetime, its {@code i_rdev} the devt, its {@code i_mapping} the {@link #mapping()} that all
 * user mappings of the device hang off). Created by {@link DaxCore#allocDax} or
 * {@link DaxCore#daxDevGet}; changed only through {@link DaxCore}.
 *
 * <p>Thread-safe. The flag word, ops and holder are volatile fields updated with compare-and-set,
 * like the kernel's set_bit/clear_bit/cmpxchg, so readers never lock.
 */
public final class DaxDevice {
  private static final int ALIVE_MASK = 1 << 0; // DaxDeviceFlag.ALIVE
  private static final VarHandle FLAGS;
  private static final VarHandle OPS;
  private static final VarHandle HOLDER_DATA;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      FLAGS = l.findVarHandle(DaxDevice.class, "flags", int.class);
      OPS = l.findVarHandle(DaxDevice.class, "ops", DaxOperations.class);
      HOLDER_DATA = l.findVarHandle(DaxDevice.class, "holderData", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final DaxCore core;
  private final long devt;
  private final AddressSpace mapping;

  private volatile int flags;
  private volatile Object privateData;
  private volatile DaxOperations ops;
  private volatile Object holderData;
  private volatile DaxHolderOperations holderOps;

  // Inode lifetime, guarded by the core's inode lock (inode_hash_lock / i_lock).
  private int refCount;
  private volatile boolean freed;

  DaxDevice(DaxCore core, long devt, AddressSpace mapping) {
    this.core = core;
    this.devt = devt;
    this.mapping = mapping;
  }

  /** The device number, {@code MKDEV(major, minor)} = {@code major << 20 | minor}. */
  public long devt() {
    return devt;
  }

  /** MAJOR(devt). */
  public int major() {
    return (int) (devt >>> DaxCore.MINORBITS);
  }

  /** MINOR(devt). */
  public int minor() {
    return (int) (devt & DaxCore.MINORMASK);
  }

  /** DAXDEV_ALIVE, read without the SRCU assertion of dax_alive(). */
  public boolean isAlive() {
    return (flags & ALIVE_MASK) != 0;
  }

  /** test_bit(flag, &dax_dev->flags); false for a null flag. */
  public boolean test(DaxDeviceFlag flag) {
    return flag != null && (flags & flag.mask()) != 0;
  }

  /** The driver's operations, or null (plain device-dax, or after dax_set_ops(NULL)). */
  public DaxOperations ops() {
    return ops;
  }

  /** {@code holder_data}: the file system or mapped device holding the device, or null. */
  public Object holder() {
    return holderData;
  }

  /** {@code holder_ops}, or null. */
  public DaxHolderOperations holderOps() {
    return holderOps;
  }

  /** The pseudo inode's {@code i_mapping}, shared by every user mapping of the device. */
  public AddressSpace mapping() {
    return mapping;
  }

  /** The inode's reference count (0 once freed). */
  public int refCount() {
    synchronized (core.inodeLock) {
      return refCount;
    }
  }

  /** True after the final {@link DaxCore#putDax}: the inode is gone and the minor free again. */
  public boolean isFreed() {
    return freed;
  }

  @Override
  public String toString() {
    return "dax_device(" + major() + ":" + minor() + (isAlive() ? "" : ", dead")
        + (freed ? ", freed" : "") + ")";
  }

  // ---- package-private state changes, used by DaxCore ----

  int flags() {
    return flags;
  }

  void setFlag(DaxDeviceFlag flag) {
    int m = flag.mask();
    int old;
    do {
      old = flags;
    } while ((old & m) == 0 && !FLAGS.compareAndSet(this, old, old | m));
  }

  void clearFlag(DaxDeviceFlag flag) {
    int m = flag.mask();
    int old;
    do {
      old = flags;
    } while ((old & m) != 0 && !FLAGS.compareAndSet(this, old, old & ~m));
  }

  Object privateData() {
    return privateData;
  }

  void setPrivateData(Object p) {
    privateData = p;
  }

  void setOps(DaxOperations o) {
    ops = o;
  }

  boolean casOps(DaxOperations expect, DaxOperations update) {
    return OPS.compareAndSet(this, expect, update);
  }

  boolean casHolder(Object expect, Object update) {
    return HOLDER_DATA.compareAndSet(this, expect, update);
  }

  void setHolderOps(DaxHolderOperations h) {
    holderOps = h;
  }

  void clearHolder() {
    holderOps = null;
    holderData = null;
  }

  // Callers hold core.inodeLock for the three below.
  int refCountLocked() {
    return refCount;
  }

  void setRefCountLocked(int n) {
    refCount = n;
  }

  void markFreedLocked() {
    freed = true;
  }
}
