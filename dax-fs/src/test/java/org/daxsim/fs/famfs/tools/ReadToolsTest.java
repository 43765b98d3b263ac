package org.daxsim.fs.famfs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.LogFmap;
import org.daxsim.fs.famfs.format.SimpleExtent;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/**
 * famfs fsck, getmap, check, flush, chkread, verify and clone (famfs.md 4.1, 4.5, 4.6, 7 item
 * 5, invariants 30 and 31). Expected figures are worked out by hand from the layout: a 256 MiB
 * device has 128 units of 2 MiB, the superblock and the default 8 MiB log take units 0-4, and
 * the first file lands at 10 MiB (0xa00000).
 */
class ReadToolsTest {
  static final long MiB = 1L << 20;
  static final long DEV = 256 * MiB;

  /** A host with a mounted 256 MiB famfs at /mnt on /dev/{dev.name()}. */
  static final class Fs {
    final ToolsHost h;
    final DevDax d;

    Fs(long seed) throws Exception {
      this(new ToolsHost(seed), null);
    }

    Fs(ToolsHost h, DirectAccessVariant variant) throws Exception {
      this.h = h;
      this.d = variant == null ? h.famfsDevice(0, DEV) : device(h, 0, DEV, variant);
      ok(h.run("mkfs.famfs", dev()));
      ok(h.run("famfs", "mount", dev(), "/mnt"));
    }

    String dev() {
      return "/dev/" + d.name();
    }

    ToolResult run(String... argv) throws Exception {
      return h.run(argv);
    }
  }

  /** Like ToolsHost.famfsDevice, but with {@code variant}'s direct_access chosen before fsdev binds. */
  static DevDax device(ToolsHost h, long start, long size, DirectAccessVariant variant)
      throws Exception {
    DevDax d = h.region.create();
    d.mapping(ToolsHost.BASE + start, ToolsHost.BASE + start + size - 1);
    d.setVariant(variant);
    h.bus.newId("fsdev_dax", d.name());
    return d;
  }

  static ToolResult ok(ToolResult r) {
    assertThat(r.exit()).as(r.toString()).isZero();
    return r;
  }

  static void exit(ToolResult r, int want) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(want);
  }

  /** Appends a FILE entry with the given extents straight to the log (master session). */
  static void logFile(Fs fs, String rel, long size, SimpleExtent... exts) throws Exception {
    try (LockedLog log = LockedLog.open(fs.h.env(), "/mnt")) {
      log.append(new FileEntry(0, size, FamfsFormat.FILE_FLAG_ALL_HOSTS_RW, 0, 0, 0644, rel,
          LogFmap.simple(List.of(exts))));
    }
  }

  // ------------------------------------------------------------------ fsck

  @Test
  void fsckByPathReportsCapacityOfACleanLog() throws Exception {
    Fs fs = new Fs(1);
    ok(fs.run("famfs", "mkdir", "/mnt/d"));
    ok(fs.run("famfs", "creat", "-s", "3m", "/mnt/d/a")); // 2 units
    ok(fs.run("famfs", "creat", "-s", "5m", "/mnt/b")); // 3 units
    ToolResult r = ok(fs.run("famfs", "fsck", "/mnt"));
    String out = r.stdout();
    assertThat(out).contains("mount point: /mnt");
    assertThat(out).contains("# of log entries in use: 3 of 15420");
    assertThat(out).contains("Log size in use:          " + (48 + 3 * 544));
    assertThat(out).contains("alloc_unit:        0x200000");
    assertThat(out).contains("OMF major version: 2").contains("OMF minor version: 2");
    assertThat(out).contains("role of this node: Owner");
    assertThat(out).contains("No allocation errors found");
    assertThat(out).contains("Device capacity:        268435456");
    assertThat(out).contains("Bitmap capacity:        268435456");
    assertThat(out).contains("Sum of file sizes:      " + 8 * MiB);
    assertThat(out).contains("Allocated bytes:        " + 20 * MiB); // units 0-9
    assertThat(out).contains("Free space:             " + 236 * MiB);
    assertThat(out).contains("Space amplification:     2.50");
    assertThat(out).contains("Percent used:            7.8%");
    assertThat(out).contains("  2 files").contains("  1 directories");
    assertThat(out).contains("0 bad log entries detected");
    assertThat(out).doesNotContain("ERROR");
    // any path inside the mount works; -h prints GiB
    ToolResult hr = ok(fs.run("famfs", "fsck", "-h", "/mnt/d/a"));
    assertThat(hr.stdout()).contains("Device capacity:        0.25G")
        .contains("Free space:             0.23G");
  }

  @Test
  void fsckByDeviceIsRefusedWhileMountedAndWorksAfterUmount() throws Exception {
    Fs fs = new Fs(2);
    ok(fs.run("famfs", "creat", "-s", "2m", "/mnt/f"));
    ToolResult busy = fs.run("famfs", "fsck", fs.dev());
    exit(busy, 16); // -EBUSY
    assertThat(busy.stderr()).contains("when mounted");
    assertThat(busy.stdout()).doesNotContain("Famfs Superblock");
    ok(fs.run("umount", "/mnt"));
    ToolResult r = ok(fs.run("famfs", "fsck", fs.dev()));
    assertThat(r.stdout()).contains("primary: " + fs.dev() + "   " + DEV)
        .contains("Allocated bytes:        " + 12 * MiB).contains("1 files");
  }

  @Test
  void fsckByDeviceOnADevdaxModeDeviceMapsItRaw() throws Exception {
    ToolsHost h = new ToolsHost(3);
    DevDax d = h.devdaxDevice(0, DEV);
    ok(h.run("mkfs.famfs", "/dev/" + d.name()));
    ToolResult r = ok(h.run("famfs", "fsck", "/dev/" + d.name()));
    assertThat(r.stdout()).contains("# of log entries in use: 0 of 15420")
        .contains("Allocated bytes:        " + 10 * MiB).contains("Space amplification:     n/a");
  }

  @Test
  void cloneMakesFsckCountOneCollisionPerSharedUnit() throws Exception {
    Fs fs = new Fs(4);
    ok(fs.run("famfs", "creat", "-s", "3m", "/mnt/a")); // 2 units
    ok(fs.run("famfs", "creat", "-s", "6m", "/mnt/b")); // 3 units
    ok(fs.run("famfs", "clone", "/mnt/a", "/mnt/a2"));
    ToolResult r = fs.run("famfs", "fsck", "/mnt");
    exit(r, 2);
    assertThat(r.stdout()).contains("ERROR: 2 ALLOCATION COLLISIONS FOUND")
        .doesNotContain("Capacity:");
    ok(fs.run("famfs", "clone", "/mnt/b", "/mnt/b2"));
    ok(fs.run("famfs", "clone", "/mnt/b", "/mnt/b3"));
    exit(fs.run("famfs", "fsck", "/mnt"), 2 + 3 + 3);
    // the clone has the source's map, size and mode
    String a = ok(fs.run("famfs", "getmap", "/mnt/a")).stdout();
    String a2 = ok(fs.run("famfs", "getmap", "/mnt/a2")).stdout();
    assertThat(a2.replace("/mnt/a2", "X")).isEqualTo(a.replace("/mnt/a", "X"));
    assertThat(fs.h.root.stat("/mnt/a2").size()).isEqualTo(3 * MiB);
    // the clone is logged: it survives umount + mount (logplay), still cross-linked
    ok(fs.run("umount", "/mnt"));
    exit(fs.run("famfs", "fsck", fs.dev()), 8);
    ok(fs.run("famfs", "mount", fs.dev(), "/mnt"));
    assertThat(fs.h.root.stat("/mnt/b3").size()).isEqualTo(6 * MiB);
  }

  /**
   * Invariant 30: after cloning, fsck's collision count (and exit status) is the number of
   * 2 MiB units of every clone's source, once per clone (an extra owner), i.e. the sum of
   * ceil(size / 2 MiB) over the clone operations.
   */
  @Test
  void propertyCollisionsEqualSharedUnitsPerExtraOwner() {
    Gen<List<Integer>> sizesMiB = Gen.lists(Gen.ints(1, 9), 1, 4);
    Gen<List<Integer>> clones = Gen.lists(Gen.ints(0, 3), 0, 4);
    Property.forAll(sizesMiB, clones, Gen.longs(0, 1000))
        .named("fsck collisions = sum over clones of the source's 2 MiB units")
        .tries(25)
        .checkAssert((sizes, picks, seed) -> {
          Fs fs = new Fs(seed);
          for (int i = 0; i < sizes.size(); i++) {
            ok(fs.run("famfs", "creat", "-s", sizes.get(i) + "m", "/mnt/f" + i));
          }
          long expect = 0;
          for (int k = 0; k < picks.size(); k++) {
            int src = picks.get(k) % sizes.size();
            ok(fs.run("famfs", "clone", "/mnt/f" + src, "/mnt/c" + k));
            expect += (sizes.get(src) + 1) / 2; // units of 2 MiB
          }
          ToolResult r = fs.run("famfs", "fsck", "/mnt");
          exit(r, (int) expect);
          if (expect > 0) {
            assertThat(r.stdout()).contains("ERROR: " + expect + " ALLOCATION COLLISIONS FOUND");
          } else {
            assertThat(r.stdout()).contains("No allocation errors found");
          }
        });
  }

  @Test
  void fsckCapsItsExitStatusAt127() throws Exception {
    Fs fs = new Fs(5);
    ok(fs.run("famfs", "creat", "-s", "100m", "/mnt/big")); // 50 units
    ok(fs.run("famfs", "clone", "/mnt/big", "/mnt/c1"));
    ok(fs.run("famfs", "clone", "/mnt/big", "/mnt/c2"));
    ok(fs.run("famfs", "clone", "/mnt/big", "/mnt/c3"));
    ToolResult r = fs.run("famfs", "fsck", "/mnt");
    exit(r, 127);
    assertThat(r.stdout()).contains("ERROR: 150 ALLOCATION COLLISIONS FOUND");
  }

  @Test
  void fsckCountsExtentsPastTheDeviceEndAsErrors() throws Exception {
    Fs fs = new Fs(6);
    ok(fs.run("famfs", "creat", "-s", "2m", "/mnt/f"));
    logFile(fs, "past", 4 * MiB, new SimpleExtent(0, DEV - 2 * MiB, 4 * MiB));
    ToolResult r = fs.run("famfs", "fsck", "/mnt");
    exit(r, 1);
    assertThat(r.stdout()).contains("ERROR: 1 EXTENTS PAST THE DEVICE END")
        .contains("extent 0xfe00000+0x400000 is past the device end 0x10000000")
        .doesNotContain("COLLISIONS").doesNotContain("Capacity:");
    // two more out-of-range extents, plus one extent colliding with /mnt/f (unit 5)
    logFile(fs, "far", 4 * MiB, new SimpleExtent(0, 1L << 40, 2 * MiB),
        new SimpleExtent(0, DEV, 2 * MiB));
    logFile(fs, "dup", 2 * MiB, new SimpleExtent(0, 10 * MiB, 2 * MiB));
    ToolResult r2 = fs.run("famfs", "fsck", "/mnt");
    exit(r2, 3 + 1);
    assertThat(r2.stdout()).contains("ERROR: 3 EXTENTS PAST THE DEVICE END")
        .contains("ERROR: 1 ALLOCATION COLLISIONS FOUND");
    // an extent ending exactly at the device end is fine
    Fs ok = new Fs(7);
    logFile(ok, "last", 2 * MiB, new SimpleExtent(0, DEV - 2 * MiB, 2 * MiB));
    ToolResult r3 = ok(ok.run("famfs", "fsck", "/mnt"));
    assertThat(r3.stdout()).contains("Allocated bytes:        " + 12 * MiB);
  }

  @Test
  void fsckSkipsAndCountsBadEntries() throws Exception {
    Fs fs = new Fs(8);
    ok(fs.run("famfs", "creat", "-s", "2m", "/mnt/a"));
    ok(fs.run("famfs", "clone", "/mnt/a", "/mnt/b")); // entry 1 collides with entry 0
    exit(fs.run("famfs", "fsck", "/mnt"), 1);
    // corrupt entry 1's path byte: its CRC no longer matches; fsck skips it
    long at = FamfsFormat.LOG_OFFSET + FamfsFormat.entryOffset(1) + 100;
    byte[] b = fs.h.devBytes(fs.d, at, 1);
    b[0] ^= 0x40;
    fs.h.writeDev(fs.d, at, b);
    ToolResult r = ok(fs.run("famfs", "fsck", "/mnt"));
    assertThat(r.stdout()).contains("1 bad log entries detected").contains("log entry 1 is bad")
        .contains("2 of 15420 entries used").contains("  1 files")
        .contains("Sum of file sizes:      " + 2 * MiB);
  }

  @Test
  void fsckPerBucketStatistics() throws Exception {
    Fs fs = new Fs(9);
    ok(fs.run("famfs", "creat", "-s", "6m", "/mnt/a")); // units 5-7
    logFile(fs, "hole", 2 * MiB, new SimpleExtent(0, 40 * MiB, 2 * MiB)); // unit 20
    logFile(fs, "hi", 2 * MiB, new SimpleExtent(0, 126 * MiB, 4 * MiB)); // units 63, 64
    ToolResult r = ok(fs.run("famfs", "fsck", "-B", "2", "/mnt"));
    // bucket 0 = units 0-63: used 0-7, 20, 63 (10 units); free runs 8-19 (12), 21-62 (42)
    // bucket 1 = units 64-127: used 64; free run 65-127 (63)
    assertThat(r.stdout()).contains("Wasted overhang: 0 bytes (0 au)").contains(String.join("\n",
        "  Bitmap range 0",
        "    Size:   " + 128 * MiB,
        "    In use: " + 20 * MiB,
        "    Free:   " + 108 * MiB,
        "    Free fragments: 2",
        "    Largest frag:   " + 84 * MiB,
        "    Smallest frag:  " + 24 * MiB,
        "  Bitmap range 1",
        "    Size:   " + 128 * MiB,
        "    In use: " + 2 * MiB,
        "    Free:   " + 126 * MiB,
        "    Free fragments: 1",
        "    Largest frag:   " + 126 * MiB,
        "    Smallest frag:  " + 126 * MiB));
    // 3 buckets of 42 units leave 2 units over
    assertThat(ok(fs.run("famfs", "fsck", "-B", "3", "/mnt")).stdout())
        .contains("Wasted overhang: " + 4 * MiB + " bytes (2 au)").contains("Bitmap range 2")
        .doesNotContain("Bitmap range 3");
    assertThat(ok(fs.run("famfs", "fsck", "-B", "0", "/mnt")).stdout())
        .doesNotContain("Bitmap range");
    exit(fs.run("famfs", "fsck", "-B", "65", "/mnt"), 1);
    exit(fs.run("famfs", "fsck", "-B", "x", "/mnt"), 1);
  }

  @Test
  void fsckArgumentErrors() throws Exception {
    Fs fs = new Fs(10);
    exit(fs.run("famfs", "fsck"), 1);
    exit(fs.run("famfs", "fsck", "-m", "-r", "/mnt"), 1);
    exit(fs.run("famfs", "fsck", "-Z", "/mnt"), 1);
    exit(fs.run("famfs", "fsck", "/nonexistent"), 2); // -ENOENT
    fs.h.root.mkdir("/plain", 0755);
    ToolResult notFamfs = fs.run("famfs", "fsck", "/plain");
    exit(notFamfs, 1);
    assertThat(notFamfs.stderr()).contains("not in a famfs");
    // a device without a superblock
    DevDax blank = fs.h.famfsDevice(DEV, DEV);
    exit(fs.run("famfs", "fsck", "/dev/" + blank.name()), 1);
    // the hidden -m/-r and the accepted-and-ignored flags parse
    ok(fs.run("famfs", "fsck", "-m", "-v", "/mnt"));
  }

  // ------------------------------------------------------------------ getmap

  @Test
  void getmapPrintsSimpleAndInterleavedMaps() throws Exception {
    Fs fs = new Fs(11);
    ok(fs.run("famfs", "creat", "-s", "3m", "/mnt/a"));
    ToolResult r = ok(fs.run("famfs", "getmap", "/mnt/a"));
    assertThat(r.stdout()).isEqualTo(String.join("\n",
        "File:     /mnt/a",
        "\tsize:    " + 3 * MiB,
        "\textents: 1",
        "\t\ta00000\t" + 4 * MiB,
        "famfs_getmap: good file /mnt/a", ""));
    ToolEnv env = fs.h.env().withMinBucketSize(64 * MiB);
    ok(FamfsCli.run(env, "famfs", "creat", "-s", "8m", "-N", "2", "-B", "2", "/mnt/i"));
    ToolResult ri = ok(fs.run("famfs", "getmap", "/mnt/i"));
    assertThat(ri.stdout()).contains("\tsize:    " + 8 * MiB)
        .contains("Interleave_Param chunk_size: " + 2 * MiB)
        .contains("Interleaved extent has 2 strips:");
    // 8 MiB over 2 strips of 2 MiB chunks: 2 stripes, each strip 4 MiB
    assertThat(ri.stdout().lines().filter(l -> l.startsWith("\t\t") && l.endsWith("\t" + 4 * MiB)))
        .hasSize(2);
    assertThat(ok(fs.run("famfs", "getmap", "-q", "/mnt/a")).stdout()).isEmpty();
  }

  @Test
  void getmapExitStatuses() throws Exception {
    Fs fs = new Fs(12);
    ok(fs.run("famfs", "creat", "-s", "2m", "/mnt/a"));
    ok(fs.run("famfs", "mkdir", "/mnt/d"));
    fs.h.root.close(fs.h.root.open("/mnt/rogue", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644));
    fs.h.root.mkdir("/plain", 0755);
    fs.h.root.close(fs.h.root.open("/plain/f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644));
    exit(fs.run("famfs", "getmap", "/plain/f"), 1);
    ToolResult unmapped = fs.run("famfs", "getmap", "/mnt/rogue");
    exit(unmapped, 2);
    assertThat(unmapped.stdout()).contains("is famfs, but has no map");
    exit(fs.run("famfs", "getmap", "/mnt/nothere"), 9);
    exit(fs.run("famfs", "getmap", "/mnt/d"), 21);
    exit(fs.run("famfs", "getmap"), 22);
    exit(fs.run("famfs", "getmap", "-x", "/mnt/a"), 1);
    // without -c the first failure ends it; with -c every file is looked at, last failure wins
    ToolResult stop = fs.run("famfs", "getmap", "/mnt/d", "/mnt/a");
    exit(stop, 21);
    assertThat(stop.stdout()).doesNotContain("good file");
    ToolResult cont = fs.run("famfs", "getmap", "-c", "/mnt/d", "/mnt/nothere", "/mnt/a");
    exit(cont, 9);
    assertThat(cont.stdout()).contains("good file /mnt/a");
    ok(fs.run("famfs", "getmap", "-q", "/mnt/a", "/mnt/.meta/.log"));
    assertThat(fs.run("famfs", "getmap", "-q", "/mnt/nothere").stderr()).isEmpty();
  }

  // ------------------------------------------------------------------ check

  @Test
  void checkFindsFilesWithoutAMap() throws Exception {
    Fs fs = new Fs(13);
    ok(fs.run("famfs", "mkdir", "-p", "/mnt/d/e"));
    ok(fs.run("famfs", "creat", "-s", "2m", "/mnt/d/e/f"));
    ok(fs.run("famfs", "creat", "-s", "2m", "/mnt/g"));
    ToolResult r = ok(fs.run("famfs", "check", "/mnt"));
    // .meta/.superblock, .meta/.log, d/e/f, g; directories .meta, d, d/e
    assertThat(r.stdout()).contains("famfs_check: 4 files, 3 directories, 0 errors");
    ok(fs.run("famfs", "check", "-v", "/mnt/"));
    fs.h.root.close(fs.h.root.open("/mnt/d/rogue", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644));
    fs.h.root.close(fs.h.root.open("/mnt/d/e/rogue2", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644));
    ToolResult bad = fs.run("famfs", "check", "/mnt");
    exit(bad, 1);
    assertThat(bad.stdout()).contains("6 files, 3 directories, 2 errors");
    assertThat(bad.stderr()).contains("not mapped: /mnt/d/rogue")
        .contains("not mapped: /mnt/d/e/rogue2");
  }

  @Test
  void checkArgumentErrors() throws Exception {
    Fs fs = new Fs(14);
    ok(fs.run("famfs", "mkdir", "/mnt/d"));
    exit(fs.run("famfs", "check"), 22);
    exit(fs.run("famfs", "check", "mnt"), 1); // relative: -1 -> |rc| = 1
    exit(fs.run("famfs", "check", "/mnt/d"), 1); // not a mount point
    exit(fs.run("famfs", "check", "/tmp"), 1);
    // a raw famfs mount without .meta
    DevDax other = fs.h.famfsDevice(DEV, DEV);
    fs.h.root.mkdir("/raw", 0755);
    fs.h.root.mount("/dev/" + other.name(), "/raw", "famfs", "");
    ToolResult r = fs.run("famfs", "check", "/raw");
    exit(r, 1);
    assertThat(r.stderr()).contains("no .meta");
  }

  // ------------------------------------------------------------------ flush

  @Test
  void flushCountsErrors() throws Exception {
    Fs fs = new Fs(15);
    ok(fs.run("famfs", "creat", "-s", "2m", "/mnt/a"));
    ok(fs.run("famfs", "creat", "-s", "5m", "/mnt/b"));
    assertThat(ok(fs.run("famfs", "flush", "-v", "/mnt/a", "/mnt/b")).stdout())
        .contains("flushed /mnt/a (" + 2 * MiB + " bytes)")
        .contains("flushed /mnt/b (" + 5 * MiB + " bytes)");
    fs.h.root.close(fs.h.root.open("/mnt/rogue", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644));
    ToolResult r = fs.run("famfs", "flush", "/mnt/a", "/mnt/missing", "/mnt/.meta", "/mnt/rogue");
    exit(r, 3);
    assertThat(r.stderr()).contains("file not found (/mnt/missing)")
        .contains("not a regular file: (/mnt/.meta)").contains("cannot map /mnt/rogue");
    assertThat(r.stdout()).contains("3 errors were detected");
    exit(fs.run("famfs", "flush", "/mnt/missing"), 1);
    exit(fs.run("famfs", "flush"), 1);
    assertThat(fs.h.root.openFiles()).isZero();
  }

  // ------------------------------------------------------------------ chkread

  @Test
  void chkreadAgreesOnAPerRangeDevice() throws Exception {
    Fs fs = new Fs(new ToolsHost(16), DirectAccessVariant.PER_RANGE);
    ok(fs.run("famfs", "creat", "-s", "3m", "-r", "-S", "5", "/mnt/a"));
    ToolResult r = ok(fs.run("famfs", "chkread", "/mnt/a"));
    assertThat(r.stdout()).contains("read tried=" + 3 * MiB + " got=" + 3 * MiB)
        .contains("Read and mmap match");
    ToolResult s = ok(fs.run("famfs", "chkread", "-s", "/mnt/.meta/.superblock"));
    assertThat(s.stdout()).contains("superblock by mmap").contains("superblock by read")
        .contains("Superblock by mmap\nff 82 b2 87 00 00 00 00 30 00 00 00 00 00 00 00");
    ToolResult l = ok(fs.run("famfs", "chkread", "-l", "/mnt/.meta/.log"));
    assertThat(l.stdout()).contains("Log by read\n0d f0 fe ca ad 0b 00 00");
    exit(fs.run("famfs", "chkread", "/mnt/nothere"), 1);
    exit(fs.run("famfs", "chkread"), 1);
    assertThat(fs.h.root.openFiles()).isZero();
  }

  @Test
  void chkreadFailsOnASeedPhysDeviceWhoseReadFaults() throws Exception {
    Fs fs = new Fs(new ToolsHost(17), DirectAccessVariant.SEED_PHYS);
    ok(fs.run("famfs", "creat", "-s", "2m", "-r", "-S", "9", "/mnt/a"));
    ok(fs.run("famfs", "verify", "-f", "/mnt/a", "-S", "9")); // mmap works
    ToolResult r = fs.run("famfs", "chkread", "/mnt/a");
    exit(r, 1);
    assertThat(r.stderr()).contains("read(2) of /mnt/a failed").contains("EFAULT");
    assertThat(r.stdout()).doesNotContain("match");
  }

  // ------------------------------------------------------------------ verify

  @Test
  void verifyDetectsAChangedByte() throws Exception {
    Fs fs = new Fs(18);
    ok(fs.run("famfs", "creat", "-s", "3m", "-r", "-S", "42", "/mnt/a"));
    ok(fs.run("famfs", "creat", "-s", "2m", "-r", "-S", "0x2b", "/mnt/b"));
    assertThat(ok(fs.run("famfs", "verify", "-f", "/mnt/a", "-S", "42")).stdout())
        .contains("Success: verified " + 3 * MiB + " bytes in file /mnt/a");
    assertThat(ok(fs.run("famfs", "verify", "-q", "-S", "43", "-f", "/mnt/b")).stdout())
        .isEmpty();
    exit(fs.run("famfs", "verify", "-f", "/mnt/a", "-S", "43"), 1);
    int fd = fs.h.root.open("/mnt/a", Fcntl.O_RDWR);
    byte[] one = new byte[1];
    long pos = 2 * MiB + 12345;
    fs.h.root.pread(fd, one, 0, 1, pos);
    one[0] ^= 1;
    fs.h.root.pwrite(fd, one, 0, 1, pos);
    fs.h.root.close(fd);
    ToolResult r = fs.run("famfs", "verify", "-f", "/mnt/a", "-S", "42");
    exit(r, 1);
    assertThat(r.stderr()).contains("Verify fail: /mnt/a at offset " + pos + " of " + 3 * MiB);
    ToolResult m = fs.run("famfs", "verify", "-m", "/mnt/a,42", "-m", "/mnt/b,43", "-t", "2");
    exit(m, 1);
    assertThat(m.stdout()).contains("Verify complete for 2 files with 1 errs");
    exit(fs.run("famfs", "verify", "-m", "/mnt/a,42", "-m", "/mnt/b,44"), 2);
  }

  @Test
  void verifyArgumentErrors() throws Exception {
    Fs fs = new Fs(19);
    ok(fs.run("famfs", "creat", "-s", "2m", "-r", "-S", "7", "/mnt/a"));
    exit(fs.run("famfs", "verify", "-f", "/mnt/a"), 1); // no seed
    exit(fs.run("famfs", "verify", "-f", "/mnt/a", "-S", "0"), 1); // 0 means none
    exit(fs.run("famfs", "verify", "-S", "7"), 1); // no file
    exit(fs.run("famfs", "verify", "-f", "/mnt/none", "-S", "7"), 1);
    exit(fs.run("famfs", "verify", "-m", "/mnt/a,7", "-S", "7"), 1);
    exit(fs.run("famfs", "verify", "-m", "/mnt/a"), 1);
    exit(fs.run("famfs", "verify", "-m", "/mnt/a,7,8"), 1);
    exit(fs.run("famfs", "verify", "-m", "/mnt/a,7", "-t", "257"), 1);
    ok(fs.run("famfs", "verify", "-m", "/mnt/a,7", "-t", "256"));
    assertThat(fs.h.root.openFiles()).isZero();
  }

  // ------------------------------------------------------------------ clone

  @Test
  void cloneRules() throws Exception {
    MemoryDevice shared = MemoryDevice.create("cxl-shared", ToolsHost.WINDOW);
    ToolsHost master = new ToolsHost(shared, 20);
    ToolsHost client = new ToolsHost(shared, 21);
    Fs fs = new Fs(master, null);
    DevDax dc = client.famfsDevice(0, DEV);
    ok(fs.run("famfs", "creat", "-s", "2m", "/mnt/a"));
    ok(client.run("famfs", "mount", "/dev/" + dc.name(), "/mnt"));
    ToolResult perm = client.run("famfs", "clone", "/mnt/a", "/mnt/c");
    exit(perm, 1);
    assertThat(perm.stderr()).contains("not running on the famfs master");
    assertThat(Logplay.exists(client.root, "/mnt/c")).isNull();
    // another famfs on the master
    DevDax other = master.famfsDevice(DEV, DEV);
    ok(master.run("mkfs.famfs", "/dev/" + other.name()));
    master.root.mkdir("/mnt2", 0755);
    ok(master.run("famfs", "mount", "/dev/" + other.name(), "/mnt2"));
    ToolResult xdev = fs.run("famfs", "clone", "/mnt/a", "/mnt2/a");
    exit(xdev, 1);
    assertThat(xdev.stderr()).contains("same file system");
    exit(fs.run("famfs", "clone", "/mnt/nothere", "/mnt/x"), 1);
    exit(fs.run("famfs", "clone", "/mnt/a"), 1);
    exit(fs.run("famfs", "clone", "/mnt/a", "/mnt/a"), 1); // exists
    ToolEnv env = master.env().withMinBucketSize(64 * MiB);
    ok(FamfsCli.run(env, "famfs", "creat", "-s", "8m", "-N", "2", "-B", "2", "/mnt/i"));
    ToolResult il = fs.run("famfs", "clone", "/mnt/i", "/mnt/i2");
    exit(il, 1);
    assertThat(il.stderr()).contains("interleaved");
    assertThat(Logplay.exists(master.root, "/mnt/i2")).isNull();
    master.root.close(master.root.open("/mnt/rogue", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644));
    exit(fs.run("famfs", "clone", "/mnt/rogue", "/mnt/r2"), 1);
    assertThat(Logplay.exists(master.root, "/mnt/r2")).isNull();
    // nothing above was logged: the log holds a and i only, and fsck is clean
    ToolResult f = ok(fs.run("famfs", "fsck", "/mnt"));
    assertThat(f.stdout()).contains("# of log entries in use: 2 of 15420");
    // the client sees a working clone after logplay
    ok(fs.run("famfs", "clone", "/mnt/a", "/mnt/c"));
    ok(client.run("famfs", "logplay", "/mnt"));
    ok(client.run("famfs", "getmap", "/mnt/c"));
    exit(client.run("famfs", "fsck", "/mnt"), 1);
  }
}
