package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.caseSeed;
import static org.daxsim.core.mem.MemTesting.tries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of resource operations against a flat list-of-intervals model. The model states
 * each kernel rule over the set of intervals that overlap a request (resource trees are laminar:
 * two intervals are disjoint or nested), with no tree walking, so it checks the tree code
 * independently:
 *
 * <ul>
 *   <li>request: fits iff every overlapping interval below the parent contains the range and is not
 *       busy; it lands in the deepest of them.
 *   <li>insert: fits iff every overlapping interval strictly contains the range or lies inside it;
 *       it lands in the deepest strict container and adopts that one's overlapping children.
 *   <li>release region: the shallowest busy interval containing the range must equal it.
 *   <li>adjust: inside the parent, before the next sibling's start, after the previous sibling's
 *       end, around all children.
 * </ul>
 */
class ResourceModelTest {
  private static final long ROOT_END = 64 * 0x1000 - 1;

  private static final class Node {
    long start;
    long end;
    final boolean busy;
    final String name;
    Node parent;
    Resource actual;

    Node(long start, long end, boolean busy, String name, Node parent) {
      this.start = start;
      this.end = end;
      this.busy = busy;
      this.name = name;
      this.parent = parent;
    }

    int depth() {
      int d = 0;
      for (Node p = parent; p != null; p = p.parent) {
        d++;
      }
      return d;
    }

    boolean below(Node ancestor) {
      for (Node p = parent; p != null; p = p.parent) {
        if (p == ancestor) {
          return true;
        }
      }
      return false;
    }

    boolean overlaps(long s, long e) {
      return start <= e && s <= end;
    }

    boolean contains(long s, long e) {
      return start <= s && end >= e;
    }
  }

  private final List<Node> nodes = new ArrayList<>();
  private Node root;

  @Test
  void randomOperationsMatchFlatModel() throws ErrnoException {
    for (int c = 0; c < tries(300); c++) {
      long seed = caseSeed(1000 + c);
      SplittableRandom rnd = new SplittableRandom(seed);
      Resource actualRoot = Resource.root("test", 0, ROOT_END);
      nodes.clear();
      root = new Node(0, ROOT_END, false, "test", null);
      root.actual = actualRoot;
      for (int op = 0; op < 60; op++) {
        step(rnd, seed, op);
        String at = "seed " + seed + " op " + op;
        assertThat(actualRoot.dump()).as(at).isEqualTo(modelDump());
        for (Node n : nodes) {
          assertThat(n.actual.parent()).as(at + " parent of " + n.name).isSameAs(n.parent.actual);
          assertThat(n.actual.isBusy()).as(at).isEqualTo(n.busy);
        }
        checkInvariants(actualRoot, at);
      }
    }
  }

  private void step(SplittableRandom rnd, long seed, int op) {
    Node target = nodes.isEmpty() ? null : nodes.get(rnd.nextInt(nodes.size()));
    long s0 = rnd.nextInt(66) * 0x1000L + (rnd.nextInt(8) == 0 ? rnd.nextInt(0x1000) : 0);
    long size0 = (1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 24)) * 0x1000L;
    if (rnd.nextInt(6) == 0) {
      size0 += rnd.nextInt(3) - 1; // ends next to a neighbour's start or end
    }
    if (target != null && rnd.nextInt(5) == 0) {
      // An existing resource's exact range: identical-range insert and request rules.
      s0 = target.start;
      size0 = target.end - target.start + 1;
    }
    long s = s0;
    long size = size0;
    long e = s + size - 1;
    Node parent = target != null && rnd.nextInt(4) == 0 ? target : root;
    String name = "r" + op;
    String at = "seed " + seed + " op " + op;
    switch (rnd.nextInt(7)) {
      case 0, 1 ->
          expect(
              at + " request",
              modelRequest(parent, s, e, name),
              () -> Resource.requestRegion(parent.actual, s, size, name));
      case 2 ->
          expect(
              at + " insert",
              modelInsert(parent, s, e, name),
              () -> Resource.insertResource(parent.actual, s, e, name, Resource.IORESOURCE_MEM));
      case 3 -> {
        if (target != null) {
          Errno want = hasChildren(target) ? Errno.EBUSY : null;
          expectVoid(at + " release", want, () -> Resource.releaseResource(target.actual));
          if (want == null) {
            nodes.remove(target);
          }
        }
      }
      case 4 -> {
        if (target != null) {
          expectVoid(at + " remove", null, () -> Resource.removeResource(target.actual));
          modelRemove(target);
        }
      }
      case 5 -> {
        Node exact = target != null && rnd.nextBoolean() ? target : null;
        long rs = exact != null ? exact.start : s;
        long rn = exact != null ? exact.end - exact.start + 1 : size;
        Errno want = modelReleaseRegion(parent, rs, rs + rn - 1);
        expectVoid(
            at + " releaseRegion", want, () -> Resource.releaseRegion(parent.actual, rs, rn));
      }
      default -> {
        if (target != null) {
          adjust(rnd, target, s, size, at);
        }
      }
    }
  }

  private void adjust(SplittableRandom rnd, Node target, long s, long size, String at) {
    // Small moves of either edge hit the sibling and children checks most often.
    long shift = (rnd.nextInt(5) - 2) * 0x1000L + (rnd.nextInt(4) == 0 ? rnd.nextInt(3) - 1 : 0);
    long ns = rnd.nextInt(3) == 0 ? s : target.start + (rnd.nextBoolean() ? shift : 0);
    ns = Math.max(0, ns);
    long grow = (rnd.nextInt(5) - 2) * 0x1000L + (rnd.nextInt(4) == 0 ? rnd.nextInt(3) - 1 : 0);
    long nsize = Math.max(1, rnd.nextInt(3) == 0 ? size : target.end - ns + 1 + grow);
    Node x = nodes.get(rnd.nextInt(nodes.size()));
    if (rnd.nextInt(4) == 0) {
      // Touch another resource exactly: end on its start, or start on its end.
      if (rnd.nextBoolean() && x.start >= ns) {
        nsize = x.start - ns + 1;
      } else {
        ns = x.end;
      }
    }
    long fs = ns;
    long fsize = nsize;
    Errno want = modelAdjust(target, fs, fs + fsize - 1);
    expectVoid(at + " adjust", want, () -> Resource.adjustResource(target.actual, fs, fsize));
  }

  // ---- the model ----------------------------------------------------------------------------

  private boolean hasChildren(Node n) {
    return nodes.stream().anyMatch(x -> x.parent == n);
  }

  private List<Node> overlapping(Node parent, long s, long e) {
    return nodes.stream()
        .filter(n -> n.below(parent) && n.overlaps(s, e))
        .collect(Collectors.toList());
  }

  private static Node deepest(List<Node> list, Node dflt) {
    return list.stream().max(Comparator.comparingInt(Node::depth)).orElse(dflt);
  }

  private Node modelRequest(Node parent, long s, long e, String name) {
    if (!parent.contains(s, e)) {
      return null;
    }
    List<Node> o = overlapping(parent, s, e);
    if (o.stream().anyMatch(n -> n.busy || !n.contains(s, e))) {
      return null;
    }
    Node n = new Node(s, e, true, name, deepest(o, parent));
    nodes.add(n);
    return n;
  }

  private Node modelInsert(Node parent, long s, long e, String name) {
    if (!parent.contains(s, e)) {
      return null;
    }
    List<Node> o = overlapping(parent, s, e);
    List<Node> strict =
        o.stream()
            .filter(n -> n.contains(s, e) && !(n.start == s && n.end == e))
            .collect(Collectors.toList());
    if (o.stream().anyMatch(n -> !strict.contains(n) && !(n.start >= s && n.end <= e))) {
      return null;
    }
    Node level = deepest(strict, parent);
    Node n = new Node(s, e, false, name, level);
    for (Node x : o) {
      if (x.parent == level) {
        x.parent = n;
      }
    }
    nodes.add(n);
    return n;
  }

  private void modelRemove(Node target) {
    for (Node x : nodes) {
      if (x.parent == target) {
        x.parent = target.parent;
      }
    }
    nodes.remove(target);
  }

  private Errno modelReleaseRegion(Node parent, long s, long e) {
    Node busy =
        nodes.stream()
            .filter(n -> n.below(parent) && n.contains(s, e) && n.busy)
            .min(Comparator.comparingInt(Node::depth))
            .orElse(null);
    if (busy == null || busy.start != s || busy.end != e) {
      return Errno.EINVAL;
    }
    if (hasChildren(busy)) {
      return Errno.EBUSY;
    }
    nodes.remove(busy);
    return null;
  }

  private Errno modelAdjust(Node t, long s, long e) {
    Node p = t.parent;
    if (s < p.start || e > p.end) {
      return Errno.EBUSY;
    }
    List<Node> sibs =
        nodes.stream()
            .filter(n -> n.parent == p)
            .sorted(Comparator.comparingLong(n -> n.start))
            .collect(Collectors.toList());
    int i = sibs.indexOf(t);
    if (i + 1 < sibs.size() && sibs.get(i + 1).start <= e) {
      return Errno.EBUSY;
    }
    if (i > 0 && s <= sibs.get(i - 1).end) {
      return Errno.EBUSY;
    }
    if (nodes.stream().anyMatch(n -> n.parent == t && (n.start < s || n.end > e))) {
      return Errno.EBUSY;
    }
    t.start = s;
    t.end = e;
    return null;
  }

  private String modelDump() {
    StringBuilder sb = new StringBuilder();
    dumpChildren(root, 0, sb);
    return sb.toString();
  }

  private void dumpChildren(Node p, int depth, StringBuilder sb) {
    nodes.stream()
        .filter(n -> n.parent == p)
        .sorted(Comparator.comparingLong(n -> n.start))
        .forEach(
            n -> {
              sb.append("  ".repeat(Math.min(depth, 5)))
                  .append(String.format("%08x-%08x : %s\n", n.start, n.end, n.name));
              dumpChildren(n, depth + 1, sb);
            });
  }

  // ---- comparing -----------------------------------------------------------------------------

  @FunctionalInterface
  private interface Create {
    Resource run() throws ErrnoException;
  }

  @FunctionalInterface
  private interface Act {
    void run() throws ErrnoException;
  }

  private static void expect(String at, Node modelResult, Create call) {
    try {
      Resource r = call.run();
      assertThat(modelResult).as(at + ": model refused, tree accepted").isNotNull();
      modelResult.actual = r;
    } catch (ErrnoException ex) {
      assertThat(modelResult).as(at + ": tree refused: " + ex.getMessage()).isNull();
      assertThat(ex.errno()).as(at).isEqualTo(Errno.EBUSY);
    }
  }

  private static void expectVoid(String at, Errno want, Act call) {
    try {
      call.run();
      assertThat(want).as(at + ": tree accepted").isNull();
    } catch (ErrnoException ex) {
      assertThat(ex.errno()).as(at + ": " + ex.getMessage()).isEqualTo(want);
    }
  }

  /** Structural invariants of the real tree: sorted, disjoint, nested, parent links right. */
  private static void checkInvariants(Resource r, String at) {
    long prevEnd = -1;
    for (Resource c : r.children()) {
      assertThat(c.parent()).as(at).isSameAs(r);
      assertThat(c.start())
          .as(at + " " + c)
          .isGreaterThan(prevEnd)
          .isGreaterThanOrEqualTo(r.start());
      assertThat(c.end())
          .as(at + " " + c)
          .isLessThanOrEqualTo(r.end())
          .isGreaterThanOrEqualTo(c.start());
      prevEnd = c.end();
      checkInvariants(c, at);
    }
  }
}
