package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Source;
import org.daxsim.prop.Stateful;
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
 *       end, around all children; the root, having no parent, only around all children.
 *   <li>release and remove: the root, having no parent, is EINVAL; release refuses a resource
 *       with children (EBUSY), remove hands them to its parent.
 * </ul>
 */
class ResourceModelTest {
  private static final long ROOT_END = 64 * 0x1000 - 1;

  /** One interval of the model, with the parent the rules give it and the tree's resource. */
  private static final class Node {
    long start;
    long end;
    final boolean busy;
    final String name;
    Node parent;
    Resource actual; // null for the root: the system under test is the tree's root itself

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

  /** A range as the operations take it: start and size. */
  private record Range(long start, long size) {
    long end() {
      return start + size - 1;
    }

    @Override
    public String toString() {
      return String.format("%#x+%#x", start, size);
    }
  }

  /**
   * Property: after any sequence of requestRegion, insertResource, releaseResource,
   * removeResource, releaseRegion and adjustResource calls on a root of 64 pages, each call
   * succeeds or fails (EBUSY/EINVAL) exactly as the flat model's rules say, and afterwards the
   * tree's /proc/iomem dump, every resource's parent and busy flag equal the model's, and the
   * tree is well formed (children sorted, disjoint, inside their parent, parent links right).
   */
  @Test
  void randomOperationsMatchFlatModel() {
    Stateful.of(ResourceModelTest::root, Model::new)
        .named("resource tree operations match the flat interval model")
        .actionsFrom(ResourceModelTest::operations)
        .invariant((tree, m) -> {
          assertThat(tree.dump()).as("dump").isEqualTo(m.dump());
          for (Node n : m.nodes) {
            assertThat(n.actual.parent())
                .as("parent of " + n.name)
                .isSameAs(actual(n.parent, tree));
            assertThat(n.actual.isBusy()).as("busy " + n.name).isEqualTo(n.busy);
          }
          checkInvariants(tree);
        })
        .maxSteps(80)
        .check();
  }

  private static Resource root() {
    try {
      return Resource.root("test", 0, ROOT_END);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  private static Resource actual(Node n, Resource tree) {
    return n.actual != null ? n.actual : tree;
  }

  // ---- the operations -----------------------------------------------------------------------

  private static Gen<Action<Resource, Model>> operations(Model m) {
    Gen<Action<Resource, Model>> request = src -> {
      Node target = target(src, m);
      Range r = range(src, m, target);
      Node parent = parent(src, m, target);
      String name = "r" + m.nextId;
      return Action.of(String.format("%s = requestRegion(%s, %s)", name, parent.name, r),
          (tree, model) -> {
            model.nextId++;
            expect(model.request(parent, r.start(), r.end(), name),
                () -> Resource.requestRegion(actual(parent, tree), r.start(), r.size(), name));
          });
    };
    Gen<Action<Resource, Model>> insert = src -> {
      Node target = target(src, m);
      Range r = range(src, m, target);
      Node parent = parent(src, m, target);
      String name = "r" + m.nextId;
      return Action.of(String.format("%s = insertResource(%s, %s)", name, parent.name, r),
          (tree, model) -> {
            model.nextId++;
            expect(model.insert(parent, r.start(), r.end(), name),
                () -> Resource.insertResource(actual(parent, tree), r.start(), r.end(), name,
                    Resource.IORESOURCE_MEM));
          });
    };
    Gen<Action<Resource, Model>> releaseRegion = src -> {
      Node target = target(src, m);
      Range drawn = range(src, m, target);
      Node parent = parent(src, m, target);
      boolean exact = src.flip();
      Range r = target != null && exact
          ? new Range(target.start, target.end - target.start + 1)
          : drawn;
      return Action.of(String.format("releaseRegion(%s, %s)", parent.name, r), (tree, model) ->
          expectVoid(model.releaseRegion(parent, r.start(), r.end()),
              () -> Resource.releaseRegion(actual(parent, tree), r.start(), r.size())));
    };
    Gen<Action<Resource, Model>> release = src -> {
      Node target = subject(src, m);
      return Action.of("releaseResource(" + target.name + ")", (tree, model) -> {
        Errno want = target == model.root ? Errno.EINVAL
            : model.hasChildren(target) ? Errno.EBUSY : null;
        expectVoid(want, () -> Resource.releaseResource(actual(target, tree)));
        if (want == null) {
          model.nodes.remove(target);
        }
      });
    };
    Gen<Action<Resource, Model>> remove = src -> {
      Node target = subject(src, m);
      return Action.of("removeResource(" + target.name + ")", (tree, model) -> {
        Errno want = target == model.root ? Errno.EINVAL : null;
        expectVoid(want, () -> Resource.removeResource(actual(target, tree)));
        if (want == null) {
          model.remove(target);
        }
      });
    };
    Gen<Action<Resource, Model>> adjust = src -> {
      Node target = subject(src, m);
      Range r = adjustment(src, m, target, range(src, m, target));
      return Action.of(String.format("adjustResource(%s, %s)", target.name, r), (tree, model) ->
          expectVoid(model.adjust(target, r.start(), r.end()),
              () -> Resource.adjustResource(actual(target, tree), r.start(), r.size())));
    };
    return Gen.frequency(
        Map.entry(2, request),
        Map.entry(1, insert),
        Map.entry(1, releaseRegion),
        Map.entry(1, release),
        Map.entry(1, remove),
        Map.entry(1, adjust));
  }

  /*
   * The helpers below draw the same number of choices whatever the model holds (e.g. a target
   * index even when there is no resource), so that when shrinking deletes a step the choices of
   * the later steps keep their meaning.
   */

  /** A resource of the model, or null when there is none yet. */
  private static Node target(Source src, Model m) {
    int i = src.chooseInt(0, Math.max(0, m.nodes.size() - 1));
    return m.nodes.isEmpty() ? null : m.nodes.get(i);
  }

  /**
   * What releaseResource, removeResource and adjustResource act on: one of the model's resources,
   * or now and then (always when there is none) the root, which has no parent. A step whose
   * resource is gone once shrinking deleted the step that made it thus still runs, on the root.
   */
  private static Node subject(Source src, Model m) {
    boolean root = src.weighted(0.1);
    Node target = target(src, m);
    return root || target == null ? m.root : target;
  }

  /** Mostly the root, sometimes {@code target}. */
  private static Node parent(Source src, Model m, Node target) {
    boolean below = src.weighted(0.25);
    return target != null && below ? target : m.root;
  }

  /**
   * A range of 1 to 24 pages starting anywhere in (and a little past) the root, sometimes
   * unaligned, sometimes a byte short or long (ending next to a neighbour's start or end),
   * sometimes exactly {@code target}'s range (the identical-range insert and request rules), and
   * sometimes ending on another resource's first byte or starting on its last.
   */
  private static Range range(Source src, Model m, Node target) {
    long s = src.chooseInt(0, 65) * 0x1000L;
    boolean unaligned = src.weighted(0.125);
    s += src.chooseInt(0, unaligned ? 0xfff : 0);
    long size = (1 + src.chooseInt(0, src.flip() ? 23 : 3)) * 0x1000L;
    boolean nudge = src.weighted(1.0 / 6);
    size += src.chooseInt(nudge ? -1 : 0, nudge ? 1 : 0);
    boolean exact = src.weighted(0.2);
    boolean touch = src.weighted(0.2);
    Node x = target(src, m);
    if (target != null && exact) {
      s = target.start;
      size = target.end - target.start + 1;
    } else if (x != null && touch) {
      if (x.start >= s) {
        size = x.start - s + 1;
      } else {
        s = x.end;
      }
    }
    return new Range(s, size);
  }

  /**
   * The new range of an adjustResource(target): mostly small moves of either edge of the target,
   * which hit the sibling and children checks most often, sometimes the drawn range {@code r},
   * sometimes ending on another resource's start or starting on its end.
   */
  private static Range adjustment(Source src, Model m, Node target, Range r) {
    long shift = src.chooseInt(-2, 2) * 0x1000L + byteNudge(src);
    boolean drawnStart = src.weighted(1.0 / 3);
    boolean moveStart = src.flip();
    long ns = Math.max(0, drawnStart ? r.start() : target.start + (moveStart ? shift : 0));
    long grow = src.chooseInt(-2, 2) * 0x1000L + byteNudge(src);
    boolean drawnSize = src.weighted(1.0 / 3);
    long nsize = Math.max(1, drawnSize ? r.size() : target.end - ns + 1 + grow);
    Node x = target(src, m);
    boolean touch = src.weighted(0.25);
    boolean endOnIt = src.flip();
    if (touch && x != null) {
      if (endOnIt && x.start >= ns) {
        nsize = x.start - ns + 1;
      } else {
        ns = x.end;
      }
    }
    return new Range(ns, nsize);
  }

  /** Usually 0, one time in four -1, 0 or 1. */
  private static long byteNudge(Source src) {
    boolean nudge = src.weighted(0.25);
    return src.chooseInt(nudge ? -1 : 0, nudge ? 1 : 0);
  }


  /** The flat model: every resource below the root as an interval with its parent. */
  private static final class Model {
    final Node root = new Node(0, ROOT_END, false, "test", null);
    final List<Node> nodes = new ArrayList<>();
    int nextId;

    boolean hasChildren(Node n) {
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

    Node request(Node parent, long s, long e, String name) {
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

    Node insert(Node parent, long s, long e, String name) {
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

    void remove(Node target) {
      for (Node x : nodes) {
        if (x.parent == target) {
          x.parent = target.parent;
        }
      }
      nodes.remove(target);
    }

    Errno releaseRegion(Node parent, long s, long e) {
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

    Errno adjust(Node t, long s, long e) {
      Node p = t.parent;
      if (p != null) { // the root has no parent and no siblings
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
      }
      if (nodes.stream().anyMatch(n -> n.parent == t && (n.start < s || n.end > e))) {
        return Errno.EBUSY;
      }
      t.start = s;
      t.end = e;
      return null;
    }

    /** /proc/iomem: 4 hex digits when the root ends below 0x10000, else 8. */
    String dump() {
      StringBuilder sb = new StringBuilder();
      dumpChildren(root, 0, sb, root.end < 0x10000 ? "%04x-%04x : %s\n" : "%08x-%08x : %s\n");
      return sb.toString();
    }

    private void dumpChildren(Node p, int depth, StringBuilder sb, String format) {
      nodes.stream()
          .filter(n -> n.parent == p)
          .sorted(Comparator.comparingLong(n -> n.start))
          .forEach(
              n -> {
                sb.append("  ".repeat(Math.min(depth, 5)))
                    .append(String.format(format, n.start, n.end, n.name));
                dumpChildren(n, depth + 1, sb, format);
              });
    }
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

  /** The tree creates a resource exactly when the model does (else EBUSY); links them. */
  private static void expect(Node modelResult, Create call) {
    Resource r;
    try {
      r = call.run();
    } catch (ErrnoException ex) {
      if (modelResult != null) {
        fail("the tree refused (%s), the model accepts as a child of %s", ex.getMessage(),
            modelResult.parent.name);
      }
      assertThat(ex.errno()).as(ex.getMessage()).isEqualTo(Errno.EBUSY);
      return;
    }
    if (modelResult == null) {
      fail("the tree accepted (%s under %s), the model refuses", r, r.parent().name());
    }
    modelResult.actual = r;
  }

  /** The tree fails with the model's errno ({@code want}), or succeeds when that is null. */
  private static void expectVoid(Errno want, Act call) {
    try {
      call.run();
    } catch (ErrnoException ex) {
      if (want == null) {
        fail("the tree refused (%s), the model accepts", ex.getMessage());
      }
      assertThat(ex.errno()).as(ex.getMessage()).isEqualTo(want);
      return;
    }
    if (want != null) {
      fail("the tree accepted, the model refuses with %s", want);
    }
  }

  /** Structural invariants of the real tree: sorted, disjoint, nested, parent links right. */
  private static void checkInvariants(Resource r) {
    long prevEnd = -1;
    for (Resource c : r.children()) {
      assertThat(c.parent()).as("parent of " + c).isSameAs(r);
      assertThat(c.start())
          .as(c.toString())
          .isGreaterThan(prevEnd)
          .isGreaterThanOrEqualTo(r.start());
      assertThat(c.end())
          .as(c.toString())
          .isLessThanOrEqualTo(r.end())
          .isGreaterThanOrEqualTo(c.start());
      prevEnd = c.end();
      checkInvariants(c);
    }
  }
}
