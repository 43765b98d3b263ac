package org.daxsim.core.mem;

import java.util.Arrays;
import java.util.List;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;

/**
 * One host's physical address space: non-overlapping windows of host physical addresses onto {@link
 * MemoryDevice}s. Several hosts may map one shared device, each at its own addresses.
 *
 * <p>Lookups ({@link #find}, {@link #backedLength}, the poison queries) are lock free and
 * allocation free: they binary-search an immutable sorted snapshot that {@link #map} and {@link
 * #unmap} replace copy-on-write under a lock. Physical addresses are below {@link #MAX_PHYS}; the
 * queries treat any other value (negative ones included) as unbacked.
 */
public final class PhysicalAddressSpace {
  /**
   * Physical address bits: x86-64's MAX_PHYSMEM_BITS with 5-level paging (46 with 4-level), used
   * whatever the paging mode so that any CXL layout fits.
   */
  public static final int MAX_PHYSMEM_BITS = 52;

  /** One past the highest physical address a window may cover. */
  public static final long MAX_PHYS = 1L << MAX_PHYSMEM_BITS;

  /** Sorted by start; parallel arrays so that a lookup touches one cache-friendly long[]. */
  private static final class Snapshot {
    static final Snapshot EMPTY = new Snapshot(new PhysWindow[0]);

    final PhysWindow[] windows;
    final long[] starts;
    final long[] ends;

    Snapshot(PhysWindow[] windows) {
      this.windows = windows;
      this.starts = new long[windows.length];
      this.ends = new long[windows.length];
      for (int i = 0; i < windows.length; i++) {
        starts[i] = windows[i].physStart();
        ends[i] = windows[i].physEnd();
      }
    }

    /** Index of the window containing {@code phys}, or -1. */
    int indexOf(long phys) {
      int i = floor(phys);
      return i >= 0 && phys < ends[i] ? i : -1;
    }

    /** Index of the last window starting at or below {@code phys}, or -1. */
    int floor(long phys) {
      int r = Arrays.binarySearch(starts, phys);
      return r >= 0 ? r : -r - 2;
    }

    /** Bytes backed contiguously from {@code phys}, capped at {@code limit - phys}. */
    long backed(long phys, long limit) {
      int i = indexOf(phys);
      if (i < 0) {
        return 0;
      }
      long end = ends[i];
      while (end < limit && i + 1 < starts.length && starts[i + 1] == end) {
        end = ends[++i];
      }
      return Math.min(end, limit) - phys;
    }
  }

  private final Object lock = new Object();
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  /** An empty address space. */
  public PhysicalAddressSpace() {}

  /**
   * Maps host physical {@code [physStart, physStart + length)} to {@code dev} from {@code
   * devOffset}. All three numbers must be page aligned, the length positive, both ranges inside
   * their spaces (EINVAL otherwise); an overlap with an existing window is EBUSY.
   */
  public PhysWindow map(long physStart, long length, MemoryDevice dev, long devOffset)
      throws ErrnoException {
    Args.notNull(dev, "dev");
    Args.nonNegative(physStart, "physStart");
    Args.positive(length, "length");
    Args.nonNegative(devOffset, "devOffset");
    Args.pageAligned(physStart, "physStart");
    Args.pageAligned(length, "length");
    Args.pageAligned(devOffset, "devOffset");
    Args.range(physStart, length, MAX_PHYS, "physical window");
    Args.range(devOffset, length, dev.size(), dev.name());
    PhysWindow w = new PhysWindow(physStart, length, dev, devOffset);
    synchronized (lock) {
      Snapshot s = snapshot;
      int i = s.floor(physStart);
      if (i >= 0 && s.ends[i] > physStart) {
        throw ErrnoException.of(Errno.EBUSY, "%s overlaps %s", w, s.windows[i]);
      }
      if (i + 1 < s.starts.length && s.starts[i + 1] < w.physEnd()) {
        throw ErrnoException.of(Errno.EBUSY, "%s overlaps %s", w, s.windows[i + 1]);
      }
      PhysWindow[] n = new PhysWindow[s.windows.length + 1];
      System.arraycopy(s.windows, 0, n, 0, i + 1);
      n[i + 1] = w;
      System.arraycopy(s.windows, i + 1, n, i + 2, s.windows.length - i - 1);
      snapshot = new Snapshot(n);
    }
    return w;
  }

  /** Removes {@code window}; EINVAL when it is not mapped here. */
  public void unmap(PhysWindow window) throws ErrnoException {
    Args.notNull(window, "window");
    synchronized (lock) {
      Snapshot s = snapshot;
      int i = s.indexOf(window.physStart());
      if (i < 0 || !s.windows[i].equals(window)) {
        throw ErrnoException.of(Errno.EINVAL, "%s is not mapped", window);
      }
      PhysWindow[] n = new PhysWindow[s.windows.length - 1];
      System.arraycopy(s.windows, 0, n, 0, i);
      System.arraycopy(s.windows, i + 1, n, i, s.windows.length - i - 1);
      snapshot = new Snapshot(n);
    }
  }

  /** The windows, sorted by physical start (an immutable snapshot). */
  public List<PhysWindow> windows() {
    return List.of(snapshot.windows);
  }

  /** The window backing {@code phys}, or null. Lock free, allocation free, O(log n). */
  public PhysWindow find(long phys) {
    Snapshot s = snapshot;
    int i = s.indexOf(phys);
    return i < 0 ? null : s.windows[i];
  }

  /**
   * How many bytes from {@code phys} are backed contiguously (possibly across adjacent windows), at
   * most {@code len}; 0 when {@code phys} is unbacked or {@code len <= 0}.
   */
  public long backedLength(long phys, long len) {
    if (len <= 0) {
      return 0;
    }
    return snapshot.backed(phys, limit(phys, len));
  }

  /** Reads physical memory; EFAULT (nothing copied) if any byte of the range is unbacked. */
  public void read(long phys, byte[] dst, int off, int len) throws ErrnoException {
    Args.notNull(dst, "dst");
    Args.arrayRange(off, len, dst.length, "dst");
    Snapshot s = checkBacked(phys, len);
    while (len > 0) {
      PhysWindow w = s.windows[s.indexOf(phys)];
      int n = (int) Math.min(len, w.physEnd() - phys);
      w.device().store().read(w.toDeviceOffset(phys), dst, off, n);
      phys += n;
      off += n;
      len -= n;
    }
  }

  /** Writes physical memory; EFAULT (nothing written) if any byte of the range is unbacked. */
  public void write(long phys, byte[] src, int off, int len) throws ErrnoException {
    Args.notNull(src, "src");
    Args.arrayRange(off, len, src.length, "src");
    Snapshot s = checkBacked(phys, len);
    while (len > 0) {
      PhysWindow w = s.windows[s.indexOf(phys)];
      int n = (int) Math.min(len, w.physEnd() - phys);
      w.device().store().write(w.toDeviceOffset(phys), src, off, n);
      phys += n;
      off += n;
      len -= n;
    }
  }

  private Snapshot checkBacked(long phys, int len) throws ErrnoException {
    Snapshot s = snapshot;
    if (len > 0 && s.backed(phys, limit(phys, len)) != len) {
      throw ErrnoException.of(
          Errno.EFAULT, "physical range 0x%x+0x%x is not entirely backed", phys, len);
    }
    return s;
  }

  private static long limit(long phys, long len) {
    long end = phys + len;
    return end < phys ? Long.MAX_VALUE : end;
  }

  // ---- poison -----------------------------------------------------------------------------

  /**
   * mm/memory-failure.c memory_failure(): records a media error on the device page behind {@code
   * pfn}. Returns true when the page was clean (false: "already hardware poisoned", for which the
   * kernel returns -EHWPOISON on online pages). An unbacked or impossible pfn is ENXIO, as the
   * kernel's "memory outside kernel control".
   */
  public boolean memoryFailure(long pfn) throws ErrnoException {
    PhysWindow w =
        pfn < 0 || pfn >= (MAX_PHYS >>> Pages.PAGE_SHIFT) ? null : find(Pages.pfnToPhys(pfn));
    if (w == null) {
      throw ErrnoException.of(Errno.ENXIO, "%#x: memory outside kernel control", pfn);
    }
    return w.device().poison(w.toDeviceOffset(Pages.pfnToPhys(pfn)));
  }

  /** True when {@code phys} is backed by a poisoned device page. */
  public boolean isPoisoned(long phys) {
    PhysWindow w = find(phys);
    return w != null && w.device().isPoisonedAt(w.toDeviceOffset(phys));
  }

  /**
   * The physical address of the first poisoned page start in {@code [phys, phys + len)}, clamped up
   * to {@code phys}; -1 when no backed byte of the range is poisoned (unbacked holes are skipped)
   * or {@code len <= 0}. Allocation free.
   */
  public long firstPoison(long phys, long len) {
    if (len <= 0) {
      return -1;
    }
    Snapshot s = snapshot;
    long limit = limit(phys, len);
    int i = s.floor(phys);
    if (i < 0 || s.ends[i] <= phys) {
      i++;
    }
    for (; i < s.starts.length && s.starts[i] < limit; i++) {
      PhysWindow w = s.windows[i];
      long lo = Math.max(phys, s.starts[i]);
      long hi = Math.min(limit, s.ends[i]);
      long dev = w.device().firstPoisonIn(w.toDeviceOffset(lo), hi - lo);
      if (dev >= 0) {
        return w.physStart() + (dev - w.devOffset());
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "PhysicalAddressSpace" + windows();
  }
}
