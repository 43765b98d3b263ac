package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.bus.BusFixture.G;
import static org.daxsim.bus.BusFixture.M;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.mem.Resource;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.Test;

/**
 * Random create / resize / mapping / align / delete / bind / unbind sequences on random
 * regions (dynamic, idle, static; every kernel profile), run on the bus and on {@link
 * AllocModel}, comparing errnos and the whole state after every step and checking the
 * kernel-dax.md invariants 1-6, 10, 15-20, 34 and 35 on the bus itself.
 */
class BusStatefulPropertyTest {
  static final int SEQUENCES = 300;
  static final long SEED = 0x5eed_b05L;

  /** The system under test: a bus, built by the first (setup) step. */
  static final class Sys {
    BusFixture f;
  }

  /** The model, with the setup flag. */
  static final class Mod {
    AllocModel m;
  }

  record RegionSpec(int kind, long size) {}

  @Test
  void busMatchesTheModelAndKeepsTheInvariants() {
    Stateful.<Sys, Mod>of(Sys::new, Mod::new)
        .actionsFrom(mod -> mod.m == null ? setup() : operations(mod.m))
        .invariant(BusStatefulPropertyTest::check)
        .maxSteps(60)
        .tries(SEQUENCES)
        .seed(SEED)
        .check();
  }

  // ---------------------------------------------------------------- generators

  static Gen<Action<Sys, Mod>> setup() {
    Gen<RegionSpec> region = Gen.frequency(
        java.util.Map.entry(6, Gen.ints(4, 64).map(k -> new RegionSpec(0, k * 2 * M))),
        java.util.Map.entry(2, Gen.ints(2, 5).map(k -> new RegionSpec(0, k * G))),
        java.util.Map.entry(2, Gen.ints(4, 64).map(k -> new RegionSpec(1, k * 2 * M))),
        java.util.Map.entry(2, Gen.ints(4, 32).map(k -> new RegionSpec(2, k * 2 * M))));
    return Gen.zip(Gen.elements(KernelProfile.values()), Gen.lists(region, 1, 3),
        (p, specs) -> Action.<Sys, Mod>of("setup(" + p.id() + ", " + describe(specs) + ")",
            mod -> mod.m == null, (sys, mod) -> build(sys, mod, p, specs)));
  }

  static String describe(List<RegionSpec> specs) {
    List<String> s = new ArrayList<>();
    for (RegionSpec r : specs) {
      s.add(new String[] {"hmem", "idle", "pmem"}[r.kind()] + " " + (r.size() >> 20) + "M");
    }
    return s.toString();
  }

  static long regionStart(int i) {
    return 0x100000000L + i * 16 * G;
  }

  static void build(Sys sys, Mod mod, KernelProfile p, List<RegionSpec> specs)
      throws ErrnoException {
    sys.f = new BusFixture(p);
    AllocModel m = new AllocModel(p);
    for (int i = 0; i < specs.size(); i++) {
      RegionSpec s = specs.get(i);
      long start = regionStart(i);
      if (s.kind() == 2) {
        PmemNamespace.register(sys.f.bus, i, 0, start - 2 * M, s.size() + 2 * M, 2 * M, 2 * M, 0);
        m.produce(new AllocModel.Region(i, start, s.size(), true, false, 2 * M), s.size(), 0);
      } else {
        boolean idle = s.kind() == 1;
        sys.f.hmem(i, start, s.size(), idle);
        boolean kmem = !idle && p != KernelProfile.LINUX_6_1;
        m.produce(new AllocModel.Region(i, start, s.size(), false, kmem, 2 * M),
            idle ? 0 : s.size(), 0);
      }
    }
    mod.m = m;
  }

  static Gen<Action<Sys, Mod>> operations(AllocModel m) {
    List<String> names = new ArrayList<>();
    for (AllocModel.Dev d : m.devices()) {
      names.add(d.name());
    }
    names.add("dax7.7");
    int nr = m.regions.size();
    Gen<String> dev = Gen.elements(names);
    Gen<Integer> region = Gen.ints(0, nr - 1);
    return Gen.frequency(
        java.util.Map.entry(3, region.map(r -> op("create(region" + r + ")",
            (s, md) -> s.f.bus.region(r).create(), md -> md.create(md.regions.get(r))))),
        java.util.Map.entry(6, Gen.zip(dev, sizes(), (n, sz) -> devOp("resize(" + n + ", "
            + hex(sz) + ")", n, d -> d.resize(sz), (md, d) -> md.resize(d, sz)))),
        java.util.Map.entry(3, Gen.zip(dev, Gen.longs(0, 80), lens(), (n, k, len) -> {
          AllocModel.Dev md = m.dev(n);
          long base = md == null ? regionStart(0) : md.region.start;
          long start = base + k * 2 * M + (k % 7 == 3 ? 4096 : 0);
          long end = start + len - 1;
          return devOp("mapping(" + n + ", " + hex(start) + "-" + hex(end) + ")", n,
              d -> d.mapping(start, end), (mm, d) -> mm.mapping(d, start, end));
        })),
        java.util.Map.entry(3, Gen.zip(dev, Gen.elements(4096L, 2 * M, G, M, 0L, -4096L, 8192L),
            (n, a) -> devOp("align(" + n + ", " + hex(a) + ")", n, d -> d.setAlign(a),
                (md, d) -> md.align(d, a)))),
        java.util.Map.entry(3, Gen.zip(region, dev, (r, n) -> op("delete(region" + r + ", "
            + n + ")", (s, md) -> s.f.bus.region(r).delete(n),
            md -> md.delete(md.regions.get(r), n)))),
        java.util.Map.entry(4, Gen.zip(dev, Gen.ints(0, 9), (n, fail) -> bindOp(n, fail == 0))),
        java.util.Map.entry(4, dev.map(n -> devOp("unbind(" + n + ")", n,
            d -> d.bus().unbind(d), (md, d) -> md.unbind(d)))));
  }

  static Gen<Long> sizes() {
    return Gen.frequency(
        java.util.Map.entry(8, Gen.longs(0, 70).map(k -> k * 2 * M)),
        java.util.Map.entry(2, Gen.longs(0, 5).map(k -> k * G)),
        java.util.Map.entry(1, Gen.longs(0, 70).map(k -> k * 2 * M + M)),
        java.util.Map.entry(1, Gen.elements(4096L, -2 * M, Long.MIN_VALUE, 1L << 62)));
  }

  static Gen<Long> lens() {
    return Gen.frequency(
        java.util.Map.entry(6, Gen.longs(1, 8).map(k -> k * 2 * M)),
        java.util.Map.entry(1, Gen.constant(M)),
        java.util.Map.entry(1, Gen.constant(G)),
        java.util.Map.entry(1, Gen.constant(0L)));
  }

  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  interface SysStep {
    void run(Sys s, AllocModel m) throws ErrnoException;
  }

  interface DevStep {
    void run(DevDax d) throws ErrnoException;
  }

  interface ModelStep {
    Errno run(AllocModel m);
  }

  interface ModelDevStep {
    Errno run(AllocModel m, AllocModel.Dev d);
  }

  static Action<Sys, Mod> op(String name, SysStep sys, ModelStep model) {
    return Action.of(name, md -> md.m != null, (s, md) -> {
      Errno got = errnoOf(() -> sys.run(s, md.m));
      Errno want = model.run(md.m);
      assertThat(got).as(name + " errno").isEqualTo(want);
    });
  }

  /** An operation on a device by name; an unknown name must not exist on the bus either. */
  static Action<Sys, Mod> devOp(String name, String dev, DevStep sys, ModelDevStep model) {
    return Action.of(name, md -> md.m != null, (s, md) -> {
      AllocModel.Dev d = md.m.dev(dev);
      DevDax real = s.f.bus.device(dev);
      if (d == null) {
        assertThat(real).as(dev).isNull();
        return;
      }
      Errno got = errnoOf(() -> sys.run(real));
      Errno want = model.run(md.m, d);
      assertThat(got).as(name + " errno").isEqualTo(want);
    });
  }

  static Action<Sys, Mod> bindOp(String dev, boolean probeFails) {
    String name = (probeFails ? "bindFailingProbe(" : "bind(") + dev + ")";
    return Action.of(name, md -> md.m != null, (s, md) -> {
      AllocModel.Dev d = md.m.dev(dev);
      DevDax real = s.f.bus.device(dev);
      if (d == null) {
        assertThat(real).isNull();
        return;
      }
      String drv = md.m.matchingDriver(d);
      TestDriver td = drv.equals("kmem") ? s.f.kmem : s.f.devdax;
      td.failWith = probeFails ? Errno.EIO : null;
      Errno got;
      try {
        got = errnoOf(() -> s.f.bus.bind(real, drv));
      } finally {
        td.failWith = null;
      }
      assertThat(got).as(name + " errno").isEqualTo(md.m.bind(d, probeFails));
    });
  }

  interface Step {
    void run() throws ErrnoException;
  }

  static Errno errnoOf(Step s) {
    try {
      s.run();
      return null;
    } catch (ErrnoException e) {
      return e.errno();
    }
  }

  // ---------------------------------------------------------------- the check after each step

  static void check(Sys sys, Mod mod) throws ErrnoException {
    if (mod.m == null) {
      return;
    }
    DaxBus bus = sys.f.bus;
    assertThat(bus.regions()).hasSize(mod.m.regions.size());
    for (AllocModel.Region mr : mod.m.regions) {
      checkRegion(bus.region(mr.id), mr);
    }
  }

  static void checkRegion(DaxRegion r, AllocModel.Region mr) throws ErrnoException {
    List<String> names = new ArrayList<>();
    for (DevDax d : r.devices()) {
      names.add(d.name());
    }
    List<String> want = new ArrayList<>();
    for (AllocModel.Dev d : mr.devs.values()) {
      want.add(d.name());
    }
    assertThat(names).as("devices of region " + r.id()).isEqualTo(want);
    assertThat(name(r.seed())).as("seed").isEqualTo(mr.seed == null ? null : mr.seed.name());
    assertThat(name(r.youngest())).as("youngest")
        .isEqualTo(mr.youngest == null ? null : mr.youngest.name());
    // invariant 5: available = size - all ranges; 4: children disjoint, inside, owned
    assertThat(r.availableSize()).as("available_size").isEqualTo(mr.avail());
    long sum = 0;
    long prevEnd = r.start() - 1;
    List<Resource> children = r.resource().children();
    List<Object[]> used = mr.used();
    assertThat(children).hasSize(used.size());
    for (int i = 0; i < children.size(); i++) {
      Resource c = children.get(i);
      assertThat(c.start()).isGreaterThan(prevEnd);
      assertThat(c.end()).isLessThanOrEqualTo(r.end());
      assertThat(new long[] {c.start(), c.end()})
          .containsExactly((Long) used.get(i)[0], (Long) used.get(i)[1]);
      assertThat(c.name()).isEqualTo(((AllocModel.Dev) used.get(i)[2]).name());
      prevEnd = c.end();
    }
    for (DevDax d : r.devices()) {
      sum += d.size();
      checkDevice(d, mr.devs.get(d.id()));
    }
    assertThat(sum + r.availableSize()).isEqualTo(r.size());
    if (r.isStatic()) { // invariant 35
      assertThat(r.devices()).hasSize(1);
      assertThat(r.seed()).isNull();
      assertThat(r.devices().get(0).id()).isGreaterThanOrEqualTo(0);
    }
  }

  static String name(DevDax d) {
    return d == null ? null : d.name();
  }

  static void checkDevice(DevDax d, AllocModel.Dev md) throws ErrnoException {
    List<DevDaxRange> ranges = d.ranges();
    assertThat(ranges).as(d.name() + " ranges").hasSize(md.ranges.size());
    long pgoff = 0;
    long size = 0;
    long gran = Math.max(d.align(), 2 * M);
    for (int i = 0; i < ranges.size(); i++) {
      DevDaxRange rg = ranges.get(i);
      assertThat(new long[] {rg.start(), rg.end()}).as(d.name() + " range " + i)
          .containsExactly(md.ranges.get(i)[0], md.ranges.get(i)[1]);
      assertThat(rg.pgoff()).as("invariant 3: pgoff space gap-free").isEqualTo(pgoff);
      if (!md.region.unalignedStart) {
        // Invariant 6 holds only while every allocation boundary is aligned: mapping_store
        // checks the length, never the start, so a later grow can fill a 4 KiB sliver with a
        // 4 KiB range (found by this test; the kernel code does the same).
        assertThat(rg.length() % gran).as("invariant 6: range length aligned").isZero();
      }
      // invariants 1 and 2 at the edges of the range
      assertThat(d.pgoffToPhys(rg.pgoff(), 4096)).isEqualTo(rg.start());
      assertThat(d.pgoffToPhys(rg.lastPgoff(), 4096)).isEqualTo(rg.end() - 4095);
      assertThat(d.pgoffToPhys(rg.lastPgoff(), 8192)).as("span crossing the range end")
          .isEqualTo(-1);
      assertThat(d.table().indexOf(rg.pgoff())).isEqualTo(i);
      assertThat(d.table().indexOf(rg.lastPgoff())).isEqualTo(i);
      pgoff += rg.pages();
      size += rg.length();
    }
    assertThat(d.pgoffToPhys(pgoff, 4096)).as("past the end").isEqualTo(-1);
    assertThat(d.table().indexOf(pgoff)).isEqualTo(-1);
    assertThat(d.size()).as("invariant 6: size = sum").isEqualTo(size);
    assertThat(d.align()).isEqualTo(md.align);
    assertThat(d.isBound()).as(d.name() + " bound").isEqualTo(md.bound);
    // invariant 10: dead unless bound (the test drivers run the dax_device at probe)
    assertThat(d.daxDevice().isAlive()).as(d.name() + " alive").isEqualTo(md.bound);
    // invariant 18: 0-size means no ranges
    if (d.size() == 0) {
      assertThat(d.nrRange()).isZero();
    }
    // invariant 34: one mappingN child per range, distinct ids
    List<Integer> ids = d.mappingIds();
    assertThat(ids).hasSize(d.nrRange());
    Set<Integer> distinct = new HashSet<>(ids);
    assertThat(distinct).hasSize(ids.size());
    assertThat(d.resourceStart()).isEqualTo(ranges.isEmpty() ? d.region().start()
        : ranges.get(0).start());
  }
}
