package org.daxsim.fs.vfs;

import org.daxsim.core.mm.AddressSpace;

/**
 * struct inode (include/linux/fs.h): type and permission bits, owner, size, link count and
 * times, with the file system's {@link InodeOperations} and {@link FileOperations}. Attribute
 * accessors synchronize on the inode (i_lock); the file system owns {@link #privateData()}.
 */
public final class Inode {
  private final SuperBlock sb;
  private final long ino;
  private final long rdev;
  private final InodeOperations iop;
  private final FileOperations fop;
  private int mode;
  private int uid;
  private int gid;
  private int nlink;
  private long size;
  private long atime;
  private long mtime;
  private long ctime;
  private volatile Object privateData;
  /**
   * What is mounted here (d_mountpoint() and the mount hash in one): this inode's value in
   * {@code Vfs.mounts}, or null; kept with that map by graft and umount. Path walks read it
   * instead of hashing every inode they pass.
   */
  volatile Mount mounted;
  private final AddressSpace mapping = new AddressSpace();

  Inode(SuperBlock sb, long ino, int mode, int uid, int gid, long rdev, InodeOperations iop,
      FileOperations fop) {
    this.sb = sb;
    this.ino = ino;
    this.mode = mode;
    this.uid = uid;
    this.gid = gid;
    this.rdev = rdev;
    this.iop = iop;
    this.fop = fop;
    this.nlink = Fcntl.isDir(mode) ? 2 : 1;
    long now = sb.now();
    atime = now;
    mtime = now;
    ctime = now;
  }

  public SuperBlock sb() {
    return sb;
  }

  public long ino() {
    return ino;
  }

  /** i_rdev: the device number of a character device node, else 0. */
  public long rdev() {
    return rdev;
  }

  public InodeOperations iop() {
    return iop;
  }

  public FileOperations fop() {
    return fop;
  }

  public synchronized int mode() {
    return mode;
  }

  public synchronized int uid() {
    return uid;
  }

  public synchronized int gid() {
    return gid;
  }

  public synchronized int nlink() {
    return nlink;
  }

  public synchronized long size() {
    return size;
  }

  public boolean isDir() {
    return Fcntl.isDir(mode());
  }

  public boolean isReg() {
    return Fcntl.isReg(mode());
  }

  public boolean isChr() {
    return Fcntl.isChr(mode());
  }

  /** i_size_write(). */
  public synchronized void setSize(long size) {
    this.size = size;
  }

  /** set_nlink(). */
  public synchronized void setNlink(int nlink) {
    this.nlink = nlink;
  }

  /** Sets the permission bits (S_IALLUGO), keeping the type. */
  public synchronized void setPermissions(int perm) {
    this.mode = (mode & Fcntl.S_IFMT) | (perm & Fcntl.S_IALLUGO);
  }

  synchronized void setOwner(int uid, int gid) {
    this.uid = uid;
    this.gid = gid;
  }

  /** inode_set_mtime_to_ts(inode_set_ctime_current()): mtime and ctime to now. */
  public synchronized void touchModified() {
    long now = sb.now();
    mtime = now;
    ctime = now;
  }

  /** inode_set_ctime_current(). */
  public synchronized void touchChanged() {
    ctime = sb.now();
  }

  /** touch_atime(). */
  public synchronized void touchAccessed() {
    atime = sb.now();
  }

  /** i_mapping: the address_space that tracks the VMAs mapping this inode. */
  public AddressSpace mapping() {
    return mapping;
  }

  public Object privateData() {
    return privateData;
  }

  public void setPrivateData(Object data) {
    privateData = data;
  }

  /** generic_fillattr() (fs/stat.c). */
  synchronized Stat stat() {
    long blocks = (size + 511) / 512;
    return new Stat(sb.dev(), ino, mode, nlink, uid, gid, rdev, size, 4096, blocks, atime, mtime,
        ctime);
  }

  @Override
  public String toString() {
    return String.format("inode{%s:%d, mode=0%o}", sb.type().name(), ino, mode());
  }
}
