package org.daxsim.bus;

import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;

/**
 * The range allocator of drivers/dax/bus.c: alloc_dev_dax_range, trim_dev_dax_range,
 * adjust_dev_dax_range, dev_dax_resize, dev_dax_shrink, adjust_ok, alloc_is_aligned,
 * dev_dax_validate_align and dax_align_valid. Callers hold both rwsems for writing.
 */
final class Allocator {
  private Allocator() {}

  /** dax_align_valid(): PAGE_SIZE, PMD_SIZE (THP) and PUD_SIZE (PUD THP) on x86-64. */
  static boolean alignValid(long align) {
    return align == Pages.PAGE_SIZE || align == Pages.PMD_SIZE || align == Pages.PUD_SIZE;
  }

  /** alloc_is_aligned(): {@code size} (u64) is a multiple of max(align, memremap_compat_align). */
  static boolean allocIsAligned(DevDax d, long size) {
    return Pages.isAligned(size, Math.max(d.align(), Pages.MEMREMAP_COMPAT_ALIGN));
  }

  /** dev_dax_validate_align(): the first range whose length is misaligned, or -1. */
  static int validateAlign(DevDax d) {
    RangeTable t = d.table();
    for (int i = 0; i < t.size(); i++) {
      if (!allocIsAligned(d, t.end(i) - t.start(i) + 1)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * alloc_dev_dax_range(): a 0-size request succeeds only as the first one (else WARN EBUSY);
   * otherwise {@code [start, start + size)} (u64) is claimed as a child of the region resource
   * named after the device (ENOMEM when it overlaps or leaves the region) and appended as the
   * next range with a new mapping child id.
   */
  static void allocRange(DevDax d, long start, long size) throws ErrnoException {
    RangeTable t = d.table();
    if (size == 0) {
      if (t.size() != 0) {
        throw ErrnoException.of(Errno.EBUSY, "WARN: %s: 0-size allocation must be first",
            d.name());
      }
      return;
    }
    DaxRegion region = d.region();
    Resource alloc;
    if (start < 0 || size < 0 || size - 1 > Long.MAX_VALUE - start) {
      throw ErrnoException.of(Errno.ENOMEM, "%s: %#x+%#x outside the region", d.name(), start,
          size);
    }
    try {
      alloc = Resource.requestRegion(region.resource(), start, size, d.name());
    } catch (ErrnoException e) {
      throw ErrnoException.of(Errno.ENOMEM, "%s: cannot claim %#x+%#x: %s", d.name(), start,
          size, e.getMessage());
    }
    int mid = d.mappingIda().nextClearBit(0);
    d.mappingIda().set(mid);
    d.setTable(t.append(alloc.start(), alloc.end(), mid));
    if (Trace.enabled()) {
      RangeTable n = d.table();
      Trace.hit(Tracepoint.DAX_ALLOC_RANGE, d, t.size(), alloc.start(), alloc.end(),
          n.pgoff(t.size()));
    }
    region.bus().dbg("%s: alloc range[%d]: %#018x:%#018x", d.name(), t.size(), alloc.start(),
        alloc.end());
  }

  /** trim_dev_dax_range() with the unregistration of its mapping child. */
  static void trimRange(DevDax d) throws ErrnoException {
    RangeTable t = d.table();
    int i = t.size() - 1;
    DaxRegion region = d.region();
    region.bus().dbg("%s: delete range[%d]: %#x:%#x", d.name(), i, t.start(i), t.end(i));
    Resource.releaseRegion(region.resource(), t.start(i), t.end(i) - t.start(i) + 1);
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.DAX_TRIM_RANGE, d, i, t.start(i), t.end(i), 0);
    }
    d.mappingIda().clear(t.mappingId(i));
    d.setTable(t.dropLast());
  }

  /** adjust_dev_dax_range(): the last range (resource {@code res}) becomes {@code size} long. */
  static void adjustRange(DevDax d, Resource res, long size) throws ErrnoException {
    RangeTable t = d.table();
    int last = t.size() - 1;
    if (size == 0) {
      throw ErrnoException.of(Errno.EINVAL, "WARN: deletion is handled by dev_dax_shrink");
    }
    boolean shrink = res.end() - res.start() + 1 > size;
    Resource.adjustResource(res, t.start(last), size);
    d.setTable(t.withLastEnd(t.start(last) + size - 1));
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.DAX_ADJUST_RANGE, d, last, t.start(last), t.start(last) + size - 1,
          shrink ? 1 : 0);
    }
    d.region().bus().dbg("%s: %s range[%d]: %#x:%#x", d.name(), shrink ? "shrink" : "extend",
        last, t.start(last), t.start(last) + size - 1);
  }

  /**
   * dev_dax_resize(): EBUSY when bound; same size is a no-op; ENOSPC when the growth exceeds the
   * available size; a smaller size shrinks; growth takes the first gap in address order again
   * and again until satisfied (kernel-dax.md 2.6). Sizes are u64.
   */
  static void resize(DevDax d, long size) throws ErrnoException {
    DaxRegion region = d.region();
    long avail = region.availableSize();
    long devSize = d.size();
    if (d.driver() != null) {
      throw ErrnoException.of(Errno.EBUSY, "%s is bound", d.name());
    }
    if (size == devSize) {
      return;
    }
    if (Long.compareUnsigned(size, devSize) > 0
        && Long.compareUnsigned(size - devSize, avail) > 0) {
      throw ErrnoException.of(Errno.ENOSPC, "%s: %#x more than the %#x available", d.name(),
          size - devSize, avail);
    }
    if (Long.compareUnsigned(size, devSize) < 0) {
      shrink(d, size);
      return;
    }
    long toAlloc = size - devSize;
    if (!allocIsAligned(d, toAlloc)) {
      throw ErrnoException.of(Errno.ENXIO, "WARN: %s: resize of %#x misaligned", d.name(),
          toAlloc);
    }
    while (toAlloc != 0) {
      toAlloc -= growOnce(d, toAlloc);
    }
  }

  /** One pass of dev_dax_resize()'s retry loop: fills the first gap; returns bytes obtained. */
  private static long growOnce(DevDax d, long toAlloc) throws ErrnoException {
    DaxRegion region = d.region();
    List<Resource> children = region.resource().children();
    if (children.isEmpty()) {
      traceGap(d, region.start(), region.end(), toAlloc, false);
      allocRange(d, region.start(), toAlloc);
      return toAlloc;
    }
    for (int i = 0; i < children.size(); i++) {
      Resource res = children.get(i);
      Resource next = i + 1 < children.size() ? children.get(i + 1) : null;
      if (i == 0 && res.start() > region.start()) {
        long alloc = Math.min(res.start() - region.start(), toAlloc);
        traceGap(d, region.start(), res.start() - 1, alloc, false);
        allocRange(d, region.start(), alloc);
        return alloc;
      }
      long alloc = 0;
      if (next != null && next.start() > res.end() + 1) {
        alloc = Math.min(next.start() - (res.end() + 1), toAlloc);
      }
      if (alloc == 0 && next == null && res.end() < region.end()) {
        alloc = Math.min(region.end() - res.end(), toAlloc);
      }
      if (alloc == 0) {
        continue;
      }
      long gapEnd = next != null && next.start() > res.end() + 1 ? next.start() - 1
          : region.end();
      boolean extend = adjustOk(d, res);
      traceGap(d, res.end() + 1, gapEnd, alloc, extend);
      if (extend) {
        adjustRange(d, res, res.end() - res.start() + 1 + alloc);
      } else {
        allocRange(d, res.end() + 1, alloc);
      }
      return alloc;
    }
    throw ErrnoException.of(Errno.ENOSPC, "%s: no free gap", d.name());
  }

  /** The {@link Tracepoint#DAX_RESIZE_GAP} hit: growth takes {@code alloc} of the gap. */
  private static void traceGap(DevDax d, long gapStart, long gapEnd, long alloc,
      boolean extend) {
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.DAX_RESIZE_GAP, d, gapStart, gapEnd, alloc, extend ? 1 : 0);
    }
  }

  /**
   * adjust_ok(): {@code res} is this device's (by name), is exactly its last range, and no
   * earlier range has a larger pgoff.
   */
  static boolean adjustOk(DevDax d, Resource res) {
    RangeTable t = d.table();
    int n = t.size();
    if (n == 0 || !res.name().equals(d.name())) {
      return false;
    }
    if (t.start(n - 1) != res.start() || t.end(n - 1) != res.end()) {
      return false;
    }
    for (int i = 0; i < n - 1; i++) {
      if (t.pgoff(i) > t.pgoff(n - 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * dev_dax_shrink(): ranges are released from the last one down; a partly released range must
   * be the last and have its region resource (same name and start), else WARN ENXIO, and is
   * shortened in place.
   */
  static void shrink(DevDax d, long size) throws ErrnoException {
    long toShrink = d.size() - size;
    for (int i = d.table().size() - 1; i >= 0; i--) {
      RangeTable t = d.table();
      long len = t.end(i) - t.start(i) + 1;
      long shrink = Math.min(toShrink, len);
      if (shrink >= len) {
        trimRange(d);
        toShrink -= shrink;
        if (toShrink == 0) {
          break;
        }
        continue;
      }
      Resource adjust = null;
      for (Resource res : d.region().resource().children()) {
        if (res.name().equals(d.name()) && res.start() == t.start(i)) {
          adjust = res;
          break;
        }
      }
      if (adjust == null || i != t.size() - 1) {
        throw ErrnoException.of(Errno.ENXIO, "WARN: %s: failed to find matching resource",
            d.name());
      }
      adjustRange(d, adjust, len - shrink);
      return;
    }
  }
}
