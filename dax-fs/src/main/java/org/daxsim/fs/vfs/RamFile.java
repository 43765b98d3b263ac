package org.daxsim.fs.vfs;

import java.util.TreeMap;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;

/**
 * A ramfs regular file's data: page index to a kernel page (its page cache), allocated on
 * first write; holes read as zeroes. Reads and writes copy through {@link IovIter} straight
 * between those pages and the caller's memory, under the file's own lock.
 */
final class RamFile {
  static final FileOperations OPS = new FileOperations() {
    @Override
    public long readIter(Kiocb iocb, IovIter to) throws ErrnoException {
      return data(iocb.file()).read(iocb, to);
    }

    @Override
    public long writeIter(Kiocb iocb, IovIter from) throws ErrnoException {
      return data(iocb.file()).write(iocb, from);
    }

    @Override
    public void fsync(File file, long start, long end, boolean datasync) {}

    @Override
    public void open(Inode inode, File file) {
      ((RamFile) inode.privateData()).ref(1);
    }

    @Override
    public void release(Inode inode, File file) {
      ((RamFile) inode.privateData()).ref(-1);
    }
  };

  private static final int PAGE = (int) Pages.PAGE_SIZE;
  private final Inode inode;
  private final KernelAddressSpace kas;
  private final TreeMap<Long, Long> pages = new TreeMap<>();
  private int opens;

  RamFile(Inode inode) {
    this.inode = inode;
    this.kas = inode.sb().vfs().kas();
  }

  static RamFile data(File f) {
    return (RamFile) f.inode().privateData();
  }

  /** generic_file_read_iter() over the page cache (filemap_read()). */
  synchronized long read(Kiocb iocb, IovIter to) throws ErrnoException {
    long pos = iocb.pos();
    long size = inode.size();
    if (pos >= size || to.count() == 0) {
      return 0;
    }
    long want = Math.min(to.count(), size - pos);
    long done = 0;
    while (done < want) {
      long p = pos + done;
      long chunk = Math.min(PAGE - (p & (PAGE - 1)), want - done);
      Long pfn = pages.get(p >>> Pages.PAGE_SHIFT);
      long base = pfn == null ? inode.sb().vfs().zeroPageVa() : va(pfn);
      long c = IovIter.copyToIter(kas, base + (p & (PAGE - 1)), chunk, to);
      done += c;
      if (c < chunk) {
        break;
      }
    }
    if (done == 0) {
      throw ErrnoException.of(Errno.EFAULT, "read: bad buffer");
    }
    inode.touchAccessed();
    iocb.setPos(pos + done);
    return done;
  }

  /** generic_perform_write(): allocates missing pages, copies, extends i_size. */
  synchronized long write(Kiocb iocb, IovIter from) throws ErrnoException {
    long pos = iocb.isAppend() ? inode.size() : iocb.pos();
    long want = from.count();
    if (want == 0) {
      return 0;
    }
    if (pos >= Fcntl.MAX_LFS_FILESIZE) {
      throw ErrnoException.of(Errno.EFBIG, "write at %d", pos);
    }
    want = Math.min(want, Fcntl.MAX_LFS_FILESIZE - pos);
    long done = 0;
    while (done < want) {
      long p = pos + done;
      long chunk = Math.min(PAGE - (p & (PAGE - 1)), want - done);
      long c = IovIter.copyFromIter(kas, page(p >>> Pages.PAGE_SHIFT) + (p & (PAGE - 1)), chunk,
          from);
      done += c;
      if (c < chunk) {
        break;
      }
    }
    if (done == 0) {
      throw ErrnoException.of(Errno.EFAULT, "write: bad buffer");
    }
    if (pos + done > inode.size()) {
      inode.setSize(pos + done);
    }
    inode.touchModified();
    iocb.setPos(pos + done);
    return done;
  }

  /** The virtual address of page {@code index}, allocating a zeroed page if needed. */
  private long page(long index) throws ErrnoException {
    Long pfn = pages.get(index);
    if (pfn == null) {
      pfn = kas.allocPage();
      kas.write(va(pfn), new byte[PAGE], 0, PAGE);
      pages.put(index, pfn);
    }
    return va(pfn);
  }

  private static long va(long pfn) {
    return KernelAddressSpace.va(Pages.pfnToPhys(pfn));
  }

  /** simple_setattr() + truncate_setsize(): drops pages past EOF, zeroes the partial tail. */
  synchronized void setSize(long size) throws ErrnoException {
    long old = inode.size();
    if (size < old) {
      truncatePages(size);
    }
    inode.setSize(size);
    inode.touchModified();
  }

  synchronized void truncatePages(long size) throws ErrnoException {
    long first = (size + PAGE - 1) >>> Pages.PAGE_SHIFT;
    for (Long pfn : pages.tailMap(first).values()) {
      kas.freePage(pfn);
    }
    pages.tailMap(first).clear();
    int tail = (int) (size & (PAGE - 1));
    Long pfn = pages.get(size >>> Pages.PAGE_SHIFT);
    if (tail != 0 && pfn != null) {
      kas.write(va(pfn) + tail, new byte[PAGE - tail], 0, PAGE - tail);
    }
  }

  /**
   * Open-file references; iput_final()/evict(): the pages are freed once the file has no
   * links and no open files (called with delta 0 after the last unlink).
   */
  synchronized void ref(int delta) {
    opens += delta;
    if (opens == 0 && inode.nlink() == 0) {
      try {
        truncatePages(0);
      } catch (ErrnoException e) {
        // Cannot happen: every page in the map came from allocPage and is mapped.
      }
    }
  }
}
