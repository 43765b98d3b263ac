package org.daxsim.core.mem;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * struct resource of include/linux/ioport.h: a named, inclusive address range in a tree
 * (kernel/resource.c). Children are sorted by start and never overlap; each lies inside its parent.
 * Every tree has one lock (resource_lock): mutations take it for writing, queries for reading.
 *
 * <p>Addresses are Java longs and must be non-negative; a malformed range (negative start,
 * non-positive size, an end that overflows) is EINVAL. A well-formed range the tree cannot take is
 * EBUSY, the errno the kernel's callers report when these functions fail.
 */
public final class Resource {
  public static final long IORESOURCE_IO = 0x00000100L;
  public static final long IORESOURCE_MEM = 0x00000200L;
  public static final long IORESOURCE_TYPE_BITS = 0x00001f00L;
  public static final long IORESOURCE_MUXED = 0x00400000L;
  public static final long IORESOURCE_EXT_TYPE_BITS = 0x01000000L;
  public static final long IORESOURCE_SYSRAM = 0x01000000L;
  public static final long IORESOURCE_SYSRAM_DRIVER_MANAGED = 0x02000000L;
  public static final long IORESOURCE_SYSRAM_MERGEABLE = 0x04000000L;
  public static final long IORESOURCE_EXCLUSIVE = 0x08000000L;
  public static final long IORESOURCE_DISABLED = 0x10000000L;
  public static final long IORESOURCE_BUSY = 0x80000000L;

  /** IORESOURCE_MEM | IORESOURCE_SYSRAM. */
  public static final long IORESOURCE_SYSTEM_RAM = IORESOURCE_MEM | IORESOURCE_SYSRAM;

  /**
   * Last address of iomem_resource in daxsim: {@link PhysicalAddressSpace#MAX_PHYS} - 1 (the
   * kernel's is all ones; nothing can be mapped above MAX_PHYS anyway).
   */
  public static final long IOMEM_END = PhysicalAddressSpace.MAX_PHYS - 1;

  /** kernel/resource.c MAX_IORES_LEVEL: /proc/iomem indents at most this many levels. */
  static final int MAX_IORES_LEVEL = 5;

  final ReentrantReadWriteLock lock;
  final String name;
  volatile long start;
  volatile long end;
  volatile long flags;

  /** Guarded by {@link #lock}; null for a root or a released resource. */
  volatile Resource parent;

  /** Guarded by {@link #lock}; sorted by start. */
  final ArrayList<Resource> children = new ArrayList<>();

  Resource(ReentrantReadWriteLock lock, String name, long start, long end, long flags) {
    this.lock = lock;
    this.name = name;
    this.start = start;
    this.end = end;
    this.flags = flags;
  }

  /** A new tree root, like the static iomem_resource of kernel/resource.c (not busy). */
  public static Resource root(String name, long start, long end) throws ErrnoException {
    Args.notNull(name, "name");
    Args.nonNegative(start, "start");
    if (end < start) {
      throw ErrnoException.of(Errno.EINVAL, "end 0x%x below start 0x%x", end, start);
    }
    return new Resource(new ReentrantReadWriteLock(), name, start, end, IORESOURCE_MEM);
  }

  /** A fresh iomem_resource: "PCI mem", 0 to {@link #IOMEM_END}, IORESOURCE_MEM. */
  public static Resource iomem() {
    return new Resource(new ReentrantReadWriteLock(), "PCI mem", 0, IOMEM_END, IORESOURCE_MEM);
  }

  public String name() {
    return name;
  }

  /** First address (inclusive). */
  public long start() {
    return start;
  }

  /** Last address (inclusive). */
  public long end() {
    return end;
  }

  /** resource_size(): end - start + 1. */
  public long size() {
    lock.readLock().lock();
    try {
      return end - start + 1;
    } finally {
      lock.readLock().unlock();
    }
  }

  public long flags() {
    return flags;
  }

  public boolean isBusy() {
    return (flags & IORESOURCE_BUSY) != 0;
  }

  /** The parent, or null for a root or a released resource. */
  public Resource parent() {
    return parent;
  }

  /** The children sorted by start (an immutable snapshot). */
  public List<Resource> children() {
    lock.readLock().lock();
    try {
      return List.copyOf(children);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Replaces the flags, as drivers/dax/kmem.c assigns res->flags (clearing IORESOURCE_BUSY so
   * add_memory_driver_managed() can nest "System RAM (kmem)" inside its region).
   */
  public void setFlags(long newFlags) {
    lock.writeLock().lock();
    try {
      flags = newFlags;
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---- kernel/resource.c ------------------------------------------------------------------

  /** __request_region(parent, start, n, name, 0), e.g. request_mem_region(). */
  public static Resource requestRegion(Resource parent, long start, long n, String name)
      throws ErrnoException {
    return requestRegion(parent, start, n, name, 0);
  }

  /**
   * kernel/resource.c __request_region(): claims {@code [start, start + n)} as a new BUSY resource.
   * A conflict with a non-BUSY resource descends into it and retries there; a conflict with a BUSY
   * one, a partial overlap, or a range outside {@code parent} fails with EBUSY (the kernel returns
   * NULL; request_mem_region callers such as dax bus.c report -EBUSY). The new resource's flags are
   * the type bits of the resource it lands in, BUSY and {@code extraFlags}. IORESOURCE_MUXED
   * waiting is not modelled: a muxed conflict is EBUSY.
   */
  public static Resource requestRegion(
      Resource parent, long start, long n, String name, long extraFlags) throws ErrnoException {
    Args.notNull(parent, "parent");
    Args.notNull(name, "name");
    long last = lastOf(start, n);
    parent.lock.writeLock().lock();
    try {
      return ResourceTree.request(parent, start, last, name, extraFlags);
    } finally {
      parent.lock.writeLock().unlock();
    }
  }

  /**
   * kernel/resource.c insert_resource(): inserts a (typically non-busy) container such as "Soft
   * Reserved" or "CXL Window 0". It descends into existing resources that strictly contain the
   * range and adopts, as its children, the resources at that level that it fully contains (an
   * identical one included); a partial overlap or a range outside {@code parent} is EBUSY.
   */
  public static Resource insertResource(
      Resource parent, long start, long end, String name, long flags) throws ErrnoException {
    Args.notNull(parent, "parent");
    Args.notNull(name, "name");
    Args.nonNegative(start, "start");
    if (end < start) {
      throw ErrnoException.of(Errno.EINVAL, "end 0x%x below start 0x%x", end, start);
    }
    parent.lock.writeLock().lock();
    try {
      return ResourceTree.insert(parent, start, end, name, flags);
    } finally {
      parent.lock.writeLock().unlock();
    }
  }

  /**
   * kernel/resource.c release_resource(): detaches {@code res} from its parent. EINVAL when it has
   * no parent (a root, or already released). Divergence: the kernel detaches the whole subtree;
   * daxsim refuses (EBUSY) while {@code res} has children, so nothing disappears silently.
   */
  public static void releaseResource(Resource res) throws ErrnoException {
    Args.notNull(res, "res");
    res.lock.writeLock().lock();
    try {
      ResourceTree.release(res, true);
    } finally {
      res.lock.writeLock().unlock();
    }
  }

  /**
   * kernel/resource.c remove_resource(): detaches {@code res} and moves its children up into its
   * parent, undoing {@link #insertResource}. EINVAL when it has no parent.
   */
  public static void removeResource(Resource res) throws ErrnoException {
    Args.notNull(res, "res");
    res.lock.writeLock().lock();
    try {
      ResourceTree.release(res, false);
    } finally {
      res.lock.writeLock().unlock();
    }
  }

  /**
   * kernel/resource.c __release_region(): releases the BUSY resource that exactly matches {@code
   * [start, start + n)}, descending through non-busy resources that contain it. The kernel only
   * warns "Trying to free nonexistent resource"; daxsim throws EINVAL then (and, as for {@link
   * #releaseResource}, EBUSY when the match still has children).
   */
  public static void releaseRegion(Resource parent, long start, long n) throws ErrnoException {
    Args.notNull(parent, "parent");
    long last = lastOf(start, n);
    parent.lock.writeLock().lock();
    try {
      ResourceTree.releaseRegion(parent, start, last);
    } finally {
      parent.lock.writeLock().unlock();
    }
  }

  /**
   * kernel/resource.c adjust_resource(): moves/resizes {@code res} to {@code [newStart, newStart +
   * newSize)}. EBUSY if it would leave its parent, reach its next sibling's start or its previous
   * sibling's end, or no longer contain all of its children.
   */
  public static void adjustResource(Resource res, long newStart, long newSize)
      throws ErrnoException {
    Args.notNull(res, "res");
    long last = lastOf(newStart, newSize);
    res.lock.writeLock().lock();
    try {
      ResourceTree.adjust(res, newStart, last);
    } finally {
      res.lock.writeLock().unlock();
    }
  }

  /** The deepest resource at or below this one that contains {@code addr}, or null. */
  public Resource lookup(long addr) {
    lock.readLock().lock();
    try {
      if (addr < start || addr > end) {
        return null;
      }
      Resource r = this;
      Resource c;
      while ((c = ResourceTree.childContaining(r, addr, addr)) != null) {
        r = c;
      }
      return r;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The /proc/iomem text of the tree below this resource (kernel/resource.c r_show()): one line
   * {@code "%0*llx-%0*llx : name"} per descendant in address order, the width 4 hex digits when
   * this resource ends below 0x10000 and 8 otherwise (longer values print in full), two spaces of
   * indent per level below this one, at most MAX_IORES_LEVEL (5) levels.
   */
  public String dump() {
    lock.readLock().lock();
    try {
      return ResourceTree.dump(this);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String toString() {
    return String.format("%s [mem %#010x-%#010x flags %#x]", name, start, end, flags);
  }

  /** {@code start + n - 1}, after checking the range is well formed. */
  private static long lastOf(long start, long n) throws ErrnoException {
    Args.nonNegative(start, "start");
    Args.positive(n, "size");
    if (n - 1 > Long.MAX_VALUE - start) {
      throw ErrnoException.of(Errno.EINVAL, "range 0x%x+0x%x overflows", start, n);
    }
    return start + n - 1;
  }
}
