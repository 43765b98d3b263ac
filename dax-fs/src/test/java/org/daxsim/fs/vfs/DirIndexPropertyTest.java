package org.daxsim.fs.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.Test;

/**
 * {@link DirIndex} against a HashMap: random put / remove sequences over names that include
 * whole families with one String hash ("Aa" and "BB" collide, so do all their concatenations),
 * so probe runs, wrap-around at the table's end and backward-shift deletion are all exercised.
 * After every step every name is looked up whole and as a slice of a longer path.
 */
class DirIndexPropertyTest {
  static final List<String> NAMES = new ArrayList<>();

  static {
    for (String a : List.of("Aa", "BB")) {
      NAMES.add(a);
      for (String b : List.of("Aa", "BB")) {
        NAMES.add(a + b);
        for (String c : List.of("Aa", "BB")) {
          NAMES.add(a + b + c);
        }
      }
    }
    for (int i = 0; i < 30; i++) {
      NAMES.add("f" + i);
    }
    NAMES.add("a");
    NAMES.add("a.");
  }

  /** The system: the index and the inodes its values come from. */
  static final class Sys {
    final DirIndex index = new DirIndex();
    final List<Inode> inodes = new ArrayList<>();

    Sys() {
      try {
        SuperBlock sb = new VfsTesting.Host().vfs.kernPath("/").sb();
        for (int i = 0; i < 4; i++) {
          inodes.add(sb.newInode(Fcntl.S_IFREG | 0644, 0, 0, 0, new InodeOperations() {},
              SimpleDir.DIR_OPS));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Names whose home slots in the first, 8-slot table are the last two and the first two, so
   * probe runs wrap around the end and deletions shift entries back across it.
   */
  static final List<String> WRAPPING = new ArrayList<>();

  static {
    int[] want = {6, 7, 7, 0, 0, 1, 7, 6};
    for (int w : want) {
      for (int i = 0; ; i++) {
        String n = "w" + i;
        if (DirIndex.home(n.hashCode(), 7) == w && !WRAPPING.contains(n)) {
          WRAPPING.add(n);
          break;
        }
      }
    }
  }

  @Test
  void dirIndexMatchesAHashMap() {
    check(NAMES);
  }

  @Test
  void dirIndexMatchesAHashMapAcrossTheTableEnd() {
    check(WRAPPING);
  }

  private static void check(List<String> names) {
    Gen<Action<Sys, HashMap<String, Integer>>> put = Gen.zip(Gen.elements(names),
        Gen.ints(0, 3), (n, v) -> Action.of("put " + n + "=" + v, (s, m) -> {
          s.index.put(n, s.inodes.get(v));
          m.put(n, v);
        }));
    Gen<Action<Sys, HashMap<String, Integer>>> remove = Gen.elements(names).map(n ->
        Action.of("remove " + n, (s, m) -> {
          Inode gone = s.index.remove(n);
          Integer want = m.remove(n);
          assertThat(gone).isSameAs(want == null ? null : s.inodes.get(want));
        }));
    Stateful.<Sys, HashMap<String, Integer>>of(Sys::new, HashMap::new)
        .actions(Gen.oneOf(put, put, put, remove, remove))
        .invariant((s, m) -> {
          assertThat(s.index.size()).isEqualTo(m.size());
          for (String n : names) {
            Integer want = m.get(n);
            Inode expect = want == null ? null : s.inodes.get(want);
            assertThat(s.index.get(n)).as(n).isSameAs(expect);
            String path = "/x/" + n + "/y";
            int from = 3;
            int to = 3 + n.length();
            assertThat(DirIndex.hash(path, from, to)).isEqualTo(n.hashCode());
            assertThat(s.index.get(path, from, to, n.hashCode())).as(path).isSameAs(expect);
          }
          TreeMap<String, Inode> sorted = new TreeMap<>();
          m.forEach((k, v) -> sorted.put(k, s.inodes.get(v)));
          assertThat(s.index.sorted()).isEqualTo(sorted);
        })
        .maxSteps(120)
        .tries(300)
        .check();
  }

  /**
   * The in-place hash of a name inside a path is String.hashCode of the name, and finds it, for
   * any chars: Latin-1, other scripts and surrogate pairs (a walk hashes UTF-16 chars).
   */
  @Test
  void inPlaceHashIsTheStringHashForAnyChars() {
    Gen<Integer> ch = Gen.oneOf(Gen.ints(0x21, 0x7e), Gen.ints(0xa0, 0xff), Gen.ints(0x100, 0xd7ff),
        Gen.ints(0x10000, 0x10ffff));
    Gen<String> names = Gen.lists(ch, 1, 12).map(cps -> {
      StringBuilder b = new StringBuilder();
      cps.forEach(c -> b.appendCodePoint(c == '/' ? 'x' : c));
      return b.toString();
    });
    Sys s = new Sys();
    Property.forAll(names).named("hash in place == String.hashCode").tries(500).checkAssert(n -> {
      String path = "/mnt/" + n + "/rest";
      int to = 5 + n.length();
      assertThat(DirIndex.hash(path, 5, to)).isEqualTo(n.hashCode());
      s.index.put(n, s.inodes.get(1));
      assertThat(s.index.get(path, 5, to, DirIndex.hash(path, 5, to))).isSameAs(s.inodes.get(1));
      assertThat(s.index.remove(n)).isSameAs(s.inodes.get(1));
      assertThat(s.index.get(n)).isNull();
    });
  }

  /** A prefix or an extension of a present name is a different name. */
  @Test
  void slicesMatchOnlyWholeNames() {
    Sys s = new Sys();
    s.index.put("f1", s.inodes.get(0));
    String path = "/mnt/f10";
    assertThat(s.index.get(path, 5, 8, DirIndex.hash(path, 5, 8))).isNull();
    assertThat(s.index.get(path, 5, 7, DirIndex.hash(path, 5, 7))).isSameAs(s.inodes.get(0));
  }
}
