package org.daxsim.fs.famfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.LittleEndian;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.mm.Signal;
import org.daxsim.fs.vfs.Process;

/**
 * The famfs ioctl ABI (include/uapi/linux/famfs_ioctl.h, KABI 42 and 43): command numbers,
 * struct sizes and little-endian layouts, and the user-space side of each call (what the famfs
 * tools do: lay the structs out in the caller's memory and ioctl the open file).
 *
 * <pre>
 * famfs_ioc_map (56 B)       extent_type u32 @0, file_type u32 @4, file_size u64 @8,
 *                            ext_list_count u64 @16, ext_list[2] {offset, len} @24
 * famfs_ioc_fmap (32 B)      file_size u64 @0, file_type u32 @8, ext_type u32 @12,
 *                            nextents|niext u32 @16, pad, kse|kie pointer u64 @24
 * famfs_ioc_simple_extent    devindex u64, offset u64, len u64 (24 B)
 * famfs_ioc_interleaved_ext  nstrips u64, chunk_size u64, nbytes u64, strips pointer (32 B)
 * famfs_ioc_get_fmap (448 B) fmap @0; union @32: ikse[2] | {ikie @32, kie_strips[16] @64}
 * </pre>
 */
public final class FamfsIoctl {
  /** FAMFSIOC_MAGIC. */
  public static final int MAGIC = 'u';
  public static final int SIZEOF_IOC_MAP = 56;
  public static final int SIZEOF_EXTENT = 16;
  public static final int SIZEOF_IOC_FMAP = 32;
  public static final int SIZEOF_SIMPLE_EXTENT = 24;
  public static final int SIZEOF_INTERLEAVED_EXT = 32;
  public static final int SIZEOF_GET_FMAP = 448;
  /** FAMFS_MAX_EXTENTS: extents (or interleaved extents) per map. */
  public static final int MAX_EXTENTS = 2;
  /** FAMFS_MAX_STRIPS. */
  public static final int MAX_STRIPS = 16;
  /** FAMFS_KABI_VERSION of the module modelled (simple and interleaved extents). */
  public static final int KABI_VERSION = 43;

  /** FAMFSIOC_MAP_CREATE: _IOW('u', 0x50, struct famfs_ioc_map). */
  public static final int MAP_CREATE = ioc(1, 0x50, SIZEOF_IOC_MAP);
  /** FAMFSIOC_MAP_GET: _IOR('u', 0x51, struct famfs_ioc_map). */
  public static final int MAP_GET = ioc(2, 0x51, SIZEOF_IOC_MAP);
  /** FAMFSIOC_MAP_GETEXT: _IOR('u', 0x52, struct famfs_extent). */
  public static final int MAP_GETEXT = ioc(2, 0x52, SIZEOF_EXTENT);
  /** FAMFSIOC_NOP: _IO('u', 0x53); answers 0 on a famfs file, ENOTTY elsewhere. */
  public static final int NOP = ioc(0, 0x53, 0);
  /** FAMFSIOC_MAP_CREATE_V2: _IOW('u', 0x54, struct famfs_ioc_fmap). */
  public static final int MAP_CREATE_V2 = ioc(1, 0x54, SIZEOF_IOC_FMAP);
  /** FAMFSIOC_MAP_GET_V2: _IOR('u', 0x55, struct famfs_ioc_get_fmap). */
  public static final int MAP_GET_V2 = ioc(2, 0x55, SIZEOF_GET_FMAP);

  private FamfsIoctl() {}

  /** _IOC(dir, 'u', nr, size) with the asm-generic 2/14/8/8 bit split. */
  private static int ioc(int dir, int nr, int size) {
    return (dir << 30) | (size << 16) | (MAGIC << 8) | nr;
  }

  static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  // ------------------------------------------------------------------ struct layouts

  /** struct famfs_ioc_map with up to two {offset, len} extents ({@code count} may differ). */
  public static byte[] iocMap(int extentType, int fileType, long fileSize, long count,
      List<FamfsMap.Extent> extents) throws ErrnoException {
    Args.notNull(extents, "extents");
    if (extents.size() > MAX_EXTENTS) {
      throw ErrnoException.of(Errno.E2BIG, "famfs_ioc_map holds %d extents", MAX_EXTENTS);
    }
    byte[] b = new byte[SIZEOF_IOC_MAP];
    ByteBuffer w = le(b).putInt(extentType).putInt(fileType).putLong(fileSize).putLong(count);
    for (FamfsMap.Extent e : extents) {
      w.putLong(e.offset()).putLong(e.length());
    }
    return b;
  }

  /** struct famfs_ioc_fmap pointing at a list of {@code n} extents at user address {@code list}. */
  public static byte[] iocFmap(long fileSize, int fileType, int extType, int n, long list) {
    byte[] b = new byte[SIZEOF_IOC_FMAP];
    le(b).putLong(fileSize).putInt(fileType).putInt(extType).putInt(n).putInt(0).putLong(list);
    return b;
  }

  /** An array of struct famfs_ioc_simple_extent. */
  public static byte[] simpleExtents(List<FamfsMap.Extent> extents) throws ErrnoException {
    Args.notNull(extents, "extents");
    byte[] b = new byte[extents.size() * SIZEOF_SIMPLE_EXTENT];
    ByteBuffer w = le(b);
    for (FamfsMap.Extent e : extents) {
      w.putLong(e.devIndex()).putLong(e.offset()).putLong(e.length());
    }
    return b;
  }

  /** One struct famfs_ioc_interleaved_ext whose strips are at user address {@code strips}. */
  public static byte[] interleavedExt(long nstrips, long chunkSize, long nbytes, long strips) {
    byte[] b = new byte[SIZEOF_INTERLEAVED_EXT];
    le(b).putLong(nstrips).putLong(chunkSize).putLong(nbytes).putLong(strips);
    return b;
  }

  /** Decodes a MAP_GET_V2 answer (struct famfs_ioc_get_fmap) into a map; EINVAL if malformed. */
  public static FamfsMap decodeGetFmap(byte[] b) throws ErrnoException {
    Args.notNull(b, "buffer");
    if (b.length < SIZEOF_GET_FMAP) {
      throw ErrnoException.of(Errno.EINVAL, "famfs_ioc_get_fmap is %d bytes", SIZEOF_GET_FMAP);
    }
    ByteBuffer r = le(b);
    long size = r.getLong(0);
    int fileType = r.getInt(8);
    int extType = r.getInt(12);
    int n = r.getInt(16);
    if (extType == FamfsMap.SIMPLE_DAX_EXTENT) {
      if (n < 1 || n > MAX_EXTENTS) {
        throw ErrnoException.of(Errno.EINVAL, "%d simple extents", n);
      }
      return FamfsMap.simple(fileType, size, readExtents(r, 32, n));
    }
    int nstrips = (int) r.getLong(32);
    if (n != 1 || nstrips < 1 || nstrips > MAX_STRIPS) {
      throw ErrnoException.of(Errno.EINVAL, "%d interleaved extents of %d strips", n, nstrips);
    }
    return FamfsMap.interleaved(fileType, size, List.of(new FamfsMap.Interleave(r.getLong(40),
        r.getLong(48), readExtents(r, 64, nstrips))));
  }

  static List<FamfsMap.Extent> readExtents(ByteBuffer r, int at, int n) {
    List<FamfsMap.Extent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int o = at + i * SIZEOF_SIMPLE_EXTENT;
      out.add(new FamfsMap.Extent(r.getLong(o), r.getLong(o + 8), r.getLong(o + 16)));
    }
    return out;
  }

  // ------------------------------------------------------------------ the user-space side

  /**
   * What the famfs tools do to attach {@code map} to the open file {@code fd}: lay out a
   * famfs_ioc_fmap and its extent (or interleaved extent and strip) list in {@code p}'s memory
   * and ioctl(MAP_CREATE_V2). Returns the ioctl's answer; throws its errno.
   */
  public static long mapCreateV2(Process p, int fd, FamfsMap map) throws ErrnoException {
    Args.notNull(p, "process");
    Args.notNull(map, "map");
    long buf = userBuffer(p);
    try {
      return mapCreateV2(p, fd, map, buf);
    } finally {
      p.munmap(buf, USER_BUFFER);
    }
  }

  /**
   * {@link #mapCreateV2(Process, int, FamfsMap)} laid out in {@code buf}, a writable mapping of
   * at least {@link #USER_BUFFER} bytes in {@code p} (see {@link #userBuffer}) that the caller
   * reuses across calls, as a tool creating many files reuses one heap buffer.
   */
  public static long mapCreateV2(Process p, int fd, FamfsMap map, long buf)
      throws ErrnoException {
    Args.notNull(p, "process");
    Args.notNull(map, "map");
    long lists = buf + SIZEOF_IOC_FMAP;
    if (map.extentType() == FamfsMap.SIMPLE_DAX_EXTENT) {
      // the fmap and its extent list right after it: the same bytes, stored in one copy
      int n = map.extentCount();
      byte[] b = new byte[SIZEOF_IOC_FMAP + n * SIZEOF_SIMPLE_EXTENT]; // padding stays 0
      LittleEndian.putLong(b, 0, map.fileSize());
      LittleEndian.putInt(b, 8, map.fileType());
      LittleEndian.putInt(b, 12, map.extentType());
      LittleEndian.putInt(b, 16, n);
      LittleEndian.putLong(b, 24, lists);
      for (int i = 0, at = SIZEOF_IOC_FMAP; i < n; i++, at += SIZEOF_SIMPLE_EXTENT) {
        LittleEndian.putLong(b, at, map.extentField(i, 0));
        LittleEndian.putLong(b, at + 8, map.extentField(i, 1));
        LittleEndian.putLong(b, at + 16, map.extentField(i, 2));
      }
      store(p, buf, b);
    } else {
      long strips = lists + map.interleaves().size() * (long) SIZEOF_INTERLEAVED_EXT;
      long at = lists;
      for (FamfsMap.Interleave x : map.interleaves()) {
        store(p, at, interleavedExt(x.nstrips(), x.chunkSize(), x.nbytes(), strips));
        store(p, strips, simpleExtents(x.strips()));
        at += SIZEOF_INTERLEAVED_EXT;
        strips += (long) x.nstrips() * SIZEOF_SIMPLE_EXTENT;
      }
      store(p, buf, iocFmap(map.fileSize(), map.fileType(), map.extentType(),
          map.interleaves().size(), lists));
    }
    return p.ioctl(fd, MAP_CREATE_V2, buf);
  }

  /** The v1 call: a famfs_ioc_map of {@code extents} (simple only) and ioctl(MAP_CREATE). */
  public static long mapCreate(Process p, int fd, int fileType, long fileSize,
      List<FamfsMap.Extent> extents) throws ErrnoException {
    Args.notNull(extents, "extents");
    byte[] s = iocMap(FamfsMap.SIMPLE_DAX_EXTENT, fileType, fileSize, extents.size(), extents);
    return ioctlWith(p, fd, MAP_CREATE, s, new byte[0]);
  }

  /** ioctl(MAP_GET_V2) into a user buffer, decoded. */
  public static FamfsMap mapGetV2(Process p, int fd) throws ErrnoException {
    byte[] out = new byte[SIZEOF_GET_FMAP];
    ioctlWith(p, fd, MAP_GET_V2, new byte[0], out);
    return decodeGetFmap(out);
  }

  /**
   * Stores {@code in} at the start of a fresh user buffer of {@code p}, calls
   * ioctl({@code cmd}) with its address, copies the buffer's first {@code out.length} bytes
   * into {@code out} and returns the ioctl's answer (its errno is thrown).
   */
  public static long ioctlWith(Process p, int fd, int cmd, byte[] in, byte[] out)
      throws ErrnoException {
    Args.notNull(p, "process");
    Args.notNull(in, "in");
    Args.notNull(out, "out");
    long buf = userBuffer(p);
    try {
      store(p, buf, in);
      long rc = p.ioctl(fd, cmd, buf);
      try {
        p.mm().load(buf, out, 0, out.length);
      } catch (Signal s) {
        throw ErrnoException.of(Errno.EFAULT, "reading back the ioctl buffer: %s", s);
      }
      return rc;
    } finally {
      p.munmap(buf, USER_BUFFER);
    }
  }

  /** The bytes of an ioctl argument buffer (room for the largest fmap and its lists). */
  public static final long USER_BUFFER = 8192;

  /** A fresh private anonymous read-write mapping of {@link #USER_BUFFER} bytes in {@code p}. */
  public static long userBuffer(Process p) throws ErrnoException {
    return p.mmap(0, USER_BUFFER, Mman.PROT_READ | Mman.PROT_WRITE,
        Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
  }

  private static void store(Process p, long uaddr, byte[] b) throws ErrnoException {
    try {
      p.mm().store(uaddr, b, 0, b.length);
    } catch (Signal s) {
      throw ErrnoException.of(Errno.EFAULT, "writing the ioctl buffer: %s", s);
    }
  }
}
