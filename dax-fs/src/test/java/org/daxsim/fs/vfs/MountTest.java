package org.daxsim.fs.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.vfs.VfsTesting.expect;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MountTest {
  VfsTesting.Host h;
  Process p;

  @BeforeEach
  void setUp() throws Exception {
    h = new VfsTesting.Host();
    p = h.root;
    p.mkdir("/mnt/m", 0755);
    p.close(p.open("/mnt/m/hidden", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644));
  }

  @Test
  void mountCoversTheDirectoryAndUmountUncoversIt() throws Exception {
    long before = p.stat("/mnt/m").dev();
    p.mount(h.vfs.ramfs(), "none", "/mnt/m", "");
    assertThat(p.stat("/mnt/m").dev()).isNotEqualTo(before);
    expect(Errno.ENOENT, () -> p.stat("/mnt/m/hidden"));
    assertThat(p.stat("/mnt/m/..").ino()).isEqualTo(p.stat("/mnt").ino());
    assertThat(h.vfs.mounts()).contains("ramfs on /mnt/m");
    p.umount("/mnt/m");
    assertThat(p.stat("/mnt/m").dev()).isEqualTo(before);
    assertThat(p.stat("/mnt/m/hidden").size()).isZero();
    assertThat(h.vfs.mounts()).doesNotContain("ramfs on /mnt/m");
  }

  @Test
  void umountIsBusyWhileFilesAreOpenOrMountsAreBelow() throws Exception {
    p.mount(h.vfs.ramfs(), "none", "/mnt/m", "");
    int fd = p.open("/mnt/m/f", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
    expect(Errno.EBUSY, () -> p.umount("/mnt/m"));
    p.close(fd);
    int dfd = p.open("/mnt/m", Fcntl.O_RDONLY);
    expect(Errno.EBUSY, () -> p.umount("/mnt/m"));
    p.close(dfd);
    p.mkdir("/mnt/m/sub", 0755);
    p.mount(h.vfs.ramfs(), "none", "/mnt/m/sub", "");
    expect(Errno.EBUSY, () -> p.umount("/mnt/m"));
    expect(Errno.EBUSY, () -> p.rmdir("/mnt/m/sub"));
    p.umount("/mnt/m/sub");
    p.umount("/mnt/m");
    expect(Errno.EINVAL, () -> p.umount("/mnt/m"));
  }

  @Test
  void mountByTypeNameUsesTheRegisteredTypesAndChecksPermissionFirst() throws Exception {
    assertThat(h.vfs.filesystems()).containsExactly("ramfs");
    expect(Errno.EBUSY, () -> h.vfs.registerFilesystem(h.vfs.ramfs()));
    expect(Errno.ENODEV, () -> p.mount("none", "/mnt/m", "nosuchfs", ""));
    expect(Errno.EPERM, () -> h.user(1000, 1000).mount("none", "/mnt/m", "nosuchfs", ""));
    expect(Errno.ENOENT, () -> p.mount("none", "/mnt/none", "nosuchfs", ""));
    p.mount("none", "/mnt/m", "ramfs", "");
    assertThat(h.vfs.mounts()).contains("ramfs on /mnt/m");
  }

  @Test
  void mountAndUmountErrors() throws Exception {
    Process u = h.user(1000, 1000);
    expect(Errno.ENOENT, () -> p.umount("/mnt/none"));
    expect(Errno.EINVAL, () -> p.umount("/mnt"));
    expect(Errno.EBUSY, () -> p.umount("/"));
    expect(Errno.EPERM, () -> u.umount("/tmp"));
    expect(Errno.ENOENT, () -> u.umount("/tmp/none"));
    expect(Errno.EPERM, () -> u.mount(h.vfs.ramfs(), "none", "/mnt/m", ""));
    expect(Errno.ENOTDIR, () -> p.mount(h.vfs.ramfs(), "none", "/mnt/m/hidden", ""));
    expect(Errno.EBUSY, () -> p.mount(h.vfs.ramfs(), "none", "/tmp", ""));
    expect(Errno.ENODEV, () -> p.mount((FileSystemType) null, "none", "/mnt/m", ""));
    FileSystemType broken = new FileSystemType() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public void fillSuper(SuperBlock sb, String source, String data) throws ErrnoException {
        throw ErrnoException.of(Errno.EINVAL, "bad option %s", data);
      }
    };
    expect(Errno.EINVAL, () -> p.mount(broken, "x", "/mnt/m", "bad"));
    assertThat(p.stat("/mnt/m/hidden").size()).isZero();
    assertThat(h.vfs.mounts()).hasSize(3);
  }

  @Test
  void ramfsPagesAreFreedOnTruncateAndUmount() throws Exception {
    long base = h.kas.allocatedPages();
    p.mount(h.vfs.ramfs(), "none", "/mnt/m", "");
    int fd = p.open("/mnt/m/f", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
    p.pwrite(fd, new byte[3 * 4096], 0, 3 * 4096, 0);
    assertThat(h.kas.allocatedPages()).isEqualTo(base + 3);
    p.ftruncate(fd, 4096 + 1);
    assertThat(h.kas.allocatedPages()).isEqualTo(base + 2);
    p.close(fd);
    p.umount("/mnt/m");
    assertThat(h.kas.allocatedPages()).isEqualTo(base);
  }

  @Test
  void unlinkedFilesKeepTheirPagesUntilTheLastClose() throws Exception {
    long base = h.kas.allocatedPages();
    int fd = p.open("/tmp/f", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
    p.pwrite(fd, new byte[2 * 4096], 0, 2 * 4096, 0);
    p.unlink("/tmp/f");
    assertThat(h.kas.allocatedPages()).isEqualTo(base + 2);
    byte[] b = new byte[8];
    assertThat(p.pread(fd, b, 0, 8, 4096)).isEqualTo(8);
    p.close(fd);
    assertThat(h.kas.allocatedPages()).isEqualTo(base);
    int g = p.open("/tmp/g", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
    p.pwrite(g, new byte[4096], 0, 4096, 0);
    p.close(g);
    p.unlink("/tmp/g");
    assertThat(h.kas.allocatedPages()).isEqualTo(base);
  }
}
