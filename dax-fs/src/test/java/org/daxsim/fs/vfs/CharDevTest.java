package org.daxsim.fs.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.vfs.VfsTesting.expect;

import java.util.concurrent.atomic.AtomicInteger;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.mm.Vma;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CharDevTest {
  static final long DEV = Vfs.mkdev(252, 1);
  VfsTesting.Host h;
  Process p;
  long pfn;
  final AtomicInteger opens = new AtomicInteger();
  final AtomicInteger releases = new AtomicInteger();

  /** A toy driver: one kernel page readable with read(2) and mmap(2), and an ioctl. */
  final FileOperations driver = new FileOperations() {
    @Override
    public void open(Inode inode, File file) {
      opens.incrementAndGet();
      file.setPrivateData("dev" + inode.rdev());
    }

    @Override
    public void release(Inode inode, File file) {
      releases.incrementAndGet();
    }

    @Override
    public long readIter(Kiocb iocb, IovIter to) throws ErrnoException {
      long n = Math.min(to.count(), Math.max(0, Pages.PAGE_SIZE - iocb.pos()));
      long c = IovIter.copyToIter(h.kas, va() + iocb.pos(), n, to);
      iocb.setPos(iocb.pos() + c);
      return c;
    }

    @Override
    public long ioctl(File file, int cmd, long arg, org.daxsim.core.mm.Mm mm) throws ErrnoException {
      if (cmd != 7) {
        throw ErrnoException.of(Errno.ENOTTY, "cmd %d", cmd);
      }
      return arg + 1;
    }

    @Override
    public void mmap(File file, Vma vma) {
      vma.setOps(vmf -> vmf.insertPfn(pfn));
    }
  };

  long va() {
    return KernelAddressSpace.va(Pages.pfnToPhys(pfn));
  }

  @BeforeEach
  void setUp() throws Exception {
    h = new VfsTesting.Host();
    p = h.root;
    pfn = h.kas.allocPage();
    byte[] pattern = new byte[4096];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = (byte) (i ^ 0x5a);
    }
    h.kas.write(va(), pattern, 0, pattern.length);
    p.mknod("/dev/dax0.0", Fcntl.S_IFCHR | 0600, DEV);
  }

  @Test
  void openReadIoctlMmapAndCloseDispatchToTheDriver() throws Exception {
    h.vfs.registerChrdev(DEV, driver);
    Stat st = p.stat("/dev/dax0.0");
    assertThat(st.mode()).isEqualTo(Fcntl.S_IFCHR | 0600);
    assertThat(st.rdev()).isEqualTo(DEV);
    int fd = p.open("/dev/dax0.0", Fcntl.O_RDWR);
    assertThat(opens.get()).isEqualTo(1);
    byte[] b = new byte[16];
    assertThat(p.pread(fd, b, 0, 16, 100)).isEqualTo(16);
    assertThat(b[0]).isEqualTo((byte) (100 ^ 0x5a));
    assertThat(p.ioctl(fd, 7, 41)).isEqualTo(42);
    expect(Errno.ENOTTY, () -> p.ioctl(fd, 8, 0));
    expect(Errno.EINVAL, () -> p.write(fd, b, 0, 1));
    long addr = p.mmap(0, 4096, Mman.PROT_READ, Mman.MAP_SHARED, fd, 0);
    assertThat(p.mm().loadLong(addr + 8)).isEqualTo(littleEndian(8));
    p.munmap(addr, 4096);
    p.close(fd);
    assertThat(releases.get()).isEqualTo(1);
  }

  private static long littleEndian(int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (((at + i) ^ 0x5a) & 0xff);
    }
    return v;
  }

  @Test
  void registrationAndNodeErrors() throws Exception {
    expect(Errno.ENXIO, () -> p.open("/dev/dax0.0", Fcntl.O_RDWR));
    h.vfs.registerChrdev(DEV, driver);
    expect(Errno.EBUSY, () -> h.vfs.registerChrdev(DEV, driver));
    int fd = p.open("/dev/dax0.0", Fcntl.O_RDONLY);
    h.vfs.unregisterChrdev(DEV);
    expect(Errno.EINVAL, () -> h.vfs.unregisterChrdev(DEV));
    expect(Errno.ENXIO, () -> p.open("/dev/dax0.0", Fcntl.O_RDONLY));
    assertThat(p.ioctl(fd, 7, 1)).as("open files keep the driver").isEqualTo(2);
    Process u = h.user(1000, 1000);
    expect(Errno.EACCES, () -> u.open("/dev/dax0.0", Fcntl.O_RDONLY));
    expect(Errno.EACCES, () -> u.mknod("/dev/x", Fcntl.S_IFCHR | 0600, DEV));
    expect(Errno.EPERM, () -> u.mknod("/tmp/x", Fcntl.S_IFCHR | 0600, DEV));
    expect(Errno.EEXIST, () -> p.mknod("/dev/dax0.0", Fcntl.S_IFCHR | 0600, DEV));
    expect(Errno.EPERM, () -> p.mknod("/dev/d", Fcntl.S_IFDIR | 0600, 0));
    expect(Errno.EINVAL, () -> p.mknod("/dev/d", 0010000 | 0600, 0));
    expect(Errno.EINVAL, () -> h.vfs.registerChrdev(-1, driver));
    expect(Errno.EINVAL, () -> h.vfs.registerChrdev(5, null));
    expect(Errno.EINVAL, () -> p.ftruncate(fd, 0));
    expect(Errno.EINVAL, () -> p.truncate("/dev/dax0.0", 0));
    p.mknod("/tmp/reg", 0644, 0);
    assertThat(p.stat("/tmp/reg").mode()).isEqualTo(Fcntl.S_IFREG | 0644);
  }
}
