package org.daxsim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The precomputed script of one benchmark-5 world: {@code steps} daxctl command lines that
 * create, grow and shrink devices of an idle region until it holds {@code devices} devices,
 * the device famfs goes on (the largest, at least 4 GiB, the famfs tools' minimum) and the
 * file sizes. Drawn once from a seed against a model of the region's free bytes, so every step
 * succeeds on the real bus and every invocation runs the same lines.
 */
final class WorldSteps {
  static final long MIB = 1L << 20;
  static final long GIB = 1L << 30;
  static final long UNIT = 2 * MIB;
  /** The largest create; grows leave this much free per device still to create. */
  static final long MAX_CREATE = 2048 * UNIT;

  /** daxctl argument lists, in order (disable / resize / enable for a resize). */
  final List<List<String>> daxctl = new ArrayList<>();
  /** The famfs device's name, e.g. {@code dax0.4}. */
  final String famfsDev;
  /** The final size of each created device, by index (see {@link #name}). */
  final long[] sizes;
  /** The size of each famfs file. */
  final long[] fileSizes;

  WorldSteps(long regionSize, int devices, int steps, int files, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int attempt = 0; ; attempt++) {
      daxctl.clear();
      long[] s = draw(rnd, regionSize, devices, steps);
      int big = 0;
      for (int i = 1; i < s.length; i++) {
        big = s[i] > s[big] ? i : big;
      }
      if (s[big] >= 4 * GIB) {
        sizes = s;
        famfsDev = name(big);
        break;
      }
      if (attempt > 100) {
        throw new IllegalStateException("no layout with a 4 GiB device");
      }
    }
    fileSizes = new long[files];
    for (int i = 0; i < files; i++) {
      fileSizes[i] = rnd.nextLong(1, 8 * MIB + 1);
    }
  }

  /**
   * The bus name of the {@code i}-th created device: the idle region starts with dax0.0 of
   * size 0, so creates make dax0.1, dax0.2, ...
   */
  static String name(int i) {
    return "dax0." + (i + 1);
  }

  /** One random walk: creates while devices are missing (forced at the end), else resizes. */
  private long[] draw(SplittableRandom rnd, long regionSize, int devices, int steps) {
    long[] size = new long[devices];
    int made = 0;
    long used = 0;
    for (int step = 0; step < steps; step++) {
      int left = steps - step;
      boolean create = made < devices
          && (made == 0 || left <= devices - made || rnd.nextInt(3) == 0);
      if (create) {
        long want = rnd.nextLong(256, 2049) * UNIT; // 512 MiB to 4 GiB: always reserved
        size[made] = want;
        used += want;
        daxctl.add(List.of("create-device", "-r", "region0", "-s", Long.toString(want)));
        made++;
        continue;
      }
      int d = rnd.nextInt(made);
      long free = regionSize - used - (devices - made) * MAX_CREATE;
      long next;
      if (rnd.nextBoolean() && free >= UNIT) {
        next = size[d] + Math.min(free, rnd.nextLong(64, 1025) * UNIT);
      } else {
        next = Math.max(UNIT, size[d] - rnd.nextLong(64, 1025) * UNIT);
      }
      used += next - size[d];
      size[d] = next;
      String name = name(d);
      // the kernel resizes only a disabled device (size_store: -EBUSY while bound)
      daxctl.add(List.of("disable-device", name));
      daxctl.add(List.of("reconfigure-device", "-s", Long.toString(next), name));
      daxctl.add(List.of("enable-device", name));
    }
    return size;
  }
}
