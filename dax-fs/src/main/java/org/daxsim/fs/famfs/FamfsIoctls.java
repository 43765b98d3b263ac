package org.daxsim.fs.famfs;

import static org.daxsim.core.Pages.PMD_SIZE;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.LittleEndian;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Signal;

/**
 * The kernel side of the famfs ioctls (famfs_file_ioctl(), famfs_file_init_dax_v1/v2(),
 * famfs_meta_alloc_v2(), famfs_prepare_getmap_v2()), each check in the module's order with its
 * errno. Returns 0 or a negative errno; nothing is attached unless every check passed.
 */
final class FamfsIoctls {
  private FamfsIoctls() {}

  /** famfs_file_ioctl(): after a device error only NOP answers; unknown commands ENOTTY. */
  static long ioctl(FamfsFile f, int cmd, long arg, Mm mm) {
    if (f.fsi.deverror && cmd != FamfsIoctl.NOP) {
      return Errno.ENODEV.neg();
    }
    if (cmd == FamfsIoctl.NOP) {
      return 0;
    } else if (cmd == FamfsIoctl.MAP_CREATE) {
      return initDaxV1(f, arg, mm);
    } else if (cmd == FamfsIoctl.MAP_GET) {
      return mapGet(f, arg, mm);
    } else if (cmd == FamfsIoctl.MAP_GETEXT) {
      return mapGetExt(f, arg, mm);
    } else if (cmd == FamfsIoctl.MAP_CREATE_V2) {
      return initDaxV2(f, arg, mm);
    } else if (cmd == FamfsIoctl.MAP_GET_V2) {
      return mapGetV2(f, arg, mm);
    }
    return Errno.ENOTTY.neg();
  }

  /**
   * famfs_file_init_dax_v1(): ENODEV, EFAULT, count &lt; 1 ENOSPC, &gt; 2 E2BIG, offset 0 on a
   * non-superblock file EINVAL, file_size &gt; the extents EINVAL, misaligned offsets (or any
   * length but the last) EINVAL, an attached map EEXIST.
   */
  static long initDaxV1(FamfsFile f, long arg, Mm mm) {
    if (f.fsi.deverror) {
      return Errno.ENODEV.neg();
    }
    ByteBuffer b = copyFromUser(mm, arg, FamfsIoctl.SIZEOF_IOC_MAP);
    if (b == null) {
      return Errno.EFAULT.neg();
    }
    int fileType = b.getInt(4);
    long fileSize = b.getLong(8);
    long count = b.getLong(16);
    if (count < 1) { // u64: 0 is the only value below 1; negatives are huge
      return count == 0 ? Errno.ENOSPC.neg() : Errno.E2BIG.neg();
    }
    if (count > FamfsIoctl.MAX_EXTENTS) {
      return Errno.E2BIG.neg();
    }
    List<FamfsMap.Extent> exts = new ArrayList<>();
    long total = 0;
    int alignmentErrs = 0;
    for (int i = 0; i < count; i++) {
      long offset = b.getLong(24 + 16 * i);
      long len = b.getLong(32 + 16 * i);
      total += len;
      if (offset == 0 && fileType != FamfsMap.FAMFS_SUPERBLOCK) {
        return Errno.EINVAL.neg(); // WARN_ON in the module
      }
      exts.add(new FamfsMap.Extent(0, offset, len));
      if (!aligned(offset)) {
        alignmentErrs++;
      }
      if (i < count - 1 && !aligned(len)) {
        alignmentErrs++;
      }
    }
    if (Long.compareUnsigned(fileSize, total) > 0 || alignmentErrs > 0) {
      return Errno.EINVAL.neg();
    }
    return attach(f, () -> FamfsMap.simple(fileType, fileSize, exts));
  }

  /**
   * famfs_file_init_dax_v2(): an attached map EEXIST, ENODEV, EFAULT, nextents &lt; 1 EINVAL,
   * &gt; 2 E2BIG, then famfs_meta_alloc_v2()'s rules, then EEXIST again under the inode lock.
   */
  static long initDaxV2(FamfsFile f, long arg, Mm mm) {
    if (f.map() != null) {
      return Errno.EEXIST.neg();
    }
    if (f.fsi.deverror) {
      return Errno.ENODEV.neg();
    }
    byte[] b = copyIn(mm, arg, FamfsIoctl.SIZEOF_IOC_FMAP);
    if (b == null) {
      return Errno.EFAULT.neg();
    }
    long fileSize = LittleEndian.getLong(b, 0);
    int fileType = LittleEndian.getInt(b, 8);
    int extType = LittleEndian.getInt(b, 12);
    long n = Integer.toUnsignedLong(LittleEndian.getInt(b, 16));
    long list = LittleEndian.getLong(b, 24);
    if (n < 1) {
      return Errno.EINVAL.neg();
    }
    if (n > FamfsIoctl.MAX_EXTENTS) {
      return Errno.E2BIG.neg();
    }
    if (extType == FamfsMap.SIMPLE_DAX_EXTENT) {
      return allocSimple(f, mm, fileType, fileSize, (int) n, list);
    } else if (extType == FamfsMap.INTERLEAVED_EXTENT) {
      return allocInterleaved(f, mm, fileType, fileSize, (int) n, list);
    }
    return Errno.EINVAL.neg();
  }

  /** famfs_meta_alloc_v2(), SIMPLE_DAX_EXTENT: devindex 0 and 2 MiB alignment of all. */
  private static long allocSimple(FamfsFile f, Mm mm, int fileType, long fileSize, int n,
      long list) {
    byte[] b = copyIn(mm, list, n * FamfsIoctl.SIZEOF_SIMPLE_EXTENT);
    if (b == null) {
      return Errno.EFAULT.neg();
    }
    // the extents straight into the map's flat (devIndex, offset, length) array
    long[] se = new long[n * 3];
    int errs = 0;
    long total = 0;
    for (int i = 0; i < se.length; i += 3) {
      se[i] = LittleEndian.getLong(b, i * 8);
      se[i + 1] = LittleEndian.getLong(b, i * 8 + 8);
      se[i + 2] = LittleEndian.getLong(b, i * 8 + 16);
      errs += alignmentErrs(se[i], se[i + 1], se[i + 2]);
      total += se[i + 2];
    }
    if (errs > 0 || Long.compareUnsigned(total, fileSize) < 0) {
      return Errno.EINVAL.neg();
    }
    try {
      return f.attach(FamfsMap.simpleOwning(fileType, fileSize, se));
    } catch (ErrnoException e) {
      return e.errno().neg();
    }
  }

  /**
   * famfs_meta_alloc_v2(), INTERLEAVED_EXTENT: nstrips &lt;= 16 and every strip aligned,
   * the interleaved extents' nbytes must cover file_size, the strips' lengths too. Also (the
   * FUSE port's rules, which the standalone module lacks and would divide by zero without):
   * 1 &lt;= nstrips, chunk_size a non-zero 2 MiB multiple.
   */
  private static long allocInterleaved(FamfsFile f, Mm mm, int fileType, long fileSize, int n,
      long list) {
    ByteBuffer b = copyFromUser(mm, list, n * FamfsIoctl.SIZEOF_INTERLEAVED_EXT);
    if (b == null) {
      return Errno.EFAULT.neg();
    }
    List<FamfsMap.Interleave> ies = new ArrayList<>();
    int errs = 0;
    long total = 0;
    long remainder = fileSize;
    for (int i = 0; i < n; i++) {
      int at = i * FamfsIoctl.SIZEOF_INTERLEAVED_EXT;
      long nstrips = b.getLong(at);
      long chunk = b.getLong(at + 8);
      long nbytes = b.getLong(at + 16);
      if (Long.compareUnsigned(nstrips, FamfsIoctl.MAX_STRIPS) > 0 || nstrips == 0) {
        return Errno.EINVAL.neg(); // the module counts an error and then overruns its array
      }
      if (chunk == 0 || !aligned(chunk)) {
        errs++;
      }
      ByteBuffer s = copyFromUser(mm, b.getLong(at + 24),
          (int) nstrips * FamfsIoctl.SIZEOF_SIMPLE_EXTENT);
      if (s == null) {
        return Errno.EFAULT.neg();
      }
      List<FamfsMap.Extent> strips = FamfsIoctl.readExtents(s, 0, (int) nstrips);
      for (FamfsMap.Extent e : strips) {
        errs += alignmentErrs(e);
        total += e.length();
      }
      ies.add(new FamfsMap.Interleave(chunk, nbytes, strips));
      remainder -= nbytes;
    }
    if (remainder > 0 || errs > 0 || Long.compareUnsigned(total, fileSize) < 0) {
      return Errno.EINVAL.neg();
    }
    return attach(f, () -> FamfsMap.interleaved(fileType, fileSize, ies));
  }

  /** famfs_check_ext_alignment(): devindex 0, offset and length 2 MiB aligned. */
  private static int alignmentErrs(FamfsMap.Extent e) {
    return alignmentErrs(e.devIndex(), e.offset(), e.length());
  }

  private static int alignmentErrs(long devIndex, long offset, long length) {
    return (devIndex != 0 ? 1 : 0) + (aligned(offset) ? 0 : 1) + (aligned(length) ? 0 : 1);
  }

  private static boolean aligned(long v) {
    return (v & (PMD_SIZE - 1)) == 0;
  }

  private interface MapMaker {
    FamfsMap make() throws ErrnoException;
  }

  private static long attach(FamfsFile f, MapMaker maker) {
    try {
      return f.attach(maker.make());
    } catch (ErrnoException e) {
      return e.errno().neg();
    }
  }

  /**
   * FAMFSIOC_MAP_GET: the header only (extent_type, i_size, extent count; file_type and the
   * list stay zero, as the module leaves them); EINVAL without a map.
   */
  static long mapGet(FamfsFile f, long arg, Mm mm) {
    FamfsMap m = f.map();
    if (m == null) {
      return Errno.EINVAL.neg();
    }
    byte[] out = new byte[FamfsIoctl.SIZEOF_IOC_MAP];
    int count = m.extentType() == FamfsMap.SIMPLE_DAX_EXTENT ? m.extents().size()
        : m.interleaves().size();
    FamfsIoctl.le(out).putInt(0, m.extentType()).putLong(8, f.inode.size()).putLong(16, count);
    return copyToUser(mm, arg, out);
  }

  /**
   * FAMFSIOC_MAP_GETEXT: the simple extents as {offset, len} pairs; EINVAL for an interleaved
   * map, or without a map (where the module dereferences NULL).
   */
  static long mapGetExt(FamfsFile f, long arg, Mm mm) {
    FamfsMap m = f.map();
    if (m == null || m.extentType() != FamfsMap.SIMPLE_DAX_EXTENT) {
      return Errno.EINVAL.neg();
    }
    byte[] out = new byte[m.extents().size() * FamfsIoctl.SIZEOF_EXTENT];
    ByteBuffer w = FamfsIoctl.le(out);
    for (FamfsMap.Extent e : m.extents()) {
      w.putLong(e.offset()).putLong(e.length());
    }
    return copyToUser(mm, arg, out);
  }

  /**
   * FAMFSIOC_MAP_GET_V2 (famfs_prepare_getmap_v2()): the whole map in a famfs_ioc_get_fmap;
   * EINVAL for more than one interleaved extent, or without a map (a NULL dereference there).
   */
  static long mapGetV2(FamfsFile f, long arg, Mm mm) {
    FamfsMap m = f.map();
    if (m == null) {
      return Errno.EINVAL.neg();
    }
    byte[] out = new byte[FamfsIoctl.SIZEOF_GET_FMAP];
    ByteBuffer w = FamfsIoctl.le(out);
    w.putLong(0, m.fileSize()).putInt(8, m.fileType()).putInt(12, m.extentType());
    if (m.extentType() == FamfsMap.SIMPLE_DAX_EXTENT) {
      w.putInt(16, m.extents().size());
      putExtents(w, 32, m.extents());
    } else {
      if (m.interleaves().size() != 1) {
        return Errno.EINVAL.neg();
      }
      FamfsMap.Interleave x = m.interleaves().get(0);
      w.putInt(16, 1).putLong(32, x.nstrips()).putLong(40, x.chunkSize()).putLong(48, x.nbytes());
      putExtents(w, 64, x.strips());
    }
    return copyToUser(mm, arg, out);
  }

  private static void putExtents(ByteBuffer w, int at, List<FamfsMap.Extent> exts) {
    for (FamfsMap.Extent e : exts) {
      w.putLong(at, e.devIndex()).putLong(at + 8, e.offset()).putLong(at + 16, e.length());
      at += FamfsIoctl.SIZEOF_SIMPLE_EXTENT;
    }
  }

  /** copy_from_user(): the bytes, or null when any of them faults. */
  static ByteBuffer copyFromUser(Mm mm, long uaddr, int len) {
    byte[] b = copyIn(mm, uaddr, len);
    return b == null ? null : FamfsIoctl.le(b);
  }

  /** copy_from_user() into a fresh buffer: the bytes, or null when any of them faults. */
  static byte[] copyIn(Mm mm, long uaddr, int len) {
    if (mm == null) {
      return null;
    }
    byte[] b = new byte[len];
    try {
      mm.load(uaddr, b, 0, len);
    } catch (Signal | ErrnoException e) {
      return null;
    }
    return b;
  }

  /** copy_to_user(): 0 or -EFAULT (the module passes "bytes not copied" through; see fidelity). */
  static long copyToUser(Mm mm, long uaddr, byte[] b) {
    if (mm == null) {
      return Errno.EFAULT.neg();
    }
    try {
      mm.store(uaddr, b, 0, b.length);
    } catch (Signal | ErrnoException e) {
      return Errno.EFAULT.neg();
    }
    return 0;
  }
}
