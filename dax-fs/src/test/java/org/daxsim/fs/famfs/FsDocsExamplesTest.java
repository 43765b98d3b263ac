package org.daxsim.fs.famfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.daxsim.core.mm.VmFault.VM_FAULT_NOPAGE;
import static org.daxsim.fs.famfs.FamfsHost.MiB;
import static org.daxsim.fs.vfs.Fcntl.O_CREAT;
import static org.daxsim.fs.vfs.Fcntl.O_EXCL;
import static org.daxsim.fs.vfs.Fcntl.O_RDWR;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.bus.Fsdev;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;
import org.daxsim.fs.dax.Iomap;
import org.daxsim.fs.vfs.Fcntl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The examples of docs/fs.md, run; DocExamplesTest keeps the two identical. */
class FsDocsExamplesTest {
  FamfsHost h;
  DevDax dev;

  /** The errno {@code call} fails with, or null when it succeeds. */
  static Errno errnoOf(ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    if (t == null) {
      return null;
    }
    if (t instanceof ErrnoException e) {
      return e.errno();
    }
    throw new AssertionError("unexpected exception", t);
  }

  @BeforeEach
  void mountFamfs() throws Exception {
    // begin-example: fs-mount
    h = new FamfsHost(); // 1 GiB of CXL memory at 0x1_0000_0000 (an idle hmem region), a VFS
    dev = h.region.create();
    dev.resize(256 * MiB);
    h.bus.newId(Fsdev.NAME, dev.name()); // what `daxctl reconfigure-device -m famfs` does
    assertThat(dev.name()).isEqualTo("dax0.1");
    h.root.mknod("/dev/dax0.1", Fcntl.S_IFCHR | 0600, dev.daxDevice().devt());

    h.root.mkdir("/mnt/famfs", 0755);
    h.root.mount(h.famfs, "/dev/dax0.1", "/mnt/famfs", "");

    // One mount per device (sget_dev finds the first super block), and famfs is the device's
    // exclusive holder: any other fs_dax_get() is refused.
    h.root.mkdir("/mnt/again", 0755);
    assertThat(errnoOf(() -> h.root.mount(h.famfs, "/dev/dax0.1", "/mnt/again", "")))
        .isEqualTo(Errno.EBUSY);
    assertThat(h.core.fsDaxGet(dev.daxDevice(), "another fs", (d, off, len, flags) -> 0))
        .isEqualTo(Errno.EBUSY.neg());
    // end-example: fs-mount
  }

  @Test
  void fileWithASimpleMap() throws Exception {
    // begin-example: fs-file
    int fd = h.root.open("/mnt/famfs/data", O_RDWR | O_CREAT | O_EXCL, 0644);
    byte[] buf = new byte[16];
    // A new file has no map: every access fails until user space attaches one.
    assertThat(errnoOf(() -> h.root.pread(fd, buf, 0, buf.length, 0))).isEqualTo(Errno.EIO);

    // A 3 MiB file in one 4 MiB extent at device offset 10 MiB (what famfs's allocator and
    // logplay hand to the kernel with FAMFSIOC_MAP_CREATE_V2).
    FamfsMap map = FamfsMap.simple(FamfsMap.FAMFS_REG, 3 * MiB,
        List.of(new FamfsMap.Extent(0, 10 * MiB, 4 * MiB)));
    FamfsIoctl.mapCreateV2(h.root, fd, map);
    assertThat(h.root.fstat(fd).size()).isEqualTo(3 * MiB); // i_size = the map's file size
    assertThat(errnoOf(() -> FamfsIoctl.mapCreateV2(h.root, fd, map))).isEqualTo(Errno.EEXIST);

    // write(2) and read(2) go through dax_iomap_rw: file offset 2 MiB - 8 is device byte
    // 12 MiB - 8, and the 17 bytes cross a page boundary.
    byte[] data = "hello from famfs!".getBytes(StandardCharsets.US_ASCII);
    assertThat(h.root.pwrite(fd, data, 0, data.length, 2 * MiB - 8)).isEqualTo(data.length);
    assertThat(h.devBytes(dev, 12 * MiB - 8, data.length)).isEqualTo(data);
    assertThat(h.pread(fd, 2 * MiB - 8, data.length)).isEqualTo(data);

    // mmap: 2 MiB aligned user addresses; faults map the same device pages, a whole 2 MiB
    // block with one PMD where it fits, 4 KiB PTEs in the file's last (partial) 2 MiB.
    long va = h.root.mmap(0, 3 * MiB, Mman.PROT_READ, Mman.MAP_SHARED, fd, 0);
    assertThat(va % (2 * MiB)).isZero();
    List<Long> faultOrders = new ArrayList<>(); // the order of each fault that mapped a page
    try (Trace.Registration r = Trace.listen((point, who, addr, order, flags, ret) -> {
      if (point == Tracepoint.MM_FAULT && who == h.root.mm() && ret == VM_FAULT_NOPAGE) {
        faultOrders.add(order);
      }
    })) {
      assertThat(h.load(va + 2 * MiB - 8, data.length)).isEqualTo(data);
    }
    assertThat(faultOrders).containsExactly(9L, 0L); // one PMD, then one PTE

    // Files never grow: at i_size a read returns 0 bytes and so does a write.
    assertThat(h.root.pread(fd, buf, 0, buf.length, 3 * MiB)).isZero();
    assertThat(h.root.pwrite(fd, buf, 0, buf.length, 3 * MiB)).isZero();
    assertThat(h.root.fstat(fd).size()).isEqualTo(3 * MiB);
    // end-example: fs-file
  }

  @Test
  void interleavedMapResolvesByChunk() throws Exception {
    // begin-example: fs-interleave
    // 32 MiB striped over 4 strips of 8 MiB in 2 MiB chunks.
    List<FamfsMap.Extent> strips = List.of(
        new FamfsMap.Extent(0, 64 * MiB, 8 * MiB),
        new FamfsMap.Extent(0, 96 * MiB, 8 * MiB),
        new FamfsMap.Extent(0, 128 * MiB, 8 * MiB),
        new FamfsMap.Extent(0, 160 * MiB, 8 * MiB));
    FamfsMap map = FamfsMap.interleaved(FamfsMap.FAMFS_REG, 32 * MiB,
        List.of(new FamfsMap.Interleave(2 * MiB, 32 * MiB, strips)));

    // File offset 15 MiB: chunk 7 (15 / 2), 1 MiB into it; stripe 1 (7 / 4), strip 3 (7 % 4);
    // strip offset 1 * 2 MiB + 1 MiB = 3 MiB, so device offset 160 MiB + 3 MiB. The mapping
    // ends at the chunk's end: 1 MiB, however much was asked for.
    Iomap io = map.resolve(15 * MiB, 4 * MiB, dev.daxDevice());
    assertThat(io.addr()).isEqualTo(163 * MiB);
    assertThat(io.offset()).isEqualTo(15 * MiB);
    assertThat(io.length()).isEqualTo(1 * MiB);

    // The same through the file: a write across the chunk boundary at 16 MiB lands in two
    // strips (chunk 8 is strip 0's third chunk: 64 MiB + 4 MiB).
    int fd = h.root.open("/mnt/famfs/striped", O_RDWR | O_CREAT | O_EXCL, 0644);
    FamfsIoctl.mapCreateV2(h.root, fd, map);
    byte[] data = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    assertThat(h.root.pwrite(fd, data, 0, data.length, 16 * MiB - 8)).isEqualTo(data.length);
    assertThat(h.devBytes(dev, 164 * MiB - 8, 8)).isEqualTo("01234567".getBytes());
    assertThat(h.devBytes(dev, 68 * MiB, 8)).isEqualTo("89abcdef".getBytes());
    assertThat(FamfsIoctl.mapGetV2(h.root, fd).interleaves()).isEqualTo(map.interleaves());
    // end-example: fs-interleave
  }

  @Test
  void seedVariantFailsReadButNotMmap() throws Exception {
    // begin-example: fs-seed
    // A second device whose direct_access is the seed's: kaddr = the physical address.
    DevDax seed = h.region.create();
    seed.resize(64 * MiB);
    seed.setVariant(DirectAccessVariant.SEED_PHYS);
    h.bus.newId(Fsdev.NAME, seed.name());
    assertThat(seed.name()).isEqualTo("dax0.2");
    h.root.mknod("/dev/dax0.2", Fcntl.S_IFCHR | 0600, seed.daxDevice().devt());
    h.root.mkdir("/mnt/seed", 0755);
    h.root.mount(h.famfs, "/dev/dax0.2", "/mnt/seed", "");

    int fd = h.root.open("/mnt/seed/f", O_RDWR | O_CREAT | O_EXCL, 0644);
    FamfsIoctl.mapCreateV2(h.root, fd, FamfsMap.simple(FamfsMap.FAMFS_REG, 2 * MiB,
        List.of(new FamfsMap.Extent(0, 2 * MiB, 2 * MiB))));
    byte[] data = "written by another host".getBytes(StandardCharsets.US_ASCII);
    h.writeDev(seed, 2 * MiB, data); // the file's first bytes, put straight into the memory
    assertThat(seed.pgoffToPhys(2 * MiB >> 12, 4096)).isEqualTo(0x1_1020_0000L);

    // read(2) and write(2) into a user buffer copy through kaddr: a user-half address where
    // the process has nothing mapped, so the copy ends at 0 bytes: EFAULT.
    long userBuf = h.anon(4096);
    assertThat(errnoOf(() -> h.root.pread(fd, userBuf, data.length, 0))).isEqualTo(Errno.EFAULT);
    assertThat(errnoOf(() -> h.root.pwrite(fd, userBuf, data.length, 0)))
        .isEqualTo(Errno.EFAULT);

    // mmap faults use only the pfn, which is right: the same bytes are visible.
    long va = h.root.mmap(0, 2 * MiB, Mman.PROT_READ, Mman.MAP_SHARED, fd, 0);
    assertThat(h.load(va, data.length)).isEqualTo(data);
    // end-example: fs-seed
  }
}
