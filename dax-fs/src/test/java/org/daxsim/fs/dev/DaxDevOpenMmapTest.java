package org.daxsim.fs.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.core.mm.Mman.MAP_PRIVATE;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.MAP_SHARED_VALIDATE;
import static org.daxsim.core.mm.Mman.MAP_SYNC;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;
import static org.daxsim.fs.dev.DevHost.MiB;
import static org.daxsim.fs.dev.DevHost.expect;

import org.daxsim.bus.DevDax;
import org.daxsim.bus.DeviceDax;
import org.daxsim.core.Errno;
import org.daxsim.core.mm.Signal;
import org.daxsim.core.mm.Vma;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** open(2)/mmap(2)/read(2)/lseek(2) of /dev/daxR.N through the VFS. */
class DaxDevOpenMmapTest {
  DevHost h;
  Process p;

  @BeforeEach
  void setUp() throws Exception {
    h = new DevHost();
    DaxDevNodes.attach(h.vfs, h.bus);
    p = h.root;
  }

  @Test
  void openOfAnUnboundDeviceIsEnxio() throws Exception {
    DevDax d = h.device(4 * MiB);
    assertThat(d.driver()).isNull();
    expect(Errno.ENXIO, () -> p.open("/dev/" + d.name(), Fcntl.O_RDWR));
    expect(Errno.ENXIO, () -> p.open("/dev/dax0.0", Fcntl.O_RDONLY)); // size 0, never bound
    assertThat(p.openFiles()).isZero();
  }

  @Test
  void sharedMappingSeesTheDeviceBytes() throws Exception {
    DevDax d = h.deviceDax(4 * MiB);
    int fd = p.open("/dev/" + d.name(), Fcntl.O_RDWR);
    long addr = p.mmap(0, 4 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    Vma vma = p.mm().vmas().get(0);
    assertThat(vma.mapping()).as("f_mapping = the dax inode's i_mapping")
        .isSameAs(d.daxDevice().mapping());
    p.mm().storeLong(addr + 3 * MiB + 16, 0x1122334455667788L);
    assertThat(h.devByte(d, 3 * MiB + 16)).isEqualTo((byte) 0x88);
    assertThat(h.devByte(d, 3 * MiB + 23)).isEqualTo((byte) 0x11);
    assertThat(p.mm().translate(addr + 3 * MiB + 16))
        .isEqualTo(d.pgoffToPhys((3 * MiB) >> 12, 4096) + 16);
    h.writeDev(d, 8192, new byte[] {7, 8, 9});
    byte[] got = new byte[3];
    p.mm().load(addr + 8192, got, 0, 3);
    assertThat(got).containsExactly(7, 8, 9);
    // an offset into the device maps the matching bytes
    long addr2 = p.mmap(0, 2 * MiB, PROT_READ, MAP_SHARED, fd, 2 * MiB);
    assertThat(p.mm().loadLong(addr2 + MiB + 16)).isEqualTo(0x1122334455667788L);
  }

  @Test
  void privateMappingIsEinvalAndMapSyncIsAccepted() throws Exception {
    DevDax d = h.deviceDax(4 * MiB);
    int fd = p.open("/dev/" + d.name(), Fcntl.O_RDWR);
    expect(Errno.EINVAL, () -> p.mmap(0, 4 * MiB, PROT_READ, MAP_PRIVATE, fd, 0));
    assertThat(p.mm().vmas()).isEmpty();
    long a = p.mmap(0, 2 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0);
    assertThat(a & (2 * MiB - 1)).as("dax_get_unmapped_area aligns to the 2 MiB align").isZero();
  }

  @Test
  void readWriteAreEinvalIoctlEnottyAndLseekIsNoop() throws Exception {
    DevDax d = h.deviceDax(4 * MiB);
    int fd = p.open("/dev/" + d.name(), Fcntl.O_RDWR);
    byte[] b = new byte[16];
    expect(Errno.EINVAL, () -> p.read(fd, b, 0, 16));
    expect(Errno.EINVAL, () -> p.write(fd, b, 0, 16));
    expect(Errno.ENOTTY, () -> p.ioctl(fd, 0x1234, 0));
    assertThat(p.lseek(fd, 4096, Fcntl.SEEK_SET)).as("noop_llseek").isZero();
    assertThat(p.lseek(fd, 0, Fcntl.SEEK_END)).isZero();
    expect(Errno.EINVAL, () -> p.lseek(fd, 0, 99));
  }

  @Test
  void fsdevOpensButHasNoMmap() throws Exception {
    DevDax d = h.fsdev(4 * MiB);
    assertThat(d.driver().name()).isEqualTo("fsdev_dax");
    int fd = p.open("/dev/" + d.name(), Fcntl.O_RDWR);
    expect(Errno.ENODEV, () -> p.mmap(0, 4 * MiB, PROT_READ, MAP_SHARED, fd, 0));
    expect(Errno.EOPNOTSUPP,
        () -> p.mmap(0, 4 * MiB, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0));
    expect(Errno.EINVAL, () -> p.read(fd, new byte[8], 0, 8));
    expect(Errno.ESPIPE, () -> p.lseek(fd, 0, Fcntl.SEEK_SET));
    assertThat(p.mm().vmas()).isEmpty();
    p.close(fd);
  }

  @Test
  void unbindWhileMappedZapsAndTheNextTouchIsSigbus() throws Exception {
    DevDax d = h.deviceDax(4 * MiB);
    int fd = p.open("/dev/" + d.name(), Fcntl.O_RDWR);
    long addr = p.mmap(0, 4 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    p.mm().storeLong(addr + 4096, 42);
    assertThat(p.mm().translate(addr + 4096)).isNotEqualTo(-1);
    h.bus.unbind(d);
    assertThat(p.mm().translate(addr + 4096)).as("kill_dev_dax zapped it").isEqualTo(-1);
    assertThatThrownBy(() -> p.mm().loadLong(addr + 4096))
        .isInstanceOfSatisfying(Signal.class, s -> assertThat(s.signo()).isEqualTo(Signal.SIGBUS));
    expect(Errno.ENXIO, () -> p.open("/dev/" + d.name(), Fcntl.O_RDWR));
    // check_vma on the old open file: the dax device is dead
    expect(Errno.ENXIO, () -> p.mmap(0, 4 * MiB, PROT_READ, MAP_SHARED, fd, 0));
    h.bus.bind(d, DeviceDax.NAME);
    assertThat(p.mm().loadLong(addr + 4096)).as("the bytes survive in the device").isEqualTo(42);
  }

  @Test
  void deleteKeepsOpenFilesButTheNodeAndChrdevGo() throws Exception {
    DevDax d = h.deviceDax(4 * MiB);
    String path = "/dev/" + d.name();
    int fd = p.open(path, Fcntl.O_RDWR);
    h.bus.unbind(d);
    d.resize(0);
    h.region.delete(d.name());
    expect(Errno.ENOENT, () -> p.stat(path));
    assertThat(p.fstat(fd).mode()).isEqualTo(Fcntl.S_IFCHR | 0600);
    expect(Errno.ENXIO, () -> p.mmap(0, 2 * MiB, PROT_READ, MAP_SHARED, fd, 0));
    p.close(fd);
    // mknod by hand with the stale devt: no char device any more
    p.mknod("/tmp/stale", Fcntl.S_IFCHR | 0600, d.daxDevice().devt());
    expect(Errno.ENXIO, () -> p.open("/tmp/stale", Fcntl.O_RDWR));
  }
}
