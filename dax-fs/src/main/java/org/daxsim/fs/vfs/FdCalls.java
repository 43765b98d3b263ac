package org.daxsim.fs.vfs;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.AddressSpace;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.mm.MmapHandler;
import org.daxsim.core.mm.Vma;

/** The descriptor-based system calls of fs/read_write.c and mm/mmap.c's file checks. */
final class FdCalls {
  private FdCalls() {}

  /** ksys_read() / ksys_pread64() -> vfs_read(): EINVAL, EBADF, EBADF, EINVAL, EFAULT. */
  static long read(Process p, int fd, long buf, long count, long pos, boolean positional)
      throws ErrnoException {
    File f = checkRead(p, fd, count, pos, positional);
    return doRead(f, IovIter.ubuf(p.mm(), IovIter.ITER_DEST, buf, count), pos, positional);
  }

  static long readK(Process p, int fd, byte[] buf, int off, int len, long pos,
      boolean positional) throws ErrnoException {
    File f = checkRead(p, fd, len, pos, positional);
    return doRead(f, IovIter.kbuf(IovIter.ITER_DEST, buf, off, len), pos, positional);
  }

  private static File checkRead(Process p, int fd, long count, long pos, boolean positional)
      throws ErrnoException {
    File f = checkPos(p, fd, pos, positional);
    if (!f.canRead()) {
      throw ErrnoException.of(Errno.EBADF, "fd %d is not open for reading", fd);
    }
    return checkCount(f, count);
  }

  private static File checkPos(Process p, int fd, long pos, boolean positional)
      throws ErrnoException {
    if (positional && pos < 0) {
      throw ErrnoException.of(Errno.EINVAL, "negative position %d", pos);
    }
    // pread/pwrite need FMODE_PREAD/FMODE_PWRITE, which do_dentry_open() sets for every file
    // and only nonseekable_open()/stream_open() clear; a missing ->llseek (no FMODE_LSEEK)
    // does not, so fsdev's char device reaches vfs_read() and fails EINVAL there.
    return p.file(fd);
  }

  /** rw_verify_area(): a negative (ssize_t) count is EINVAL. */
  private static File checkCount(File f, long count) throws ErrnoException {
    if (count < 0) {
      throw ErrnoException.of(Errno.EINVAL, "negative count %d", count);
    }
    return f;
  }

  private static long doRead(File f, IovIter it, long pos, boolean positional)
      throws ErrnoException {
    if (positional) {
      return f.fop().readIter(new Kiocb(f, pos, false), it);
    }
    synchronized (f) {
      Kiocb k = new Kiocb(f, f.pos(), false);
      long n = f.fop().readIter(k, it);
      f.setPos(k.pos());
      return n;
    }
  }

  /** ksys_write() / ksys_pwrite64() -> vfs_write(). */
  static long write(Process p, int fd, long buf, long count, long pos, boolean positional)
      throws ErrnoException {
    File f = checkWrite(p, fd, count, pos, positional);
    return doWrite(f, IovIter.ubuf(p.mm(), IovIter.ITER_SOURCE, buf, count), pos, positional);
  }

  static long writeK(Process p, int fd, byte[] buf, int off, int len, long pos,
      boolean positional) throws ErrnoException {
    File f = checkWrite(p, fd, len, pos, positional);
    return doWrite(f, IovIter.kbuf(IovIter.ITER_SOURCE, buf, off, len), pos, positional);
  }

  private static File checkWrite(Process p, int fd, long count, long pos, boolean positional)
      throws ErrnoException {
    File f = checkPos(p, fd, pos, positional);
    if (!f.canWrite()) {
      throw ErrnoException.of(Errno.EBADF, "fd %d is not open for writing", fd);
    }
    return checkCount(f, count);
  }

  private static long doWrite(File f, IovIter it, long pos, boolean positional)
      throws ErrnoException {
    boolean append = (f.flags() & Fcntl.O_APPEND) != 0;
    if (positional) {
      return f.fop().writeIter(new Kiocb(f, pos, append), it);
    }
    synchronized (f) {
      Kiocb k = new Kiocb(f, f.pos(), append);
      long n = f.fop().writeIter(k, it);
      f.setPos(k.pos());
      return n;
    }
  }

  /**
   * ksys_lseek() -> generic_file_llseek_size() / vfs_setpos(); directories take only SEEK_SET
   * and SEEK_CUR (dcache_dir_lseek()).
   */
  static long lseek(File f, long offset, int whence) throws ErrnoException {
    if (whence < Fcntl.SEEK_SET || whence > Fcntl.SEEK_HOLE) {
      throw ErrnoException.of(Errno.EINVAL, "whence %d", whence);
    }
    if (!f.fop().canSeek()) {
      throw ErrnoException.of(Errno.ESPIPE, "%s cannot seek", f);
    }
    if (f.fop().noopLlseek()) {
      return f.pos();
    }
    if (f.inode().isDir() && whence != Fcntl.SEEK_SET && whence != Fcntl.SEEK_CUR) {
      throw ErrnoException.of(Errno.EINVAL, "directory seek whence %d", whence);
    }
    synchronized (f) {
      long eof = f.inode().size();
      long n;
      try {
        n = switch (whence) {
          case Fcntl.SEEK_SET -> offset;
          case Fcntl.SEEK_CUR -> Math.addExact(f.pos(), offset);
          case Fcntl.SEEK_END -> Math.addExact(eof, offset);
          default -> {
            if (Long.compareUnsigned(offset, eof) >= 0) {
              throw ErrnoException.of(Errno.ENXIO, "offset %d beyond EOF %d", offset, eof);
            }
            yield whence == Fcntl.SEEK_DATA ? offset : eof;
          }
        };
      } catch (ArithmeticException e) {
        throw ErrnoException.of(Errno.EINVAL, "offset overflows");
      }
      if (n < 0) {
        throw ErrnoException.of(Errno.EINVAL, "negative offset %d", n);
      }
      f.setPos(n);
      return n;
    }
  }

  /** sys_mmap(): EINVAL for an unaligned offset, EBADF, then do_mmap() via {@link Mm#mmap}. */
  static long mmap(Process p, long addr, long len, int prot, int flags, int fd, long offset)
      throws ErrnoException {
    if ((offset & ~Pages.PAGE_MASK) != 0) {
      throw ErrnoException.of(Errno.EINVAL, "offset 0x%x is not page aligned", offset);
    }
    if ((flags & Mman.MAP_ANONYMOUS) != 0) {
      return p.mm().mmap(addr, len, prot, flags, 0, null).start();
    }
    File f = p.file(fd);
    return p.mm().mmap(addr, len, prot, flags, offset >> Pages.PAGE_SHIFT,
        new FileMmap(f, prot, flags)).start();
  }

  /** The file side of do_mmap(): its EACCES checks, then f_op->mmap. */
  private record FileMmap(File f, int prot, int flags) implements MmapHandler {
    @Override
    public void mmap(Vma vma) throws ErrnoException {
      int type = flags & Mman.MAP_TYPE;
      if (type == Mman.MAP_SHARED || type == Mman.MAP_SHARED_VALIDATE) {
        if ((prot & Mman.PROT_WRITE) != 0 && !f.canWrite()) {
          throw ErrnoException.of(Errno.EACCES, "shared writable map of a read-only open");
        }
        if (!f.canWrite()) {
          vma.clearFlags(Vma.VM_MAYWRITE);
        }
      }
      if (!f.canRead()) {
        throw ErrnoException.of(Errno.EACCES, "map of a file not open for reading");
      }
      f.fop().mmap(f, vma);
    }

    @Override
    public long getUnmappedArea(Mm mm, long addr, long len, long pgoff, int fl) {
      return f.fop().getUnmappedArea(f, mm, addr, len, pgoff, fl);
    }

    @Override
    public AddressSpace mapping() {
      return f.mapping();
    }

    /** A mapping holds the file (and so its mount: umount is EBUSY until munmap). */
    @Override
    public void get() {
      f.get();
    }

    @Override
    public void put() {
      FdCalls.put(f.inode().sb().vfs(), f);
    }

    @Override
    public int mmapSupportedFlags() {
      return f.fop().mmapSupportedFlags();
    }
  }

  /** fput(): the last reference calls ->release and drops the mount's open count. */
  static void put(Vfs vfs, File f) {
    if (!f.putRef()) {
      return;
    }
    f.fop().release(f.inode(), f);
    synchronized (vfs.ns) {
      f.mount().openFiles--;
    }
  }
}
