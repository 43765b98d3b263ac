package org.daxsim.fs.famfs.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.ENTRY;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.HDR;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.LOG;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.MiB;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.assertNoOverlap;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.log;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.ok;

import java.util.Arrays;
import java.util.UUID;
import org.daxsim.bus.DevDax;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.LogHeader;
import org.daxsim.fs.famfs.format.MkdirEntry;
import org.daxsim.fs.famfs.format.Superblock;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Stat;
import org.junit.jupiter.api.Test;

/**
 * Torn log appends (famfs_append_log, famfs_lib.c) and a torn mkfs (__famfs_mkfs): the world
 * stops after n bytes of metadata stores ({@link ToolEnv#withCrashAfter}), for every n across
 * one append (544 entry bytes, then next_index, then next_seqnum, 8 bytes each). After
 * umount + mount + logplay the file system holds exactly the committed prefix, nothing
 * committed is lost, and the bitmap rebuilt from the log has no collisions (checked twice: by
 * this test's own overlap walk and by {@code famfs fsck}).
 *
 * <p>Between two crash points the device is put back to the pre-crash state by writing the
 * snapshot of the log header and the slots in use back physically (a test harness reset; the
 * superblock is checked unchanged instead).
 */
class TornAppendTest {
  static final String MNT = "/mnt";
  /** Bytes of one append: the entry, then the two 8-byte header stores. */
  static final int APPEND = ENTRY + 8 + 8;

  /** A mounted famfs with a committed prefix, and the snapshot that restores it. */
  static final class Rig {
    final ToolsHost h;
    final DevDax d;
    final String dev;
    int committed;
    byte[] sb;
    byte[] logSnap;

    Rig(long seed) throws ErrnoException {
      h = new ToolsHost(seed);
      d = h.famfsDevice(0, 256 * MiB);
      dev = "/dev/" + d.name();
      ok(h.run("mkfs.famfs", dev));
      ok(h.run("famfs", "mount", dev, MNT));
      ok(h.run("famfs", "mkdir", "-m", "0750", MNT + "/d"));
      ok(h.run("famfs", "creat", "-s", "3m", "-m", "0640", "-r", "-S", "5", MNT + "/d/f0"));
      ok(h.run("famfs", "creat", "-s", "1m", "-m", "0600", MNT + "/g"));
      ok(h.run("famfs", "mkdir", "-p", MNT + "/d/e"));
      snapshot();
    }

    void snapshot() throws ErrnoException {
      committed = log(h.env(), MNT).entries().size();
      sb = h.devBytes(d, 0, FamfsFormat.SUPERBLOCK_BYTES);
      logSnap = h.devBytes(d, LOG, HDR + ENTRY * (committed + 1));
    }

    void remount() throws ErrnoException {
      ok(h.run("umount", MNT));
      ok(h.run("famfs", "mount", dev, MNT));
    }

    void restore() throws ErrnoException {
      ok(h.run("umount", MNT));
      h.writeDev(d, LOG, logSnap);
      ok(h.run("famfs", "mount", dev, MNT));
    }

    LogHeader deviceHeader() throws ErrnoException {
      return LogHeader.decode(h.devBytes(d, LOG, HDR));
    }

    byte[] slot(long i) throws ErrnoException {
      return h.devBytes(d, LOG + FamfsFormat.entryOffset(i), ENTRY);
    }

    ToolResult crashRun(long n, String... argv) throws ErrnoException {
      return FamfsCli.run(h.env().withCrashAfter(n), argv);
    }

    /**
     * The least budget with which {@code argv} succeeds from the snapshot state, by bisection
     * (restoring after every probe): the metadata bytes the command stores.
     */
    int measure(String... argv) throws ErrnoException {
      int lo = -1; // fails (no budget at all)
      int hi = 4096; // succeeds
      assertThat(crashRun(hi, argv).exit()).isZero();
      restore();
      while (hi - lo > 1) {
        int mid = (lo + hi) >>> 1;
        int exit = crashRun(mid, argv).exit();
        restore();
        if (exit == 0) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      return hi;
    }

    /** The prefix logged in the constructor is intact, contents of d/f0 included. */
    void assertPrefix() throws ErrnoException {
      Stat dd = h.root.stat(MNT + "/d");
      assertThat(Fcntl.isDir(dd.mode())).isTrue();
      assertThat(dd.mode() & 07777).isEqualTo(0750);
      assertThat(Fcntl.isDir(h.root.stat(MNT + "/d/e").mode())).isTrue();
      Stat f0 = h.root.stat(MNT + "/d/f0");
      assertThat(f0.size()).isEqualTo(3 * MiB);
      assertThat(f0.mode() & 07777).isEqualTo(0640);
      Stat g = h.root.stat(MNT + "/g");
      assertThat(g.size()).isEqualTo(MiB);
      assertThat(g.mode() & 07777).isEqualTo(0600);
      int fd = h.root.open(MNT + "/d/f0", Fcntl.O_RDONLY);
      try {
        for (long at : new long[] {0, 3 * MiB - 4096}) {
          byte[] got = new byte[4096];
          assertThat(h.root.pread(fd, got, 0, got.length, at)).isEqualTo(4096);
          assertThat(got).as("d/f0 @%d", at).isEqualTo(F0.get(at));
        }
      } finally {
        h.root.close(fd);
      }
    }
  }

  /** The expected 4 KiB pieces of d/f0 (creat -r -S 5) at 0 and at 3 MiB - 4 KiB. */
  static final java.util.Map<Long, byte[]> F0 = java.util.Map.of(0L, pattern(0, 4096, 5),
      3 * MiB - 4096, pattern(3 * MiB - 4096, 4096, 5));

  /**
   * Independent of Pattern: the word at file offset 8k is SplittableRandom(seed)'s k-th
   * nextLong(), little endian (CLI.md's pattern).
   */
  static byte[] pattern(long at, int len, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    java.nio.ByteBuffer all = java.nio.ByteBuffer.allocate((int) (at + len + 8))
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    while (all.remaining() >= 8) {
      all.putLong(r.nextLong());
    }
    return Arrays.copyOfRange(all.array(), (int) at, (int) at + len);
  }

  static long famfsMounts(ToolsHost h) {
    return h.root.vfs().mountTable().stream().filter(m -> m.type().equals("famfs")).count();
  }

  static boolean exists(ToolsHost h, String path) {
    try {
      h.root.stat(path);
      return true;
    } catch (ErrnoException e) {
      return false;
    }
  }

  /**
   * Sweeps the crash budget over [0, before + 544 + 16] for {@code argv}, which creates {@code
   * target} (a 2 MiB file of mode 0604 or a directory of mode 0711) with one append after
   * {@code before} bytes of other metadata stores.
   */
  static void sweep(Rig r, int before, boolean dir, String target, String... argv)
      throws ErrnoException {
    sweep(r, before, dir, target, n -> true, argv);
  }

  /** The same over the budgets {@code which} accepts. */
  static void sweep(Rig r, int before, boolean dir, String target,
      java.util.function.IntPredicate which, String... argv) throws ErrnoException {
    int k = r.committed;
    LogHeader h0 = r.deviceHeader();
    byte[] old = r.slot(k);
    ok(r.crashRun(1L << 40, argv));
    byte[] ref = r.slot(k);
    r.restore();
    for (int n = 0; n <= before + APPEND; n++) {
      if (!which.test(n)) {
        continue;
      }
      ToolResult res = r.crashRun(n, argv);
      int at = n - before; // bytes of this append that were stored
      if (at >= APPEND) {
        assertThat(res.exit()).as("n=%d %s", n, res).isZero();
      } else {
        assertThat(res.exit()).as("n=%d %s", n, res).isEqualTo(128 + 9);
        assertThat(res.stderr()).contains("the world stopped");
      }
      // before the remount: the local stub exists once the session got past its own repair
      assertThat(exists(r.h, target)).as("n=%d stub before remount", n).isEqualTo(at >= 0);
      byte[] slot = r.slot(k);
      int torn = Math.max(0, Math.min(at, ENTRY));
      assertThat(Arrays.copyOfRange(slot, 0, torn)).as("n=%d", n)
          .isEqualTo(Arrays.copyOfRange(ref, 0, torn));
      assertThat(Arrays.copyOfRange(slot, torn, ENTRY)).as("n=%d", n)
          .isEqualTo(Arrays.copyOfRange(old, torn, ENTRY));
      LogHeader hd = r.deviceHeader();
      boolean indexStored = at >= ENTRY + 8;
      assertThat(hd.nextIndex()).as("n=%d", n).isEqualTo(indexStored ? k + 1 : k);
      long seq = at >= APPEND ? k + 1 : (before > 0 && n >= before ? k : h0.nextSeqnum());
      assertThat(hd.nextSeqnum()).as("n=%d", n).isEqualTo(seq);

      r.remount();
      ToolResult lp = r.h.run("famfs", "logplay", MNT);
      ok(lp);
      assertThat(lp.stdout()).contains("created 0");
      r.assertPrefix();
      assertThat(exists(r.h, target)).as("n=%d after remount", n).isEqualTo(indexStored);
      if (indexStored) {
        Stat st = r.h.root.stat(target);
        assertThat(Fcntl.isDir(st.mode())).isEqualTo(dir);
        assertThat(st.mode() & 07777).isEqualTo(dir ? 0711 : 0604);
        if (!dir) {
          assertThat(st.size()).isEqualTo(2 * MiB);
          int fd = r.h.root.open(target, Fcntl.O_RDONLY);
          assertThat(r.h.root.pread(fd, new byte[1], 0, 1, 2 * MiB - 1)).isEqualTo(1);
          r.h.root.close(fd);
        }
      }
      ToolsTestsKit.LogView v = log(r.h.env(), MNT);
      assertThat(v.entries()).hasSize(k + (indexStored ? 1 : 0));
      if (indexStored) {
        assertThat(v.entries().get(k)).isInstanceOf(dir ? MkdirEntry.class : FileEntry.class);
      }
      assertThat(v.bad()).isZero();
      assertThat(v.collisions()).as("n=%d", n).isZero();
      assertNoOverlap(v);
      ToolResult fsck = r.h.run("famfs", "fsck", MNT);
      assertThat(fsck.exit()).as("n=%d %s", n, fsck).isZero();
      assertThat(fsck.stdout()).contains("No allocation errors found")
          .contains("0 bad log entries detected")
          .contains(String.format("%d of %d entries used", v.entries().size(),
              v.header().lastIndex() + 1));
      assertThat(r.h.devBytes(r.d, 0, FamfsFormat.SUPERBLOCK_BYTES)).isEqualTo(r.sb);
      r.restore();
    }
  }

  @Test
  void aCreatTornAtEveryByteOfItsAppendLeavesExactlyTheCommittedPrefix() throws Exception {
    Rig r = new Rig(31);
    String[] argv = {"famfs", "creat", "-s", "2m", "-m", "0604", MNT + "/d/t"};
    int total = r.measure(argv);
    assertThat(total).as("creat on a clean log stores the append only").isEqualTo(APPEND);
    sweep(r, total - APPEND, false, MNT + "/d/t", argv);
  }

  @Test
  void aMkdirTornAtEveryByteOfItsAppendLeavesExactlyTheCommittedPrefix() throws Exception {
    Rig r = new Rig(32);
    String[] argv = {"famfs", "mkdir", "-m", "0711", MNT + "/d/n"};
    int total = r.measure(argv);
    assertThat(total).isEqualTo(APPEND);
    sweep(r, total - APPEND, true, MNT + "/d/n", argv);
  }

  @Test
  void afterACrashBetweenTheHeaderStoresTheNextSessionRepairsSeqnumFirst() throws Exception {
    Rig r = new Rig(33);
    int k = r.committed;
    // the world stops after the entry and next_index: committed, next_seqnum stale
    assertThat(r.crashRun(ENTRY + 8, "famfs", "creat", "-s", "4m", MNT + "/t1").exit())
        .isEqualTo(137);
    LogHeader torn = r.deviceHeader();
    assertThat(torn.nextIndex()).isEqualTo(k + 1);
    assertThat(torn.nextSeqnum()).isEqualTo(k);
    r.remount();
    assertThat(r.h.root.stat(MNT + "/t1").size()).isEqualTo(4 * MiB);
    r.snapshot();
    assertThat(r.committed).isEqualTo(k + 1);
    String[] argv = {"famfs", "creat", "-s", "2m", "-m", "0604", MNT + "/t2"};
    int total = r.measure(argv);
    assertThat(total).as("one 8-byte repair store, then the append").isEqualTo(8 + APPEND);
    int before = total - APPEND;
    // every byte of the repair and of the header stores, the entry's edges, and a stride
    sweep(r, before, false, MNT + "/t2",
        n -> n <= before + 16 || n >= before + ENTRY - 16 || n % 29 == 0, argv);
    assertThat(r.h.root.stat(MNT + "/t1").size()).isEqualTo(4 * MiB);
  }

  @Test
  void mkdirPTornInItsSecondAppendKeepsTheFirstComponentOnly() throws Exception {
    Rig r = new Rig(34);
    int k = r.committed;
    ToolResult res = r.crashRun(APPEND + 300, "famfs", "mkdir", "-p", MNT + "/x/y/z");
    assertThat(res.exit()).isEqualTo(137);
    assertThat(exists(r.h, MNT + "/x/y")).isTrue();
    assertThat(exists(r.h, MNT + "/x/y/z")).isFalse();
    r.remount();
    assertThat(Fcntl.isDir(r.h.root.stat(MNT + "/x").mode())).isTrue();
    assertThat(exists(r.h, MNT + "/x/y")).isFalse();
    r.assertPrefix();
    ToolsTestsKit.LogView v = log(r.h.env(), MNT);
    assertThat(v.header().nextIndex()).isEqualTo(k + 1);
    assertThat(((MkdirEntry) v.entries().get(k)).relpath()).isEqualTo("x");
    // a retry creates just the two missing components
    ok(r.h.run("famfs", "mkdir", "-p", MNT + "/x/y/z"));
    assertThat(log(r.h.env(), MNT).header().nextIndex()).isEqualTo(k + 3);
  }

  /**
   * mkfs kills the old superblock's magic, writes the zeroed log, its header, then the new
   * superblock: at no crash point is there a valid superblock over a log that still holds the
   * old file system's entries, nor the old superblock over an emptied log.
   */
  @Test
  void aCrashedMkfsNeverLeavesAValidSuperblockOverAStaleLog() throws Exception {
    ToolsHost h = new ToolsHost(35);
    DevDax d = h.famfsDevice(0, 128 * MiB);
    String dev = "/dev/" + d.name();
    long logLen = FamfsFormat.DEFAULT_LOG_LEN;
    int sbBytes = FamfsFormat.SUPERBLOCK_BYTES;
    long kill = 8; // mkfs first zeroes the old superblock's magic
    long[] shifted = {0, 1, 7, 8, 47, 48, 4096, 4 * MiB, logLen - 1, logLen, logLen + 31,
        logLen + 24, logLen + 47, logLen + HDR, logLen + HDR + 1, logLen + HDR + 48,
        logLen + HDR + 49, logLen + HDR + 95, logLen + HDR + 103, logLen + HDR + 104,
        logLen + HDR + sbBytes - 1, logLen + HDR + sbBytes};
    long[] points = new long[shifted.length + 3];
    points[0] = 0;
    points[1] = 1;
    points[2] = 4;
    for (int i = 0; i < shifted.length; i++) {
      points[i + 3] = shifted[i] + kill;
    }
    int oldFs = 0;
    int emptyFs = 0;
    int noFs = 0;
    for (long n : points) {
      ok(h.run("mkfs.famfs", "-f", dev));
      ok(h.run("famfs", "mount", dev, MNT));
      ok(h.run("famfs", "creat", "-s", "2m", MNT + "/a"));
      ok(h.run("famfs", "mkdir", MNT + "/b"));
      ok(h.run("umount", MNT));
      byte[] oldSb = h.devBytes(d, 0, sbBytes);
      UUID oldUuid = Superblock.decode(oldSb).fsUuid();
      byte[] oldLog = h.devBytes(d, LOG, HDR + 2 * ENTRY);
      ToolEnv other = ToolEnv.of(h.root, h.sysfs, 1000 + n).withMinDevSize(64 * MiB);
      ToolResult res = FamfsCli.run(other.withCrashAfter(n), "mkfs.famfs", "-f", dev);
      boolean done = n >= kill + logLen + HDR + sbBytes;
      assertThat(res.exit()).as("n=%d %s", n, res).isEqualTo(done ? 0 : 137);
      assertThat(famfsMounts(h)).as("no dummy mount left").isZero();
      byte[] sb = h.devBytes(d, 0, sbBytes);
      byte[] lg = h.devBytes(d, LOG, HDR + 2 * ENTRY);
      boolean sbValid = Superblock.checkSuper(sb) == 0;
      boolean logValid = LogHeader.decode(lg).valid();
      boolean untouched = Arrays.equals(sb, oldSb) && Arrays.equals(lg, oldLog);
      boolean emptyLog = logValid && LogHeader.decode(lg).nextIndex() == 0
          && Arrays.equals(Arrays.copyOfRange(lg, HDR, lg.length), new byte[2 * ENTRY]);
      assertThat(untouched).as("n=%d", n).isEqualTo(n == 0);
      if (sbValid && logValid) {
        assertThat(untouched || emptyLog).as("n=%d: valid sb over a stale log", n).isTrue();
      }
      if (sbValid && !Superblock.decode(sb).fsUuid().equals(oldUuid)) {
        assertThat(emptyLog).as("n=%d: new sb over an old log", n).isTrue();
      }
      if (sbValid && Superblock.decode(sb).fsUuid().equals(oldUuid)) {
        assertThat(untouched).as("n=%d: the old sb over a changed log", n).isTrue();
      }
      if (n > 0 && n <= kill) {
        assertThat(sbValid).as("n=%d: the old superblock dies first", n).isFalse();
      }
      if (n > kill && n < kill + logLen + 24) { // the header CRC field (offset 24) not stored
        assertThat(logValid).as("n=%d: the log header is gone before anything else", n)
            .isFalse();
      }
      ToolResult fsck = h.run("famfs", "fsck", dev);
      assertThat(fsck.exit()).as("n=%d fsck by device %s", n, fsck)
          .isEqualTo(sbValid && logValid ? 0 : 1);
      if (sbValid && logValid) {
        assertThat(fsck.stdout()).contains("No allocation errors found")
            .contains((untouched ? 2 : 0) + " of ");
      }
      ToolResult m = h.run("famfs", "mount", dev, MNT);
      if (sbValid && logValid) {
        ok(m);
        boolean files = exists(h, MNT + "/a") && exists(h, MNT + "/b");
        assertThat(files).as("n=%d", n).isEqualTo(untouched);
        if (untouched) {
          oldFs++;
        } else {
          emptyFs++;
        }
        ok(h.run("umount", MNT));
      } else {
        assertThat(m.exit()).as("n=%d %s", n, m).isEqualTo(1);
        assertThat(famfsMounts(h)).as("n=%d: nothing stays mounted", n).isZero();
        noFs++;
      }
    }
    assertThat(oldFs).isEqualTo(1);
    assertThat(noFs).isPositive();
    assertThat(emptyFs).isPositive();
  }
}
