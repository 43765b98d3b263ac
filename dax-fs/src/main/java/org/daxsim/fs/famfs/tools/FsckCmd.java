package org.daxsim.fs.famfs.tools;

import static org.daxsim.fs.famfs.format.FamfsFormat.ALLOC_UNIT;
import static org.daxsim.fs.famfs.format.FamfsFormat.LOG_OFFSET;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.FormatException;
import org.daxsim.fs.famfs.format.LogEntries;
import org.daxsim.fs.famfs.format.LogEntry;
import org.daxsim.fs.famfs.format.LogHeader;
import org.daxsim.fs.famfs.format.MkdirEntry;
import org.daxsim.fs.famfs.format.SimpleExtent;
import org.daxsim.fs.famfs.format.Superblock;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Stat;

/**
 * famfs fsck [-h] [-v] [-B nbuckets] [-M] &lt;dev or path&gt; (famfs_cli.c do_famfs_cli_fsck,
 * famfs_lib.c famfs_fsck / famfs_fsck_mounted / famfs_fsck_scan, famfs_alloc.c
 * famfs_build_bitmap and mu_bitmap_range_stats). A char device is checked through its raw
 * mapping (devdax mode) or a dummy mount (famfs mode) and is refused with EBUSY (exit 16) while
 * mounted on this host; any other path must lie in a mounted famfs and is checked through its
 * meta files. Entries failing seqnum/CRC are counted and skipped; each unit found already set
 * while marking is a collision. Unlike upstream, an extent reaching past the device end is an
 * error too (famfs.md 7 item 5): it is reported, not marked, and counted. The exit status is
 * collisions + out-of-range extents (capped at 127 by the CLI); only a clean log gets the
 * capacity report and the {@code -B} per-bucket statistics.
 */
final class FsckCmd {
  /** FAMFS_MAX_NBUCKETS (famfs_meta.h). */
  static final int MAX_NBUCKETS = 64;

  private FsckCmd() {}

  /** What the bitmap build found. */
  static final class Scan {
    Allocator bitmap;
    long entries;
    long bad;
    long ignored;
    long files;
    long dirs;
    long fileSizes;
    long outOfRange;
  }

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "hvfB:MLFmrD", Map.ofEntries(Map.entry("human", 'h'),
        Map.entry("verbose", 'v'), Map.entry("force", 'f'), Map.entry("nbuckets", 'B'),
        Map.entry("set-daxmode", 'M'), Map.entry("load-module", 'L'), Map.entry("nofuse", 'F'),
        Map.entry("fuse", 'U'), Map.entry("mmap", 'm'), Map.entry("read", 'r'),
        Map.entry("nodax", 'D')), 1);
    if (o.has('m') && o.has('r')) {
      throw ToolError.of(Errno.EINVAL, 1, "Error: The --mmap and --read arguments are mutually"
          + " exclusive");
    }
    if (o.operands.size() != 1) {
      throw ToolError.of(Errno.EINVAL, 1, "famfs fsck: Must specify one dax device or path");
    }
    int nbuckets = 0;
    if (o.has('B')) {
      long n = Opts.size(o.get('B'));
      if (n < 0 || n > MAX_NBUCKETS) {
        throw ToolError.of(Errno.EINVAL, 1, "famfs fsck: -B must be 0..%d, not '%s'",
            MAX_NBUCKETS, o.get('B'));
      }
      nbuckets = (int) n;
    }
    boolean human = o.has('h');
    boolean verbose = o.has('v');
    String path = o.operands.get(0);
    Stat st;
    try {
      st = env.proc().stat(path);
    } catch (ErrnoException e) {
      throw ToolError.of(e.errno(), Math.min(127, e.errno().number()),
          "famfs_fsck: failed to stat path %s (%s)", path, e.errno());
    }
    if (Fcntl.isChr(st.mode())) {
      String at = Devices.mountedAt(env, path);
      if (at != null) {
        throw ToolError.of(Errno.EBUSY, Errno.EBUSY.number(),
            "famfs_fsck: error: cannot fsck by device (%s) when mounted (at %s)", path, at);
      }
      if (o.has('M')) {
        Devices.setFamfsMode(env, path, io);
      }
      Meta m;
      try {
        m = DeviceMeta.open(env, path, false, 0);
      } catch (ToolError e) {
        throw e;
      } catch (ErrnoException e) {
        throw ToolError.of(e.errno(), 1, "famfs_fsck: cannot map %s: %s", path, e.errno());
      }
      try (m) {
        return check(env, m, path, human, nbuckets, verbose, io);
      }
    }
    if (!Fcntl.isDir(st.mode()) && !Fcntl.isReg(st.mode())) {
      throw ToolError.of(Errno.EINVAL, 1, "famfs_fsck: %s is neither a dax device nor a path in"
          + " famfs", path);
    }
    String mpt = FsPaths.mountOf(env, FsPaths.absolute(path));
    Meta m;
    try {
      m = Meta.ofMount(env, mpt, false);
    } catch (ErrnoException e) {
      throw ToolError.of(e.errno(), 1, "famfs_fsck: failed to map superblock and log of %s: %s",
          mpt, e.getMessage());
    }
    try (m) {
      MountRecord.check(env, mpt, m);
      io.out("famfs fsck:");
      io.out("  mount point: %s", mpt);
      io.out("");
      return check(env, m, mpt, human, nbuckets, verbose, io);
    }
  }

  /** famfs_fsck_scan(): prints, scans, returns collisions + out-of-range extents. */
  static int check(ToolEnv env, Meta m, String what, boolean human, int nbuckets,
      boolean verbose, Io io) throws ErrnoException {
    if (m.checkSuper() != 0 || m.logLen() == 0) {
      throw ToolError.of(Errno.EINVAL, 1, "famfs_fsck: no valid famfs superblock on %s", what);
    }
    Superblock sb = m.superblock();
    LogHeader h = m.header();
    if (!h.valid() || h.len() != m.logLen()) {
      throw ToolError.of(Errno.EINVAL, 1, "famfs_fsck: invalid famfs log header on %s", what);
    }
    Role role = Role.of(env, m);
    io.out("Famfs Superblock:");
    io.out("  Filesystem UUID:   %s", sb.fsUuid());
    io.out("  Device UUID:       %s", sb.devUuid());
    io.out("  System UUID:       %s", sb.systemUuid());
    io.out("  role of this node: %s", role == Role.MASTER ? "Owner" : "Client");
    io.out("  alloc_unit:        0x%x", sb.allocUnit());
    io.out("  OMF major version: %d", sb.omfMajor());
    io.out("  OMF minor version: %d", sb.omfMinor());
    io.out("  log size (bytes):  %d", sb.logLen());
    io.out("  primary: %s   %d", sb.devName(), sb.devSize());
    io.out("");
    long used = Math.min(h.nextIndex(), h.lastIndex() + 1);
    io.out("Log stats:");
    io.out("  # of log entries in use: %d of %d", h.nextIndex(), h.lastIndex() + 1);
    io.out("  Log size in use:          %d",
        FamfsFormat.LOG_HEADER_BYTES + used * FamfsFormat.LOG_ENTRY_BYTES);
    io.out("  Log size (total bytes)    %d", h.len());
    Scan s = scan(m, sb, h, verbose, io);
    long collisions = s.bitmap.collisions;
    if (s.outOfRange > 0) {
      io.out("ERROR: %d EXTENTS PAST THE DEVICE END (%d bytes)", s.outOfRange, sb.devSize());
    }
    if (collisions > 0) {
      io.out("ERROR: %d ALLOCATION COLLISIONS FOUND", collisions);
    }
    if (collisions == 0 && s.outOfRange == 0) {
      capacity(sb, s, human, io);
    }
    io.out("Famfs log:");
    io.out("  %d of %d entries used", s.entries, h.lastIndex() + 1);
    io.out("  %d bad log entries detected", s.bad);
    if (s.ignored > 0) {
      io.out("  %d entries of an unused type ignored", s.ignored);
    }
    io.out("  %d files", s.files);
    io.out("  %d directories", s.dirs);
    io.out("");
    if (nbuckets > 0 && collisions == 0 && s.outOfRange == 0) {
      buckets(s.bitmap, nbuckets, human, io);
    }
    long rc = collisions + s.outOfRange;
    return (int) Math.min(Integer.MAX_VALUE, rc);
  }

  /** famfs_build_bitmap() with the bounds check upstream lacks. */
  static Scan scan(Meta m, Superblock sb, LogHeader h, boolean verbose, Io io)
      throws ErrnoException {
    Scan s = new Scan();
    s.bitmap = new Allocator(sb.devSize(), sb.logLen());
    long n = Math.min(h.nextIndex(), h.lastIndex() + 1);
    for (long i = 0; i < n; i++) {
      s.entries++;
      LogEntry e;
      try {
        e = LogEntries.decode(m.read(LOG_OFFSET + FamfsFormat.entryOffset(i),
            FamfsFormat.LOG_ENTRY_BYTES), i);
      } catch (FormatException bad) {
        if (bad.reason() == FormatException.Reason.TYPE) {
          s.ignored++;
        } else {
          s.bad++;
          io.out("  log entry %d is bad (%s); skipped", i, bad.getMessage());
        }
        continue;
      }
      if (e instanceof MkdirEntry) {
        s.dirs++;
      } else if (e instanceof FileEntry f) {
        s.files++;
        s.fileSizes += f.size();
        if (verbose) {
          io.out("  file %s size %d", f.relpath(), f.size());
        }
        for (SimpleExtent x : Allocator.extents(f)) {
          if (!inside(x, sb.devSize())) {
            s.outOfRange++;
            io.out("  log entry %d (%s): extent 0x%x+0x%x is past the device end 0x%x", i,
                f.relpath(), x.offset(), x.length(), sb.devSize());
            continue;
          }
          s.bitmap.mark(x.offset(), x.length());
        }
      }
    }
    return s;
  }

  /** [offset, offset + length) lies within [0, devSize) (unsigned, no overflow). */
  static boolean inside(SimpleExtent x, long devSize) {
    long off = x.offset();
    long len = x.length();
    return off >= 0 && len >= 0 && off <= devSize && len <= devSize - off;
  }

  private static void capacity(Superblock sb, Scan s, boolean human, Io io) {
    long bitmapCap = s.bitmap.nbits * ALLOC_UNIT;
    long alloc = s.bitmap.allocatedBytes();
    io.out("  No allocation errors found");
    io.out("");
    io.out("Capacity:");
    io.out("  Device capacity:        %s", size(sb.devSize(), human));
    io.out("  Bitmap capacity:        %s", size(bitmapCap, human));
    io.out("  Sum of file sizes:      %s", size(s.fileSizes, human));
    io.out("  Allocated bytes:        %s", size(alloc, human));
    io.out("  Free space:             %s", size(bitmapCap - alloc, human));
    io.out("  Space amplification:     %s", s.fileSizes == 0 ? "n/a"
        : String.format(Locale.ROOT, "%.2f", (double) alloc / s.fileSizes));
    io.out("  Percent used:            %s", bitmapCap == 0 ? "n/a"
        : String.format(Locale.ROOT, "%.1f%%", 100.0 * alloc / bitmapCap));
    io.out("");
  }

  /** Bytes, or with -h GiB with two decimals as upstream ("1.50G"). */
  static String size(long bytes, boolean human) {
    return human ? String.format(Locale.ROOT, "%.2fG", bytes / (double) (1L << 30))
        : Long.toString(bytes);
  }

  /** Per-bucket figures of [from, to) of the bitmap. */
  record BucketStats(long size, long inUse, long free, long fragments, long largest,
      long smallest) {}

  /**
   * mu_bitmap_range_stats() done right: upstream counts used bits twice and never resets the
   * run length between free fragments (so "smallest" stays 0 and "largest" is a running sum).
   */
  static BucketStats stats(Allocator a, int from, int to) {
    long inUse = 0;
    long fragments = 0;
    long largest = 0;
    long smallest = 0;
    int i = from;
    while (i < to) {
      if (a.bits.get(i)) {
        inUse++;
        i++;
        continue;
      }
      int end = Math.min(to, a.bits.nextSetBit(i) < 0 ? to : a.bits.nextSetBit(i));
      long run = end - i;
      fragments++;
      largest = Math.max(largest, run);
      smallest = fragments == 1 ? run : Math.min(smallest, run);
      i = end;
    }
    long size = to - from;
    return new BucketStats(size, inUse, size - inUse, fragments, largest, smallest);
  }

  /** famfs_fsck_bucket_info(): the nbuckets equal ranges the interleaved allocator uses. */
  private static void buckets(Allocator a, int nbuckets, boolean human, Io io) {
    int bucketAu = a.nbits / nbuckets;
    long overhang = a.nbits - (long) bucketAu * nbuckets;
    io.out("Stripe bucket info:");
    io.out("  Wasted overhang: %d bytes (%d au)", overhang * ALLOC_UNIT, overhang);
    for (int b = 0; b < nbuckets; b++) {
      BucketStats s = stats(a, b * bucketAu, (b + 1) * bucketAu);
      io.out("  Bitmap range %d", b);
      io.out("    Size:   %s", size(s.size() * ALLOC_UNIT, human));
      io.out("    In use: %s", size(s.inUse() * ALLOC_UNIT, human));
      io.out("    Free:   %s", size(s.free() * ALLOC_UNIT, human));
      io.out("    Free fragments: %d", s.fragments());
      io.out("    Largest frag:   %s", size(s.largest() * ALLOC_UNIT, human));
      io.out("    Smallest frag:  %s", size(s.smallest() * ALLOC_UNIT, human));
    }
  }
}
