package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * ls, stat, mkdir, rm, touch and truncate against busybox 1.35's formats and messages (those of
 * the oracle guest's busybox-static: ls.c display_single(), stat.c's default format, the
 * bb_perror_msg() lines of mkdir/rm/touch/truncate). Host clocks stand at the epoch.
 */
class TreeCommandsTest {
  static final String EPOCH = "1970-01-01 00:00:00.000000000 +0000";

  static Result ok(String out) {
    return new Result(0, null, out, "");
  }

  static Result err(String errno, String stderr) {
    return new Result(1, errno, "", stderr);
  }

  @Test
  void lsAndStatOnFamfsAndDev() throws Exception {
    Shell sh = IoCommandTest.famfs();
    assertThat(sh.execute("ls /mnt")).isEqualTo(ok("f1\n")); // .meta is hidden
    assertThat(sh.execute("ls -A /mnt")).isEqualTo(ok(".meta\nf1\n"));
    // st_blocks 8192 (512-byte units): total (1 + 8192) / 2 in 1 KiB units
    assertThat(sh.execute("ls -l /mnt")).isEqualTo(ok("total 4096\n"
        + "-rw-r--r--    1 root     root       4194304 Jan  1 00:00 f1\n"));
    assertThat(sh.execute("ls -l /mnt/f1")).isEqualTo(
        ok("-rw-r--r--    1 root     root       4194304 Jan  1 00:00 /mnt/f1\n"));
    assertThat(sh.execute("ls -l /dev")).isEqualTo(ok("total 0\n"
        + "crw-------    1 root     root      252,   0 Jan  1 00:00 dax0.0\n"));
    assertThat(sh.execute("stat /mnt/f1")).isEqualTo(ok(
        "  File: /mnt/f1\n"
        + "  Size: 4194304   \tBlocks: 8192       IO Block: 4096   regular file\n"
        + "Device: 6h/6d\tInode: 5           Links: 1\n"
        + "Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\n"
        + "Access: " + EPOCH + "\nModify: " + EPOCH + "\nChange: " + EPOCH + "\n"));
    assertThat(sh.execute("stat /dev/dax0.0")).isEqualTo(ok(
        "  File: /dev/dax0.0\n"
        + "  Size: 0         \tBlocks: 0          IO Block: 4096   character special file\n"
        + "Device: 3h/3d\tInode: 2           Links: 1     Device type: fc,0\n"
        + "Access: (0600/crw-------)  Uid: (    0/    root)   Gid: (    0/    root)\n"
        + "Access: " + EPOCH + "\nModify: " + EPOCH + "\nChange: " + EPOCH + "\n"));
    assertThat(sh.execute("stat /mnt/nope /mnt/f1").exit()).isEqualTo(1);
    assertThat(sh.execute("stat /mnt/nope")).isEqualTo(
        err("ENOENT", "stat: can't stat '/mnt/nope': No such file or directory\n"));
  }

  @Test
  void lsPrintsFilesFirstThenLabelledDirectories() throws Exception {
    Shell sh = IoCommandTest.famfs();
    sh.execute("region add --size 1G");
    assertThat(sh.execute("ls /sys/bus/dax/devices /dev /tmp/nope /mnt/f1")).isEqualTo(
        new Result(1, "ENOENT", "/mnt/f1\n\n/dev:\ndax0.0\ndax1.0\n\n/sys/bus/dax/devices:\n"
            + "dax0.0\ndax1.0\n", "ls: /tmp/nope: No such file or directory\n"));
    assertThat(DaxSim.newShell(DaxSim.newWorld()).execute("ls /"))
        .isEqualTo(ok("dev\nmnt\nsys\ntmp\n"));
    assertThat(sh.execute("ls -d /mnt /dev")).isEqualTo(ok("/dev\n/mnt\n"));
    assertThat(sh.execute("ls -z")).isEqualTo(
        err(null, "ls: invalid option -- 'z'\n" + BusyboxUsage.of("ls")));
    assertThat(BusyboxUsage.of("ls")).startsWith("BusyBox v1.35.0 ")
        .contains("\nUsage: ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...\n");
  }

  @Test
  void sysfsLongListingShowsAttributesAndRelativeLinks() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld("seed=5"));
    sh.execute("region add --size 1G");
    assertThat(sh.execute("ls -l /sys/bus/dax/devices")).isEqualTo(ok("total 0\n"
        + "lrwxrwxrwx    1 root     root             0 Jan  1 00:00 dax0.0 -> "
        + "../../../devices/platform/hmem.0/dax0.0\n"));
    String dev = sh.execute("ls -l /sys/bus/dax/devices/dax0.0/").stdout();
    assertThat(dev).startsWith("total 0\n")
        .contains("-rw-r--r--    1 root     root          4096 Jan  1 00:00 size\n")
        .contains("-r--r--r--    1 root     root          4096 Jan  1 00:00 modalias\n")
        .contains("lrwxrwxrwx    1 root     root             0 Jan  1 00:00 driver -> "
            + "../../../../bus/dax/drivers/device_dax\n")
        .contains("drwxr-xr-x    2 root     root             0 Jan  1 00:00 mapping0\n");
    assertThat(sh.execute("stat /sys/bus/dax/devices/dax0.0").stdout()).startsWith(
        "  File: '/sys/bus/dax/devices/dax0.0' -> '../../../devices/platform/hmem.0/dax0.0'\n"
        + "  Size: 0         \tBlocks: 0          IO Block: 4096   symbolic link\n");
    assertThat(sh.execute("ls /sys/nope"))
        .isEqualTo(err("ENOENT", "ls: /sys/nope: No such file or directory\n"));
  }

  @Test
  void mkdirTouchRmOnTmp() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld("seed=5"));
    assertThat(sh.execute("mkdir /tmp/a")).isEqualTo(ok(""));
    assertThat(sh.execute("mkdir /tmp/a"))
        .isEqualTo(err("EEXIST", "mkdir: can't create directory '/tmp/a': File exists\n"));
    assertThat(sh.execute("mkdir -p /tmp/a /tmp/a/b/c")).isEqualTo(ok(""));
    assertThat(sh.execute("touch /tmp/a/f")).isEqualTo(ok(""));
    assertThat(sh.execute("mkdir -p /tmp/a/f")).isEqualTo(
        err("EEXIST", "mkdir: can't create directory '/tmp/a/f': File exists\n"));
    assertThat(sh.execute("mkdir -p /tmp/a/f/x")).isEqualTo(
        err("ENOTDIR", "mkdir: can't create directory '/tmp/a/f/': Not a directory\n"));
    assertThat(sh.execute("mkdir /tmp/q/r")).isEqualTo(err("ENOENT",
        "mkdir: can't create directory '/tmp/q/r': No such file or directory\n"));
    assertThat(sh.execute("touch /tmp/q/r"))
        .isEqualTo(err("ENOENT", "touch: /tmp/q/r: No such file or directory\n"));
    assertThat(sh.execute("touch /tmp/a/f/x"))
        .isEqualTo(err("ENOTDIR", "touch: /tmp/a/f/x: Not a directory\n"));
    assertThat(sh.execute("touch -c /tmp/a/g")).isEqualTo(ok(""));
    assertThat(sh.execute("ls -l /tmp/a")).isEqualTo(ok("total 0\n"
        + "drwxr-xr-x    3 root     root             0 Jan  1 00:00 b\n"
        + "-rw-r--r--    1 root     root             0 Jan  1 00:00 f\n"));
    assertThat(sh.execute("rm /tmp/a")).isEqualTo(err(null, "rm: '/tmp/a' is a directory\n"));
    assertThat(sh.execute("rm /tmp/a/f/x"))
        .isEqualTo(err("ENOTDIR", "rm: can't stat '/tmp/a/f/x': Not a directory\n"));
    assertThat(sh.execute("rm /tmp/nope"))
        .isEqualTo(err("ENOENT", "rm: can't remove '/tmp/nope': No such file or directory\n"));
    assertThat(sh.execute("rm -f /tmp/nope")).isEqualTo(ok(""));
    assertThat(sh.execute("rm -r /tmp/a")).isEqualTo(ok(""));
    assertThat(sh.execute("ls -a /tmp")).isEqualTo(ok(".\n..\n"));
    assertThat(sh.execute("rm")).isEqualTo(err(null, BusyboxUsage.of("rm")));
    assertThat(sh.execute("mkdir")).isEqualTo(err(null, BusyboxUsage.of("mkdir")));
    assertThat(sh.execute("touch")).isEqualTo(err(null, BusyboxUsage.of("touch")));
  }

  @Test
  void truncateParsesBusyboxSizesAndNamesTheFailingCall() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld("seed=5"));
    for (String[] c : new String[][] {{"1K", "1024"}, {"2k", "2048"}, {"1kB", "1000"},
        {"3MD", "3000000"}, {"1M", "1048576"}, {"010", "10"}, {"0", "0"}}) {
      assertThat(sh.execute("truncate -s " + c[0] + " /tmp/z").exit()).isZero();
      assertThat(sh.execute("stat /tmp/z").stdout()).contains("  Size: "
          + String.format("%-10s", c[1]) + "\t");
    }
    for (String bad : new String[] {"1x", "1m", "1g", "0x10", "-5", "+5", "1KiB", "''"}) {
      String shown = bad.equals("''") ? "" : bad;
      assertThat(sh.execute("truncate -s " + bad + " /tmp/z"))
          .isEqualTo(err(null, "truncate: invalid number '" + shown + "'\n"));
    }
    assertThat(sh.execute("truncate -s 18014398509481984K /tmp/z")).isEqualTo(err(null,
        "truncate: number 18014398509481984K is not in 0..18446744073709551615 range\n"));
    assertThat(sh.execute("truncate -s 18446744073709551615 /tmp/z"))
        .isEqualTo(err("EINVAL", "truncate: /tmp/z: truncate: Invalid argument\n"));
    assertThat(sh.execute("truncate /tmp/z")).isEqualTo(err(null, BusyboxUsage.of("truncate")));
    assertThat(sh.execute("truncate -s 5 /tmp/nod/x")).isEqualTo(
        err("ENOENT", "truncate: /tmp/nod/x: open: No such file or directory\n"));
    assertThat(sh.execute("truncate -c -s 5 /tmp/nope")).isEqualTo(ok(""));
    assertThat(sh.execute("ls /tmp")).isEqualTo(ok("z\n"));
    assertThat(sh.execute("truncate -s 5 /tmp"))
        .isEqualTo(err("EISDIR", "truncate: /tmp: open: Is a directory\n"));
  }

  @Test
  void sysfsRefusesCreationAndRemoval() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld("seed=5"));
    sh.execute("region add --size 1G");
    String size = "/sys/bus/dax/devices/dax0.0/size";
    assertThat(sh.execute("rm " + size))
        .isEqualTo(err("EPERM", "rm: can't remove '" + size + "': Operation not permitted\n"));
    assertThat(sh.execute("mkdir /sys/foo")).isEqualTo(
        err("EPERM", "mkdir: can't create directory '/sys/foo': Operation not permitted\n"));
    assertThat(sh.execute("touch /sys/foo"))
        .isEqualTo(err("EACCES", "touch: /sys/foo: Permission denied\n"));
    assertThat(sh.execute("touch " + size)).isEqualTo(ok(""));
    assertThat(sh.execute("truncate -s 0 " + size)).isEqualTo(ok(""));
    assertThat(sh.execute("truncate -s 0 /sys/bus/dax/devices/dax0.0/modalias")).isEqualTo(err(
        "EACCES", "truncate: /sys/bus/dax/devices/dax0.0/modalias: open: Permission denied\n"));
    assertThat(sh.execute("cat " + size)).isEqualTo(ok("1073741824\n"));
  }

  @Test
  void rogueRmOnFamfsIsUndoneByLogplay() throws Exception {
    Shell sh = IoCommandTest.famfs();
    sh.execute("io write /mnt/f1 --seed 4");
    assertThat(sh.execute("rm /mnt/f1")).isEqualTo(ok(""));
    assertThat(sh.execute("ls /mnt")).isEqualTo(ok(""));
    assertThat(sh.execute("famfs logplay /mnt").stdout())
        .contains("famfs_logplay: processed 1 files, created 1, 0 existed\n");
    assertThat(sh.execute("ls /mnt")).isEqualTo(ok("f1\n"));
    assertThat(sh.execute("io read /mnt/f1"))
        .isEqualTo(ok(IoCommandTest.readLine(4, 0, 4 << 20)));
  }
}
