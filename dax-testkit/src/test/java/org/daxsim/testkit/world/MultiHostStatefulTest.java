package org.daxsim.testkit.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.PropertyFailure;
import org.daxsim.prop.Stateful;
import org.daxsim.sim.Result;
import org.daxsim.sim.Shell;
import org.junit.jupiter.api.Test;

/**
 * famfs on two hosts sharing one pool (issue 7 section 2, last bullet): the master (node0)
 * makes directories and files, the client (node1) replays the log, both read the same bytes,
 * either remounts; the client's own creates are refused. {@link WorldInvariants} after every
 * step. A failure prints the seed, the replay command and the shrunk case as a scenario.
 */
class MultiHostStatefulTest {
  private static final List<String> NAMES = List.of("f0", "f1", "f2");
  private static final List<String> DIRS = List.of("d0", "d0/e");

  /** What the hosts should see: master's files (path -> size), dirs, the client's view. */
  static final class Model {
    final Map<String, Long> files = new HashMap<>();
    final Set<String> dirs = new HashSet<>(List.of(""));
    final Set<String> client = new HashSet<>();
    /** The last `io read` output of a file on the master (null until read after a fill). */
    final Map<String, String> read = new HashMap<>();

    void replay() {
      client.addAll(files.keySet());
    }
  }

  /** One step: scenario lines run on the shell, then checked against the model. */
  abstract static class Step implements Action<Shell, Model>, ScenarioAction {
    final List<Result> results = new ArrayList<>();

    @Override
    public final void run(Shell sh, Model m) throws Exception {
      results.clear();
      for (String line : scenarioLines()) {
        results.add(sh.execute(line));
      }
      check(m);
    }

    abstract void check(Model m);

    Result ok(int i) {
      Result r = results.get(i);
      assertThat(r.exit()).as(scenarioLines().get(i) + ": " + r.stderr()).isZero();
      return r;
    }
  }

  static final class Mkdir extends Step {
    final String dir;

    Mkdir(String dir) {
      this.dir = dir;
    }

    @Override
    public List<String> scenarioLines() {
      return List.of("famfs mkdir -p /mnt/" + dir);
    }

    @Override
    void check(Model m) {
      ok(0);
      String d = dir;
      while (!d.isEmpty()) {
        m.dirs.add(d);
        d = d.contains("/") ? d.substring(0, d.lastIndexOf('/')) : "";
      }
    }

    @Override
    public String toString() {
      return "mkdir(" + dir + ")";
    }
  }

  static final class Creat extends Step {
    final String path;
    final long size;
    final int seed;

    Creat(String path, long size, int seed) {
      this.path = path;
      this.size = size;
      this.seed = seed;
    }

    @Override
    public boolean precondition(Model m) {
      return m.dirs.contains(parent(path));
    }

    @Override
    public List<String> scenarioLines() {
      return List.of("famfs creat -s " + size + " -r -S " + seed + " /mnt/" + path);
    }

    @Override
    void check(Model m) {
      Long old = m.files.get(path);
      if (old != null && old != size) {
        assertThat(results.get(0).exit()).as("re-creating with another size fails").isNotZero();
        return;
      }
      ok(0);
      m.files.put(path, size);
      m.read.remove(path); // refilled with this seed
    }

    @Override
    public String toString() {
      return "creat(" + path + ", " + size + ", seed " + seed + ")";
    }
  }

  static final class ClientCreat extends Step {
    final String path;

    ClientCreat(String path) {
      this.path = path;
    }

    @Override
    public List<String> scenarioLines() {
      return List.of("@node1 famfs creat -s 2097152 /mnt/" + path);
    }

    @Override
    void check(Model m) {
      assertThat(results.get(0).exit()).as("a client cannot create").isNotZero();
    }

    @Override
    public String toString() {
      return "clientCreat(" + path + ")";
    }
  }

  static final class Logplay extends Step {
    @Override
    public List<String> scenarioLines() {
      return List.of("@node1 famfs logplay /mnt");
    }

    @Override
    void check(Model m) {
      ok(0);
      m.replay();
    }

    @Override
    public String toString() {
      return "logplay(node1)";
    }
  }

  static final class ReadBoth extends Step {
    final String path;

    ReadBoth(String path) {
      this.path = path;
    }

    @Override
    public boolean precondition(Model m) {
      return m.files.containsKey(path);
    }

    @Override
    public List<String> scenarioLines() {
      return List.of("io read /mnt/" + path, "@node1 io read /mnt/" + path);
    }

    @Override
    void check(Model m) {
      String master = ok(0).stdout();
      assertThat(master).startsWith("read " + m.files.get(path) + " bytes sha256 ");
      String before = m.read.putIfAbsent(path, master);
      if (before != null) {
        assertThat(master).as("the master reads what it read before").isEqualTo(before);
      }
      if (m.client.contains(path)) {
        assertThat(ok(1).stdout()).as("the client reads the master's bytes").isEqualTo(master);
      } else {
        assertThat(results.get(1).exit()).as("not replayed yet").isNotZero();
      }
    }

    @Override
    public String toString() {
      return "readBoth(" + path + ")";
    }
  }

  static final class Remount extends Step {
    final boolean client;

    Remount(boolean client) {
      this.client = client;
    }

    @Override
    public List<String> scenarioLines() {
      String at = client ? "@node1 " : "";
      return List.of(at + "umount /mnt", at + "famfs mount /dev/dax0.0 /mnt");
    }

    @Override
    void check(Model m) {
      ok(0);
      ok(1);
      if (client) {
        m.replay(); // mount replays the log
      }
    }

    @Override
    public String toString() {
      return "remount(" + (client ? "node1" : "node0") + ")";
    }
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static Gen<String> paths() {
    return Gen.zip(Gen.elements(List.of("", "d0", "d0/e")), Gen.elements(NAMES),
        (d, n) -> d.isEmpty() ? n : d + "/" + n);
  }

  @SuppressWarnings("unchecked")
  static Gen<Step> steps(Model m) {
    // sizes: 1 byte to 6 MiB, so roundup to 2 MiB units is exercised
    Gen<Step> creat = Gen.zip(paths(), Gen.longs(1, 6L << 20), Gen.ints(0, 99), Creat::new);
    List<String> existing = new ArrayList<>(m.files.keySet());
    existing.sort(null);
    Gen<Step> read = existing.isEmpty() ? creat : Gen.elements(existing).map(ReadBoth::new);
    return Gen.frequency(
        Map.entry(4, creat),
        Map.entry(2, Gen.elements(DIRS).map(Mkdir::new)),
        Map.entry(3, Gen.constant(0).map(x -> new Logplay())),
        Map.entry(4, read),
        Map.entry(1, Gen.booleans().map(Remount::new)),
        Map.entry(1, paths().map(ClientCreat::new)));
  }

  static Shell world() {
    try {
      return Worlds.run(Worlds.TWO_HOSTS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void masterCreatesClientReplaysBothReadTheSameBytes() {
    Stateful<Shell, Model> machine = Stateful.<Shell, Model>of(MultiHostStatefulTest::world,
            Model::new)
        .actionsFrom(MultiHostStatefulTest::steps)
        .invariant((sh, m) -> WorldInvariants.check(sh.world()))
        .maxSteps(16)
        .tries(100);
    try {
      machine.check();
    } catch (PropertyFailure f) {
      throw Replay.failure(f, MultiHostStatefulTest.class, Worlds.TWO_HOSTS);
    }
  }
}
