package org.daxsim.testkit.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.daxsim.sim.Host;
import org.daxsim.sim.World;

/**
 * Every bus and famfs invariant a world's state shows, checked in one call, for use after each
 * step of a stateful test or after each test ({@link DaxWorldExtension}).
 *
 * <pre>{@code
 * World w = DaxSim.newWorld("seed=7");
 * ... drive it ...
 * WorldInvariants.check(w);   // throws InvariantViolations listing every broken invariant
 * }</pre>
 *
 * <p>Ids refer to the numbered lists of the references: {@code kernel-dax#N} is
 * kernel-dax.md section 10, {@code famfs#N} is famfs.md section 8, {@code sysfs} is an
 * attribute that disagrees with its object. Checked, per host:
 *
 * <ul>
 *   <li>bus: kernel-dax 1 and 2 (pgoff_to_phys at the first, middle and last page of each
 *       range, -1 past a range end and past the device), 3 (pgoff gap-free in index order),
 *       4 (ranges page aligned, disjoint within a device and across a region, inside the
 *       region, each a child resource), 5 (available_size = size - sum of ranges, recomputed),
 *       6 (size = sum of ranges; lengths multiple of max(align, 2 MiB)), 10 (alive iff bound
 *       to device_dax or fsdev_dax), 13 (unique minors), 18 (a 0-size device is unbound),
 *       19 (the seed is an unbound device of its region), 20 (align 4K/2M/1G), 34 (mappingN
 *       children equal the ranges), 35 (static regions: one device, hidden attributes); the
 *       region and device sysfs attributes against the objects;</li>
 *   <li>every famfs mount, read from the raw device bytes by an independent decoder: famfs 1
 *       (layout), 2 (superblock magic, version, CRC, alloc unit), 3 (log_len), 4 (log header),
 *       5 (entries' seqnum and CRC; next_seqnum), 6 (next_index within the log), 9 (file
 *       entries: size, path, aligned extents inside the device, never offset 0), 10 (allocated
 *       lengths), 11 (the bitmap rebuilt from the log has no collisions), 14 and 15 (strip
 *       count and chunk of interleaved files), 31 (one mount per device), 34 (meta files map
 *       exactly the superblock and the log), 35 (ADD_DAXDEV entries); and the mounted files
 *       against the log: 19 (i_size = map size = logged size), 23/24 (a mapped file has a log
 *       entry and its fmap, uid, gid), 25 (mode on master and clients), 9 (maps inside the
 *       device).</li>
 * </ul>
 *
 * <p>Not checked, because they are properties of operations rather than of a state (the
 * contract suite and stateful tests check them): kernel-dax 7-9, 11, 12, 14-17, 21-33, 36 and
 * the rejections of 13, 19, 20; famfs 7, 8, 12 (implied by 9 and 11), 13, 16-18 (resolution
 * arithmetic: checked through the maps' equality with the log), 20-22, 26-30, 32, 33; famfs
 * 14's buckets (the bucket count is not logged). A mount shut down by a device error is
 * checked on its media only. {@code famfs clone} breaks famfs 11 on purpose: ignore it with
 * {@link #check(World, String...)}.
 */
public final class WorldInvariants {
  private WorldInvariants() {}

  /**
   * Checks every invariant of {@code world}.
   *
   * @throws InvariantViolations listing every broken invariant, if any
   * @throws NullPointerException if {@code world} is null
   */
  public static void check(World world) {
    check(world, new String[0]);
  }

  /**
   * Checks every invariant of {@code world} except those whose id is in {@code ignored} (e.g.
   * {@code "famfs#11"} for a world where {@code famfs clone} shares extents on purpose).
   *
   * @throws InvariantViolations listing every other broken invariant, if any
   */
  public static void check(World world, String... ignored) {
    Set<String> skip = Set.of(ignored);
    List<Violation> found = new ArrayList<>();
    for (Violation v : violations(world)) {
      if (!skip.contains(v.id())) {
        found.add(v);
      }
    }
    if (!found.isEmpty()) {
      throw new InvariantViolations(world.toString(), found);
    }
  }

  /** Every broken invariant of {@code world}, bus before famfs, host by host; empty if none. */
  public static List<Violation> violations(World world) {
    Objects.requireNonNull(world, "world");
    Findings out = new Findings();
    for (Host h : world.hosts()) {
      BusChecks.check(h, out);
      FamfsChecks.check(h, out);
    }
    return out.list();
  }
}
