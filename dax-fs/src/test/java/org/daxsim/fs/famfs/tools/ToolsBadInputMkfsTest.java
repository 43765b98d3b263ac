package org.daxsim.fs.famfs.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.ENTRY;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.HDR;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.MiB;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.fails;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.log;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.ok;

import java.util.UUID;
import org.daxsim.bus.DevDax;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.Superblock;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Process;
import org.junit.jupiter.api.Test;

/**
 * The option and argument rules of mkfs.famfs (mkfs.famfs.c, __famfs_mkfs) and famfs mount
 * (famfs_cli.c do_famfs_cli_mount; famfs.md 4.1, 8 items 3, 31, 33): each bad input fails with
 * famfs's exit status and the documented errno and leaves the device and the mount table as
 * they were.
 */
class ToolsBadInputMkfsTest extends AbstractToolsBadInput {
  ToolsBadInputMkfsTest() throws ErrnoException {
    super();
  }

  // ------------------------------------------------------------------------------- mkfs.famfs

  @Test
  void mkfsRejectsBadOptionsWithoutTouchingTheDevice() throws Exception {
    byte[] before = meta();
    String[][] bad = {{"-k", dev}, {"-l", "1", dev}, {"-l", "1m", dev}, {"-l", "11m", dev},
        {"-l", "12m", dev}, {"-l", "4m", dev}, {"-l", "junk", dev}, {}, {dev, dev}, {"-x", dev},
        {"--bogus", dev}, {"-l"}};
    for (String[] args : bad) {
      String[] argv = new String[args.length + 1];
      argv[0] = "mkfs.famfs";
      System.arraycopy(args, 0, argv, 1, args.length);
      ToolResult r = h.run(argv);
      fails(r, 2, Errno.EINVAL);
    }
    assertThat(h.run("mkfs.famfs", "-l", "11m", dev).stderr()).contains("power of 2");
    assertThat(h.run("mkfs.famfs", "-k", dev).stderr()).contains("-k requires -f");
    assertThat(meta()).isEqualTo(before);
  }

  @Test
  void mkfsAcceptsA256MiBLogOnADeviceThatHoldsIt() throws Exception {
    ToolsHost big = new ToolsHost(52);
    DevDax bd = big.famfsDevice(0, 512 * MiB);
    String bdev = "/dev/" + bd.name();
    ok(big.run("mkfs.famfs", "-l", "256m", bdev));
    ok(big.run("famfs", "mount", bdev, MNT));
    assertThat(big.root.stat(MNT + "/.meta/.log").size()).isEqualTo(256 * MiB);
    assertThat(log(big.env(), MNT).header().lastIndex())
        .isEqualTo((256 * MiB - HDR) / ENTRY - 1);
    // the first file goes right after the 256 MiB log
    ok(big.run("famfs", "creat", "-s", "1m", MNT + "/f"));
    FileEntry f = log(big.env(), MNT).files().get(0);
    assertThat(f.fmap().extents().get(0).offset()).isEqualTo(2 * MiB + 256 * MiB);
    // and on the 128 MiB device, 256m is a valid length that does not fit
    byte[] before = meta();
    fails(h.run("mkfs.famfs", "-l", "256m", dev), 2, Errno.EINVAL);
    assertThat(meta()).isEqualTo(before);
  }

  @Test
  void onlyRootMayMkfsOrMount() throws Exception {
    Process user = h.vfs.newProcess(Cred.of(1000, 1000));
    ToolEnv env = h.env().withProcess(user);
    byte[] before = meta();
    fails(FamfsCli.run(env, "mkfs.famfs", dev), 2, Errno.EPERM);
    assertThat(meta()).isEqualTo(before);
    ok(h.run("mkfs.famfs", dev));
    fails(FamfsCli.run(env, "famfs", "mount", dev, MNT), 1, Errno.EPERM);
    assertThat(famfsMounts()).isZero();
  }

  @Test
  void mkfsRefusesADeviceBelowTheMinimumSize() throws Exception {
    byte[] before = meta();
    ToolEnv strict = ToolEnv.of(h.root, h.sysfs, 1); // the 4 GiB default
    ToolResult r = FamfsCli.run(strict, "mkfs.famfs", dev);
    fails(r, 2, Errno.EINVAL);
    assertThat(r.stderr()).contains("below the minimum");
    fails(FamfsCli.run(h.env().withMinDevSize(128 * MiB + 1), "mkfs.famfs", dev), 2,
        Errno.EINVAL);
    assertThat(meta()).isEqualTo(before);
    ok(FamfsCli.run(h.env().withMinDevSize(128 * MiB), "mkfs.famfs", dev));
  }

  @Test
  void mkfsRefusesAMountedDevice() throws Exception {
    mkfsAndMount();
    byte[] before = meta();
    fails(h.run("mkfs.famfs", dev), 2, Errno.EBUSY);
    fails(h.run("mkfs.famfs", "-f", dev), 2, Errno.EBUSY);
    fails(h.run("mkfs.famfs", "-f", "-k", dev), 2, Errno.EBUSY);
    assertThat(meta()).isEqualTo(before);
  }

  @Test
  void mkfsOverAValidSuperblockNeedsForce() throws Exception {
    ok(h.run("mkfs.famfs", dev));
    byte[] before = meta();
    ToolResult r = h.run("mkfs.famfs", dev);
    fails(r, 2, Errno.EEXIST);
    assertThat(r.stderr()).contains("already holds a valid famfs");
    assertThat(meta()).isEqualTo(before);
    ToolEnv other = ToolEnv.of(h.root, h.sysfs, 777).withMinDevSize(64 * MiB);
    ok(FamfsCli.run(other, "mkfs.famfs", "-f", dev));
    UUID a = Superblock.decode(before).fsUuid();
    UUID b = Superblock.decode(h.devBytes(d, 0, FamfsFormat.SUPERBLOCK_BYTES)).fsUuid();
    assertThat(b).isNotEqualTo(a);
  }

  @Test
  void mkfsOverAnotherVersionSuperblockNeedsForce() throws Exception {
    ok(h.run("mkfs.famfs", dev));
    h.writeDev(d, 8, le(FamfsFormat.CURRENT_VERSION - 1)); // a v47 superblock
    assertThat(Superblock.checkSuper(h.devBytes(d, 0, 200))).isEqualTo(1);
    byte[] before = meta();
    ToolResult r = h.run("mkfs.famfs", dev);
    fails(r, 2, Errno.EEXIST);
    assertThat(r.stderr()).contains("another version");
    assertThat(meta()).isEqualTo(before);
    // mount refuses it too, and leaves nothing mounted
    assertThat(h.run("famfs", "mount", dev, MNT).exit()).isEqualTo(1);
    assertThat(famfsMounts()).isZero();
    ok(h.run("mkfs.famfs", "-f", dev));
    assertThat(Superblock.checkSuper(h.devBytes(d, 0, 200))).isZero();
  }

  @Test
  void mkfsOverAnotherHostsSuperblockNeedsForce() throws Exception {
    ok(h.run("mkfs.famfs", dev));
    Superblock mine = Superblock.decode(h.devBytes(d, 0, 200));
    Superblock theirs = Superblock.create(mine.logLen(), new UUID(1, 2), new UUID(3, 4),
        new UUID(5, 6), mine.devSize(), mine.devName());
    h.writeDev(d, 0, theirs.encode());
    byte[] before = meta();
    ToolResult r = h.run("mkfs.famfs", dev);
    fails(r, 2, Errno.EEXIST);
    assertThat(r.stderr()).contains("owned by another host");
    assertThat(meta()).isEqualTo(before);
    ok(h.run("mkfs.famfs", "-f", dev));
    assertThat(Superblock.decode(h.devBytes(d, 0, 200)).systemUuid())
        .isEqualTo(mine.systemUuid());
  }

  @Test
  void forceKillOnlyClearsTheMagicAndMountThenFindsNoSuperblock() throws Exception {
    mkfsAndMount();
    ok(h.run("famfs", "creat", "-s", "2m", MNT + "/f"));
    ok(h.run("umount", MNT));
    byte[] before = meta();
    ok(h.run("mkfs.famfs", "-f", "-k", dev));
    byte[] after = meta();
    byte[] expect = before.clone();
    java.util.Arrays.fill(expect, 0, 8, (byte) 0);
    assertThat(after).isEqualTo(expect);
    assertThat(Superblock.checkSuper(after)).isEqualTo(-1);
    ToolResult m = h.run("famfs", "mount", dev, MNT);
    fails(m, 1, Errno.EINVAL);
    assertThat(m.stderr()).contains("no valid famfs superblock");
    assertThat(famfsMounts()).isZero();
    assertThat(exists(MNT + "/.meta")).isFalse();
    // -k over nothing valid is still allowed with -f (it only zeroes the magic)
    ok(h.run("mkfs.famfs", "-f", "-k", dev));
  }

  // ------------------------------------------------------------------------------ famfs mount

  @Test
  void mountOfADeviceWithoutSuperblockFailsAndLeavesNothingMounted() throws Exception {
    fails(h.run("famfs", "mount", dev, MNT), 1, Errno.EINVAL);
    assertThat(famfsMounts()).isZero();
    assertThat(exists(MNT + "/.meta")).isFalse();
    fails(h.run("famfs", "mount", "/dev/nosuch", MNT), 1, Errno.ENOENT);
    assertThat(famfsMounts()).isZero();
  }

  @Test
  void mountRejectsBadArgumentsAndADoubleMount() throws Exception {
    ok(h.run("mkfs.famfs", dev));
    fails(h.run("famfs", "mount", dev), 1, Errno.EINVAL);
    fails(h.run("famfs", "mount", dev, MNT, "/x"), 1, Errno.EINVAL);
    fails(h.run("famfs", "mount", "-r", "-m", dev, MNT), 1, Errno.EINVAL);
    fails(h.run("famfs", "mount", "-Z", dev, MNT), 1, Errno.EINVAL);
    fails(h.run("famfs", "mount", "--nosuch", dev, MNT), 1, Errno.EINVAL);
    assertThat(famfsMounts()).isZero();
    ok(h.run("famfs", "mount", dev, MNT));
    h.root.mkdir("/mnt2", 0755);
    ToolResult again = h.run("famfs", "mount", dev, "/mnt2");
    fails(again, 1, Errno.EBUSY);
    assertThat(again.stderr()).contains("already mounted at " + MNT);
    fails(h.run("famfs", "mount", dev, MNT), 1, Errno.EBUSY);
    assertThat(famfsMounts()).isEqualTo(1);
  }

}
