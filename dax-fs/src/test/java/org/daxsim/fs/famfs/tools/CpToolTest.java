package org.daxsim.fs.famfs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.daxsim.bus.DevDax;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.InterleavedExtent;
import org.daxsim.fs.famfs.format.LogEntry;
import org.daxsim.fs.famfs.format.LogFmap;
import org.daxsim.fs.famfs.format.MkdirEntry;
import org.daxsim.fs.famfs.format.SimpleExtent;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.junit.jupiter.api.Test;

/**
 * famfs cp (famfs.md 4.1, 4.3, 4.6): single files, into directories, several files in one
 * session (next fit), -r trees, restartable copies, non-fatal and fatal errors, the client's
 * refusal, interleaving; every successful copy is checked byte for byte on a second host that
 * shares the device, after logplay.
 */
class CpToolTest {
  static final long MiB = 1L << 20;
  static final long AU = 2 * MiB;
  /** The first unit after the superblock and an 8 MiB log: 10 MiB. */
  static final long FIRST_FREE = 10 * MiB;

  /** A master and a client over one shared device, famfs made and mounted on both. */
  static final class Pair {
    final ToolsHost master;
    final ToolsHost client;
    final String dev;

    Pair(long devSize, long seed) throws Exception {
      MemoryDevice shared = MemoryDevice.create("cxl-cp" + seed, ToolsHost.WINDOW);
      master = new ToolsHost(shared, seed);
      client = new ToolsHost(shared, seed + 1000);
      DevDax dm = master.famfsDevice(0, devSize);
      DevDax dc = client.famfsDevice(0, devSize);
      dev = "/dev/" + dm.name();
      ok(master.run("mkfs.famfs", dev));
      ok(master.run("famfs", "mount", dev, "/mnt"));
      ok(client.run("famfs", "mount", "/dev/" + dc.name(), "/mnt"));
    }

    ToolResult cp(String... args) throws Exception {
      return master.run(cmd(args));
    }

    /** The client replays the log and must see exactly {@code want} at {@code path}. */
    void clientSees(String path, byte[] want) throws Exception {
      ok(client.run("famfs", "logplay", "/mnt"));
      assertThat(readAll(client.root, path)).as(path).isEqualTo(want);
      assertThat(readAll(master.root, path)).as(path).isEqualTo(want);
    }
  }

  static String[] cmd(String... args) {
    String[] a = new String[args.length + 2];
    a[0] = "famfs";
    a[1] = "cp";
    System.arraycopy(args, 0, a, 2, args.length);
    return a;
  }

  static void ok(ToolResult r) {
    assertThat(r.exit()).as(r.toString()).isZero();
  }

  /** Writes {@code size} random bytes (seeded) to a new source file; returns them. */
  static byte[] source(ToolsHost h, String path, int size, long seed, int mode) throws Exception {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    int fd = h.root.open(path, Fcntl.O_CREAT | Fcntl.O_WRONLY | Fcntl.O_TRUNC, mode);
    try {
      assertThat(h.root.write(fd, b, 0, b.length)).isEqualTo(size);
    } finally {
      h.root.close(fd);
    }
    h.root.chmod(path, mode);
    return b;
  }

  static byte[] readAll(Process p, String path) throws Exception {
    int fd = p.open(path, Fcntl.O_RDONLY);
    try {
      byte[] b = new byte[(int) p.fstat(fd).size()];
      int n = 0;
      while (n < b.length) {
        int got = p.pread(fd, b, n, b.length - n, n);
        assertThat(got).isPositive();
        n += got;
      }
      return b;
    } finally {
      p.close(fd);
    }
  }

  /** The committed log entries, read through the meta files (as logplay does). */
  static List<LogEntry> log(ToolsHost h) throws Exception {
    try (Meta m = Meta.ofMount(h.env(), "/mnt", false)) {
      return LockedLog.readEntries(m, m.header(), null);
    }
  }

  static FileEntry fileEntry(ToolsHost h, String rel) throws Exception {
    for (LogEntry e : log(h)) {
      if (e instanceof FileEntry f && f.relpath().equals(rel)) {
        return f;
      }
    }
    throw new AssertionError("no FILE entry " + rel);
  }

  static long offsetOf(ToolsHost h, String path) throws Exception {
    int fd = h.root.open(path, Fcntl.O_RDONLY);
    try {
      FamfsMap m = FamfsIoctl.mapGetV2(h.root, fd);
      assertThat(m.extents()).hasSize(1);
      return m.extents().get(0).offset();
    } finally {
      h.root.close(fd);
    }
  }

  @Test
  void aSingleFileToANewNameInheritsTheSourceModeAndIsLogged() throws Exception {
    Pair s = new Pair(256 * MiB, 1);
    byte[] a = source(s.master, "/tmp/a", (int) (3 * MiB + 123), 1, 0640);
    ToolResult r = s.cp("/tmp/a", "/mnt/b");
    ok(r);
    assertThat(r.stdout()).contains("famfs cp: 100%: /mnt/b");
    FileEntry f = fileEntry(s.master, "b");
    assertThat(f.size()).isEqualTo(3 * MiB + 123);
    assertThat(f.mode()).isEqualTo(0640);
    assertThat(f.fmap().extents()).containsExactly(new SimpleExtent(0, FIRST_FREE, 4 * MiB));
    assertThat(s.master.root.stat("/mnt/b").mode() & 07777).isEqualTo(0640);
    s.clientSees("/mnt/b", a);
  }

  @Test
  void intoAnExistingDirectoryTheBasenameIsAppendedAndMinusMSetsTheMode() throws Exception {
    Pair s = new Pair(256 * MiB, 2);
    byte[] a = source(s.master, "/tmp/a", (int) MiB, 2, 0600);
    ok(s.master.run("famfs", "mkdir", "/mnt/d"));
    ok(s.cp("-m", "0604", "/tmp/a", "/mnt/d"));
    assertThat(fileEntry(s.master, "d/a").mode()).isEqualTo(0604);
    ok(s.cp("/tmp/a", "/mnt")); // the mount point is a directory too
    assertThat(fileEntry(s.master, "a").size()).isEqualTo(MiB);
    s.clientSees("/mnt/d/a", a);
    s.clientSees("/mnt/a", a);
  }

  @Test
  void severalFilesShareOneSessionSoAllocationIsNextFit() throws Exception {
    Pair s = new Pair(256 * MiB, 3);
    // a foreign 2 MiB extent at 64 MiB (unit 32) leaves the hole [10 MiB, 64 MiB)
    try (LockedLog l = LockedLog.open(s.master.env(), "/mnt")) {
      l.append(new FileEntry(0, AU, 0, 0, 0, 0644, "blocker",
          LogFmap.simple(List.of(new SimpleExtent(0, 64 * MiB, AU)))));
    }
    byte[] f1 = source(s.master, "/tmp/f1", (int) (40 * MiB), 31, 0644);
    byte[] f2 = source(s.master, "/tmp/f2", (int) (16 * MiB), 32, 0644);
    byte[] f3 = source(s.master, "/tmp/f3", (int) (2 * MiB), 33, 0644);
    ok(s.master.run("famfs", "mkdir", "/mnt/d"));
    ok(s.cp("/tmp/f1", "/tmp/f2", "/tmp/f3", "/mnt/d"));
    // f1 fills [10, 50); f2 (16 MiB) does not fit in [50, 64) and goes after the blocker at
    // [66, 82); next fit puts f3 at 82 MiB, although first fit would have found 50 MiB
    assertThat(offsetOf(s.master, "/mnt/d/f1")).isEqualTo(10 * MiB);
    assertThat(offsetOf(s.master, "/mnt/d/f2")).isEqualTo(66 * MiB);
    assertThat(offsetOf(s.master, "/mnt/d/f3")).isEqualTo(82 * MiB);
    assertThat(fileEntry(s.master, "d/f3").fmap().extents())
        .containsExactly(new SimpleExtent(0, 82 * MiB, AU));
    // a new session starts first fit again: the hole at 50 MiB is used
    ok(s.master.run("famfs", "creat", "-s", "2m", "/mnt/g"));
    assertThat(offsetOf(s.master, "/mnt/g")).isEqualTo(50 * MiB);
    s.clientSees("/mnt/d/f1", f1);
    s.clientSees("/mnt/d/f2", f2);
    s.clientSees("/mnt/d/f3", f3);
  }

  @Test
  void recursiveCopyOfATreeCreatesMkdirEntriesAndCopiesTheContentsIntoTheTarget()
      throws Exception {
    Pair s = new Pair(256 * MiB, 4);
    ToolsHost m = s.master;
    m.root.mkdir("/tmp/tree", 0755);
    m.root.mkdir("/tmp/tree/sub", 0750);
    m.root.mkdir("/tmp/tree/sub/deeper", 0700);
    m.root.mkdir("/tmp/tree/emptydir", 0755);
    m.root.chmod("/tmp/tree/sub", 0750);
    m.root.chmod("/tmp/tree/sub/deeper", 0700);
    byte[] a = source(m, "/tmp/tree/a", (int) (MiB + 7), 41, 0644);
    byte[] c = source(m, "/tmp/tree/sub/c", (int) (5 * MiB), 42, 0600);
    byte[] d = source(m, "/tmp/tree/sub/deeper/d", 4096, 43, 0644);
    ok(s.cp("-r", "/tmp/tree", "/mnt/copy"));
    List<String> dirs = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (LogEntry e : log(m)) {
      if (e instanceof MkdirEntry md) {
        dirs.add(md.relpath() + ":" + Integer.toOctalString(md.mode()));
      } else if (e instanceof FileEntry f) {
        files.add(f.relpath() + ":" + f.size());
      }
    }
    assertThat(dirs).containsExactlyInAnyOrder("copy:755", "copy/sub:750",
        "copy/sub/deeper:700", "copy/emptydir:755");
    assertThat(dirs.get(0)).isEqualTo("copy:755");
    assertThat(files).containsExactlyInAnyOrder("copy/a:" + (MiB + 7),
        "copy/sub/c:" + 5 * MiB, "copy/sub/deeper/d:4096");
    s.clientSees("/mnt/copy/a", a);
    s.clientSees("/mnt/copy/sub/c", c);
    s.clientSees("/mnt/copy/sub/deeper/d", d);
    assertThat(Fcntl.isDir(s.client.root.stat("/mnt/copy/emptydir").mode())).isTrue();
    // into an existing directory: the contents again merge into it (famfs_cp_dir)
    ok(m.run("famfs", "mkdir", "/mnt/e"));
    ok(s.cp("-r", "/tmp/tree/sub", "/mnt/e"));
    s.clientSees("/mnt/e/c", c);
    s.clientSees("/mnt/e/deeper/d", d);
    // -r onto a file, or under a missing parent, fails before anything is logged
    int before = log(m).size();
    assertThat(s.cp("-r", "/tmp/tree", "/mnt/copy/a").exit()).isEqualTo(1);
    assertThat(s.cp("-r", "/tmp/tree", "/mnt/nope/x").exit()).isEqualTo(1);
    assertThat(log(m)).hasSize(before);
  }

  @Test
  void anExistingDestinationOfTheSameSizeIsReusedAndRewritten() throws Exception {
    Pair s = new Pair(256 * MiB, 5);
    source(s.master, "/tmp/a", (int) (3 * MiB), 51, 0644);
    ok(s.cp("/tmp/a", "/mnt/a"));
    long off = offsetOf(s.master, "/mnt/a");
    int entries = log(s.master).size();
    byte[] again = source(s.master, "/tmp/a", (int) (3 * MiB), 52, 0644);
    ok(s.cp("/tmp/a", "/mnt/a"));
    assertThat(log(s.master)).hasSize(entries);
    assertThat(offsetOf(s.master, "/mnt/a")).isEqualTo(off);
    s.clientSees("/mnt/a", again);
    // -c compares: equal, then a changed source miscompares (exit 1)
    ok(s.cp("-c", "/tmp/a", "/mnt/a"));
    source(s.master, "/tmp/a", (int) (3 * MiB), 53, 0644);
    ToolResult r = s.cp("-c", "/tmp/a", "/mnt/a");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr()).contains("miscompare");
    s.clientSees("/mnt/a", again);
  }

  @Test
  void aDestinationOfAnotherSizeAbortsTheCopy() throws Exception {
    Pair s = new Pair(256 * MiB, 6);
    ok(s.master.run("famfs", "mkdir", "/mnt/d"));
    ok(s.master.run("famfs", "creat", "-s", "3m", "-r", "-S", "9", "/mnt/d/x"));
    byte[] old = readAll(s.master.root, "/mnt/d/x");
    source(s.master, "/tmp/x", (int) (5 * MiB), 61, 0644);
    source(s.master, "/tmp/y", (int) MiB, 62, 0644);
    int entries = log(s.master).size();
    ToolResult r = s.cp("/tmp/x", "/tmp/y", "/mnt/d");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr()).contains("/mnt/d/x already exists");
    assertThat(log(s.master)).hasSize(entries);
    assertThat(Logplay.exists(s.master.root, "/mnt/d/y")).isNull();
    s.clientSees("/mnt/d/x", old);
  }

  @Test
  void aDirectoryWithoutMinusRAnEmptyFileAndADeviceAreSkippedButTheRestIsCopied()
      throws Exception {
    Pair s = new Pair(256 * MiB, 7);
    ToolsHost m = s.master;
    m.root.mkdir("/tmp/dir", 0755);
    byte[] a = source(m, "/tmp/a", (int) MiB, 71, 0644);
    source(m, "/tmp/empty", 0, 72, 0644);
    byte[] b = source(m, "/tmp/b", (int) (2 * MiB), 73, 0644);
    ok(m.run("famfs", "mkdir", "/mnt/d"));
    ToolResult r = s.cp("/tmp/a", "/tmp/dir", "/tmp/empty", s.dev, "/tmp/missing", "/tmp/b",
        "/mnt/d");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr()).contains("omitting directory '/tmp/dir'")
        .contains("skipping empty file /tmp/empty").contains(s.dev + " is not a regular file")
        .contains("cannot stat '/tmp/missing'");
    List<String> files = new ArrayList<>();
    for (LogEntry e : log(m)) {
      if (e instanceof FileEntry f) {
        files.add(f.relpath());
      }
    }
    assertThat(files).containsExactly("d/a", "d/b");
    s.clientSees("/mnt/d/a", a);
    s.clientSees("/mnt/d/b", b);
    // several sources need an existing directory
    assertThat(s.cp("/tmp/a", "/tmp/b", "/mnt/newdir").exit()).isEqualTo(1);
    assertThat(s.cp("/tmp/a", "/tmp/b", "/mnt/d/a").exit()).isEqualTo(1);
    assertThat(Logplay.exists(m.root, "/mnt/newdir")).isNull();
  }

  @Test
  void outOfSpaceAbortsAndKeepsTheFilesAlreadyCopied() throws Exception {
    // 64 MiB: units 5..31 are free (54 MiB)
    Pair s = new Pair(64 * MiB, 8);
    byte[] a = source(s.master, "/tmp/a", (int) (20 * MiB), 81, 0644);
    byte[] b = source(s.master, "/tmp/b", (int) (20 * MiB), 82, 0644);
    source(s.master, "/tmp/c", (int) (20 * MiB), 83, 0644);
    source(s.master, "/tmp/d", (int) (2 * MiB), 84, 0644);
    ToolResult r = s.cp("/tmp/a", "/tmp/b", "/tmp/c", "/tmp/d", "/mnt");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr()).contains("Out of space");
    List<String> files = new ArrayList<>();
    for (LogEntry e : log(s.master)) {
      files.add(((FileEntry) e).relpath());
    }
    assertThat(files).containsExactly("a", "b");
    assertThat(Logplay.exists(s.master.root, "/mnt/c")).isNull();
    assertThat(Logplay.exists(s.master.root, "/mnt/d")).isNull(); // aborted before d
    s.clientSees("/mnt/a", a);
    s.clientSees("/mnt/b", b);
  }

  @Test
  void aFullLogAbortsWithExit12() throws Exception {
    Pair s = new Pair(256 * MiB, 9);
    long slots;
    try (LockedLog l = LockedLog.open(s.master.env(), "/mnt")) {
      slots = l.freeSlots();
      while (l.freeSlots() > 1) {
        l.append(new MkdirEntry(0, 0, 0, 0755, "x" + l.freeSlots()));
      }
    }
    assertThat(slots).isEqualTo(15420);
    byte[] a = source(s.master, "/tmp/a", (int) MiB, 91, 0644);
    source(s.master, "/tmp/b", (int) MiB, 92, 0644);
    ToolResult r = s.cp("/tmp/a", "/tmp/b", "/mnt");
    assertThat(r.exit()).as(r.toString()).isEqualTo(12);
    assertThat(r.stderr()).contains("log full");
    List<LogEntry> entries = log(s.master);
    assertThat(entries).hasSize(15420);
    assertThat(((FileEntry) entries.get(15419)).relpath()).isEqualTo("a");
    assertThat(readAll(s.master.root, "/mnt/a")).isEqualTo(a);
    assertThat(Logplay.exists(s.master.root, "/mnt/b")).isNull();
    // a directory needs a slot too
    s.master.root.mkdir("/tmp/t", 0755);
    source(s.master, "/tmp/t/f", 4096, 93, 0644);
    assertThat(s.cp("-r", "/tmp/t", "/mnt/t").exit()).isEqualTo(12);
    assertThat(Logplay.exists(s.master.root, "/mnt/t")).isNull();
  }

  @Test
  void aClientIsRefusedWithoutTouchingTheLog() throws Exception {
    Pair s = new Pair(256 * MiB, 10);
    source(s.client, "/tmp/a", (int) MiB, 101, 0644);
    ToolResult r = s.client.run(cmd("/tmp/a", "/mnt/a"));
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr()).contains("not running on the famfs master");
    assertThat(Logplay.exists(s.client.root, "/mnt/a")).isNull();
    assertThat(log(s.master)).isEmpty();
    assertThat(log(s.client)).isEmpty();
  }

  @Test
  void interleavedCopiesPutEachStripInItsOwnBucket() throws Exception {
    Pair s = new Pair(256 * MiB, 11);
    byte[] a = source(s.master, "/tmp/a", (int) (16 * MiB), 111, 0644);
    byte[] b = source(s.master, "/tmp/b", (int) (5 * MiB + 1), 112, 0644);
    ToolEnv env = s.master.env().withMinBucketSize(32 * MiB);
    ok(FamfsCli.run(env, cmd("-N", "4", "-B", "8", "-C", "2m", "/tmp/a", "/tmp/b", "/mnt")));
    // 8 buckets of 256/8 = 32 MiB (16 units); strips of ceil(units / 4) chunks of 2 MiB
    checkStrips(fileEntry(s.master, "a"), 4, 4 * MiB, 32 * MiB);
    checkStrips(fileEntry(s.master, "b"), 4, 2 * MiB, 32 * MiB);
    // the two files' strips never overlap
    List<long[]> all = new ArrayList<>();
    for (String f : new String[] {"a", "b"}) {
      for (SimpleExtent x : fileEntry(s.master, f).fmap().interleaved().get(0).strips()) {
        for (long[] y : all) {
          assertThat(x.offset() + x.length() <= y[0] || y[0] + y[1] <= x.offset()).isTrue();
        }
        all.add(new long[] {x.offset(), x.length()});
      }
    }
    s.clientSees("/mnt/a", a);
    s.clientSees("/mnt/b", b);
  }

  static void checkStrips(FileEntry f, int nstrips, long stripLen, long bucket) {
    assertThat(f.fmap().interleaved()).hasSize(1);
    InterleavedExtent ie = f.fmap().interleaved().get(0);
    assertThat(ie.nstrips()).isEqualTo(nstrips);
    assertThat(ie.chunkSize()).isEqualTo(AU);
    assertThat(ie.strips()).hasSize(nstrips);
    List<Long> buckets = new ArrayList<>();
    for (SimpleExtent x : ie.strips()) {
      assertThat(x.length()).isEqualTo(stripLen);
      assertThat(x.offset() % AU).isZero();
      long bk = x.offset() / bucket;
      assertThat((x.offset() + x.length() - 1) / bucket).isEqualTo(bk);
      assertThat(x.offset()).isGreaterThanOrEqualTo(FIRST_FREE);
      buckets.add(bk);
    }
    assertThat(buckets).doesNotHaveDuplicates();
  }
}
