package org.daxsim.fs.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.vfs.VfsTesting.expect;

import org.daxsim.core.Errno;
import org.daxsim.core.mm.AddressSpace;
import org.junit.jupiter.api.Test;

/** Vfs.kernPath (kern_path as root) and File.setMapping (f_mapping). */
class KernPathTest {
  @Test
  void kernPathResolvesAsRootWithLookupErrnos() throws Exception {
    VfsTesting.Host h = new VfsTesting.Host();
    Process u = h.user(1000, 1000);
    h.root.mkdir("/tmp/secret", 0700);
    h.root.mknod("/tmp/secret/f", 0600, 0);
    expect(Errno.EACCES, () -> u.stat("/tmp/secret/f"));
    Inode f = h.vfs.kernPath("/tmp/secret/f");
    assertThat(f.ino()).isEqualTo(h.root.stat("/tmp/secret/f").ino());
    assertThat(h.vfs.kernPath("/tmp/secret/../secret/./f")).isSameAs(f);
    assertThat(h.vfs.kernPath("/tmp").isDir()).isTrue();
    assertThat(h.vfs.kernPath("/tmp").sb()).as("crosses the tmpfs mount")
        .isNotSameAs(h.vfs.kernPath("/").sb());
    expect(Errno.ENOENT, () -> h.vfs.kernPath(""));
    expect(Errno.EFAULT, () -> h.vfs.kernPath(null));
    expect(Errno.ENOENT, () -> h.vfs.kernPath("/tmp/none"));
    expect(Errno.ENOTDIR, () -> h.vfs.kernPath("/tmp/secret/f/x"));
    expect(Errno.ENOTDIR, () -> h.vfs.kernPath("/tmp/secret/f/"));
    expect(Errno.ENAMETOOLONG, () -> h.vfs.kernPath("/" + "a".repeat(Fcntl.NAME_MAX + 1)));
    expect(Errno.ENAMETOOLONG, () -> h.vfs.kernPath("/a".repeat(Fcntl.PATH_MAX)));
  }

  @Test
  void setMappingRedirectsFMapping() throws Exception {
    VfsTesting.Host h = new VfsTesting.Host();
    h.root.mknod("/tmp/f", 0600, 0);
    Inode inode = h.vfs.kernPath("/tmp/f");
    int fd = h.root.open("/tmp/f", Fcntl.O_RDWR);
    File f = h.root.file(fd);
    assertThat(f.mapping()).isSameAs(inode.mapping());
    AddressSpace other = new AddressSpace();
    f.setMapping(other);
    assertThat(f.mapping()).isSameAs(other);
    f.setMapping(null);
    assertThat(f.mapping()).isSameAs(inode.mapping());
  }
}
