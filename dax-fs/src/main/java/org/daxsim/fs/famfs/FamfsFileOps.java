package org.daxsim.fs.famfs;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.mm.Vma;
import org.daxsim.fs.dax.DaxFault;
import org.daxsim.fs.dax.DaxInode;
import org.daxsim.fs.dax.FsDax;
import org.daxsim.fs.dax.Iomap;
import org.daxsim.fs.dax.IomapBuf;
import org.daxsim.fs.dax.IomapOps;
import org.daxsim.fs.vfs.File;
import org.daxsim.fs.vfs.Kiocb;

/**
 * famfs_file_operations and famfs_iomap_ops (fs/famfs/famfs_file.c): read_iter/write_iter
 * through famfs_rw_prep() and dax_iomap_rw(), mmap with VM_HUGEPAGE and 2 MiB aligned
 * addresses, the ioctls ({@link FamfsIoctls}), a no-op fsync; iomap_begin resolves through
 * the file's {@link FamfsMap}. One instance per mounted famfs type.
 */
final class FamfsFileOps implements org.daxsim.fs.vfs.FileOperations, IomapOps {
  final FsDax fsDax;
  final DaxFault faults;

  FamfsFileOps(FsDax fsDax) {
    this.fsDax = fsDax;
    this.faults = new DaxFault(fsDax);
  }

  static FamfsFile famfs(File file) {
    return (FamfsFile) file.inode().privateData();
  }

  /**
   * famfs_rw_prep(): -ENODEV after a device error, famfs_file_invalid()'s errno, else 0 with
   * the iterator truncated at i_size (nothing left at or past EOF).
   */
  static long rwPrep(FamfsFile f, long pos, IovIter iter) throws ErrnoException {
    if (f.fsi.deverror) {
      return Errno.ENODEV.neg();
    }
    int rc = f.invalid();
    if (rc != 0) {
      return rc;
    }
    long max = Math.max(0, f.inode.size() - pos);
    if (iter.count() > max) {
      iter.truncate(max);
    }
    return 0;
  }

  /** famfs_dax_read_iter(): rw_prep, dax_iomap_rw(), file_accessed(). */
  @Override
  public long readIter(Kiocb iocb, IovIter to) throws ErrnoException {
    return rw(iocb, to, false);
  }

  /** famfs_dax_write_iter(): rw_prep (no append, no growth), dax_iomap_rw(). */
  @Override
  public long writeIter(Kiocb iocb, IovIter from) throws ErrnoException {
    return rw(iocb, from, true);
  }

  private long rw(Kiocb iocb, IovIter iter, boolean write) throws ErrnoException {
    FamfsFile f = famfs(iocb.file());
    long pos = iocb.pos();
    long rc = rwPrep(f, pos, iter);
    if (rc != 0) {
      throw ErrnoException.of(Errno.of((int) rc), "famfs %s of %s at %d", write ? "write" : "read",
          iocb.file(), pos);
    }
    if (iter.count() == 0) {
      return 0;
    }
    long done = fsDax.daxIomapRw(pos, iter, write, f, this);
    if (!write) {
      f.inode.touchAccessed();
    }
    if (done < 0) {
      throw ErrnoException.of(Errno.of((int) done), "dax_iomap_rw of %s at %d", iocb.file(), pos);
    }
    iocb.setPos(pos + done);
    return done;
  }

  /** famfs_file_mmap(): -ENODEV after a device error, an invalid file's errno, else the vm ops. */
  @Override
  public void mmap(File file, Vma vma) throws ErrnoException {
    FamfsFile f = famfs(file);
    if (f.fsi.deverror) {
      throw ErrnoException.of(Errno.ENODEV, "famfs mount of %s is shut down", f.fsi.rootdev);
    }
    int rc = f.invalid();
    if (rc != 0) {
      throw ErrnoException.of(Errno.of(rc), "famfs mmap of invalid file %s", file);
    }
    f.inode.touchAccessed();
    vma.setOps(f.vmOps());
    vma.setFlags(Vma.VM_HUGEPAGE);
  }

  /** thp_get_unmapped_area(): 2 MiB aligned user addresses for PMD faults. */
  @Override
  public long getUnmappedArea(File file, Mm mm, long addr, long len, long pgoff, int flags) {
    if ((flags & Mman.MAP_FIXED) != 0) {
      return addr;
    }
    return mm.thpGetUnmappedArea(addr, len, pgoff, flags);
  }

  /** famfs_file_ioctl(). */
  @Override
  public long ioctl(File file, int cmd, long arg, Mm mm) throws ErrnoException {
    long rc = FamfsIoctls.ioctl(famfs(file), cmd, arg, mm);
    if (rc < 0) {
      throw ErrnoException.of(Errno.of((int) rc), "famfs ioctl %#x on %s", cmd, file);
    }
    return rc;
  }

  /** noop_fsync: memory is the medium. */
  @Override
  public void fsync(File file, long start, long end, boolean datasync) {}

  /**
   * famfs_iomap_begin() -> famfs_meta_to_dax_offset(): after a device error or on an invalid
   * file, or past the extents, -EIO (the later code; 2024 returned a zero-length mapping).
   */
  @Override
  public Iomap iomapBegin(DaxInode inode, long pos, long length, int flags)
      throws ErrnoException {
    IomapBuf out = new IomapBuf();
    iomapBegin(inode, pos, length, flags, out);
    return out.toIomap();
  }

  /** The same, into the engine's holder: no allocation on the read/write and fault paths. */
  @Override
  public void iomapBegin(DaxInode inode, long pos, long length, int flags, IomapBuf out)
      throws ErrnoException {
    FamfsFile f = (FamfsFile) inode;
    FamfsMap m = f.map();
    if (f.fsi.deverror || f.invalid() != 0 || m == null) {
      throw ErrnoException.of(Errno.EIO, "famfs %s: no usable map", f);
    }
    if (!m.resolveInto(pos, length, f.fsi.daxDev, out).valid()) {
      throw ErrnoException.of(Errno.EIO, "famfs %s: offset %d is past the extents", f, pos);
    }
  }
}
