package org.daxsim.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.daxsim.bus.daxctl.Daxctl;
import org.daxsim.sim.Configuration;
import org.daxsim.sim.DaxSim;
import org.daxsim.sim.Host;
import org.daxsim.sim.RegionKind;
import org.daxsim.sim.RegionRequest;
import org.daxsim.sim.World;
import org.daxsim.fs.famfs.tools.ToolResult;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 5 of issue 8: building and dropping one property-try world. A fresh {@link World}
 * (node0 booted), an idle 64 GiB hmem region, 8 devices made by 32 random create / grow /
 * shrink steps through daxctl on the real bus, the largest put in famfs mode, mkfs.famfs on it,
 * famfs mount, 100 files by famfs creat, then umount and the world dropped, as a property try
 * drops it. Worlds per second is the score. The baseline in the same run is the per-layer
 * split: the {@link Layers} counters add up the nanoseconds each layer took during the
 * iteration, so each reads as the share of wall time (ns per s / 1e9) spent in bus/daxctl,
 * famfs mkfs+mount, files and teardown.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WorldConstructionBench {
  /** The precomputed steps (seeded), shared by every invocation. */
  @State(Scope.Benchmark)
  public static class Script {
    @Param({"64"})
    public long regionGiB;
    @Param({"8"})
    public int devices;
    @Param({"32"})
    public int steps;
    @Param({"100"})
    public int files;

    WorldSteps w;
    String dev;
    String[][] creats;

    @Setup
    public void setup() throws Exception {
      w = new WorldSteps(regionGiB << 30, devices, steps, files, 0x5eedL);
      dev = "/dev/" + w.famfsDev;
      creats = new String[files][];
      for (int i = 0; i < files; i++) {
        creats[i] = new String[] {"famfs", "creat", "-s", Long.toString(w.fileSizes[i]),
            String.format("/mnt/f%03d", i)};
      }
      check(build(this, null));
    }

    /** The first world must match the model: every device at its planned size. */
    private void check(Host h) throws Exception {
      for (int i = 0; i < devices; i++) {
        long size = h.bus().device(WorldSteps.name(i)).size();
        if (size != w.sizes[i]) {
          throw new IllegalStateException(WorldSteps.name(i) + " is " + size + ", planned "
              + w.sizes[i]);
        }
      }
    }
  }

  /** Nanoseconds per layer, summed over the iteration and reported per second of wall time. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Layers {
    public long busNs;
    public long famfsNs;
    public long filesNs;
    public long teardownNs;

    @Setup(Level.Iteration)
    public void reset() {
      busNs = famfsNs = filesNs = teardownNs = 0;
    }
  }

  /** One world, built, used and dropped; returns the number of devices as a check value. */
  @Benchmark
  public int world(Script s, Layers l) throws Exception {
    Host h = build(s, l);
    return h.bus().devices().size();
  }

  /** The whole try; with {@code l} null (the setup check) nothing is timed or torn down. */
  static Host build(Script s, Layers l) throws Exception {
    long t0 = System.nanoTime();
    World world = DaxSim.newWorld(Configuration.defaults());
    Host h = world.currentHost();
    world.addRegion(h, new RegionRequest(RegionKind.HMEM, null, s.regionGiB << 30,
        RegionRequest.DEFAULT_ALIGN, true, -1, 0));
    Daxctl daxctl = h.daxctl();
    for (List<String> argv : s.w.daxctl) {
      ok(daxctl.run(argv), argv);
    }
    ok(daxctl.run(List.of("reconfigure-device", "-m", "famfs", s.w.famfsDev)), "famfs mode");
    long t1 = System.nanoTime();
    ok(h.famfsTool("mkfs.famfs", s.dev));
    ok(h.famfsTool("famfs", "mount", s.dev, "/mnt"));
    long t2 = System.nanoTime();
    for (String[] c : s.creats) {
      ok(h.famfsTool(c));
    }
    long t3 = System.nanoTime();
    if (l == null) {
      return h;
    }
    ok(h.famfsTool("umount", "/mnt"));
    long t4 = System.nanoTime();
    l.busNs += t1 - t0;
    l.famfsNs += t2 - t1;
    l.filesNs += t3 - t2;
    l.teardownNs += t4 - t3;
    return h;
  }

  private static void ok(Daxctl.Result r, Object what) {
    if (r.exit() != 0) {
      throw new IllegalStateException("daxctl " + what + ": " + r.stderr());
    }
  }

  private static void ok(ToolResult r) {
    if (r.exit() != 0) {
      throw new IllegalStateException(r.stderr());
    }
  }
}
