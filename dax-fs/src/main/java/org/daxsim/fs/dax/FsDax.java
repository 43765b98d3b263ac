package org.daxsim.fs.dax;

import static org.daxsim.core.Pages.PAGE_MASK;
import static org.daxsim.core.Pages.PAGE_SHIFT;
import static org.daxsim.core.Pages.PAGE_SIZE;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;

/**
 * The read/write half of fs/dax.c: {@code dax_iomap_rw} with the {@code iomap_iter} loop and
 * {@code dax_iomap_iter}, and {@code dax_iomap_direct_access}. Uses only the kaddr that
 * direct_access returns. Faults are in {@link DaxFault}.
 */
public final class FsDax {
  /** dax_iomap_rw's iomap and direct_access outputs, per thread (faults have their own). */
  private static final ThreadLocal<IterScratch> RW = ThreadLocal.withInitial(IterScratch::new);

  private final DaxCore core;
  private volatile long zeroPfn = -1;

  public FsDax(DaxCore core) {
    this.core = core;
  }

  public DaxCore core() {
    return core;
  }

  /** The {@link Tracepoint#IOMAP_BEGIN} hit: {@code m} (or null) for {@code len} at {@code pos}. */
  static void traceIomap(IomapBuf m, long pos, long len, int flags, long ret) {
    if (Trace.enabled()) { // the listener gets an immutable copy; only traced runs pay for it
      Trace.hit(Tracepoint.IOMAP_BEGIN, m == null ? null : m.toIomap(), pos, len, flags, ret);
    }
  }

  /** ZERO_PAGE(0): one zeroed kernel page, allocated on first use. */
  synchronized long zeroPfn() throws ErrnoException {
    if (zeroPfn < 0) {
      long pfn = core.kas().allocPage();
      core.kas().write(KernelAddressSpace.va(pfn << PAGE_SHIFT), new byte[(int) PAGE_SIZE], 0,
          (int) PAGE_SIZE);
      zeroPfn = pfn;
    }
    return zeroPfn;
  }

  /**
   * dax_iomap_rw(): iterates the mappings from {@code pos} for {@code iter.count()} bytes;
   * returns the bytes done if positive, else the first error (0 at EOF).
   */
  public long daxIomapRw(long pos, IovIter iter, boolean write, DaxInode inode, IomapOps ops) {
    long len = iter.count();
    if (len == 0) {
      return 0;
    }
    int flags = Iomap.IOMAP_DAX | (write ? Iomap.IOMAP_WRITE : 0);
    long start = pos;
    long ret = 0;
    IterScratch sc = IterScratch.take(RW);
    IomapBuf m = sc.map;
    try {
      while (len > 0) {
        try {
          ops.iomapBegin(inode, pos, len, flags, m.clear());
        } catch (ErrnoException e) {
          ret = e.errno().neg();
          traceIomap(null, pos, len, flags, ret);
          break;
        }
        traceIomap(m, pos, len, flags, 0);
        // iomap_iter(): a mapping that does not cover pos is a file system bug (WARN, -EIO).
        if (!m.valid() || m.length() <= 0 || m.offset() > pos || m.lengthFrom(pos) <= 0) {
          ret = Errno.EIO.neg();
          break;
        }
        long extLen = Math.min(len, m.lengthFrom(pos));
        long processed = daxIomapIter(inode, m, pos, extLen, iter, write, sc.out);
        ops.iomapEnd(inode, pos, extLen, Math.max(processed, 0), flags, m);
        if (processed <= 0) {
          ret = processed;
          break;
        }
        pos += processed;
        len -= processed;
      }
    } finally {
      sc.release();
    }
    long done = pos - start;
    return done > 0 ? done : ret;
  }

  /**
   * dax_iomap_iter(): one mapping; EOF clamp and zero-fill for reads, then direct_access for
   * the whole rest of the extent, copy from/to {@code kaddr + offset}, continue from the grant.
   */
  long daxIomapIter(DaxInode inode, IomapBuf m, long pos, long length, IovIter iter,
      boolean write, KaddrPfn out) {
    long end = pos + length;
    if (!write) {
      end = Math.min(end, inode.size());
      if (pos >= end) {
        return 0;
      }
      if (m.type() == Iomap.IOMAP_HOLE || m.type() == Iomap.IOMAP_UNWRITTEN) {
        return iovIterZero(Math.min(length, end - pos), iter);
      }
    }
    if (m.type() != Iomap.IOMAP_MAPPED && (m.flags() & Iomap.IOMAP_F_SHARED) == 0) {
      return Errno.EIO.neg(); // WARN_ON_ONCE in the kernel
    }
    if ((m.flags() & Iomap.IOMAP_F_NEW) != 0) {
      inode.entries().invalidate(pos >> PAGE_SHIFT, (end - 1) >> PAGE_SHIFT);
    }
    long done = 0;
    long ret = 0;
    boolean recovery = false;
    int id = core.daxReadLock();
    try {
      while (pos < end) {
        long offset = pos & ~PAGE_MASK;
        long size = (length + offset + PAGE_SIZE - 1) & PAGE_MASK;
        long pgoff = m.pgoff(pos);
        long mapLen = core.daxDirectAccess(m.daxDev(), pgoff, size >> PAGE_SHIFT,
            DaxAccessMode.DAX_ACCESS, out);
        if (mapLen == Errno.EHWPOISON.neg() && write) {
          mapLen = core.daxDirectAccess(m.daxDev(), pgoff, size >> PAGE_SHIFT,
              DaxAccessMode.DAX_RECOVERY_WRITE, out);
          if (mapLen > 0) {
            recovery = true;
          }
        }
        if (mapLen < 0) {
          ret = DaxCore.daxMem2BlkErr((int) mapLen);
          break;
        }
        long kaddr = out.kaddr() + offset;
        mapLen = (mapLen << PAGE_SHIFT) - offset;
        if (mapLen > end - pos) {
          mapLen = end - pos;
        }
        long xfer;
        if (recovery) {
          xfer = core.daxRecoveryWrite(m.daxDev(), pgoff, kaddr, mapLen, iter);
        } else if (write) {
          xfer = core.daxCopyFromIter(m.daxDev(), pgoff, kaddr, mapLen, iter);
        } else {
          xfer = core.daxCopyToIter(m.daxDev(), pgoff, kaddr, mapLen, iter);
        }
        if (xfer < 0) {
          ret = xfer;
          break;
        }
        pos += xfer;
        length -= xfer;
        done += xfer;
        if (xfer == 0) {
          ret = Errno.EFAULT.neg();
        }
        if (xfer < mapLen) {
          break;
        }
      }
    } finally {
      core.daxReadUnlock(id);
    }
    return done > 0 ? done : ret;
  }

  /** iov_iter_zero(): fills {@code bytes} zeros into the iterator; returns bytes filled. */
  private long iovIterZero(long bytes, IovIter iter) {
    long zero;
    try {
      zero = KernelAddressSpace.va(zeroPfn() << PAGE_SHIFT);
    } catch (ErrnoException e) {
      return e.errno().neg();
    }
    long done = 0;
    while (done < bytes) {
      long want = Math.min(PAGE_SIZE, bytes - done);
      long n = IovIter.copyToIter(core.kas(), zero, want, iter);
      done += Math.max(n, 0);
      if (n < want) {
        break;
      }
    }
    return done > 0 ? done : Errno.EFAULT.neg();
  }

  /**
   * dax_iomap_direct_access(): direct_access for {@code size} bytes at {@code pos}; with a pfn
   * wanted, a short grant or a pfn not aligned to the size is -EINVAL; a 0 kaddr is -EFAULT.
   */
  public long daxIomapDirectAccess(IomapBuf m, long pos, long size, boolean wantKaddr,
      boolean wantPfn, KaddrPfn out) {
    long pgoff = m.pgoff(pos);
    int id = core.daxReadLock();
    try {
      long length = core.daxDirectAccess(m.daxDev(), pgoff, size >> PAGE_SHIFT,
          DaxAccessMode.DAX_ACCESS, out);
      if (length < 0) {
        return length;
      }
      if (wantPfn) {
        if ((length << PAGE_SHIFT) < size) {
          return Errno.EINVAL.neg();
        }
        if ((out.pfn() & ((size >> PAGE_SHIFT) - 1)) != 0) {
          return Errno.EINVAL.neg();
        }
      }
      if (wantKaddr && out.kaddr() == 0) {
        return Errno.EFAULT.neg();
      }
      return 0;
    } finally {
      core.daxReadUnlock(id);
    }
  }
}
