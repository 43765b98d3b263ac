package org.daxsim.fs.famfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.famfs.FamfsHost.MiB;

import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.mm.Mman;
import org.junit.jupiter.api.Test;

class FamfsSmokeTest {
  @Test
  void writeReadMmapAgreeOnASimpleFile() throws Exception {
    FamfsHost h = new FamfsHost();
    DevDax d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 64 * MiB);
    h.mount(d, "/mnt/famfs");
    int fd = h.create("/mnt/famfs/a", FamfsHost.simple(3 * MiB, 10 * MiB, 4 * MiB));
    assertThat(h.root.fstat(fd).size()).isEqualTo(3 * MiB);
    byte[] data = FamfsHost.pattern(5000, 1);
    assertThat(h.root.pwrite(fd, data, 0, data.length, 2 * MiB - 100)).isEqualTo(5000);
    assertThat(h.pread(fd, 2 * MiB - 100, 5000)).isEqualTo(data);
    assertThat(h.devBytes(d, 12 * MiB - 100, 5000)).isEqualTo(data);
    long va = h.root.mmap(0, 4 * MiB, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, fd, 0);
    assertThat(va & (2 * MiB - 1)).isZero();
    assertThat(h.load(va + 2 * MiB - 100, 5000)).isEqualTo(data);
    assertThat(h.pread(fd, 3 * MiB, 10)).isEmpty();
  }

  @Test
  void aLiveMappingHoldsTheFileSoUmountIsBusyUntilMunmap() throws Exception {
    FamfsHost h = new FamfsHost();
    DevDax d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 64 * MiB);
    h.mount(d, "/mnt/famfs");
    int fd = h.create("/mnt/famfs/a", FamfsHost.simple(2 * MiB, 10 * MiB, 2 * MiB));
    long va = h.root.mmap(0, 2 * MiB, Mman.PROT_READ, Mman.MAP_SHARED, fd, 0);
    h.root.close(fd);
    org.daxsim.core.ErrnoException busy = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> h.root.umount("/mnt/famfs"), org.daxsim.core.ErrnoException.class);
    assertThat(busy.errno()).isEqualTo(org.daxsim.core.Errno.EBUSY);
    h.root.munmap(va + MiB, MiB); // a split keeps a reference per piece
    assertThat(catchErrno(() -> h.root.umount("/mnt/famfs"))).isEqualTo("EBUSY");
    h.root.munmap(va, MiB);
    h.root.umount("/mnt/famfs");
    assertThat(h.vfs.mounts()).noneMatch(m -> m.startsWith("famfs"));
  }

  private static String catchErrno(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
    org.daxsim.core.ErrnoException e = org.assertj.core.api.Assertions.catchThrowableOfType(c,
        org.daxsim.core.ErrnoException.class);
    return e == null ? "none" : e.errno().name();
  }
}
