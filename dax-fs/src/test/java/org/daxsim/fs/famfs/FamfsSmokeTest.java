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
}
