package org.daxsim.fs.famfs.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.LOG;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.MiB;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.fails;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.log;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.ok;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.LogEntry;
import org.daxsim.fs.famfs.format.MkdirEntry;
import org.daxsim.fs.vfs.Fcntl;
import org.junit.jupiter.api.Test;

/**
 * The option and argument rules of famfs logplay, creat and mkdir and of the famfs command
 * itself (mkfs.famfs and mount: {@link ToolsBadInputMkfsTest}) (famfs_cli.c do_famfs_cli_*; famfs.md 4.1, 4.6, 7b): each bad input fails with famfs's exit status and the documented errno, and
 * leaves the device (superblock and log) and the namespace as they were.
 */
class ToolsBadInputTest extends AbstractToolsBadInput {
  ToolsBadInputTest() throws ErrnoException {
    super();
  }

  // ---------------------------------------------------------------------------- famfs logplay

  @Test
  void logplayRejectsBadArguments() throws Exception {
    mkfsAndMount();
    fails(h.run("famfs", "logplay"), 1, Errno.EINVAL);
    fails(h.run("famfs", "logplay", MNT, "/x"), 1, Errno.EINVAL);
    fails(h.run("famfs", "logplay", "-r", "-m", MNT), 1, Errno.EINVAL);
    fails(h.run("famfs", "logplay", "-q", MNT), 1, Errno.EINVAL);
    assertThat(h.run("famfs", "logplay", "/nowhere").exit()).isEqualTo(1);
    h.root.mkdir("/plain", 0755);
    assertThat(h.run("famfs", "logplay", "/plain").exit()).isEqualTo(1);
    ok(h.run("famfs", "logplay", "-n", MNT));
  }

  @Test
  void logplayDryRunCreatesNothing() throws Exception {
    mkfsAndMount();
    ok(h.run("famfs", "creat", "-s", "2m", MNT + "/f"));
    ok(h.run("famfs", "mkdir", MNT + "/g"));
    h.root.unlink(MNT + "/f");
    h.root.rmdir(MNT + "/g");
    ToolResult r = h.run("famfs", "logplay", "-n", MNT);
    ok(r);
    assertThat(r.stdout()).contains("processed 1 files, created 0, 0 existed")
        .contains("processed 1 directories, created 0, 0 existed");
    assertThat(exists(MNT + "/f")).isFalse();
    assertThat(exists(MNT + "/g")).isFalse();
  }

  // ------------------------------------------------------------------------------ famfs creat

  @Test
  void creatRejectsBadOptionsBeforeTouchingTheLog() throws Exception {
    mkfsAndMount();
    ToolEnv small = h.env().withMinBucketSize(2 * MiB);
    ToolEnv tiny = h.env().withMinBucketSize(4096); // the bucket-size rule masks no other rule
    String f = MNT + "/f";
    String[][] bad = {
        {f}, // no size
        {"-s", "0", f},
        {"-s", "1m", "-S", "3", f}, // -S needs -r
        {"-M", "a,1m", "-s", "1m"},
        {"-M", "a,1m", "-S", "1"},
        {"-M", "a,1m", f},
        {"-M", "a"},
        {"-M", "a,1m,2,3"},
        {"-s", "4m", "-N", "2", f},
        {"-s", "4m", "-B", "4", f},
        {"-s", "4m", "-C", "4m", f},
        {"-s", "4m", "-N", "17", "-B", "32", f},
        {"-s", "4m", "-N", "2", "-B", "4", "-C", "3m", f},
        {"-s", "4m", "-N", "2", "-B", "4", "-C", "1m", f},
        {"-s", "4m", "-N", "2", "-B", "4", "-C", "6m", f},
        {"-s", "4m", "-N", "5", "-B", "4", f},
        {"-s", "4m", "-N", "2", "-B", "65", f},
        {"-s", "4m", "-N", "0", "-B", "4", f},
        {"-s", "4m", "-t", "257", f},
        {"-s", "4m", "-m", "9z", f},
        {"-s", "4m", "--bogus", f},
        {"-s", "4m", "-Q", f},
        {"-s"},
        {"-s", "4m", f, MNT + "/g"},
        {"-s", "4m", "/tmp/notfamfs"}};
    for (String[] args : bad) {
      String[] argv = new String[args.length + 2];
      argv[0] = "famfs";
      argv[1] = "creat";
      System.arraycopy(args, 0, argv, 2, args.length);
      fails(FamfsCli.run(tiny, argv), 1, Errno.EINVAL);
    }
    assertThat(FamfsCli.run(tiny, "famfs", "creat", "-s", "4m", "-N", "2", "-B", "65", f)
        .stderr()).contains("nbuckets (65) <= 64");
    assertThat(entries()).isZero();
    assertThat(exists(f)).isFalse();
    assertThat(exists("/tmp/notfamfs")).isFalse();
    // the bucket-size rule: 128 MiB / 4 buckets is below the default 1 GiB minimum
    fails(h.run("famfs", "creat", "-s", "4m", "-N", "2", "-B", "4", f), 1, Errno.EINVAL);
    assertThat(entries()).isZero();
    // the good forms of the same options work
    ok(FamfsCli.run(small, "famfs", "creat", "-s", "4m", "-N", "2", "-B", "4", "-C", "2m", f));
    ok(FamfsCli.run(small, "famfs", "creat", "-s", "4m", "-N", "16", "-B", "64", MNT + "/g"));
    ok(h.run("famfs", "creat", "-M", MNT + "/m1,1m", "-M", MNT + "/m2,2m,5", "-r"));
    assertThat(h.root.stat(MNT + "/m2").size()).isEqualTo(2 * MiB);
    assertThat(entries()).isEqualTo(4);
  }

  @Test
  void creatOverAnExistingPath() throws Exception {
    mkfsAndMount();
    ok(h.run("famfs", "creat", "-s", "3m", MNT + "/f"));
    ok(h.run("famfs", "mkdir", MNT + "/dir"));
    long n = entries();
    ok(h.run("famfs", "creat", "-s", "3m", MNT + "/f"));
    ok(h.run("famfs", "creat", "-s", "3m", "-r", "-S", "4", MNT + "/f"));
    ok(h.run("famfs", "creat", MNT + "/f")); // no size: the existing file's
    assertThat(entries()).isEqualTo(n);
    fails(h.run("famfs", "creat", "-s", "4m", MNT + "/f"), 1, Errno.EEXIST);
    fails(h.run("famfs", "creat", "-s", "2m", MNT + "/dir"), 1, Errno.EINVAL);
    // a file not in famfs (a plain file elsewhere)
    int fd = h.root.open("/tmp/plain", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
    h.root.close(fd);
    ToolResult r = h.run("famfs", "creat", "-s", "2m", "/tmp/plain");
    fails(r, 1, Errno.EINVAL);
    assertThat(r.stderr()).contains("not in famfs");
    assertThat(entries()).isEqualTo(n);
    assertThat(h.root.stat(MNT + "/f").size()).isEqualTo(3 * MiB);
  }

  @Test
  void creatAndMkdirOwnerModeAndSizeArguments() throws Exception {
    mkfsAndMount();
    h.root.umask(027);
    ok(h.run("famfs", "creat", "-s", "5kb", MNT + "/junk")); // trailing junk: unscaled
    assertThat(h.root.stat(MNT + "/junk").size()).isEqualTo(5);
    assertThat(h.root.stat(MNT + "/junk").mode() & 07777).as("0644 & ~umask").isEqualTo(0640);
    ok(h.run("famfs", "creat", "-s", "0x3k", MNT + "/hex"));
    assertThat(h.root.stat(MNT + "/hex").size()).isEqualTo(3 * 1024);
    ok(h.run("famfs", "creat", "-s", "10m", "-m", "0604", "-u", "1000", "-g", "2000",
        MNT + "/big"));
    ok(h.run("famfs", "creat", "-s", "1m", "-u", "1001", MNT + "/uonly"));
    ok(h.run("famfs", "mkdir", "-m", "0711", "-u", "1002", "-g", "2002", MNT + "/dir"));
    var big = h.root.stat(MNT + "/big");
    assertThat(big.size()).isEqualTo(10 * MiB);
    assertThat(List.of(big.uid(), big.gid(), big.mode() & 07777)).containsExactly(1000, 2000,
        0604);
    assertThat(h.root.stat(MNT + "/uonly").uid()).isEqualTo(1001);
    assertThat(h.root.stat(MNT + "/uonly").gid()).isZero();
    var dir = h.root.stat(MNT + "/dir");
    assertThat(List.of(dir.uid(), dir.gid(), dir.mode() & 07777)).containsExactly(1002, 2002,
        0711);
    List<LogEntry> es = log(h.env(), MNT).entries();
    FileEntry fb = (FileEntry) es.get(2);
    assertThat(List.of(fb.uid(), fb.gid(), fb.mode())).containsExactly(1000, 2000, 0604);
    // after a remount logplay chowns only when uid and gid are both non-zero (upstream)
    ok(h.run("umount", MNT));
    ok(h.run("famfs", "mount", dev, MNT));
    assertThat(h.root.stat(MNT + "/big").uid()).isEqualTo(1000);
    assertThat(h.root.stat(MNT + "/dir").gid()).isEqualTo(2002);
    assertThat(h.root.stat(MNT + "/uonly").uid()).isZero();
  }

  @Test
  void relativePathsOf80BytesOrMoreAreRejected() throws Exception {
    mkfsAndMount();
    String ok79 = "d/" + "a".repeat(77);
    String long80 = "d/" + "a".repeat(78);
    ok(h.run("famfs", "mkdir", MNT + "/d"));
    ok(h.run("famfs", "creat", "-s", "1m", MNT + "/" + ok79));
    long n = entries();
    fails(h.run("famfs", "creat", "-s", "1m", MNT + "/" + long80), 1, Errno.ENAMETOOLONG);
    fails(h.run("famfs", "mkdir", MNT + "/" + long80), 1, Errno.ENAMETOOLONG);
    fails(h.run("famfs", "mkdir", "-p", MNT + "/d/" + "b".repeat(90) + "/c"), 1,
        Errno.ENAMETOOLONG);
    assertThat(entries()).isEqualTo(n);
    assertThat(exists(MNT + "/" + long80)).isFalse();
    LogEntry last = log(h.env(), MNT).entries().get((int) n - 1);
    assertThat(((FileEntry) last).relpath()).isEqualTo(ok79);
  }

  @Test
  void aFullLogFailsCreatAndMkdirBeforeAnythingIsCreated() throws Exception {
    mkfsAndMount();
    long last = log(h.env(), MNT).header().lastIndex();
    h.writeDev(d, LOG + 32, le(last + 1)); // next_seqnum
    h.writeDev(d, LOG + 40, le(last + 1)); // next_index: the log is full
    ToolResult c = h.run("famfs", "creat", "-s", "2m", MNT + "/f");
    fails(c, 1, Errno.ENOSPC);
    ToolResult m = h.run("famfs", "mkdir", MNT + "/g");
    fails(m, 12, Errno.ENOSPC);
    assertThat(exists(MNT + "/f")).isFalse();
    assertThat(exists(MNT + "/g")).isFalse();
    assertThat(log(h.env(), MNT).header().nextIndex()).isEqualTo(last + 1);
  }

  // ------------------------------------------------------------------------------ famfs mkdir

  @Test
  void mkdirRules() throws Exception {
    mkfsAndMount();
    ok(h.run("famfs", "mkdir", MNT + "/a"));
    ok(h.run("famfs", "creat", "-s", "1m", MNT + "/a/file"));
    long n = entries();
    fails(h.run("famfs", "mkdir", MNT + "/a"), 1, Errno.EEXIST);
    fails(h.run("famfs", "mkdir", MNT + "/a/file"), 1, Errno.EEXIST);
    fails(h.run("famfs", "mkdir", MNT + "/missing/x"), 1, Errno.ENOENT);
    fails(h.run("famfs", "mkdir", MNT + "/a/file/x"), 1, Errno.ENOENT);
    fails(h.run("famfs", "mkdir", MNT), 1, Errno.EEXIST);
    ok(h.run("famfs", "mkdir", "-p", MNT));
    ok(h.run("famfs", "mkdir", "-p", MNT + "/a"));
    fails(h.run("famfs", "mkdir", "-p", MNT + "/a/file/x/y"), 1, Errno.ENOTDIR);
    fails(h.run("famfs", "mkdir", "-p", MNT + "/a/file"), 1, Errno.ENOTDIR);
    fails(h.run("famfs", "mkdir"), 1, Errno.EINVAL);
    fails(h.run("famfs", "mkdir", MNT + "/b", MNT + "/c"), 1, Errno.EINVAL);
    fails(h.run("famfs", "mkdir", "-x", MNT + "/b"), 1, Errno.EINVAL);
    fails(h.run("famfs", "mkdir", "-m", "8", MNT + "/b"), 1, Errno.EINVAL);
    fails(h.run("famfs", "mkdir", "/tmp/b"), 1, Errno.EINVAL);
    assertThat(entries()).isEqualTo(n);
    assertThat(exists(MNT + "/missing")).isFalse();
    assertThat(exists(MNT + "/b")).isFalse();
  }

  @Test
  void mkdirPLogsOneEntryPerMissingComponentOnly() throws Exception {
    mkfsAndMount();
    ok(h.run("famfs", "mkdir", "-p", "-m", "0700", MNT + "/a/b/c"));
    assertThat(entries()).isEqualTo(3);
    ok(h.run("famfs", "mkdir", "-p", MNT + "/a/b/c/d/e"));
    assertThat(entries()).isEqualTo(5);
    ok(h.run("famfs", "mkdir", "-p", MNT + "/a/b"));
    ok(h.run("famfs", "mkdir", "-p", MNT + "/a/b/c/d/e"));
    assertThat(entries()).isEqualTo(5);
    List<String> paths = new ArrayList<>();
    for (LogEntry e : log(h.env(), MNT).entries()) {
      paths.add(((MkdirEntry) e).relpath());
    }
    assertThat(paths).containsExactly("a", "a/b", "a/b/c", "a/b/c/d", "a/b/c/d/e");
    assertThat(((MkdirEntry) log(h.env(), MNT).entries().get(1)).mode()).isEqualTo(0700);
    assertThat(h.root.stat(MNT + "/a/b").mode() & 07777).isEqualTo(0700);
    // a remount replays them all
    ok(h.run("umount", MNT));
    ok(h.run("famfs", "mount", dev, MNT));
    assertThat(Fcntl.isDir(h.root.stat(MNT + "/a/b/c/d/e").mode())).isTrue();
  }

  // -------------------------------------------------------------------------- famfs (dispatch)

  @Test
  void subcommandDispatch() throws Exception {
    ToolResult none = h.run("famfs");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.stderr()).contains("missing subcommand");
    ToolResult unknown = h.run("famfs", "frobnicate");
    assertThat(unknown.exit()).isEqualTo(3);
    assertThat(unknown.stderr()).contains("unknown subcommand 'frobnicate'");
    assertThat(h.run("famfs.nosuch").exit()).isEqualTo(127);
    // util-linux umount(8): "bad usage" (MNT_EX_USAGE 1), "not mounted." (MNT_EX_FAIL 32)
    assertThat(h.run("umount")).isEqualTo(new ToolResult(1, "",
        "umount: bad usage\nTry 'umount --help' for more information.\n"));
    ToolResult um = h.run("umount", MNT);
    assertThat(um.exit()).isEqualTo(32);
    assertThat(um.stderr()).isEqualTo("umount: " + MNT + ": not mounted.\n");
  }
}
