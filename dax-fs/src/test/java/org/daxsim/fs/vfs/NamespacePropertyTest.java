package org.daxsim.fs.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.vfs.VfsTesting.errnoOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.daxsim.core.Errno;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.Test;

/** Random mkdir/creat/unlink/rmdir/rename sequences against a map-of-paths model. */
class NamespacePropertyTest {
  static final List<String> PATHS = new ArrayList<>();

  static {
    for (String a : List.of("a", "b")) {
      PATHS.add("/tmp/" + a);
      for (String b : List.of("a", "b")) {
        PATHS.add("/tmp/" + a + "/" + b);
        for (String c : List.of("a", "b")) {
          PATHS.add("/tmp/" + a + "/" + b + "/" + c);
        }
      }
    }
  }

  /** The model: path -> is a directory ("/tmp" is always there). */
  static final class Model {
    final TreeMap<String, Boolean> paths = new TreeMap<>(Map.of("/tmp", true));

    static String parent(String p) {
      return p.substring(0, p.lastIndexOf('/'));
    }

    /** The walk to the parent: ENOENT for a missing, ENOTDIR for a file ancestor. */
    Errno walk(String p) {
      List<String> ancestors = new ArrayList<>();
      for (String q = parent(p); !q.equals("/tmp"); q = parent(q)) {
        ancestors.add(0, q);
      }
      for (String q : ancestors) {
        Boolean d = paths.get(q);
        if (d == null) {
          return Errno.ENOENT;
        }
        if (!d) {
          return Errno.ENOTDIR;
        }
      }
      return null;
    }

    boolean hasChildren(String p) {
      String k = paths.higherKey(p + "/");
      return k != null && k.startsWith(p + "/");
    }

    void move(String from, String to) {
      TreeMap<String, Boolean> moved = new TreeMap<>();
      paths.entrySet().removeIf(e -> {
        if (e.getKey().equals(from) || e.getKey().startsWith(from + "/")) {
          moved.put(to + e.getKey().substring(from.length()), e.getValue());
          return true;
        }
        return false;
      });
      paths.putAll(moved);
    }
  }

  static Errno expectCreate(Model m, String p) {
    Errno e = m.walk(p);
    return e != null ? e : m.paths.containsKey(p) ? Errno.EEXIST : null;
  }

  static Errno expectDelete(Model m, String p, boolean dir) {
    Errno e = m.walk(p);
    if (e != null) {
      return e;
    }
    Boolean d = m.paths.get(p);
    if (d == null) {
      return Errno.ENOENT;
    }
    if (d != dir) {
      return dir ? Errno.ENOTDIR : Errno.EISDIR;
    }
    return dir && m.hasChildren(p) ? Errno.ENOTEMPTY : null;
  }

  static Errno expectRename(Model m, String a, String b) {
    Errno e = m.walk(a);
    if (e == null) {
      e = m.walk(b);
    }
    if (e != null) {
      return e;
    }
    Boolean src = m.paths.get(a);
    Boolean dst = m.paths.get(b);
    if (src == null) {
      return Errno.ENOENT;
    }
    if (Model.parent(b).equals(a) || Model.parent(b).startsWith(a + "/")) {
      return Errno.EINVAL;
    }
    if (dst != null && (Model.parent(a).equals(b) || Model.parent(a).startsWith(b + "/"))) {
      return Errno.ENOTEMPTY;
    }
    if (a.equals(b) || dst == null) {
      return null;
    }
    if (src != dst) {
      return src ? Errno.ENOTDIR : Errno.EISDIR;
    }
    return dst && m.hasChildren(b) ? Errno.ENOTEMPTY : null;
  }

  static Gen<String> path() {
    return Gen.elements(PATHS);
  }

  @Test
  void namespaceMatchesTheModel() {
    Gen<Action<Process, Model>> mkdir = path().map(p -> Action.of("mkdir " + p, (s, m) -> {
      Errno want = expectCreate(m, p);
      assertThat(errnoOf(() -> s.mkdir(p, 0755))).isEqualTo(want);
      if (want == null) {
        m.paths.put(p, true);
      }
    }));
    Gen<Action<Process, Model>> creat = path().map(p -> Action.of("creat " + p, (s, m) -> {
      Errno want = expectCreate(m, p);
      assertThat(errnoOf(() -> s.close(s.open(p, Fcntl.O_CREAT | Fcntl.O_EXCL
          | Fcntl.O_WRONLY, 0644)))).isEqualTo(want);
      if (want == null) {
        m.paths.put(p, false);
      }
    }));
    Gen<Action<Process, Model>> unlink = path().map(p -> Action.of("unlink " + p, (s, m) -> {
      Errno want = expectDelete(m, p, false);
      assertThat(errnoOf(() -> s.unlink(p))).isEqualTo(want);
      if (want == null) {
        m.paths.remove(p);
      }
    }));
    Gen<Action<Process, Model>> rmdir = path().map(p -> Action.of("rmdir " + p, (s, m) -> {
      Errno want = expectDelete(m, p, true);
      assertThat(errnoOf(() -> s.rmdir(p))).isEqualTo(want);
      if (want == null) {
        m.paths.remove(p);
      }
    }));
    Gen<Action<Process, Model>> rename = Gen.zip(path(), path(), (a, b) -> Action.of(
        "rename " + a + " " + b, (s, m) -> {
          Errno want = expectRename(m, a, b);
          assertThat(errnoOf(() -> s.rename(a, b))).isEqualTo(want);
          if (want == null && !a.equals(b)) {
            m.paths.remove(b);
            m.move(a, b);
          }
        }));
    Stateful.<Process, Model>of(() -> {
      try {
        return new VfsTesting.Host().root;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, Model::new)
        .actions(Gen.oneOf(mkdir, mkdir, creat, unlink, rmdir, rename, rename))
        .invariant((s, m) -> {
          for (String p : PATHS) {
            Boolean d = m.paths.get(p);
            Errno e = errnoOf(() -> s.stat(p));
            if (d == null) {
              assertThat(e).as(p).isIn(Errno.ENOENT, Errno.ENOTDIR);
            } else {
              assertThat(e).as(p).isNull();
              assertThat(Fcntl.isDir(s.stat(p).mode())).as(p).isEqualTo(d);
              if (d) {
                long subdirs = m.paths.entrySet().stream().filter(x -> x.getValue()
                    && Model.parent(x.getKey()).equals(p)).count();
                assertThat(s.stat(p).nlink()).as(p).isEqualTo(2 + subdirs);
              }
            }
          }
        })
        .tries(300)
        .check();
  }
}
