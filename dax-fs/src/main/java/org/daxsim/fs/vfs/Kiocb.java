package org.daxsim.fs.vfs;

/**
 * struct kiocb (include/linux/fs.h): the file and position of one read_iter/write_iter call.
 * The file system advances {@link #pos()} by what it transferred (and, for {@link
 * #isAppend()}, starts a write at i_size as generic_write_checks() does).
 */
public final class Kiocb {
  private final File file;
  private final boolean append;
  private long pos;

  Kiocb(File file, long pos, boolean append) {
    this.file = file;
    this.pos = pos;
    this.append = append;
  }

  public File file() {
    return file;
  }

  /** ki_pos. */
  public long pos() {
    return pos;
  }

  public void setPos(long pos) {
    this.pos = pos;
  }

  /** IOCB_APPEND: the file was opened O_APPEND. */
  public boolean isAppend() {
    return append;
  }
}
