package org.daxsim.fs.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.vfs.VfsTesting.expect;

import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.mm.Mman;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every public entry point refuses bad input with an errno and changes nothing. */
class BadInputTest {
  VfsTesting.Host h;
  Process p;
  int fd;

  @BeforeEach
  void setUp() throws Exception {
    h = new VfsTesting.Host();
    p = h.root;
    fd = p.open("/tmp/f", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
    p.write(fd, new byte[] {1, 2, 3}, 0, 3);
  }

  @Test
  void factoriesAndRegistration() {
    expect(Errno.EINVAL, () -> Vfs.create(null));
    expect(Errno.EINVAL, () -> Vfs.create(h.kas, null));
    expect(Errno.EINVAL, () -> h.vfs.newProcess(null));
    expect(Errno.EINVAL, () -> h.vfs.unregisterChrdev(123));
  }

  @Test
  void nullAndEmptyPaths() throws Exception {
    List<String> before = h.vfs.mounts();
    for (String bad : new String[] {null, ""}) {
      Errno e = bad == null ? Errno.EFAULT : Errno.ENOENT;
      expect(e, () -> p.open(bad, Fcntl.O_RDONLY));
      expect(e, () -> p.open(bad, Fcntl.O_CREAT | Fcntl.O_RDWR, 0644));
      expect(e, () -> p.mkdir(bad, 0755));
      expect(e, () -> p.rmdir(bad));
      expect(e, () -> p.unlink(bad));
      expect(e, () -> p.rename(bad, "/tmp/x"));
      expect(e, () -> p.rename("/tmp/f", bad));
      expect(e, () -> p.stat(bad));
      expect(e, () -> p.truncate(bad, 0));
      expect(e, () -> p.chmod(bad, 0));
      expect(e, () -> p.mknod(bad, 0644, 0));
      expect(e, () -> p.mount(h.vfs.ramfs(), "x", bad, ""));
      expect(e, () -> p.umount(bad));
    }
    expect(Errno.ENOENT, () -> p.stat("/tmp/f\0x"));
    assertThat(h.vfs.mounts()).isEqualTo(before);
    assertThat(p.stat("/tmp/f").size()).isEqualTo(3);
  }

  @Test
  void badBuffersAndDescriptors() throws Exception {
    byte[] b = new byte[4];
    expect(Errno.EINVAL, () -> p.read(fd, null, 0, 1));
    expect(Errno.EINVAL, () -> p.read(fd, b, -1, 1));
    expect(Errno.EINVAL, () -> p.read(fd, b, 2, 3));
    expect(Errno.EINVAL, () -> p.write(fd, null, 0, 1));
    expect(Errno.EINVAL, () -> p.write(fd, b, 0, 5));
    expect(Errno.EINVAL, () -> p.pread(fd, b, 0, -1, 0));
    expect(Errno.EINVAL, () -> p.pwrite(fd, b, 3, 2, 0));
    expect(Errno.EINVAL, () -> p.write(fd, 0x10000, -5));
    expect(Errno.EFAULT, () -> p.write(fd, -4096, 10));
    expect(Errno.EFAULT, () -> p.write(fd, Mman.TASK_SIZE - 1, 10));
    expect(Errno.EFAULT, () -> p.write(fd, 0x10000, 10));
    expect(Errno.EBADF, () -> p.fstat(-1));
    expect(Errno.EBADF, () -> p.ftruncate(42, 0));
    expect(Errno.EINVAL, () -> p.munmap(1, 4096));
    expect(Errno.EINVAL, () -> p.mmap(0, 0, Mman.PROT_READ, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS,
        -1, 0));
    assertThat(p.fstat(fd).size()).isEqualTo(3);
    assertThat(p.lseek(fd, 0, Fcntl.SEEK_CUR)).isEqualTo(3);
    assertThat(p.mm().vmas()).isEmpty();
  }

  @Test
  void umaskMasksAndReturnsTheOldValue() throws Exception {
    assertThat(p.umask(0777 | 07000)).isEqualTo(022);
    assertThat(p.umask(0)).isEqualTo(0777);
    p.mkdir("/tmp/d", 01777);
    assertThat(p.stat("/tmp/d").mode()).isEqualTo(Fcntl.S_IFDIR | 01777);
  }
}
