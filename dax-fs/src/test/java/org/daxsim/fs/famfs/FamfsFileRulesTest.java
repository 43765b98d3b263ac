package org.daxsim.fs.famfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.daxsim.fs.famfs.FamfsHost.MiB;

import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.Mman;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The famfs file rules (famfs.md 3.3, 3.4; invariants 19, 21, 22): files without a map refuse
 * I/O, a rogue size change poisons the file for good, I/O is clamped at EOF and never grows a
 * file, and the namespace and permission rules are ramfs's.
 */
class FamfsFileRulesTest {
  private static final String MNT = "/mnt/famfs";
  /** Device offset of the test file's extent; the file is 3 MiB in a 4 MiB extent. */
  private static final long EXT = 10 * MiB;
  private static final long SIZE = 3 * MiB;

  private FamfsHost h;
  private DevDax d;

  @BeforeEach
  void setUp() throws Exception {
    h = new FamfsHost();
    d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 64 * MiB);
    h.mount(d, MNT);
  }

  static void expect(Errno errno, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected %s", errno).isInstanceOf(ErrnoException.class);
    assertThat(((ErrnoException) t).errno()).as(String.valueOf(t.getMessage())).isEqualTo(errno);
  }

  /** /mnt/famfs/NAME, 3 MiB mapped onto device [10 MiB, 14 MiB); an O_RDWR fd. */
  private int mapped(String name) throws ErrnoException {
    return h.create(MNT + "/" + name, FamfsHost.simple(SIZE, EXT, 4 * MiB));
  }

  private long mmap(int fd, long len) throws ErrnoException {
    return h.root.mmap(0, len, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, fd, 0);
  }

  // ------------------------------------------------------------------ no map

  @Test
  void aFileWithoutAMapRefusesAllIoWithEio() throws Exception {
    int fd = h.root.open(MNT + "/plain", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
    assertThat(h.root.fstat(fd).size()).isZero();
    assertThat(h.root.stat(MNT + "/plain").size()).isZero();
    expect(Errno.EIO, () -> h.pread(fd, 0, 1));
    expect(Errno.EIO, () -> h.pread(fd, 0, 0));
    expect(Errno.EIO, () -> h.root.pwrite(fd, new byte[1], 0, 1, 0));
    expect(Errno.EIO, () -> h.root.write(fd, new byte[10], 0, 10));
    expect(Errno.EIO, () -> h.root.read(fd, new byte[10], 0, 10));
    expect(Errno.EIO, () -> mmap(fd, 2 * MiB));
    int before = h.root.mm().vmas().size();
    expect(Errno.EIO, () -> h.root.mmap(0, 4096, Mman.PROT_READ, Mman.MAP_SHARED, fd, 0));
    assertThat(h.root.mm().vmas()).as("a refused mmap leaves no VMA").hasSize(before);
    assertThat(h.root.fstat(fd).size()).isZero();
    assertThat(h.root.lseek(fd, 0, Fcntl.SEEK_CUR)).as("the failed I/O moved nothing").isZero();
    // a truncate of a map-less file changes i_size but it is still map-less: EIO
    h.root.ftruncate(fd, 4096);
    assertThat(h.root.fstat(fd).size()).isEqualTo(4096);
    expect(Errno.EIO, () -> h.pread(fd, 0, 1));
  }

  // ------------------------------------------------------------------ rogue truncate

  @Test
  void rogueTruncateGivesEnxioOnceThenEioForGood() throws Exception {
    int fd = mapped("a");
    byte[] data = FamfsHost.pattern(4096, 2);
    h.writeDev(d, EXT, data);
    assertThat(h.pread(fd, 0, 4096)).isEqualTo(data);
    h.root.truncate(MNT + "/a", MiB);
    assertThat(h.root.stat(MNT + "/a").size()).as("truncate(2) did change i_size").isEqualTo(MiB);
    expect(Errno.ENXIO, () -> h.pread(fd, 0, 1));
    expect(Errno.EIO, () -> h.pread(fd, 0, 1));
    expect(Errno.EIO, () -> h.root.pwrite(fd, new byte[1], 0, 1, 0));
    expect(Errno.EIO, () -> mmap(fd, 2 * MiB));
    // truncating back to the map's size does not heal it
    h.root.truncate(MNT + "/a", SIZE);
    assertThat(h.root.fstat(fd).size()).isEqualTo(SIZE);
    expect(Errno.EIO, () -> h.pread(fd, 0, 1));
    expect(Errno.EIO, () -> h.root.pwrite(fd, new byte[1], 0, 1, 0));
    expect(Errno.EIO, () -> mmap(fd, 2 * MiB));
    int fd2 = h.root.open(MNT + "/a", Fcntl.O_RDONLY);
    expect(Errno.EIO, () -> h.pread(fd2, 0, 1));
    // nothing was written to the device by the refused writes
    assertThat(h.devBytes(d, EXT, 4096)).isEqualTo(data);
  }

  @Test
  void rogueGrowthByFtruncateFailsTheNextWriteWithEnxio() throws Exception {
    int fd = mapped("b");
    h.root.ftruncate(fd, 8 * MiB); // grow: also a size change
    expect(Errno.ENXIO, () -> h.root.pwrite(fd, new byte[1], 0, 1, 0));
    expect(Errno.EIO, () -> h.root.pwrite(fd, new byte[1], 0, 1, 0));
    expect(Errno.EIO, () -> h.pread(fd, 0, 1));
    assertThat(h.devBytes(d, EXT, 1)).containsExactly(0);
  }

  @Test
  void rogueTruncateIsAlsoCaughtByMmapFirst() throws Exception {
    int fd = mapped("c");
    h.root.truncate(MNT + "/c", 0);
    expect(Errno.ENXIO, () -> mmap(fd, 2 * MiB));
    expect(Errno.EIO, () -> mmap(fd, 2 * MiB));
    expect(Errno.EIO, () -> h.pread(fd, 0, 1));
  }

  @Test
  void truncateToTheSameSizeIsNotRogue() throws Exception {
    int fd = mapped("same");
    h.root.truncate(MNT + "/same", SIZE);
    h.root.ftruncate(fd, SIZE);
    byte[] w = FamfsHost.pattern(100, 8);
    assertThat(h.root.pwrite(fd, w, 0, 100, 5)).isEqualTo(100);
    assertThat(h.pread(fd, 5, 100)).isEqualTo(w);
  }

  // ------------------------------------------------------------------ EOF clamps

  @Test
  void readAtOrPastEofReturnsZero() throws Exception {
    int fd = mapped("r");
    assertThat(h.root.pread(fd, new byte[10], 0, 10, SIZE)).isZero();
    assertThat(h.root.pread(fd, new byte[10], 0, 10, SIZE + 1)).isZero();
    // past the 2 MiB-rounded extent end and far beyond
    assertThat(h.root.pread(fd, new byte[10], 0, 10, 4 * MiB)).isZero();
    assertThat(h.root.pread(fd, new byte[10], 0, 10, Long.MAX_VALUE - 10)).isZero();
    assertThat(h.root.lseek(fd, 0, Fcntl.SEEK_END)).isEqualTo(SIZE);
    assertThat(h.root.read(fd, new byte[10], 0, 10)).isZero();
    assertThat(h.root.lseek(fd, 0, Fcntl.SEEK_CUR)).isEqualTo(SIZE);
  }

  @Test
  void writeAtOrPastEofWritesNothingAndDoesNotGrow() throws Exception {
    int fd = mapped("w");
    byte[] w = FamfsHost.pattern(4096, 1);
    assertThat(h.root.pwrite(fd, w, 0, 4096, SIZE)).isZero();
    assertThat(h.root.pwrite(fd, w, 0, 4096, SIZE + 4096)).isZero();
    assertThat(h.root.pwrite(fd, w, 0, 4096, 5 * MiB)).isZero();
    assertThat(h.root.lseek(fd, 0, Fcntl.SEEK_END)).isEqualTo(SIZE);
    assertThat(h.root.write(fd, w, 0, 4096)).isZero();
    assertThat(h.root.fstat(fd).size()).isEqualTo(SIZE);
    // the slack between EOF and the extent end is resolvable but never written
    assertThat(h.devBytes(d, EXT + SIZE, 8192)).isEqualTo(new byte[8192]);
    // and the file is still valid (no size change happened)
    assertThat(h.root.pwrite(fd, w, 0, 10, 0)).isEqualTo(10);
  }

  @Test
  void writeSpanningEofIsTruncatedAtEof() throws Exception {
    int fd = mapped("s");
    byte[] w = FamfsHost.pattern(8192, 6);
    assertThat(h.root.pwrite(fd, w, 0, 8192, SIZE - 100)).isEqualTo(100);
    assertThat(h.root.fstat(fd).size()).isEqualTo(SIZE);
    assertThat(h.devBytes(d, EXT + SIZE - 100, 100)).isEqualTo(Arrays.copyOf(w, 100));
    assertThat(h.devBytes(d, EXT + SIZE, 8092)).isEqualTo(new byte[8092]);
    byte[] r = new byte[8192];
    assertThat(h.root.pread(fd, r, 0, 8192, SIZE - 100)).isEqualTo(100);
    assertThat(Arrays.copyOf(r, 100)).isEqualTo(Arrays.copyOf(w, 100));
    // write(2) advances the position by what was written
    h.root.lseek(fd, SIZE - 10, Fcntl.SEEK_SET);
    assertThat(h.root.write(fd, w, 0, 50)).isEqualTo(10);
    assertThat(h.root.lseek(fd, 0, Fcntl.SEEK_CUR)).isEqualTo(SIZE);
  }

  /**
   * O_APPEND: our VFS passes IOCB_APPEND down in the kiocb and leaves moving ki_pos to i_size to
   * the file system (as generic_write_checks() does in Linux). famfs_dax_write_iter() never calls
   * generic_write_checks(), so the flag is ignored: write(2) writes at the file position (0 for
   * a fresh open) and pwrite(2) at its offset, and the file never grows.
   */
  @Test
  void appendIsIgnoredWritesLandAtThePosition() throws Exception {
    int setup = mapped("app");
    h.root.close(setup);
    int fd = h.root.open(MNT + "/app", Fcntl.O_WRONLY | Fcntl.O_APPEND);
    byte[] w = FamfsHost.pattern(64, 3);
    assertThat(h.root.write(fd, w, 0, 64)).isEqualTo(64);
    assertThat(h.devBytes(d, EXT, 64)).as("written at offset 0, not at EOF").isEqualTo(w);
    assertThat(h.root.lseek(fd, 0, Fcntl.SEEK_CUR)).isEqualTo(64);
    byte[] w2 = FamfsHost.pattern(32, 4);
    assertThat(h.root.pwrite(fd, w2, 0, 32, MiB)).isEqualTo(32);
    assertThat(h.devBytes(d, EXT + MiB, 32)).isEqualTo(w2);
    assertThat(h.root.fstat(fd).size()).isEqualTo(SIZE);
    assertThat(h.devBytes(d, EXT + SIZE, 4096)).isEqualTo(new byte[4096]);
  }

  // ------------------------------------------------------------------ fsync, lseek

  @Test
  void fsyncIsANoOpAndLseekIsGeneric() throws Exception {
    int fd = mapped("sync");
    h.root.fsync(fd);
    int plain = h.root.open(MNT + "/nomap", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
    h.root.fsync(plain); // noop_fsync does not look at the map either
    assertThat(h.root.lseek(fd, 0, Fcntl.SEEK_END)).isEqualTo(SIZE);
    assertThat(h.root.lseek(fd, -5, Fcntl.SEEK_END)).isEqualTo(SIZE - 5);
    assertThat(h.root.lseek(fd, 7, Fcntl.SEEK_SET)).isEqualTo(7);
    assertThat(h.root.lseek(fd, 3, Fcntl.SEEK_CUR)).isEqualTo(10);
    assertThat(h.root.lseek(fd, 10 * MiB, Fcntl.SEEK_SET)).as("past EOF is allowed")
        .isEqualTo(10 * MiB);
    expect(Errno.EINVAL, () -> h.root.lseek(fd, -1, Fcntl.SEEK_SET));
    assertThat(h.root.lseek(fd, 100, Fcntl.SEEK_DATA)).isEqualTo(100);
    assertThat(h.root.lseek(fd, 100, Fcntl.SEEK_HOLE)).isEqualTo(SIZE);
    expect(Errno.ENXIO, () -> h.root.lseek(fd, SIZE, Fcntl.SEEK_DATA));
    // the position is where read(2) starts
    byte[] data = FamfsHost.pattern(16, 5);
    h.writeDev(d, EXT + 1000, data);
    h.root.lseek(fd, 1000, Fcntl.SEEK_SET);
    byte[] r = new byte[16];
    assertThat(h.root.read(fd, r, 0, 16)).isEqualTo(16);
    assertThat(r).isEqualTo(data);
    assertThat(h.root.fstat(fd).size()).isEqualTo(SIZE);
  }

  // ------------------------------------------------------------------ namespace

  @Test
  void directoryOperationsWorkLikeRamfs() throws Exception {
    h.root.mkdir(MNT + "/d", 0755);
    h.root.mkdir(MNT + "/d/e", 0755);
    int fd = mapped("d/e/f");
    h.root.close(fd);
    expect(Errno.EEXIST, () -> h.root.mkdir(MNT + "/d", 0755));
    expect(Errno.ENOTEMPTY, () -> h.root.rmdir(MNT + "/d"));
    expect(Errno.ENOTDIR, () -> h.root.rmdir(MNT + "/d/e/f"));
    expect(Errno.EISDIR, () -> h.root.unlink(MNT + "/d/e"));
    // rename keeps the inode and so its map
    h.root.rename(MNT + "/d/e/f", MNT + "/d/g");
    expect(Errno.ENOENT, () -> h.root.stat(MNT + "/d/e/f"));
    assertThat(h.root.stat(MNT + "/d/g").size()).isEqualTo(SIZE);
    int g = h.root.open(MNT + "/d/g", Fcntl.O_RDONLY);
    assertThat(FamfsIoctl.mapGetV2(h.root, g).extents())
        .containsExactly(new FamfsMap.Extent(0, EXT, 4 * MiB));
    h.root.close(g);
    h.root.rename(MNT + "/d/e", MNT + "/e2");
    h.root.rmdir(MNT + "/e2");
    expect(Errno.ENOENT, () -> h.root.stat(MNT + "/e2"));
    // unlink, then a new file of the same name is a fresh map-less file
    h.root.unlink(MNT + "/d/g");
    expect(Errno.ENOENT, () -> h.root.stat(MNT + "/d/g"));
    int again = h.root.open(MNT + "/d/g", Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, 0644);
    assertThat(h.root.fstat(again).size()).isZero();
    expect(Errno.EIO, () -> h.pread(again, 0, 1));
    h.root.close(again);
    h.root.unlink(MNT + "/d/g");
    h.root.rmdir(MNT + "/d");
    expect(Errno.ENOENT, () -> h.root.stat(MNT + "/d"));
    // rename across mounts is EXDEV
    int x = mapped("x");
    h.root.close(x);
    expect(Errno.EXDEV, () -> h.root.rename(MNT + "/x", "/tmp/x"));
  }

  @Test
  void anOpenUnlinkedFileKeepsItsMap() throws Exception {
    int fd = mapped("u");
    byte[] data = FamfsHost.pattern(100, 7);
    h.writeDev(d, EXT, data);
    h.root.unlink(MNT + "/u");
    assertThat(h.pread(fd, 0, 100)).isEqualTo(data);
  }

  // ------------------------------------------------------------------ permissions

  @Test
  void permissionsAreEnforcedForNonRootProcesses() throws Exception {
    int fd = h.root.open(MNT + "/secret", Fcntl.O_RDWR | Fcntl.O_CREAT, 0600);
    assertThat(FamfsIoctl.mapCreateV2(h.root, fd, FamfsHost.simple(SIZE, EXT, 4 * MiB)))
        .isZero();
    assertThat(h.root.stat(MNT + "/secret").mode() & 07777).isEqualTo(0600);
    Process user = h.vfs.newProcess(Cred.of(1000, 1000));
    expect(Errno.EACCES, () -> user.open(MNT + "/secret", Fcntl.O_RDONLY));
    expect(Errno.EACCES, () -> user.open(MNT + "/secret", Fcntl.O_WRONLY));
    expect(Errno.EACCES, () -> user.open(MNT + "/new", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644));
    expect(Errno.EACCES, () -> user.mkdir(MNT + "/dir", 0755));
    expect(Errno.EACCES, () -> user.unlink(MNT + "/secret"));
    expect(Errno.ENOENT, () -> h.root.stat(MNT + "/new"));
    // a world-readable file opens read-only but not for writing
    h.root.chmod(MNT + "/secret", 0644);
    int ufd = user.open(MNT + "/secret", Fcntl.O_RDONLY);
    assertThat(user.pread(ufd, new byte[4], 0, 4, 0)).isEqualTo(4);
    expect(Errno.EACCES, () -> user.open(MNT + "/secret", Fcntl.O_RDWR));
    expect(Errno.EBADF, () -> user.pwrite(ufd, new byte[4], 0, 4, 0));
  }

  @Test
  void readingADirectoryIsEisdir() throws Exception {
    h.root.mkdir(MNT + "/sub", 0755);
    for (String p : new String[] {MNT, MNT + "/sub"}) {
      int fd = h.root.open(p, Fcntl.O_RDONLY);
      expect(Errno.EISDIR, () -> h.root.read(fd, new byte[10], 0, 10));
      expect(Errno.EISDIR, () -> h.root.pread(fd, new byte[10], 0, 10, 0));
      h.root.close(fd);
      expect(Errno.EISDIR, () -> h.root.open(p, Fcntl.O_RDWR));
    }
  }

  /**
   * famfs_file_ioctl() does not look at the open mode (no FMODE_WRITE check), so MAP_CREATE_V2
   * and MAP_CREATE on a read-only descriptor attach the map.
   */
  @Test
  void mapCreateOnAReadOnlyDescriptorSucceeds() throws Exception {
    int w = h.root.open(MNT + "/ro", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
    h.root.close(w);
    int fd = h.root.open(MNT + "/ro", Fcntl.O_RDONLY);
    assertThat(FamfsIoctl.mapCreateV2(h.root, fd, FamfsHost.simple(SIZE, EXT, 4 * MiB)))
        .isZero();
    assertThat(h.root.fstat(fd).size()).isEqualTo(SIZE);
    expect(Errno.EBADF, () -> h.root.pwrite(fd, new byte[1], 0, 1, 0));

    int w1 = h.root.open(MNT + "/ro1", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
    h.root.close(w1);
    int fd1 = h.root.open(MNT + "/ro1", Fcntl.O_RDONLY);
    assertThat(FamfsIoctl.mapCreate(h.root, fd1, FamfsMap.FAMFS_REG, 2 * MiB,
        java.util.List.of(new FamfsMap.Extent(0, 20 * MiB, 2 * MiB)))).isZero();
    assertThat(h.root.fstat(fd1).size()).isEqualTo(2 * MiB);
    byte[] data = FamfsHost.pattern(50, 2);
    h.writeDev(d, 20 * MiB, data);
    assertThat(h.pread(fd1, 0, 50)).isEqualTo(data);
  }
}
