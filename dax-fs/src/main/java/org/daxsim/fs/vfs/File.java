package org.daxsim.fs.vfs;

import org.daxsim.core.mm.AddressSpace;

/**
 * struct file (include/linux/fs.h): one open of an inode, with its flags, access mode, offset
 * (f_pos, under f_pos_lock) and the operations chosen at open (the char device's for a node).
 */
public final class File {
  /** FMODE_READ / FMODE_WRITE. */
  static final int FMODE_READ = 1;
  static final int FMODE_WRITE = 2;

  private final Inode inode;
  private final Mount mount;
  private final int flags;
  private final int fmode;
  private final String path;
  private volatile FileOperations fop;
  private volatile Object privateData;
  private volatile AddressSpace mapping;
  private long pos;
  /** f_count: the descriptor's reference plus one per VMA mapping the file. */
  private int refs = 1;

  File(Inode inode, Mount mount, int flags, String path) {
    this.inode = inode;
    this.mount = mount;
    this.flags = flags;
    int acc = flags & Fcntl.O_ACCMODE;
    this.fmode = (acc == Fcntl.O_RDONLY || acc == Fcntl.O_RDWR ? FMODE_READ : 0)
        | (acc == Fcntl.O_WRONLY || acc == Fcntl.O_RDWR ? FMODE_WRITE : 0);
    this.fop = inode.fop();
    this.path = path;
  }

  public Inode inode() {
    return inode;
  }

  /** f_flags as passed to open(2) (O_CREAT, O_EXCL, O_NOCTTY and O_TRUNC cleared). */
  public int flags() {
    return flags & ~(Fcntl.O_CREAT | Fcntl.O_EXCL | Fcntl.O_NOCTTY | Fcntl.O_TRUNC);
  }

  public boolean canRead() {
    return (fmode & FMODE_READ) != 0;
  }

  public boolean canWrite() {
    return (fmode & FMODE_WRITE) != 0;
  }

  /** The path it was opened by (d_path at open time). */
  public String path() {
    return path;
  }

  public FileOperations fop() {
    return fop;
  }

  /**
   * replace_fops(): a char device's open swaps in its own operations (chrdev_open(), and a
   * driver choosing per-open operations). Null is ignored.
   */
  public void setFop(FileOperations fop) {
    if (fop == null) {
      return;
    }
    this.fop = fop;
  }

  Mount mount() {
    return mount;
  }

  /** f_mapping: the inode's i_mapping unless an open redirected it ({@link #setMapping}). */
  public AddressSpace mapping() {
    AddressSpace m = mapping;
    return m != null ? m : inode.mapping();
  }

  /**
   * Sets f_mapping, as dax_open() does ({@code filp->f_mapping = inode->i_mapping} of the dax
   * inode), so that mmap links VMAs there; null restores the inode's own mapping.
   */
  public void setMapping(AddressSpace mapping) {
    this.mapping = mapping;
  }

  public Object privateData() {
    return privateData;
  }

  public void setPrivateData(Object data) {
    privateData = data;
  }

  synchronized long pos() {
    return pos;
  }

  synchronized void setPos(long pos) {
    this.pos = pos;
  }

  /** get_file(). */
  synchronized void get() {
    refs++;
  }

  /** The fput() count drop; true for the last reference. */
  synchronized boolean putRef() {
    return --refs == 0;
  }

  @Override
  public String toString() {
    return "file{" + path + "}";
  }
}
