package org.daxsim.fs.famfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.daxsim.fs.famfs.FamfsHost.MiB;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.Signal;
import org.daxsim.fs.vfs.Fcntl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every validation rule of the famfs ioctls (famfs.md 2.7; FamfsIoctls): each bad request fails
 * with its exact errno and leaves the file untouched (size 0, MAP_GET still EINVAL, no I/O, and
 * a later valid MAP_CREATE_V2 still succeeds). Structs are laid out in user memory by hand.
 */
class FamfsIoctlTest {
  private static final String MNT = "/mnt/famfs";
  /** An address no test maps (the user buffers come from the top-down mmap area). */
  private static final long UNMAPPED = 0x1000;

  private FamfsHost h;
  private DevDax d;
  private int seq;

  @BeforeEach
  void setUp() throws Exception {
    h = new FamfsHost();
    d = h.fsdev(DirectAccessVariant.PER_RANGE, 0, 128 * MiB);
    h.mount(d, MNT);
  }

  // ------------------------------------------------------------------ helpers

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

  static void expect(Errno errno, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected %s", errno).isInstanceOf(ErrnoException.class);
    assertThat(((ErrnoException) t).errno()).as(String.valueOf(t.getMessage())).isEqualTo(errno);
  }

  /** A fresh famfs file with no map, open O_RDWR. */
  private int fresh() throws ErrnoException {
    return h.root.open(MNT + "/f" + (seq++), Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, 0644);
  }

  private static FamfsMap.Extent ext(long off, long len) {
    return new FamfsMap.Extent(0, off, len);
  }

  private static FamfsMap.Extent ext(long dev, long off, long len) {
    return new FamfsMap.Extent(dev, off, len);
  }

  private void store(long va, byte[] b) throws Exception {
    h.root.mm().store(va, b, 0, b.length);
  }

  private static byte[] filled(int len, int v) {
    byte[] b = new byte[len];
    Arrays.fill(b, (byte) v);
    return b;
  }

  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** ioctl(MAP_CREATE) of a famfs_ioc_map with {@code count} and the given {offset, len}s. */
  private long v1(int fd, int fileType, long size, long count, FamfsMap.Extent... exts)
      throws ErrnoException {
    byte[] s = FamfsIoctl.iocMap(FamfsMap.SIMPLE_DAX_EXTENT, fileType, size, count,
        List.of(exts));
    return FamfsIoctl.ioctlWith(h.root, fd, FamfsIoctl.MAP_CREATE, s, new byte[0]);
  }

  /**
   * ioctl(MAP_CREATE_V2) of simple extents: a famfs_ioc_fmap with {@code n} and ext type
   * {@code extType} pointing at {@code exts} laid out in a user buffer.
   */
  private long v2Simple(int fd, long size, int extType, int n, FamfsMap.Extent... exts)
      throws Exception {
    long buf = h.anon(8192);
    try {
      long list = buf + 256;
      store(list, FamfsIoctl.simpleExtents(List.of(exts)));
      store(buf, FamfsIoctl.iocFmap(size, FamfsMap.FAMFS_REG, extType, n, list));
      return h.root.ioctl(fd, FamfsIoctl.MAP_CREATE_V2, buf);
    } finally {
      h.root.munmap(buf, 8192);
    }
  }

  /** One interleaved extent {nstrips, chunk, nbytes} whose strips are {@code strips}. */
  private long v2Interleaved(int fd, long size, long nstrips, long chunk, long nbytes,
      FamfsMap.Extent... strips) throws Exception {
    long buf = h.anon(8192);
    try {
      long list = buf + 256;
      long stripsVa = buf + 1024;
      store(stripsVa, FamfsIoctl.simpleExtents(List.of(strips)));
      store(list, FamfsIoctl.interleavedExt(nstrips, chunk, nbytes, stripsVa));
      store(buf, FamfsIoctl.iocFmap(size, FamfsMap.FAMFS_REG, FamfsMap.INTERLEAVED_EXTENT, 1,
          list));
      return h.root.ioctl(fd, FamfsIoctl.MAP_CREATE_V2, buf);
    } finally {
      h.root.munmap(buf, 8192);
    }
  }

  private byte[] mapGet(int fd) throws ErrnoException {
    byte[] out = new byte[FamfsIoctl.SIZEOF_IOC_MAP];
    assertThat(FamfsIoctl.ioctlWith(h.root, fd, FamfsIoctl.MAP_GET,
        filled(FamfsIoctl.SIZEOF_IOC_MAP, 0xAA), out)).isZero();
    return out;
  }

  /**
   * The file is as fresh: size 0, MAP_GET/MAP_GET_V2 EINVAL, read EIO; then a valid
   * MAP_CREATE_V2 still attaches and the file becomes exactly that map.
   */
  private void assertUntouchedThenAttachable(int fd) throws Exception {
    assertThat(h.root.fstat(fd).size()).isZero();
    expect(Errno.EINVAL, () -> FamfsIoctl.ioctlWith(h.root, fd, FamfsIoctl.MAP_GET, new byte[0],
        new byte[FamfsIoctl.SIZEOF_IOC_MAP]));
    expect(Errno.EINVAL, () -> FamfsIoctl.mapGetV2(h.root, fd));
    expect(Errno.EIO, () -> h.pread(fd, 0, 1));
    FamfsMap good = FamfsHost.simple(3 * MiB + 7, 100 * MiB, 4 * MiB);
    assertThat(FamfsIoctl.mapCreateV2(h.root, fd, good)).isZero();
    assertThat(h.root.fstat(fd).size()).isEqualTo(3 * MiB + 7);
    FamfsMap got = FamfsIoctl.mapGetV2(h.root, fd);
    assertThat(got.extentType()).isEqualTo(FamfsMap.SIMPLE_DAX_EXTENT);
    assertThat(got.fileSize()).isEqualTo(3 * MiB + 7);
    assertThat(got.extents()).containsExactly(ext(100 * MiB, 4 * MiB));
  }

  private void rejectV1(Errno e, int fileType, long size, long count, FamfsMap.Extent... exts)
      throws Exception {
    int fd = fresh();
    expect(e, () -> v1(fd, fileType, size, count, exts));
    assertUntouchedThenAttachable(fd);
  }

  private void rejectV2(Errno e, long size, int extType, int n, FamfsMap.Extent... exts)
      throws Exception {
    int fd = fresh();
    expect(e, () -> v2Simple(fd, size, extType, n, exts));
    assertUntouchedThenAttachable(fd);
  }

  private void rejectIlv(Errno e, long size, long nstrips, long chunk, long nbytes,
      FamfsMap.Extent... strips) throws Exception {
    int fd = fresh();
    expect(e, () -> v2Interleaved(fd, size, nstrips, chunk, nbytes, strips));
    assertUntouchedThenAttachable(fd);
  }

  private static final int REG = FamfsMap.FAMFS_REG;
  private static final int SIMPLE = FamfsMap.SIMPLE_DAX_EXTENT;

  // ------------------------------------------------------------------ v1 MAP_CREATE

  @Test
  void v1CountZeroIsEnospc() throws Exception {
    rejectV1(Errno.ENOSPC, REG, 2 * MiB, 0, ext(10 * MiB, 2 * MiB));
  }

  @Test
  void v1CountThreeIsE2big() throws Exception {
    rejectV1(Errno.E2BIG, REG, 2 * MiB, 3, ext(10 * MiB, 2 * MiB), ext(12 * MiB, 2 * MiB));
    // a u64 count of 2^64 - 1 ("negative") is just as big
    rejectV1(Errno.E2BIG, REG, 2 * MiB, -1, ext(10 * MiB, 2 * MiB), ext(12 * MiB, 2 * MiB));
  }

  @Test
  void v1OffsetZeroIsEinvalForARegularFile() throws Exception {
    rejectV1(Errno.EINVAL, REG, 2 * MiB, 1, ext(0, 2 * MiB));
    // also in the second extent
    rejectV1(Errno.EINVAL, REG, 4 * MiB, 2, ext(10 * MiB, 2 * MiB), ext(0, 2 * MiB));
    rejectV1(Errno.EINVAL, FamfsMap.FAMFS_LOG, 2 * MiB, 1, ext(0, 2 * MiB));
  }

  @Test
  void v1OffsetZeroIsAllowedForTheSuperblock() throws Exception {
    int fd = fresh();
    byte[] sb = FamfsHost.pattern(4096, 3);
    h.writeDev(d, 0, sb);
    assertThat(v1(fd, FamfsMap.FAMFS_SUPERBLOCK, 2 * MiB, 1, ext(0, 2 * MiB))).isZero();
    assertThat(h.root.fstat(fd).size()).isEqualTo(2 * MiB);
    assertThat(h.pread(fd, 0, 4096)).isEqualTo(sb);
    FamfsMap got = FamfsIoctl.mapGetV2(h.root, fd);
    assertThat(got.fileType()).isEqualTo(FamfsMap.FAMFS_SUPERBLOCK);
    assertThat(got.extents()).containsExactly(ext(0, 2 * MiB));
  }

  @Test
  void v1MisalignedOffsetIsEinval() throws Exception {
    rejectV1(Errno.EINVAL, REG, 2 * MiB, 1, ext(10 * MiB + 4096, 2 * MiB));
    rejectV1(Errno.EINVAL, REG, 4 * MiB, 2, ext(10 * MiB, 2 * MiB), ext(13 * MiB, 2 * MiB));
  }

  @Test
  void v1MisalignedNonLastLengthIsEinval() throws Exception {
    rejectV1(Errno.EINVAL, REG, 3 * MiB, 2, ext(10 * MiB, 1 * MiB), ext(12 * MiB, 2 * MiB));
  }

  @Test
  void v1MisalignedLastLengthIsAllowed() throws Exception {
    int fd = fresh();
    long last = MiB + 5;
    assertThat(v1(fd, REG, 2 * MiB + last, 2, ext(10 * MiB, 2 * MiB), ext(20 * MiB, last)))
        .isZero();
    assertThat(h.root.fstat(fd).size()).isEqualTo(2 * MiB + last);
    byte[] tail = FamfsHost.pattern(5000, 9);
    h.writeDev(d, 20 * MiB + last - 5000, tail);
    assertThat(h.pread(fd, 2 * MiB + last - 5000, 5000)).isEqualTo(tail);
    // and a single misaligned (last) length
    int fd2 = fresh();
    assertThat(v1(fd2, REG, 4097, 1, ext(30 * MiB, 4097))).isZero();
    assertThat(h.root.fstat(fd2).size()).isEqualTo(4097);
  }

  @Test
  void v1FileSizeAboveTheExtentsIsEinvalAndEqualIsFine() throws Exception {
    rejectV1(Errno.EINVAL, REG, 4 * MiB + 1, 2, ext(10 * MiB, 2 * MiB), ext(20 * MiB, 2 * MiB));
    rejectV1(Errno.EINVAL, REG, -1, 1, ext(10 * MiB, 2 * MiB)); // u64 2^64-1
    int fd = fresh();
    assertThat(v1(fd, REG, 4 * MiB, 2, ext(10 * MiB, 2 * MiB), ext(20 * MiB, 2 * MiB))).isZero();
    assertThat(h.root.fstat(fd).size()).isEqualTo(4 * MiB);
  }

  @Test
  void v1SecondAttachIsEexistAndKeepsTheFirstMap() throws Exception {
    int fd = fresh();
    assertThat(v1(fd, REG, 2 * MiB, 1, ext(10 * MiB, 2 * MiB))).isZero();
    expect(Errno.EEXIST, () -> v1(fd, REG, 4 * MiB, 1, ext(20 * MiB, 4 * MiB)));
    // the validation runs before the "already mapped" check (EEXIST is decided under the
    // inode lock at publication): a bad request on a mapped file gets its own errno
    expect(Errno.ENOSPC, () -> v1(fd, REG, 2 * MiB, 0, ext(20 * MiB, 2 * MiB)));
    expect(Errno.EFAULT, () -> h.root.ioctl(fd, FamfsIoctl.MAP_CREATE, UNMAPPED));
    assertThat(h.root.fstat(fd).size()).isEqualTo(2 * MiB);
    assertThat(FamfsIoctl.mapGetV2(h.root, fd).extents()).containsExactly(ext(10 * MiB, 2 * MiB));
  }

  @Test
  void v1BadUserPointerIsEfault() throws Exception {
    int fd = fresh();
    expect(Errno.EFAULT, () -> h.root.ioctl(fd, FamfsIoctl.MAP_CREATE, UNMAPPED));
    expect(Errno.EFAULT, () -> h.root.ioctl(fd, FamfsIoctl.MAP_CREATE, 0));
    // a struct that starts in a mapped page and ends in an unmapped one
    long buf = h.anon(2 * 4096);
    h.root.munmap(buf + 4096, 4096);
    long at = buf + 4096 - 40; // 56-byte struct: 16 bytes fall off the end
    byte[] valid = FamfsIoctl.iocMap(SIMPLE, REG, 2 * MiB, 1, List.of(ext(10 * MiB, 2 * MiB)));
    store(at, Arrays.copyOf(valid, 40)); // the 40 bytes that fit: header and extent 0
    expect(Errno.EFAULT, () -> h.root.ioctl(fd, FamfsIoctl.MAP_CREATE, at));
    h.root.munmap(buf, 4096);
    assertUntouchedThenAttachable(fd);
  }

  // ------------------------------------------------------------------ v2 MAP_CREATE_V2

  @Test
  void v2AlreadyMappedIsEexistBeforeAnythingElse() throws Exception {
    int fd = fresh();
    assertThat(v2Simple(fd, 2 * MiB, SIMPLE, 1, ext(10 * MiB, 2 * MiB))).isZero();
    // a valid request, a garbage one and an unreadable pointer all get EEXIST first
    expect(Errno.EEXIST, () -> v2Simple(fd, 2 * MiB, SIMPLE, 1, ext(20 * MiB, 2 * MiB)));
    expect(Errno.EEXIST, () -> v2Simple(fd, 2 * MiB, SIMPLE, 0, ext(20 * MiB, 2 * MiB)));
    expect(Errno.EEXIST, () -> v2Simple(fd, 2 * MiB, 7, 3, ext(1, 3, 5)));
    expect(Errno.EEXIST, () -> h.root.ioctl(fd, FamfsIoctl.MAP_CREATE_V2, UNMAPPED));
    assertThat(h.root.fstat(fd).size()).isEqualTo(2 * MiB);
    assertThat(FamfsIoctl.mapGetV2(h.root, fd).extents()).containsExactly(ext(10 * MiB, 2 * MiB));
  }

  @Test
  void v2ExtentCountZeroIsEinvalAndThreeIsE2big() throws Exception {
    rejectV2(Errno.EINVAL, 2 * MiB, SIMPLE, 0, ext(10 * MiB, 2 * MiB));
    rejectV2(Errno.E2BIG, 6 * MiB, SIMPLE, 3, ext(10 * MiB, 2 * MiB), ext(20 * MiB, 2 * MiB),
        ext(30 * MiB, 2 * MiB));
    // nextents is a u32: 0xffffffff is big, not negative
    rejectV2(Errno.E2BIG, 2 * MiB, SIMPLE, -1, ext(10 * MiB, 2 * MiB));
    // the same count rules for interleaved extents (niext)
    rejectV2(Errno.EINVAL, 2 * MiB, FamfsMap.INTERLEAVED_EXTENT, 0);
    rejectV2(Errno.E2BIG, 2 * MiB, FamfsMap.INTERLEAVED_EXTENT, 3);
  }

  @Test
  void v2UnknownExtentTypeIsEinval() throws Exception {
    rejectV2(Errno.EINVAL, 2 * MiB, 2, 1, ext(10 * MiB, 2 * MiB));
    rejectV2(Errno.EINVAL, 2 * MiB, -1, 1, ext(10 * MiB, 2 * MiB));
  }

  @Test
  void v2NonZeroDevindexIsEinval() throws Exception {
    rejectV2(Errno.EINVAL, 2 * MiB, SIMPLE, 1, ext(1, 10 * MiB, 2 * MiB));
    rejectV2(Errno.EINVAL, 4 * MiB, SIMPLE, 2, ext(10 * MiB, 2 * MiB), ext(5, 20 * MiB, 2 * MiB));
  }

  @Test
  void v2MisalignedOffsetOrAnyLengthIsEinval() throws Exception {
    rejectV2(Errno.EINVAL, 2 * MiB, SIMPLE, 1, ext(10 * MiB + 4096, 2 * MiB));
    rejectV2(Errno.EINVAL, 3 * MiB, SIMPLE, 2, ext(10 * MiB, 1 * MiB), ext(20 * MiB, 2 * MiB));
    // unlike v1, the last length must be aligned too
    rejectV2(Errno.EINVAL, 2 * MiB + 5, SIMPLE, 2, ext(10 * MiB, 2 * MiB), ext(20 * MiB, 5));
    rejectV2(Errno.EINVAL, 4097, SIMPLE, 1, ext(10 * MiB, 4097));
  }

  @Test
  void v2ExtentsShorterThanTheFileAreEinvalAndEqualIsFine() throws Exception {
    rejectV2(Errno.EINVAL, 4 * MiB + 1, SIMPLE, 2, ext(10 * MiB, 2 * MiB),
        ext(20 * MiB, 2 * MiB));
    rejectV2(Errno.EINVAL, -1, SIMPLE, 1, ext(10 * MiB, 2 * MiB)); // u64 size 2^64-1
    int fd = fresh();
    assertThat(v2Simple(fd, 4 * MiB, SIMPLE, 2, ext(10 * MiB, 2 * MiB), ext(20 * MiB, 2 * MiB)))
        .isZero();
    assertThat(h.root.fstat(fd).size()).isEqualTo(4 * MiB);
  }

  @Test
  void v2BadPointersAreEfault() throws Exception {
    int fd = fresh();
    expect(Errno.EFAULT, () -> h.root.ioctl(fd, FamfsIoctl.MAP_CREATE_V2, UNMAPPED));
    // a readable famfs_ioc_fmap whose simple extent list pointer is unmapped
    long buf = h.anon(4096);
    store(buf, FamfsIoctl.iocFmap(2 * MiB, REG, SIMPLE, 1, UNMAPPED));
    expect(Errno.EFAULT, () -> h.root.ioctl(fd, FamfsIoctl.MAP_CREATE_V2, buf));
    // an extent list running off the end of the mapping (2 extents, room for 1)
    long list = buf + 4096 - FamfsIoctl.SIZEOF_SIMPLE_EXTENT;
    store(list, FamfsIoctl.simpleExtents(List.of(ext(10 * MiB, 2 * MiB))));
    store(buf, FamfsIoctl.iocFmap(4 * MiB, REG, SIMPLE, 2, list));
    expect(Errno.EFAULT, () -> h.root.ioctl(fd, FamfsIoctl.MAP_CREATE_V2, buf));
    // interleaved: the interleaved-extent pointer, then the strips pointer
    store(buf, FamfsIoctl.iocFmap(2 * MiB, REG, FamfsMap.INTERLEAVED_EXTENT, 1, UNMAPPED));
    expect(Errno.EFAULT, () -> h.root.ioctl(fd, FamfsIoctl.MAP_CREATE_V2, buf));
    store(buf + 512, FamfsIoctl.interleavedExt(2, 2 * MiB, 2 * MiB, UNMAPPED));
    store(buf, FamfsIoctl.iocFmap(2 * MiB, REG, FamfsMap.INTERLEAVED_EXTENT, 1, buf + 512));
    expect(Errno.EFAULT, () -> h.root.ioctl(fd, FamfsIoctl.MAP_CREATE_V2, buf));
    h.root.munmap(buf, 4096);
    assertUntouchedThenAttachable(fd);
  }

  // ------------------------------------------------------------------ v2 interleaved

  @Test
  void interleavedValidMapAttachesAndSixteenStripsIsTheLimit() throws Exception {
    int fd = fresh();
    assertThat(v2Interleaved(fd, 10 * MiB + 5, 3, 2 * MiB, 10 * MiB + 5, ext(10 * MiB, 4 * MiB),
        ext(20 * MiB, 4 * MiB), ext(30 * MiB, 4 * MiB))).isZero();
    assertThat(h.root.fstat(fd).size()).isEqualTo(10 * MiB + 5);
    FamfsMap.Extent[] sixteen = new FamfsMap.Extent[16];
    for (int i = 0; i < 16; i++) {
      sixteen[i] = ext(40 * MiB + i * 2 * MiB, 2 * MiB);
    }
    int fd2 = fresh();
    assertThat(v2Interleaved(fd2, 32 * MiB, 16, 2 * MiB, 32 * MiB, sixteen)).isZero();
    assertThat(h.root.fstat(fd2).size()).isEqualTo(32 * MiB);
  }

  @Test
  void interleavedTooManyOrZeroStripsIsEinval() throws Exception {
    FamfsMap.Extent[] seventeen = new FamfsMap.Extent[17];
    for (int i = 0; i < 17; i++) {
      seventeen[i] = ext(40 * MiB + i * 2 * MiB, 2 * MiB);
    }
    rejectIlv(Errno.EINVAL, 34 * MiB, 17, 2 * MiB, 34 * MiB, seventeen);
    rejectIlv(Errno.EINVAL, 2 * MiB, -1, 2 * MiB, 2 * MiB, ext(10 * MiB, 2 * MiB)); // u64
    rejectIlv(Errno.EINVAL, 2 * MiB, 0, 2 * MiB, 2 * MiB, ext(10 * MiB, 2 * MiB));
  }

  @Test
  void interleavedChunkZeroOrNotATwoMibMultipleIsEinval() throws Exception {
    FamfsMap.Extent[] two = {ext(10 * MiB, 4 * MiB), ext(20 * MiB, 4 * MiB)};
    rejectIlv(Errno.EINVAL, 8 * MiB, 2, 0, 8 * MiB, two);
    rejectIlv(Errno.EINVAL, 8 * MiB, 2, MiB, 8 * MiB, two);
    rejectIlv(Errno.EINVAL, 8 * MiB, 2, 3 * MiB, 8 * MiB, two);
    rejectIlv(Errno.EINVAL, 8 * MiB, 2, 4096, 8 * MiB, two);
  }

  @Test
  void interleavedNbytesOrStripsShorterThanTheFileAreEinval() throws Exception {
    FamfsMap.Extent[] two = {ext(10 * MiB, 4 * MiB), ext(20 * MiB, 4 * MiB)};
    rejectIlv(Errno.EINVAL, 8 * MiB, 2, 2 * MiB, 8 * MiB - 1, two);
    rejectIlv(Errno.EINVAL, 8 * MiB, 2, 2 * MiB, 0, two);
    rejectIlv(Errno.EINVAL, 8 * MiB + 1, 2, 2 * MiB, 8 * MiB + 1, two); // strips sum 8 MiB
    // boundary: nbytes == size == strip sum attaches
    int fd = fresh();
    assertThat(v2Interleaved(fd, 8 * MiB, 2, 2 * MiB, 8 * MiB, two)).isZero();
  }

  @Test
  void interleavedStripsObeyTheSimpleExtentRules() throws Exception {
    rejectIlv(Errno.EINVAL, 4 * MiB, 2, 2 * MiB, 4 * MiB, ext(10 * MiB, 2 * MiB),
        ext(1, 20 * MiB, 2 * MiB));
    rejectIlv(Errno.EINVAL, 4 * MiB, 2, 2 * MiB, 4 * MiB, ext(10 * MiB, 2 * MiB),
        ext(20 * MiB + 4096, 2 * MiB));
    rejectIlv(Errno.EINVAL, 3 * MiB, 2, 2 * MiB, 3 * MiB, ext(10 * MiB, 2 * MiB),
        ext(20 * MiB, MiB));
  }

  // ------------------------------------------------------------------ getters

  @Test
  void mapGetReportsTheHeaderWithISizeAndZeroFileType() throws Exception {
    int fd = fresh();
    FamfsMap m = FamfsMap.simple(FamfsMap.FAMFS_LOG, 3 * MiB + 1,
        List.of(ext(10 * MiB, 2 * MiB), ext(20 * MiB, 2 * MiB)));
    assertThat(FamfsIoctl.mapCreateV2(h.root, fd, m)).isZero();
    ByteBuffer r = le(mapGet(fd));
    assertThat(r.getInt(0)).as("extent_type").isEqualTo(SIMPLE);
    assertThat(r.getInt(4)).as("file_type (left zero by the module)").isZero();
    assertThat(r.getLong(8)).as("file_size").isEqualTo(3 * MiB + 1);
    assertThat(r.getLong(16)).as("ext_list_count").isEqualTo(2);
    // the whole struct is copied out from a zeroed kernel copy: the list is zero
    for (int i = 24; i < FamfsIoctl.SIZEOF_IOC_MAP; i++) {
      assertThat(r.get(i)).as("byte %d", i).isZero();
    }
    // file_size is i_size, not the map's size: a (rogue) truncate shows through
    h.root.ftruncate(fd, 5);
    assertThat(le(mapGet(fd)).getLong(8)).isEqualTo(5);

    int ifd = fresh();
    FamfsMap il = FamfsMap.interleaved(REG, 4 * MiB, List.of(new FamfsMap.Interleave(2 * MiB,
        4 * MiB, List.of(ext(30 * MiB, 2 * MiB), ext(40 * MiB, 2 * MiB)))));
    assertThat(FamfsIoctl.mapCreateV2(h.root, ifd, il)).isZero();
    ByteBuffer ri = le(mapGet(ifd));
    assertThat(ri.getInt(0)).isEqualTo(FamfsMap.INTERLEAVED_EXTENT);
    assertThat(ri.getLong(8)).isEqualTo(4 * MiB);
    assertThat(ri.getLong(16)).as("one interleaved extent").isEqualTo(1);
  }

  @Test
  void mapGetGetextAndGetV2WithoutAMapAreEinval() throws Exception {
    int fd = fresh();
    for (int cmd : new int[] {FamfsIoctl.MAP_GET, FamfsIoctl.MAP_GETEXT, FamfsIoctl.MAP_GET_V2}) {
      byte[] out = new byte[FamfsIoctl.SIZEOF_GET_FMAP];
      expect(Errno.EINVAL, () -> FamfsIoctl.ioctlWith(h.root, fd, cmd, filled(448, 0x55), out));
    }
    assertUntouchedThenAttachable(fd);
  }

  @Test
  void mapGetextReturnsTheOffsetLengthPairsOnly() throws Exception {
    int fd = fresh();
    assertThat(v1(fd, REG, 2 * MiB + 9, 2, ext(10 * MiB, 2 * MiB), ext(24 * MiB, 9))).isZero();
    byte[] out = new byte[64];
    assertThat(FamfsIoctl.ioctlWith(h.root, fd, FamfsIoctl.MAP_GETEXT, filled(64, 0xAA), out))
        .isZero();
    ByteBuffer r = le(out);
    assertThat(r.getLong(0)).isEqualTo(10 * MiB);
    assertThat(r.getLong(8)).isEqualTo(2 * MiB);
    assertThat(r.getLong(16)).isEqualTo(24 * MiB);
    assertThat(r.getLong(24)).isEqualTo(9);
    // exactly count * 16 bytes are copied: the rest of the buffer is untouched
    for (int i = 32; i < 64; i++) {
      assertThat(out[i]).as("byte %d", i).isEqualTo((byte) 0xAA);
    }
    // one extent: 16 bytes
    int fd1 = fresh();
    assertThat(v1(fd1, REG, 5, 1, ext(40 * MiB, 2 * MiB))).isZero();
    byte[] out1 = new byte[64];
    assertThat(FamfsIoctl.ioctlWith(h.root, fd1, FamfsIoctl.MAP_GETEXT, filled(64, 0xAA), out1))
        .isZero();
    assertThat(le(out1).getLong(0)).isEqualTo(40 * MiB);
    assertThat(le(out1).getLong(8)).isEqualTo(2 * MiB);
    for (int i = 16; i < 64; i++) {
      assertThat(out1[i]).as("byte %d", i).isEqualTo((byte) 0xAA);
    }
  }

  @Test
  void mapGetextOnAnInterleavedFileIsEinval() throws Exception {
    int fd = fresh();
    assertThat(v2Interleaved(fd, 4 * MiB, 2, 2 * MiB, 4 * MiB, ext(10 * MiB, 2 * MiB),
        ext(20 * MiB, 2 * MiB))).isZero();
    expect(Errno.EINVAL, () -> FamfsIoctl.ioctlWith(h.root, fd, FamfsIoctl.MAP_GETEXT,
        new byte[0], new byte[32]));
    assertThat(h.root.fstat(fd).size()).isEqualTo(4 * MiB);
  }

  @Test
  void mapGetV2RoundTripsASimpleMapByteForByte() throws Exception {
    int fd = fresh();
    FamfsMap m = FamfsMap.simple(FamfsMap.FAMFS_LOG, 3 * MiB + 11,
        List.of(ext(10 * MiB, 2 * MiB), ext(30 * MiB, 2 * MiB)));
    assertThat(FamfsIoctl.mapCreateV2(h.root, fd, m)).isZero();
    byte[] out = new byte[FamfsIoctl.SIZEOF_GET_FMAP];
    assertThat(FamfsIoctl.ioctlWith(h.root, fd, FamfsIoctl.MAP_GET_V2, new byte[0], out))
        .isZero();
    ByteBuffer r = le(out);
    assertThat(r.getLong(0)).isEqualTo(3 * MiB + 11);
    assertThat(r.getInt(8)).as("file_type round-trips in v2").isEqualTo(FamfsMap.FAMFS_LOG);
    assertThat(r.getInt(12)).isEqualTo(SIMPLE);
    assertThat(r.getInt(16)).isEqualTo(2);
    long[] want = {0, 10 * MiB, 2 * MiB, 0, 30 * MiB, 2 * MiB};
    for (int i = 0; i < want.length; i++) {
      assertThat(r.getLong(32 + 8 * i)).as("ikse word %d", i).isEqualTo(want[i]);
    }
    FamfsMap got = FamfsIoctl.mapGetV2(h.root, fd);
    assertThat(got.fileType()).isEqualTo(m.fileType());
    assertThat(got.fileSize()).isEqualTo(m.fileSize());
    assertThat(got.extentType()).isEqualTo(m.extentType());
    assertThat(got.extents()).isEqualTo(m.extents());
    assertThat(got.interleaves()).isEmpty();
  }

  @Test
  void mapGetV2RoundTripsAnInterleavedMapByteForByte() throws Exception {
    int fd = fresh();
    List<FamfsMap.Extent> strips = List.of(ext(10 * MiB, 4 * MiB), ext(20 * MiB, 4 * MiB),
        ext(30 * MiB, 4 * MiB));
    FamfsMap m = FamfsMap.interleaved(REG, 10 * MiB + 5,
        List.of(new FamfsMap.Interleave(2 * MiB, 10 * MiB + 5, strips)));
    assertThat(FamfsIoctl.mapCreateV2(h.root, fd, m)).isZero();
    byte[] out = new byte[FamfsIoctl.SIZEOF_GET_FMAP];
    assertThat(FamfsIoctl.ioctlWith(h.root, fd, FamfsIoctl.MAP_GET_V2, new byte[0], out))
        .isZero();
    ByteBuffer r = le(out);
    assertThat(r.getLong(0)).isEqualTo(10 * MiB + 5);
    assertThat(r.getInt(12)).isEqualTo(FamfsMap.INTERLEAVED_EXTENT);
    assertThat(r.getInt(16)).isEqualTo(1);
    assertThat(r.getLong(32)).as("nstrips").isEqualTo(3);
    assertThat(r.getLong(40)).as("chunk_size").isEqualTo(2 * MiB);
    assertThat(r.getLong(48)).as("nbytes").isEqualTo(10 * MiB + 5);
    for (int i = 0; i < 3; i++) {
      int at = 64 + 24 * i;
      assertThat(r.getLong(at)).isZero();
      assertThat(r.getLong(at + 8)).isEqualTo(10 * MiB * (i + 1));
      assertThat(r.getLong(at + 16)).isEqualTo(4 * MiB);
    }
    FamfsMap got = FamfsIoctl.mapGetV2(h.root, fd);
    assertThat(got.extentType()).isEqualTo(FamfsMap.INTERLEAVED_EXTENT);
    assertThat(got.fileSize()).isEqualTo(10 * MiB + 5);
    assertThat(got.extents()).isEmpty();
    assertThat(got.interleaves()).isEqualTo(m.interleaves());
  }

  // ------------------------------------------------------------------ NOP and unknown

  @Test
  void nopAnswersZeroOnFamfsFilesOnlyAndUnknownCommandsAreEnotty() throws Exception {
    int fd = fresh();
    assertThat(h.root.ioctl(fd, FamfsIoctl.NOP, 0)).as("NOP on an unmapped famfs file").isZero();
    assertThat(FamfsIoctl.mapCreateV2(h.root, fd, FamfsHost.simple(2 * MiB, 10 * MiB, 2 * MiB)))
        .isZero();
    assertThat(h.root.ioctl(fd, FamfsIoctl.NOP, 0)).isZero();
    int tmp = h.root.open("/tmp/x", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
    expect(Errno.ENOTTY, () -> h.root.ioctl(tmp, FamfsIoctl.NOP, 0));
    expect(Errno.ENOTTY, () -> h.root.ioctl(tmp, FamfsIoctl.MAP_CREATE_V2, 0));
    int dir = h.root.open(MNT, Fcntl.O_RDONLY);
    expect(Errno.ENOTTY, () -> h.root.ioctl(dir, FamfsIoctl.NOP, 0));
    int nop2 = (MAGIC << 8) | 0x56; // _IO('u', 0x56): the next, undefined number
    expect(Errno.ENOTTY, () -> h.root.ioctl(fd, nop2, 0));
    // MAP_CREATE's number with another size encoded is a different command
    int badSize = (1 << 30) | (48 << 16) | (MAGIC << 8) | 0x50;
    expect(Errno.ENOTTY, () -> h.root.ioctl(fd, badSize, 0));
    expect(Errno.ENOTTY, () -> h.root.ioctl(fd, 0x5401, 0)); // TCGETS
    assertThat(h.root.fstat(fd).size()).isEqualTo(2 * MiB);
  }

  private static final int MAGIC = 'u';

  @Test
  void commandNumbersFollowTheIocEncoding() {
    // _IOC(dir, 'u', nr, size), asm-generic: dir << 30 | size << 16 | type << 8 | nr
    assertThat(FamfsIoctl.MAP_CREATE).isEqualTo(0x40387550);
    assertThat(FamfsIoctl.MAP_GET).isEqualTo(0x80387551);
    assertThat(FamfsIoctl.MAP_GETEXT).isEqualTo(0x80107552);
    assertThat(FamfsIoctl.NOP).isEqualTo(0x00007553);
    assertThat(FamfsIoctl.MAP_CREATE_V2).isEqualTo(0x40207554);
    assertThat(FamfsIoctl.MAP_GET_V2).isEqualTo(0x81c07555);
  }

  // ------------------------------------------------------------------ attaching

  @Test
  void attachingSetsISizeAndMakesTheFileReadable() throws Exception {
    int fd = fresh();
    expect(Errno.EIO, () -> h.pread(fd, 0, 1));
    byte[] data = FamfsHost.pattern(8192, 4);
    h.writeDev(d, 50 * MiB + 2 * MiB - 4096, data);
    FamfsMap m = FamfsHost.simple(2 * MiB + 4096, 50 * MiB, 2 * MiB, 60 * MiB, 2 * MiB);
    assertThat(FamfsIoctl.mapCreateV2(h.root, fd, m)).isZero();
    assertThat(h.root.fstat(fd).size()).isEqualTo(2 * MiB + 4096);
    assertThat(h.root.stat(MNT + "/f0").size()).isEqualTo(2 * MiB + 4096);
    assertThat(h.pread(fd, 2 * MiB - 4096, 4096)).isEqualTo(Arrays.copyOf(data, 4096));
    byte[] w = FamfsHost.pattern(4096, 5);
    assertThat(h.root.pwrite(fd, w, 0, 4096, 2 * MiB)).isEqualTo(4096);
    assertThat(h.devBytes(d, 60 * MiB, 4096)).isEqualTo(w);
    FamfsMap other = FamfsHost.simple(4 * MiB, 70 * MiB, 4 * MiB);
    expect(Errno.EEXIST, () -> FamfsIoctl.mapCreateV2(h.root, fd, other));
    assertThat(h.root.fstat(fd).size()).isEqualTo(2 * MiB + 4096);
    assertThat(FamfsIoctl.mapGetV2(h.root, fd).extents()).isEqualTo(m.extents());
    // the same file opened again sees the same map (it lives on the inode)
    int fd2 = h.root.open(MNT + "/f0", Fcntl.O_RDONLY);
    assertThat(h.pread(fd2, 2 * MiB, 4096)).isEqualTo(w);
    expect(Errno.EEXIST, () -> FamfsIoctl.mapCreateV2(h.root, fd2, other));
  }

  @Test
  void failedRequestsLeaveNoUserMemoryBehind() throws Exception {
    // ioctlWith and mapCreateV2 unmap their buffer even when the ioctl fails
    int fd = fresh();
    int before = h.root.mm().vmas().size();
    List<Errno> got = new ArrayList<>();
    got.add(errnoOf(() -> v1(fd, REG, 2 * MiB, 0, ext(10 * MiB, 2 * MiB))));
    got.add(errnoOf(() -> FamfsIoctl.mapCreateV2(h.root, fd,
        FamfsHost.simple(2 * MiB, 10 * MiB + 4096, 2 * MiB))));
    assertThat(got).containsExactly(Errno.ENOSPC, Errno.EINVAL);
    assertThat(h.root.mm().vmas()).hasSize(before);
    assertThat(catchThrowable(() -> h.load(UNMAPPED, 1))).isInstanceOf(Signal.class);
  }
}
