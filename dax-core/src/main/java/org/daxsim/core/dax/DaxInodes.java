package org.daxsim.core.dax;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.AddressSpace;

/**
 * The inode side of drivers/dax/super.c: {@code dax_minor_ida}, the "dax" pseudo file system's
 * inode hash (iget5_locked keyed by devt) and the iput/free path. Everything here runs under
 * {@link #lock}, like inode_hash_lock and the IDA's lock; none of it is on a hot path.
 */
final class DaxInodes {
  private final DaxCore core;
  private final int maxMinor;
  private final Object lock;
  private final BitSet minors = new BitSet();
  private final Map<Long, DaxDevice> byDevt = new HashMap<>();

  DaxInodes(DaxCore core, int maxMinor, Object lock) {
    this.core = core;
    this.maxMinor = maxMinor;
    this.lock = lock;
  }

  /** ida_alloc_max(&dax_minor_ida, MINORMASK): the lowest free minor, or -1 when none. */
  int allocMinor() {
    synchronized (lock) {
      int m = minors.nextClearBit(0);
      if (m > maxMinor) {
        return -1;
      }
      minors.set(m);
      return m;
    }
  }

  /** ida_free(). */
  void freeMinor(int minor) {
    synchronized (lock) {
      minors.clear(minor);
    }
  }

  /**
   * dax_dev_get(): iget5_locked() on the dax superblock. An existing inode gains a reference; a
   * new one starts ALIVE with one reference. {@code minorReserved} says the caller already
   * allocated the minor (alloc_dax); otherwise a new inode reserves it, so that alloc_dax cannot
   * hand the same devt out twice.
   */
  DaxDevice get(long devt, boolean minorReserved) {
    synchronized (lock) {
      DaxDevice d = byDevt.get(devt);
      if (d != null) {
        d.setRefCountLocked(d.refCountLocked() + 1);
        return d;
      }
      d = new DaxDevice(core, devt, new AddressSpace());
      d.setFlag(DaxDeviceFlag.ALIVE);
      d.setRefCountLocked(1);
      if (!minorReserved) {
        minors.set(d.minor());
      }
      byDevt.put(devt, d);
      return d;
    }
  }

  /** igrab(): a new reference unless the inode is being freed. */
  boolean grab(DaxDevice d) {
    synchronized (lock) {
      if (d.isFreed() || d.refCountLocked() <= 0) {
        return false;
      }
      d.setRefCountLocked(d.refCountLocked() + 1);
      return true;
    }
  }

  /**
   * iput(): drops a reference; the last one runs dax_destroy_inode (WARN when still ALIVE) and
   * dax_free_inode (frees the minor). We keep the object as a dead husk rather than freeing it,
   * so a use after the final put fails cleanly instead of corrupting memory.
   */
  void put(DaxDevice d) {
    synchronized (lock) {
      if (d.isFreed()) {
        core.warn("iput() of a freed dax_device " + d.major() + ":" + d.minor());
        return;
      }
      int n = d.refCountLocked() - 1;
      d.setRefCountLocked(n);
      if (n > 0) {
        return;
      }
      if (d.isAlive()) {
        core.warn("kill_dax() must be called before final iput()");
        d.clearFlag(DaxDeviceFlag.ALIVE);
      }
      byDevt.remove(d.devt());
      minors.clear(d.minor());
      d.markFreedLocked();
    }
  }

  /** Live (not yet freed) devices, by minor. */
  List<DaxDevice> snapshot() {
    synchronized (lock) {
      List<DaxDevice> l = new ArrayList<>(byDevt.values());
      l.sort(Comparator.comparingInt(DaxDevice::minor));
      return l;
    }
  }

  /** Checks a devt for dax_dev_get(): a u32 with our major and a minor we can allocate. */
  void checkDevt(long devt) throws ErrnoException {
    if (devt < 0 || devt > 0xffff_ffffL) {
      throw ErrnoException.of(Errno.EINVAL, "devt 0x%x is not a dev_t", devt);
    }
    if ((devt >>> DaxCore.MINORBITS) != DaxCore.DAX_MAJOR) {
      throw ErrnoException.of(
          Errno.EINVAL, "devt %d:%d is not a dax devt (major %d)",
          devt >>> DaxCore.MINORBITS, devt & DaxCore.MINORMASK, DaxCore.DAX_MAJOR);
    }
    if ((devt & DaxCore.MINORMASK) > maxMinor) {
      throw ErrnoException.of(Errno.EINVAL, "minor %d is above the limit %d",
          devt & DaxCore.MINORMASK, maxMinor);
    }
  }
}
