package org.daxsim.core.mem;

import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * The tree algorithms of kernel/resource.c behind {@link Resource}'s public functions. Callers have
 * validated the arguments and hold the tree's write lock (read lock for the queries).
 */
final class ResourceTree {
  private ResourceTree() {}

  /** __request_region()'s loop: descend into non-busy conflicts, fail on anything else. */
  static Resource request(Resource parent, long start, long last, String name, long extraFlags)
      throws ErrnoException {
    Resource p = parent;
    for (; ; ) {
      int at = slotFor(p, start, last);
      if (at >= 0) {
        long type = p.flags & (Resource.IORESOURCE_TYPE_BITS | Resource.IORESOURCE_EXT_TYPE_BITS);
        long flags = type | Resource.IORESOURCE_BUSY | extraFlags;
        Resource r = new Resource(p.lock, name, start, last, flags);
        adopt(p, at, r);
        return r;
      }
      Resource conflict = conflict(p, start, last);
      if (conflict != p && !conflict.isBusy()) {
        p = conflict;
        continue;
      }
      throw busy(start, last, conflict);
    }
  }

  /** __insert_resource(): descend into strict containers, then adopt what the range covers. */
  static Resource insert(Resource parent, long start, long end, String name, long flags)
      throws ErrnoException {
    Resource p = parent;
    Resource first;
    for (; ; p = first) {
      int at = slotFor(p, start, end);
      if (at >= 0) {
        Resource r = new Resource(p.lock, name, start, end, flags);
        adopt(p, at, r);
        return r;
      }
      first = conflict(p, start, end);
      if (first == p) {
        throw busy(start, end, p);
      }
      if (first.start > start || first.end < end) {
        break; // does not contain the range: adopt candidates start here
      }
      if (first.start == start && first.end == end) {
        break; // identical: adopt it
      }
    }
    int from = p.children.indexOf(first);
    int to = from;
    for (; ; to++) {
      Resource next = p.children.get(to);
      if (next.start < start || next.end > end) {
        throw busy(start, end, next); // partial overlap: unfixable
      }
      if (to + 1 == p.children.size() || p.children.get(to + 1).start > end) {
        break;
      }
    }
    Resource r = new Resource(p.lock, name, start, end, flags);
    List<Resource> moved = p.children.subList(from, to + 1);
    for (Resource c : moved) {
      c.parent = r;
    }
    r.children.addAll(moved);
    moved.clear();
    adopt(p, from, r);
    return r;
  }

  /**
   * __release_resource(): with {@code refuseChildren} (release_resource) a resource with children
   * is EBUSY; without (remove_resource) its children move up into its place.
   */
  static void release(Resource res, boolean refuseChildren) throws ErrnoException {
    Resource p = res.parent;
    if (p == null) {
      throw ErrnoException.of(Errno.EINVAL, "%s is not in a resource tree", res);
    }
    if (refuseChildren && !res.children.isEmpty()) {
      throw ErrnoException.of(Errno.EBUSY, "%s still has children", res);
    }
    int at = p.children.indexOf(res);
    p.children.remove(at);
    for (Resource c : res.children) {
      c.parent = p;
    }
    p.children.addAll(at, res.children);
    res.children.clear();
    res.parent = null;
  }

  /** __release_region(): descend through non-busy containers to the exact busy match. */
  static void releaseRegion(Resource parent, long start, long last) throws ErrnoException {
    Resource p = parent;
    for (Resource c = childContaining(p, start, last); c != null; ) {
      if (!c.isBusy()) {
        p = c;
        c = childContaining(p, start, last);
        continue;
      }
      if (c.start != start || c.end != last) {
        break;
      }
      release(c, true);
      return;
    }
    throw ErrnoException.of(
        Errno.EINVAL, "Trying to free nonexistent resource <%016x-%016x>", start, last);
  }

  /** __adjust_resource(): the parent, neighbour and children checks, in the kernel's order. */
  static void adjust(Resource res, long start, long last) throws ErrnoException {
    Resource p = res.parent;
    if (p != null) {
      if (start < p.start || last > p.end) {
        throw busy(start, last, p);
      }
      int at = p.children.indexOf(res);
      if (at + 1 < p.children.size() && p.children.get(at + 1).start <= last) {
        throw busy(start, last, p.children.get(at + 1));
      }
      if (at > 0 && start <= p.children.get(at - 1).end) {
        throw busy(start, last, p.children.get(at - 1));
      }
    }
    for (Resource c : res.children) {
      if (c.start < start || c.end > last) {
        throw busy(start, last, c);
      }
    }
    res.start = start;
    res.end = last;
  }

  /** r_show() over the subtree, with r_start/r_next's preorder walk. */
  static String dump(Resource root) {
    StringBuilder sb = new StringBuilder();
    dump(sb, root.end < 0x10000 ? "%04x-%04x : %s\n" : "%08x-%08x : %s\n", root, 0);
    return sb.toString();
  }

  private static void dump(StringBuilder sb, String fmt, Resource r, int depth) {
    for (Resource c : r.children) {
      sb.append("  ".repeat(Math.min(depth, Resource.MAX_IORES_LEVEL)));
      sb.append(String.format(fmt, c.start, c.end, c.name));
      dump(sb, fmt, c, depth + 1);
    }
  }

  /** The child of {@code r} containing {@code [s, e]}, or null. */
  static Resource childContaining(Resource r, long s, long e) {
    int i = firstEndingAtOrAbove(r, e);
    if (i < r.children.size()) {
      Resource c = r.children.get(i);
      if (c.start <= s) {
        return c;
      }
    }
    return null;
  }

  private static ErrnoException busy(long start, long last, Resource conflict) {
    return ErrnoException.of(
        Errno.EBUSY, "[mem %#010x-%#010x] conflicts with %s", start, last, conflict);
  }

  /** Index of the first child of {@code r} ending at or above {@code addr} (binary search). */
  private static int firstEndingAtOrAbove(Resource r, long addr) {
    int lo = 0;
    int hi = r.children.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (r.children.get(mid).end < addr) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * __request_resource() without the insertion: the child index of {@code r} where {@code [s, e]}
   * fits, or -1 when it does not fit (then {@link #conflict} names why).
   */
  private static int slotFor(Resource r, long s, long e) {
    if (s < r.start || e > r.end) {
      return -1;
    }
    int i = firstEndingAtOrAbove(r, s);
    return i == r.children.size() || r.children.get(i).start > e ? i : -1;
  }

  /** __request_resource()'s conflict: {@code r} when out of its bounds, else the first overlap. */
  private static Resource conflict(Resource r, long s, long e) {
    if (s < r.start || e > r.end) {
      return r;
    }
    return r.children.get(firstEndingAtOrAbove(r, s));
  }

  private static void adopt(Resource parent, int at, Resource child) {
    parent.children.add(at, child);
    child.parent = parent;
  }
}
