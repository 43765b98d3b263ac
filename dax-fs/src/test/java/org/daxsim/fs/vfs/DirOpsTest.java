package org.daxsim.fs.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.vfs.Fcntl.O_CREAT;
import static org.daxsim.fs.vfs.Fcntl.O_RDWR;
import static org.daxsim.fs.vfs.VfsTesting.expect;

import org.daxsim.core.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirOpsTest {
  VfsTesting.Host h;
  Process p;
  Process u;

  @BeforeEach
  void setUp() throws Exception {
    h = new VfsTesting.Host();
    p = h.root;
    u = h.user(1000, 1000);
    p.mkdir("/tmp/d", 0755);
    p.mkdir("/tmp/d/sub", 0755);
    p.close(p.open("/tmp/d/f", O_CREAT | O_RDWR, 0644));
  }

  @Test
  void mkdir() throws Exception {
    p.mkdir("/tmp/e/", 0777);
    Stat st = p.stat("/tmp/e");
    assertThat(st.mode()).isEqualTo(Fcntl.S_IFDIR | 0755);
    assertThat(st.nlink()).isEqualTo(2);
    assertThat(p.stat("/tmp/d").nlink()).isEqualTo(3);
    expect(Errno.EEXIST, () -> p.mkdir("/tmp/d", 0755));
    expect(Errno.EEXIST, () -> p.mkdir("/tmp/d/f", 0755));
    expect(Errno.EEXIST, () -> p.mkdir("/tmp/d/.", 0755));
    expect(Errno.EEXIST, () -> p.mkdir("/tmp/d/..", 0755));
    expect(Errno.EEXIST, () -> p.mkdir("/", 0755));
    expect(Errno.ENOENT, () -> p.mkdir("/tmp/x/y", 0755));
    expect(Errno.ENOTDIR, () -> p.mkdir("/tmp/d/f/y", 0755));
    expect(Errno.EACCES, () -> u.mkdir("/tmp/d/y", 0755));
    // EEXIST is found before the parent's write permission is checked
    expect(Errno.EEXIST, () -> u.mkdir("/tmp/d/sub", 0755));
    expect(Errno.ENAMETOOLONG, () -> p.mkdir("/tmp/" + "n".repeat(256), 0755));
  }

  @Test
  void rmdir() throws Exception {
    expect(Errno.ENOTEMPTY, () -> p.rmdir("/tmp/d"));
    expect(Errno.ENOTDIR, () -> p.rmdir("/tmp/d/f"));
    expect(Errno.ENOENT, () -> p.rmdir("/tmp/d/none"));
    expect(Errno.EINVAL, () -> p.rmdir("/tmp/d/sub/."));
    expect(Errno.ENOTEMPTY, () -> p.rmdir("/tmp/d/sub/.."));
    expect(Errno.EBUSY, () -> p.rmdir("/"));
    expect(Errno.EBUSY, () -> p.rmdir("/tmp"));
    expect(Errno.EACCES, () -> u.rmdir("/tmp/d/sub"));
    p.rmdir("/tmp/d/sub/");
    expect(Errno.ENOENT, () -> p.stat("/tmp/d/sub"));
    assertThat(p.stat("/tmp/d").nlink()).isEqualTo(2);
  }

  @Test
  void unlink() throws Exception {
    expect(Errno.EISDIR, () -> p.unlink("/tmp/d/sub"));
    expect(Errno.EISDIR, () -> p.unlink("/tmp/d/sub/"));
    expect(Errno.ENOTDIR, () -> p.unlink("/tmp/d/f/"));
    expect(Errno.EISDIR, () -> p.unlink("/tmp/d/."));
    expect(Errno.ENOENT, () -> p.unlink("/tmp/d/none"));
    expect(Errno.EACCES, () -> u.unlink("/tmp/d/f"));
    int fd = p.open("/tmp/d/f", O_RDWR);
    p.unlink("/tmp/d/f");
    expect(Errno.ENOENT, () -> p.stat("/tmp/d/f"));
    assertThat(p.write(fd, new byte[3], 0, 3)).isEqualTo(3);
    assertThat(p.fstat(fd).nlink()).isZero();
  }

  @Test
  void stickyDirectoryDeletionIsEperm() throws Exception {
    Process v = h.user(1001, 1001);
    u.close(u.open("/tmp/mine", O_CREAT | O_RDWR, 0666));
    expect(Errno.EPERM, () -> v.unlink("/tmp/mine"));
    expect(Errno.EPERM, () -> v.rename("/tmp/mine", "/tmp/theirs"));
    u.unlink("/tmp/mine");
  }

  @Test
  void rename() throws Exception {
    p.rename("/tmp/d/f", "/tmp/d/g");
    expect(Errno.ENOENT, () -> p.stat("/tmp/d/f"));
    assertThat(p.stat("/tmp/d/g").size()).isZero();
    p.rename("/tmp/d/g", "/tmp/d/g");
    p.mkdir("/tmp/e", 0755);
    p.rename("/tmp/d/sub", "/tmp/e/sub");
    assertThat(p.stat("/tmp/d").nlink()).isEqualTo(2);
    assertThat(p.stat("/tmp/e").nlink()).isEqualTo(3);
    expect(Errno.EXDEV, () -> p.rename("/tmp/d/g", "/dev/g"));
    expect(Errno.EBUSY, () -> p.rename("/tmp/d/.", "/tmp/x"));
    expect(Errno.EBUSY, () -> p.rename("/tmp/d/g", "/tmp/e/.."));
    expect(Errno.ENOENT, () -> p.rename("/tmp/d/none", "/tmp/x"));
    expect(Errno.ENOTDIR, () -> p.rename("/tmp/d/g", "/tmp/x/"));
    expect(Errno.EINVAL, () -> p.rename("/tmp/e", "/tmp/e/sub/x"));
    expect(Errno.ENOTEMPTY, () -> p.rename("/tmp/e/sub", "/tmp/e"));
    expect(Errno.EISDIR, () -> p.rename("/tmp/d/g", "/tmp/e/sub"));
    expect(Errno.ENOTDIR, () -> p.rename("/tmp/e/sub", "/tmp/d/g"));
    p.mkdir("/tmp/e/sub/x", 0755);
    p.mkdir("/tmp/d/sub2", 0755);
    expect(Errno.ENOTEMPTY, () -> p.rename("/tmp/d/sub2", "/tmp/e/sub"));
    expect(Errno.EACCES, () -> u.rename("/tmp/d/g", "/tmp/d/h"));
    // replacing a file
    p.close(p.open("/tmp/d/h", O_CREAT | O_RDWR, 0644));
    long ino = p.stat("/tmp/d/g").ino();
    p.rename("/tmp/d/g", "/tmp/d/h");
    assertThat(p.stat("/tmp/d/h").ino()).isEqualTo(ino);
    expect(Errno.EXDEV, () -> p.rename("/tmp/d/h", "/tmp/../dev"));
    expect(Errno.EBUSY, () -> p.rename("/dev", "/devx"));
    expect(Errno.EBUSY, () -> p.rename("/mnt", "/dev"));
  }

  @Test
  void truncateAndChmod() throws Exception {
    p.truncate("/tmp/d/f", 10000);
    assertThat(p.stat("/tmp/d/f").size()).isEqualTo(10000);
    expect(Errno.EINVAL, () -> p.truncate("/tmp/d/f", -1));
    expect(Errno.EISDIR, () -> p.truncate("/tmp/d", 0));
    expect(Errno.ENOENT, () -> p.truncate("/tmp/d/none", 0));
    expect(Errno.EACCES, () -> u.truncate("/tmp/d/f", 0));
    expect(Errno.EPERM, () -> u.chmod("/tmp/d/f", 0777));
    p.chmod("/tmp/d/f", 0666);
    u.truncate("/tmp/d/f", 1);
    assertThat(p.stat("/tmp/d/f").size()).isEqualTo(1);
    assertThat(p.stat("/tmp/d/f").mode()).isEqualTo(Fcntl.S_IFREG | 0666);
  }
}
