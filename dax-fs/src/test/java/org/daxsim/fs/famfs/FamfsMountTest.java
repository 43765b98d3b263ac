package org.daxsim.fs.famfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.daxsim.fs.famfs.FamfsHost.BASE;
import static org.daxsim.fs.famfs.FamfsHost.MiB;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.bus.Fsdev;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Vfs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * famfs mount(2) and umount(2) failures (famfs_parse_param(), famfs_get_tree(): lookup of the
 * source node, sget_dev(), dax_dev_get(), fs_dax_get()): each with its exact errno, and every
 * failure leaves the device unclaimed, its reference count as before and no mount behind.
 */
class FamfsMountTest {
  private FamfsHost h;
  private DevDax d;
  private DaxDevice dax;
  private String dev;
  private int baseRefs;
  private List<String> baseMounts;

  @BeforeEach
  void setUp() throws Exception {
    h = new FamfsHost();
    d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 64 * MiB);
    dax = d.daxDevice();
    dev = "/dev/" + d.name();
    h.root.mkdir("/mnt/a", 0755);
    h.root.mkdir("/mnt/b", 0755);
    baseRefs = dax.refCount();
    baseMounts = h.vfs.mounts();
  }

  static void expect(Errno errno, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected %s", errno).isInstanceOf(ErrnoException.class);
    assertThat(((ErrnoException) t).errno()).as(String.valueOf(t.getMessage())).isEqualTo(errno);
  }

  private void mount(String source, String target, String data) throws ErrnoException {
    h.root.mount(h.famfs, source, target, data);
  }

  /** The fsdev device is unclaimed, holds no extra reference, nothing new is mounted. */
  private void assertNothingLeft() throws ErrnoException {
    assertThat(h.core.daxHolder(dax)).isNull();
    assertThat(dax.refCount()).isEqualTo(baseRefs);
    assertThat(h.vfs.mounts()).isEqualTo(baseMounts);
  }

  /** A correct mount on /mnt/a works (and is undone) after whatever failed before. */
  private void assertMountable() throws ErrnoException {
    mount(dev, "/mnt/a", "");
    assertThat(h.vfs.mounts()).contains("famfs on /mnt/a");
    assertThat(h.core.daxHolder(dax)).isNotNull();
    h.root.umount("/mnt/a");
    assertNothingLeft();
  }

  private void fails(Errno e, String source, String data) throws ErrnoException {
    expect(e, () -> mount(source, "/mnt/a", data));
    assertNothingLeft();
  }

  // ------------------------------------------------------------------ the source

  @Test
  void missingOrEmptySourceIsEinval() throws Exception {
    fails(Errno.EINVAL, null, "");
    fails(Errno.EINVAL, "", "");
    assertMountable();
  }

  @Test
  void nonexistentSourceIsEnoent() throws Exception {
    fails(Errno.ENOENT, "/dev/dax9.9", "");
    fails(Errno.ENOENT, "/nope/dax0.0", "");
    assertMountable();
  }

  @Test
  void regularFileOrDirectorySourceIsEinval() throws Exception {
    int fd = h.root.open("/tmp/img", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
    h.root.close(fd);
    fails(Errno.EINVAL, "/tmp/img", "");
    fails(Errno.EINVAL, "/tmp", "");
    fails(Errno.EINVAL, "/dev", "");
    assertMountable();
  }

  @Test
  void charNodeThatIsNotDaxIsEnodev() throws Exception {
    h.root.mknod("/dev/null", Fcntl.S_IFCHR | 0666, Vfs.mkdev(1, 3));
    fails(Errno.ENODEV, "/dev/null", "");
    assertMountable();
  }

  @Test
  void deviceBoundToDeviceDaxIsEbusy() throws Exception {
    DevDax dd = h.region.create();
    dd.mapping(BASE + 64 * MiB, BASE + 128 * MiB - 1);
    h.bus.bind(dd, DeviceDax.NAME);
    assertThat(dd.driver().name()).isEqualTo(DeviceDax.NAME);
    h.node(dd);
    int refs = dd.daxDevice().refCount();
    // fs_dax_get() refuses a device not bound to fsdev_dax (EOPNOTSUPP in the 2026 dax core);
    // famfs_get_tree() reports every fs_dax_get() failure as EBUSY
    expect(Errno.EBUSY, () -> mount("/dev/" + dd.name(), "/mnt/a", ""));
    assertThat(h.core.daxHolder(dd.daxDevice())).isNull();
    assertThat(dd.daxDevice().refCount()).isEqualTo(refs);
    assertNothingLeft();
    // rebound to fsdev_dax, the same device mounts
    h.bus.unbind(dd);
    h.bus.newId(Fsdev.NAME, dd.name()); // fsdev_dax matches only by new_id; this binds it
    assertThat(dd.driver().name()).isEqualTo(Fsdev.NAME);
    mount("/dev/" + dd.name(), "/mnt/b", "");
    assertThat(h.core.daxHolder(dd.daxDevice())).isNotNull();
    h.root.umount("/mnt/b");
    assertThat(h.core.daxHolder(dd.daxDevice())).isNull();
  }

  /**
   * An unbound device: __devm_create_dev_dax() kills the dax_device right after alloc_dax()
   * ("a device_dax instance is dead while the driver is not attached"; probe's run_dax()
   * revives it, unbind's kill_dev_dax() kills it again). dax_dev_get() does not check liveness
   * (iget5_locked finds the inode), so the mount gets past it and ENODEV is not the answer;
   * fs_dax_get() then fails (dead: -ENODEV, and unbound: -ENODEV in the 2026 core) and famfs
   * squashes that to EBUSY. So both a never-bound and a formerly bound device give EBUSY.
   */
  @Test
  void unboundDeviceIsEbusyBecauseFsDaxGetRefusesADeadDevice() throws Exception {
    DevDax never = h.region.create();
    never.mapping(BASE + 64 * MiB, BASE + 128 * MiB - 1);
    h.node(never);
    assertThat(never.isBound()).isFalse();
    assertThat(h.core.daxAlive(never.daxDevice())).isFalse();
    int refs = never.daxDevice().refCount();
    expect(Errno.EBUSY, () -> mount("/dev/" + never.name(), "/mnt/a", ""));
    assertThat(never.daxDevice().refCount()).isEqualTo(refs);
    assertThat(h.core.daxHolder(never.daxDevice())).isNull();

    h.bus.unbind(d); // the fsdev device of setUp, formerly bound
    assertThat(h.core.daxAlive(dax)).isFalse();
    expect(Errno.EBUSY, () -> mount(dev, "/mnt/a", ""));
    assertNothingLeft();
    h.bus.bind(d, Fsdev.NAME);
    assertMountable();
  }

  /**
   * A dax-major node whose minor has no device: dax_dev_get()'s iget5_locked() creates a fresh,
   * ALIVE inode with no driver data, so the mount passes dax_dev_get() (not ENODEV); fs_dax_get()
   * refuses a device no fsdev driver owns and famfs reports EBUSY. Its put_dax() is the final
   * iput() of a still-ALIVE inode: the kernel WARNs ("kill_dax() must be called before final
   * iput()") and so does the model. The phantom device is freed; nothing is left behind.
   */
  @Test
  void daxMajorNodeWithoutADeviceIsEbusyAndLeavesNoPhantomDevice() throws Exception {
    int devices = h.core.devices().size();
    long warns = h.core.warnCount();
    h.root.mknod("/dev/dax9.9", Fcntl.S_IFCHR | 0600, Vfs.mkdev(DaxCore.DAX_MAJOR, 900));
    fails(Errno.EBUSY, "/dev/dax9.9", "");
    assertThat(h.core.devices()).hasSize(devices);
    assertThat(h.core.warnCount()).isEqualTo(warns + 1);
    assertThat(h.core.warnings()).contains("kill_dax() must be called before final iput()");
    assertMountable();
  }

  // ------------------------------------------------------------------ one mount per device

  @Test
  void theSameDeviceMountedTwiceIsEbusy() throws Exception {
    mount(dev, "/mnt/a", "");
    Object holder = h.core.daxHolder(dax);
    assertThat(holder).isNotNull();
    int refs = dax.refCount();
    List<String> mounted = h.vfs.mounts();
    expect(Errno.EBUSY, () -> mount(dev, "/mnt/a", ""));
    expect(Errno.EBUSY, () -> mount(dev, "/mnt/b", ""));
    // a second node for the same device number is the same device (sget_dev keys on dev_t)
    h.root.mknod("/dev/alias", Fcntl.S_IFCHR | 0600, dax.devt());
    expect(Errno.EBUSY, () -> mount("/dev/alias", "/mnt/b", ""));
    assertThat(h.vfs.mounts()).isEqualTo(mounted);
    assertThat(h.core.daxHolder(dax)).isSameAs(holder);
    assertThat(dax.refCount()).isEqualTo(refs);
    // the first mount still works
    int fd = h.root.open("/mnt/a/f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
    assertThat(FamfsIoctl.mapCreateV2(h.root, fd, FamfsHost.simple(2 * MiB, 10 * MiB, 2 * MiB)))
        .isZero();
    h.root.close(fd);
    // after umount it mounts again, here or elsewhere
    h.root.umount("/mnt/a");
    assertNothingLeft();
    mount(dev, "/mnt/b", "");
    assertThat(h.vfs.mounts()).contains("famfs on /mnt/b").doesNotContain("famfs on /mnt/a");
    expect(Errno.ENOENT, () -> h.root.stat("/mnt/b/f")); // a fresh, empty namespace
    h.root.umount("/mnt/b");
    assertMountable();
  }

  // ------------------------------------------------------------------ options

  @Test
  void modeOptionSetsTheRootDirectoryMode() throws Exception {
    mount(dev, "/mnt/a", "mode=0700");
    int m = h.root.stat("/mnt/a").mode();
    assertThat(Fcntl.isDir(m)).isTrue();
    assertThat(m & 07777).isEqualTo(0700);
    h.root.umount("/mnt/a");
    mount(dev, "/mnt/a", "");
    assertThat(h.root.stat("/mnt/a").mode() & 07777).as("default").isEqualTo(0755);
    h.root.umount("/mnt/a");
    mount(dev, "/mnt/a", "mode=1777,dax=always");
    assertThat(h.root.stat("/mnt/a").mode() & 07777).isEqualTo(01777);
    h.root.umount("/mnt/a");
  }

  @Test
  void daxAlwaysIsAccepted() throws Exception {
    mount(dev, "/mnt/a", "dax=always");
    assertThat(h.vfs.mounts()).contains("famfs on /mnt/a");
    h.root.umount("/mnt/a");
    assertNothingLeft();
  }

  @Test
  void badOptionsAreEinval() throws Exception {
    fails(Errno.EINVAL, dev, "dax=never");
    fails(Errno.EINVAL, dev, "dax=inode");
    fails(Errno.EINVAL, dev, "dax");
    fails(Errno.EINVAL, dev, "bogus=1");
    fails(Errno.EINVAL, dev, "mode=9");
    fails(Errno.EINVAL, dev, "mode=");
    fails(Errno.EINVAL, dev, "mode");
    fails(Errno.EINVAL, dev, "mode=0755,bogus");
    assertMountable();
  }

  // ------------------------------------------------------------------ privileges and umount

  @Test
  void nonRootMountIsEperm() throws Exception {
    Process user = h.vfs.newProcess(Cred.of(1000, 1000));
    expect(Errno.EPERM, () -> user.mount(h.famfs, dev, "/mnt/a", ""));
    assertNothingLeft();
    mount(dev, "/mnt/a", "");
    expect(Errno.EPERM, () -> user.umount("/mnt/a"));
    assertThat(h.vfs.mounts()).contains("famfs on /mnt/a");
    h.root.umount("/mnt/a");
    assertNothingLeft();
  }

  @Test
  void umountWithAnOpenFileIsEbusy() throws Exception {
    mount(dev, "/mnt/a", "");
    int fd = h.root.open("/mnt/a/f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
    expect(Errno.EBUSY, () -> h.root.umount("/mnt/a"));
    assertThat(h.vfs.mounts()).contains("famfs on /mnt/a");
    assertThat(h.core.daxHolder(dax)).isNotNull();
    int dirFd = h.root.open("/mnt/a", Fcntl.O_RDONLY);
    h.root.close(fd);
    expect(Errno.EBUSY, () -> h.root.umount("/mnt/a"));
    h.root.close(dirFd);
    h.root.umount("/mnt/a");
    assertNothingLeft();
  }

  @Test
  void everyFailedMountLeavesTheDeviceFreeAndNoMount() throws Exception {
    h.root.mknod("/dev/null", Fcntl.S_IFCHR | 0666, Vfs.mkdev(1, 3));
    Process user = h.vfs.newProcess(Cred.of(1000, 1000));
    List<ThrowingCallable> bad = List.of(
        () -> mount(null, "/mnt/a", ""),
        () -> mount("/dev/none", "/mnt/a", ""),
        () -> mount("/tmp", "/mnt/a", ""),
        () -> mount("/dev/null", "/mnt/a", ""),
        () -> mount(dev, "/mnt/a", "bogus=1"),
        () -> mount(dev, "/mnt/a", "dax=never"),
        () -> mount(dev, "/mnt/nonexistent", ""),
        () -> mount(dev, dev, ""), // target not a directory
        () -> user.mount(h.famfs, dev, "/mnt/a", ""));
    for (ThrowingCallable c : bad) {
      assertThat(catchThrowable(c)).isInstanceOf(ErrnoException.class);
      assertNothingLeft();
    }
    assertMountable();
    assertMountable(); // and again: the umount released everything
  }
}
