package org.daxsim.fs.famfs.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.LOG;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.MiB;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.fails;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.log;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.ok;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.daxsim.bus.DevDax;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mm.Mman;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.InterleavedExtent;
import org.daxsim.fs.famfs.format.SimpleExtent;
import org.daxsim.fs.famfs.tools.ToolsTestsKit.Node;
import org.daxsim.fs.famfs.tools.ToolsTestsKit.OffsetHost;
import org.daxsim.fs.testing.TestHost;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;
import org.junit.jupiter.api.Test;

/**
 * A master and a client over one shared memory device (famfs.md 1.2, 4.4; issue 5 section 3;
 * famfs_get_role, famfs_init_locked_log and __famfs_logplay in famfs_lib.c):
 * the client sees the master's files only after logplay, byte-identical through read(2) and
 * mmap, without write bits; it cannot append; logplay is idempotent and repairs a rogue rm; a
 * rogue truncate fails I/O until remount; a foreign mkfs under a mount is reported (ESTALE).
 * Each scenario runs with both hosts mapping the device at the same physical address and with
 * the client's window at another physical address.
 */
class TwoHostsTest {
  static final String MNT = "/mnt";
  static final long OTHER_BASE = 0x3_4000_0000L;

  /** Master (a {@link ToolsHost}) and client over one device at region offset 64 MiB. */
  static final class Pair {
    final ToolsHost m;
    final DevDax dm;
    final Node c;
    final DevDax dc;

    Pair(boolean otherBase) throws ErrnoException {
      MemoryDevice shared = MemoryDevice.create("cxl-shared", TestHost.WINDOW);
      m = new ToolsHost(shared, 41);
      dm = m.famfsDevice(64 * MiB, 256 * MiB);
      if (otherBase) {
        OffsetHost o = new OffsetHost(shared, OTHER_BASE, 42);
        dc = o.famfsDevice(64 * MiB, 256 * MiB);
        c = o;
        assertThat(dc.pgoffToPhys(0, 4096)).isEqualTo(OTHER_BASE + 64 * MiB);
      } else {
        ToolsHost ch = new ToolsHost(shared, 42);
        dc = ch.famfsDevice(64 * MiB, 256 * MiB);
        c = ToolsTestsKit.node(ch);
        assertThat(dc.pgoffToPhys(0, 4096)).isEqualTo(TestHost.BASE + 64 * MiB);
      }
      assertThat(dm.pgoffToPhys(0, 4096)).isEqualTo(TestHost.BASE + 64 * MiB);
      ok(m.run("mkfs.famfs", "/dev/" + dm.name()));
      ok(m.run("famfs", "mount", "/dev/" + dm.name(), MNT));
      ok(c.run("famfs", "mount", "/dev/" + dc.name(), MNT));
    }

    byte[] logBytes() throws ErrnoException {
      return m.devBytes(dm, LOG, (int) FamfsFormat.DEFAULT_LOG_LEN);
    }

    /** The master creates d/c (5 MiB, contiguous) and i (20 MiB, 4 strips of 4 MiB chunks). */
    void createFiles() throws ErrnoException {
      ok(m.run("famfs", "mkdir", MNT + "/d"));
      ok(m.run("famfs", "creat", "-s", "5m", "-r", "-S", "7", MNT + "/d/c"));
      ToolEnv small = m.env().withMinBucketSize(16 * MiB);
      ok(FamfsCli.run(small, "famfs", "creat", "-N", "4", "-B", "8", "-C", "4m", "-s", "20m",
          "-r", "-S", "9", MNT + "/i"));
      ok(m.run("famfs", "creat", "-s", "4k", "-m", "0666", MNT + "/d/rw"));
    }
  }

  static boolean exists(Process p, String path) {
    try {
      p.stat(path);
      return true;
    } catch (ErrnoException e) {
      return false;
    }
  }

  static byte[] readAll(Process p, String path, int size) throws ErrnoException {
    int fd = p.open(path, Fcntl.O_RDONLY);
    try {
      byte[] b = new byte[size];
      assertThat(p.pread(fd, b, 0, size, 0)).isEqualTo(size);
      return b;
    } finally {
      p.close(fd);
    }
  }

  static byte[] mmapAll(Process p, String path, int size) throws Exception {
    int fd = p.open(path, Fcntl.O_RDONLY);
    long len = (size + 2 * MiB - 1) / (2 * MiB) * (2 * MiB);
    long va = p.mmap(0, len, Mman.PROT_READ, Mman.MAP_SHARED, fd, 0);
    try {
      byte[] b = new byte[size];
      p.mm().load(va, b, 0, size);
      return b;
    } finally {
      p.munmap(va, len);
      p.close(fd);
    }
  }

  void clientReadsTheMastersBytes(boolean otherBase) throws Exception {
    Pair x = new Pair(otherBase);
    x.createFiles();
    Process cp = x.c.root();
    assertThat(exists(cp, MNT + "/d")).isFalse();
    assertThat(exists(cp, MNT + "/i")).isFalse();
    byte[] before = x.logBytes();
    ToolResult lp = x.c.run("famfs", "logplay", MNT);
    ok(lp);
    assertThat(lp.stdout()).contains("processed 3 files, created 3, 0 existed")
        .contains("processed 1 directories, created 1, 0 existed");
    assertThat(x.logBytes()).as("logplay on the client stores nothing").isEqualTo(before);
    // the interleaved file really is interleaved: 4 strips of 8 MiB in distinct 32 MiB buckets
    FileEntry ie = log(x.m.env(), MNT).files().stream()
        .filter(f -> f.relpath().equals("i")).findFirst().orElseThrow();
    List<InterleavedExtent> ies = ie.fmap().interleaved();
    assertThat(ies).hasSize(1);
    assertThat(ies.get(0).chunkSize()).isEqualTo(4 * MiB);
    Set<Long> buckets = new HashSet<>();
    for (SimpleExtent s : ies.get(0).strips()) {
      assertThat(s.length()).isEqualTo(8 * MiB);
      buckets.add(s.offset() / (32 * MiB));
      assertThat((s.offset() + s.length() - 1) / (32 * MiB)).isEqualTo(s.offset() / (32 * MiB));
    }
    assertThat(buckets).hasSize(4);
    for (String[] f : new String[][] {{"/d/c", "5", "7"}, {"/i", "20", "9"}}) {
      int size = (int) (Integer.parseInt(f[1]) * MiB);
      byte[] want = TornAppendTest.pattern(0, size, Long.parseLong(f[2]));
      assertThat(readAll(x.m.root, MNT + f[0], size)).as("master read %s", f[0]).isEqualTo(want);
      assertThat(readAll(cp, MNT + f[0], size)).as("client read %s", f[0]).isEqualTo(want);
      assertThat(mmapAll(cp, MNT + f[0], size)).as("client mmap %s", f[0]).isEqualTo(want);
      Stat st = cp.stat(MNT + f[0]);
      assertThat(st.size()).isEqualTo(size);
      assertThat(st.mode() & 07777).as("client: no write bits").isEqualTo(0444);
      assertThat(x.m.root.stat(MNT + f[0]).mode() & 07777).isEqualTo(0644);
    }
    assertThat(cp.stat(MNT + "/d").mode() & 07777).isEqualTo(0755);
    assertThat(x.m.root.stat(MNT + "/d/rw").mode() & 07777).isEqualTo(0666);
    assertThat(cp.stat(MNT + "/d/rw").mode() & 07777).as("every write bit goes").isEqualTo(0444);
    // a later store by the master is seen by the client's mapping and read(2)
    int fd = x.m.root.open(MNT + "/i", Fcntl.O_RDWR);
    byte[] news = "written by the master".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    long at = 13 * MiB + 5;
    assertThat(x.m.root.pwrite(fd, news, 0, news.length, at)).isEqualTo(news.length);
    x.m.root.close(fd);
    byte[] got = mmapAll(cp, MNT + "/i", (int) (20 * MiB));
    assertThat(java.util.Arrays.copyOfRange(got, (int) at, (int) at + news.length))
        .isEqualTo(news);
    // new files appear on the client only at its next logplay
    ok(x.m.run("famfs", "creat", "-s", "1m", MNT + "/late"));
    assertThat(exists(cp, MNT + "/late")).isFalse();
    lp = x.c.run("famfs", "logplay", MNT);
    ok(lp);
    assertThat(lp.stdout()).contains("processed 4 files, created 1, 3 existed");
    assertThat(cp.stat(MNT + "/late").size()).isEqualTo(MiB);
  }

  @Test
  void clientReadsTheMastersBytesAtTheSamePhysicalAddress() throws Exception {
    clientReadsTheMastersBytes(false);
  }

  @Test
  void clientReadsTheMastersBytesAtAnotherPhysicalAddress() throws Exception {
    clientReadsTheMastersBytes(true);
  }

  void clientCannotAppend(boolean otherBase) throws Exception {
    Pair x = new Pair(otherBase);
    x.createFiles();
    ok(x.c.run("famfs", "logplay", MNT));
    byte[] before = x.logBytes();
    fails(x.c.run("famfs", "creat", "-s", "2m", MNT + "/cf"), 1, Errno.EPERM);
    fails(x.c.run("famfs", "mkdir", MNT + "/cd"), 1, Errno.EPERM);
    fails(x.c.run("famfs", "mkdir", "-p", MNT + "/d/e/f"), 1, Errno.EPERM);
    assertThat(x.logBytes()).as("the client's attempts leave the log untouched")
        .isEqualTo(before);
    for (String p : new String[] {"/cf", "/cd", "/d/e"}) {
      assertThat(exists(x.c.root(), MNT + p)).as("no local stub for %s", p).isFalse();
    }
    // re-creating an existing file of the same size needs no append: fine on the client too
    ok(x.c.run("famfs", "creat", "-s", "5m", MNT + "/d/c"));
    assertThat(x.logBytes()).isEqualTo(before);
  }

  @Test
  void clientCannotAppendAtTheSamePhysicalAddress() throws Exception {
    clientCannotAppend(false);
  }

  @Test
  void clientCannotAppendAtAnotherPhysicalAddress() throws Exception {
    clientCannotAppend(true);
  }

  static FamfsMap mapOf(Process p, String path) throws ErrnoException {
    int fd = p.open(path, Fcntl.O_RDONLY);
    try {
      return FamfsIoctl.mapGetV2(p, fd);
    } finally {
      p.close(fd);
    }
  }

  static void assertSameMap(FamfsMap a, FamfsMap b) {
    assertThat(a.fileSize()).isEqualTo(b.fileSize());
    assertThat(a.extentType()).isEqualTo(b.extentType());
    assertThat(a.extents()).isEqualTo(b.extents());
    assertThat(a.interleaves()).isEqualTo(b.interleaves());
  }

  @Test
  void logplayIsIdempotentAndUndoesARogueRm() throws Exception {
    Pair x = new Pair(true);
    x.createFiles();
    Process cp = x.c.root();
    ok(x.c.run("famfs", "logplay", MNT));
    FamfsMap ci = mapOf(cp, MNT + "/i");
    FamfsMap mi = mapOf(x.m.root, MNT + "/i");
    assertSameMap(ci, mi);
    ToolResult again = x.c.run("famfs", "logplay", MNT);
    ok(again);
    assertThat(again.stdout()).contains("processed 3 files, created 0, 3 existed")
        .contains("processed 1 directories, created 0, 1 existed");
    ok(x.m.run("famfs", "logplay", MNT));
    assertThat(x.m.run("famfs", "logplay", MNT).stdout()).contains("created 0, 3 existed");
    // rogue rm on both hosts: the next logplay brings the files back as logged
    cp.unlink(MNT + "/i");
    x.m.root.unlink(MNT + "/d/c");
    assertThat(exists(cp, MNT + "/i")).isFalse();
    ToolResult lp = x.c.run("famfs", "logplay", MNT);
    ok(lp);
    assertThat(lp.stdout()).contains("processed 3 files, created 1, 2 existed");
    assertThat(cp.stat(MNT + "/i").size()).isEqualTo(20 * MiB);
    assertThat(cp.stat(MNT + "/i").mode() & 07777).isEqualTo(0444);
    assertSameMap(mapOf(cp, MNT + "/i"), mi);
    assertThat(readAll(cp, MNT + "/i", (int) (20 * MiB)))
        .isEqualTo(TornAppendTest.pattern(0, (int) (20 * MiB), 9));
    ok(x.m.run("famfs", "logplay", MNT));
    Stat st = x.m.root.stat(MNT + "/d/c");
    assertThat(st.size()).isEqualTo(5 * MiB);
    assertThat(st.mode() & 07777).isEqualTo(0644);
    assertThat(readAll(x.m.root, MNT + "/d/c", (int) (5 * MiB)))
        .isEqualTo(TornAppendTest.pattern(0, (int) (5 * MiB), 7));
  }

  @Test
  void aRogueTruncateFailsIoWithEnxioThenEioUntilRemount() throws Exception {
    Pair x = new Pair(true);
    x.createFiles();
    Process cp = x.c.root();
    ok(x.c.run("famfs", "logplay", MNT));
    cp.truncate(MNT + "/d/c", MiB);
    int fd = cp.open(MNT + "/d/c", Fcntl.O_RDONLY);
    byte[] b = new byte[16];
    assertErrno(Errno.ENXIO, () -> cp.pread(fd, b, 0, 16, 0));
    assertErrno(Errno.EIO, () -> cp.pread(fd, b, 0, 16, 0));
    cp.close(fd);
    // logplay leaves an existing file alone (upstream: "existed", no map comparison)
    ToolResult lp = x.c.run("famfs", "logplay", MNT);
    ok(lp);
    assertThat(lp.stdout()).contains("created 0, 3 existed");
    int fd2 = cp.open(MNT + "/d/c", Fcntl.O_RDONLY);
    assertErrno(Errno.EIO, () -> cp.pread(fd2, b, 0, 16, 0));
    cp.close(fd2);
    // the master's view of the same file is unaffected
    assertThat(readAll(x.m.root, MNT + "/d/c", 16))
        .isEqualTo(TornAppendTest.pattern(0, 16, 7));
    ok(x.c.run("umount", MNT));
    ok(x.c.run("famfs", "mount", "/dev/" + x.dc.name(), MNT));
    assertThat(cp.stat(MNT + "/d/c").size()).isEqualTo(5 * MiB);
    assertThat(readAll(cp, MNT + "/d/c", (int) (5 * MiB)))
        .isEqualTo(TornAppendTest.pattern(0, (int) (5 * MiB), 7));
  }

  interface Call {
    void run() throws ErrnoException;
  }

  static void assertErrno(Errno want, Call c) {
    try {
      c.run();
    } catch (ErrnoException e) {
      assertThat(e.errno()).isEqualTo(want);
      return;
    }
    throw new AssertionError("expected " + want);
  }

  void foreignMkfs(boolean otherBase) throws Exception {
    Pair x = new Pair(otherBase);
    x.createFiles();
    ok(x.c.run("umount", MNT));
    // without -f the client refuses: the superblock belongs to another host
    ToolResult r = x.c.run("mkfs.famfs", "/dev/" + x.dc.name());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).contains("EEXIST: ").contains("owned by another host");
    ok(x.c.run("mkfs.famfs", "-f", "/dev/" + x.dc.name()));
    byte[] fresh = x.logBytes();
    byte[] sb = x.m.devBytes(x.dm, 0, FamfsFormat.SUPERBLOCK_BYTES);
    for (String[] argv : new String[][] {
        {"famfs", "creat", "-s", "2m", MNT + "/after"},
        {"famfs", "mkdir", MNT + "/afterdir"},
        {"famfs", "mkdir", "-p", MNT + "/d/x/y"},
        {"famfs", "logplay", MNT}}) {
      ToolResult res = x.m.run(argv);
      fails(res, 1, Errno.ESTALE);
      assertThat(res.stderr()).contains("re-created by another host");
    }
    assertThat(x.logBytes()).as("the master wrote nothing into the new log").isEqualTo(fresh);
    assertThat(x.m.devBytes(x.dm, 0, FamfsFormat.SUPERBLOCK_BYTES)).isEqualTo(sb);
    assertThat(exists(x.m.root, MNT + "/after")).isFalse();
    assertThat(exists(x.m.root, MNT + "/afterdir")).isFalse();
    // after umount + mount the master is a client of the new file system
    ok(x.m.run("umount", MNT));
    ok(x.m.run("famfs", "mount", "/dev/" + x.dm.name(), MNT));
    assertThat(exists(x.m.root, MNT + "/d")).isFalse();
    fails(x.m.run("famfs", "creat", "-s", "2m", MNT + "/after"), 1, Errno.EPERM);
  }

  @Test
  void aForeignMkfsUnderAMountIsReportedAtTheSamePhysicalAddress() throws Exception {
    foreignMkfs(false);
  }

  @Test
  void aForeignMkfsUnderAMountIsReportedAtAnotherPhysicalAddress() throws Exception {
    foreignMkfs(true);
  }
}
