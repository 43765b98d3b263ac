package org.daxsim.fs.vfs;

import java.util.concurrent.atomic.AtomicLong;
import org.daxsim.core.Args;
import org.daxsim.core.ErrnoException;

/**
 * struct super_block (include/linux/fs.h): one mounted instance of a {@link FileSystemType},
 * its anonymous device number, root inode and inode allocator (new_inode()/get_next_ino()).
 */
public final class SuperBlock {
  private final FileSystemType type;
  private final Vfs vfs;
  private final long dev;
  private final AtomicLong nextIno = new AtomicLong(1);
  private volatile Inode root;
  private volatile Object fsInfo;

  SuperBlock(FileSystemType type, Vfs vfs, long dev) {
    this.type = type;
    this.vfs = vfs;
    this.dev = dev;
  }

  public FileSystemType type() {
    return type;
  }

  /** The VFS this super block belongs to (for its kernel address space and clock). */
  public Vfs vfs() {
    return vfs;
  }

  /** s_dev: an anonymous device number (set_anon_super()). */
  public long dev() {
    return dev;
  }

  public Inode root() {
    return root;
  }

  /** d_make_root(): sets the root directory inode; EINVAL if it is not a directory. */
  public void setRoot(Inode inode) throws ErrnoException {
    Args.notNull(inode, "root");
    if (!inode.isDir() || inode.sb() != this) {
      throw ErrnoException.of(org.daxsim.core.Errno.EINVAL, "root must be a directory of %s",
          type.name());
    }
    root = inode;
  }

  /** s_fs_info: the file system's private data. */
  public Object fsInfo() {
    return fsInfo;
  }

  public void setFsInfo(Object info) {
    fsInfo = info;
  }

  /**
   * new_inode() + inode_init_owner(): an inode of this super block with the given S_IF* type
   * and permission bits and operations; EINVAL for a type other than dir, reg or chr.
   */
  public Inode newInode(int mode, int uid, int gid, long rdev, InodeOperations iop,
      FileOperations fop) throws ErrnoException {
    int t = mode & Fcntl.S_IFMT;
    if (t != Fcntl.S_IFDIR && t != Fcntl.S_IFREG && t != Fcntl.S_IFCHR) {
      throw ErrnoException.of(org.daxsim.core.Errno.EINVAL, "unsupported inode type 0%o", t);
    }
    Args.notNull(iop, "iop");
    Args.notNull(fop, "fop");
    return new Inode(this, nextIno.getAndIncrement(), mode & (Fcntl.S_IFMT | Fcntl.S_IALLUGO),
        uid, gid, rdev, iop, fop);
  }

  long now() {
    return vfs.now();
  }

  @Override
  public String toString() {
    return type.name() + "@" + dev;
  }
}
