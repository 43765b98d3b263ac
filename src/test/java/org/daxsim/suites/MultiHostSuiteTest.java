package org.daxsim.suites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysWindow;
import org.daxsim.fs.dax.Iomap;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Stateful;
import org.daxsim.sim.DaxSim;
import org.daxsim.sim.Host;
import org.daxsim.sim.Result;
import org.daxsim.sim.Shell;
import org.daxsim.testkit.world.WorldInvariants;
import org.junit.jupiter.api.Test;

/**
 * Suite 4: famfs on two hosts that map one memory pool at different physical addresses (node0
 * at the default base, node1 at 0x300000000). The master creates files with the famfs tools,
 * the client replays the log, either host writes with pwrite(2), both read. After every step:
 * {@link WorldInvariants} (every bus and famfs invariant of both hosts) and the cross-host
 * resolution check: for every file each host knows, each host's map resolves every sampled
 * offset through its own dax0.0 ranges and physical window to the <em>same</em> pool offset
 * (the model: linear walks of the map and the ranges), and pread(2) on each host equals the raw
 * pool bytes there.
 */
class MultiHostSuiteTest {
  static final long UNIT = 2L << 20;
  static final List<String> SETUP = List.of(
      "memdev add pool0 --size 8G",
      "host add node1 --uuid 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
      "region add --memdev pool0 > /tmp/r.json",
      "@node1 region add --memdev pool0 --base 0x300000000 > /tmp/r.json",
      "daxctl reconfigure-device -m famfs dax0.0 > /tmp/d.json",
      "@node1 daxctl reconfigure-device -m famfs dax0.0 > /tmp/d.json",
      "mkfs.famfs /dev/dax0.0 > /tmp/mkfs.out",
      "famfs mount /dev/dax0.0 /mnt > /tmp/mount.out",
      "@node1 famfs mount /dev/dax0.0 /mnt > /tmp/mount.out");

  /** Files the master made (name -> size) and those the client has replayed. */
  static final class Model {
    final Map<String, Long> files = new LinkedHashMap<>();
    final Set<String> client = new LinkedHashSet<>();
  }

  static Shell world() {
    try {
      Shell sh = DaxSim.newShell(DaxSim.newWorld("seed=0"));
      for (String l : SETUP) {
        ok(sh, l);
      }
      return sh;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Result ok(Shell sh, String line) throws Exception {
    Result r = sh.execute(line);
    assertThat(r.exit()).as(line + ": " + r.stderr()).isZero();
    return r;
  }

  static Gen<Action<Shell, Model>> actions(Model m) {
    Gen<Action<Shell, Model>> creat = src -> {
      String name = "f" + src.chooseInt(0, 5);
      long size = src.weighted(0.3) ? src.choose(1, 3 * UNIT) : src.choose(1, 5) * UNIT
          - src.choose(0, 8191);
      long seed = src.choose(1, 1000);
      return Action.of("creat(" + name + ", " + size + ")", mm -> !mm.files.containsKey(name),
          (sh, mm) -> {
            ok(sh, "famfs creat -s " + size + " -r -S " + seed + " /mnt/" + name);
            mm.files.put(name, size);
          });
    };
    Gen<Action<Shell, Model>> logplay = Gen.constant(Action.of("logplay(node1)",
        (sh, mm) -> {
          ok(sh, "@node1 famfs logplay /mnt > /tmp/lp.out");
          mm.client.addAll(mm.files.keySet());
        }));
    Gen<Action<Shell, Model>> write = src -> {
      boolean onClient = src.flip();
      int pick = src.chooseInt(0, 5);
      long posPick = src.choose(0, Long.MAX_VALUE - 1);
      int len = src.chooseInt(1, 3 * 4096);
      long seed = src.choose(0, 1000);
      String host = onClient ? "node1" : "node0";
      return Action.of("write(" + host + ", #" + pick + ", " + len + ")",
          mm -> !(onClient ? mm.client : mm.files.keySet()).isEmpty(), (sh, mm) -> {
            List<String> names = new ArrayList<>(onClient ? mm.client : mm.files.keySet());
            String name = names.get(pick % names.size());
            long size = mm.files.get(name);
            long pos = Long.remainderUnsigned(posPick, size);
            byte[] b = new byte[len];
            new Random(seed).nextBytes(b);
            Host h = sh.world().host(host);
            int fd = h.root().open("/mnt/" + name, Fcntl.O_RDWR);
            int n = h.root().pwrite(fd, b, 0, len, pos);
            h.root().close(fd);
            assertThat(n).as("pwrite cut at EOF").isEqualTo((int) Math.min(len, size - pos));
            for (Host other : sh.world().hosts()) {
              if (other == h || mm.client.contains(name) || other.name().equals("node0")) {
                byte[] r = pread(other, name, pos, n);
                assertThat(r).as("%s reads what %s wrote", other.name(), host)
                    .isEqualTo(Arrays.copyOf(b, n));
              }
            }
          });
    };
    return Gen.frequency(Map.entry(3, creat), Map.entry(2, logplay), Map.entry(4, write));
  }

  static byte[] pread(Host h, String name, long pos, int len) throws Exception {
    int fd = h.root().open("/mnt/" + name, Fcntl.O_RDONLY);
    byte[] b = new byte[len];
    int n = h.root().pread(fd, b, 0, len, pos);
    h.root().close(fd);
    return Arrays.copyOf(b, n);
  }

  /** The pool offset of file offset {@code pos} on host {@code h}: model walks + the window. */
  static long poolOffset(Host h, FamfsMap map, long pos) {
    Iomap io = map.resolve(pos, 1, null);
    assertThat(io).as("map of %s resolves %d", h.name(), pos).isNotNull();
    long dev = io.addr() + (pos - io.offset());
    DevDax d = h.bus().device("dax0.0");
    long local = dev;
    for (DevDaxRange r : d.ranges()) {
      if (local < r.length()) {
        long phys = r.start() + local;
        PhysWindow w = h.phys().find(phys);
        assertThat(w.device().name()).isEqualTo("pool0");
        return w.toDeviceOffset(phys);
      }
      local -= r.length();
    }
    throw new AssertionError("device byte " + dev + " past dax0.0 on " + h.name());
  }

  /** How many (host, file) resolutions the invariant checked on the client. */
  static final java.util.concurrent.atomic.AtomicInteger CLIENT_CHECKS =
      new java.util.concurrent.atomic.AtomicInteger();

  static void crossHost(Shell sh, Model m) throws Exception {
    WorldInvariants.check(sh.world());
    MemoryDevice pool = sh.world().memdev("pool0");
    Host master = sh.world().host("node0");
    Host client = sh.world().host("node1");
    for (Map.Entry<String, Long> e : m.files.entrySet()) {
      String name = e.getKey();
      long size = e.getValue();
      List<Host> hosts = m.client.contains(name) ? List.of(master, client) : List.of(master);
      List<Long> samples = new ArrayList<>(List.of(0L, size - 1, size / 2));
      for (long b = UNIT; b < size; b += UNIT) {
        samples.add(b - 1);
        samples.add(b);
      }
      for (Host h : hosts) {
        int fd = h.root().open("/mnt/" + name, Fcntl.O_RDONLY);
        FamfsMap map = FamfsIoctl.mapGetV2(h.root(), fd);
        h.root().close(fd);
        if (h == client) {
          CLIENT_CHECKS.incrementAndGet();
        }
        assertThat(map.fileSize()).isEqualTo(size);
        for (long pos : samples) {
          long off = poolOffset(h, map, pos);
          if (h != master) {
            FamfsMap mm = mapOf(master, name);
            assertThat(off).as("%s and node0 agree on pool offset of %s@%d", h.name(), name, pos)
                .isEqualTo(poolOffset(master, mm, pos));
          }
          int len = (int) Math.min(64, size - pos);
          byte[] raw = new byte[len];
          pool.read(off, raw, 0, len);
          assertThat(pread(h, name, pos, len)).as("%s pread %s@%d == pool", h.name(), name, pos)
              .isEqualTo(raw);
        }
      }
    }
  }

  static FamfsMap mapOf(Host h, String name) throws Exception {
    int fd = h.root().open("/mnt/" + name, Fcntl.O_RDONLY);
    try {
      return FamfsIoctl.mapGetV2(h.root(), fd);
    } finally {
      h.root().close(fd);
    }
  }

  @Test
  void masterCreatesClientReplaysBothReadTheSamePoolBytes() {
    Stateful.<Shell, Model>of(MultiHostSuiteTest::world, Model::new)
        .actionsFrom(MultiHostSuiteTest::actions)
        .invariant(MultiHostSuiteTest::crossHost)
        .maxSteps(12).tries(40).seed(11L)
        .check();
    assertThat(CLIENT_CHECKS.get()).as("client-side resolutions checked").isGreaterThan(50);
  }
}
