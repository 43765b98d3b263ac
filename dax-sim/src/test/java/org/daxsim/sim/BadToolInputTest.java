package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Bad input for the kernel-facing and file-tree commands, each against the real tool's format
 * and exit status, with the world unchanged after every line (see {@link BadInputCase}):
 * busybox 1.35 applets (open_or_warn's {@code can't open 'FILE'}, bb_show_usage()) and ash
 * redirections, the oracle's io.c ({@code usage()} exit 2, {@code io: OP: strerror} exit 1),
 * daxctl (ndctl's parse-options: exit 129; per-device errors exit 256 - errno), famfs (exit
 * statuses of famfs.md 4.1/4.6) and util-linux umount(8).
 */
class BadToolInputTest extends BadInputCase {
  static final String IO_USAGE =
      "usage: io write|read|mmap-write|mmap-read FILE [--seed S] [--offset N] [--length N]\n";

  /** A failing line whose stderr starts with {@code head} and ends with {@code tail}. */
  private void shape(String line, int exit, String errno, String head, String tail)
      throws Exception {
    Result r = sh.execute(line);
    assertThat(r.exit()).as(line).isEqualTo(exit);
    assertThat(r.errno()).as(line).isEqualTo(errno);
    assertThat(r.stdout()).as(line).isEmpty();
    assertThat(r.stderr()).as(line).startsWith(head).endsWith(tail);
    assertThat(BadInputWorld.snapshot(sh)).as("world after " + line).isEqualTo(before);
  }

  @Test
  void daxctl() throws Exception {
    check("daxctl frob", 1, null, "", "Unknown command: 'frob'\n");
    shape("daxctl list --bogus", 129, null,
        "  Error: unknown option `bogus'\n\n usage: daxctl list [<options>]\n", "\n");
    shape("daxctl destroy-device", 129, null, "specify a device to destroy, or \"all\"\n\n"
        + " usage: daxctl destroy-device <device> [<options>]\n", "\n");
    shape("daxctl reconfigure-device -m bogus dax0.0", 256 - 22, "EINVAL", "",
        "error reconfiguring devices: Invalid argument\nreconfigured 0 devices\n");
    shape("daxctl disable-device dax9.9", 256 - 6, "ENXIO", "", "disabled 0 devices\n");
    check("daxctl create-device -r 9", 256 - 6, "ENXIO", "",
        "error creating devices: No such device or address\ncreated 0 devices\n");
    check("daxctl list -d dax9.9", 0, null, "", "");
  }

  @Test
  void catEchoPrintfAndLs() throws Exception {
    check("cat /nope", 1, "ENOENT", "", "cat: can't open '/nope': No such file or directory\n");
    check("cat /sys/bus/dax/devices/dax9.9/size", 1, "ENOENT", "",
        "cat: can't open '/sys/bus/dax/devices/dax9.9/size': No such file or directory\n");
    check("cat /tmp/keep /nope", 1, "ENOENT", "keep\n",
        "cat: can't open '/nope': No such file or directory\n");
    check("echo x > /sys/bus/dax/devices/dax9.9/size", 1, "ENOENT", "",
        "sh: can't create /sys/bus/dax/devices/dax9.9/size: nonexistent directory\n");
    check("echo bogus > /sys/bus/dax/devices/dax1.0/size", 1, "EINVAL", "",
        "sh: write error: Invalid argument\n");
    check("printf x > /nope/f", 1, "ENOENT", "",
        "sh: can't create /nope/f: nonexistent directory\n");
    check("printf", 1, null, "", BadInputCase.BUSYBOX + "Usage: printf FORMAT [ARG]...\n\n"
        + "Format and print ARG(s) according to FORMAT (a-la C printf)\n");
    check("ls /nope", 1, "ENOENT", "", "ls: /nope: No such file or directory\n");
    usage("ls -Q", "ls: invalid option -- 'Q'\n",
        "ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...");
    usage("ls --bogus /", "ls: unrecognized option '--bogus'\n",
        "ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...");
  }

  @Test
  void statMkdirRmTouchTruncate() throws Exception {
    usage("stat", "", "stat [-ltf] [-c FMT] FILE...");
    usage("stat -Z /", "stat: invalid option -- 'Z'\n", "stat [-ltf] [-c FMT] FILE...");
    check("stat /nope", 1, "ENOENT", "", "stat: can't stat '/nope': No such file or directory\n");
    usage("mkdir", "", "mkdir [-m MODE] [-p] DIRECTORY...");
    check("mkdir /nope/x", 1, "ENOENT", "",
        "mkdir: can't create directory '/nope/x': No such file or directory\n");
    check("mkdir /tmp/dir", 1, "EEXIST", "",
        "mkdir: can't create directory '/tmp/dir': File exists\n");
    usage("rm", "", "rm [-irf] FILE...");
    usage("rm -Q /tmp/keep", "rm: invalid option -- 'Q'\n", "rm [-irf] FILE...");
    check("rm /nope", 1, "ENOENT", "", "rm: can't remove '/nope': No such file or directory\n");
    check("rm /tmp/dir", 1, null, "", "rm: '/tmp/dir' is a directory\n");
    usage("touch", "", "touch [-cham] [-d DATE] [-t DATE] [-r FILE] FILE...");
    check("touch /nope/x", 1, "ENOENT", "", "touch: /nope/x: No such file or directory\n");
    usage("truncate", "", "truncate [-c] -s SIZE FILE...");
    usage("truncate /tmp/keep", "", "truncate [-c] -s SIZE FILE...");
    usage("truncate -s", "truncate: option requires an argument -- 's'\n",
        "truncate [-c] -s SIZE FILE...");
    check("truncate -s 1Q /tmp/keep", 1, null, "", "truncate: invalid number '1Q'\n");
  }

  @Test
  void io() throws Exception {
    for (String bad : new String[] {"io", "io write", "io read", "io write /mnt/f1",
        "io frob /mnt/f1", "io read /mnt/f1 --length 1G", "io read /mnt/f1 --bogus 1",
        "io read /mnt/f1 --offset", "io mmap-write /mnt/f1 --seed 0x1g", "io faults",
        "io mmap-read /mnt/f1 --length 4096 extra"}) {
      check(bad, 2, null, "", IO_USAGE);
    }
    check("io read /nope", 1, "ENOENT", "", "io: open: No such file or directory\n");
    check("io write /nope --seed 1", 1, "ENOENT", "", "io: open: No such file or directory\n");
    check("io mmap-read /dev/dax9.9 --length 4096", 1, "ENOENT", "",
        "io: open: No such file or directory\n");
    check("@node1 io read /nope", 1, "ENOENT", "", "io: open: No such file or directory\n");
  }

  /** A famfs tool's failure: its exit status, nothing on stdout, stderr naming {@code what}. */
  private void famfs(String line, int exit, String what) throws Exception {
    Result r = sh.execute(line);
    assertThat(r.exit()).as(line).isEqualTo(exit);
    assertThat(r.stdout()).as(line).isEmpty();
    assertThat(r.stderr()).as(line).contains(what).endsWith("\n");
    assertThat(BadInputWorld.snapshot(sh)).as("world after " + line).isEqualTo(before);
  }

  @Test
  void famfsTools() throws Exception {
    famfs("mkfs.famfs", 2, "usage");
    famfs("mkfs.famfs --bogus /dev/dax0.0", 2, "'--bogus'");
    famfs("mkfs.famfs -l 1Q /dev/dax0.0", 2, "1Q");
    famfs("mkfs.famfs -l 1m /dev/dax0.0", 2, "1m");
    famfs("mkfs.famfs -k /dev/dax0.0", 2, "-k");
    famfs("mkfs.famfs /dev/dax0.0", 2, "EBUSY");
    famfs("mkfs.famfs -f /dev/dax0.0", 2, "EBUSY");
    famfs("famfs", 1, "famfs");
    famfs("famfs frob", 3, "'frob'");
    famfs("famfs mount", 1, "usage");
    famfs("famfs mount /dev/dax0.0 /mnt", 1, "EBUSY");
    famfs("famfs mount /dev/dax9.9 /tmp/dir", 1, "ENOENT");
    famfs("famfs creat /mnt/x", 1, "EINVAL");
    famfs("famfs creat -s 1G -N 2 /mnt/z", 1, "EINVAL");
    famfs("@node1 famfs creat -s 2m /mnt/g", 1, "EPERM");
    famfs("famfs mkdir /mnt/d", 1, "EEXIST");
    famfs("famfs getmap", 22, "EINVAL");
    famfs("famfs getmap /nope", 9, "/nope");
    famfs("famfs logplay /nope", 1, "ENOENT");
    famfs("famfs cp /nope /mnt/c", 1, "/nope");
    famfs("famfs verify -S 1 -f /nope", 1, "ENOENT");
    check("famfs flush /nope", 1, null, "famfs flush: 1 errors were detected\n",
        "famfs_flush_file: file not found (/nope)\n");
  }

  @Test
  void umountAsUtilLinux() throws Exception {
    check("umount", 1, null, "", "umount: bad usage\nTry 'umount --help' for more information.\n");
    check("umount /tmp/dir", 32, null, "", "umount: /tmp/dir: not mounted.\n");
    check("umount /nope", 32, null, "", "umount: /nope: no mount point specified.\n");
    check("@node1 umount /mnt/d", 32, null, "", "umount: /mnt/d: not mounted.\n");
  }
}
