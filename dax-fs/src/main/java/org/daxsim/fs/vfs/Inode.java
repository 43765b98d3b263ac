package org.daxsim.fs.vfs;

import org.daxsim.core.mm.AddressSpace;

/**
 * struct inode (include/linux/fs.h): type and permission bits, owner, size, link count and
 * times, with the file system's {@link InodeOperations} and {@link FileOperations}. Attribute
 * setters synchronize on the inode (i_lock), getters read one volatile field each; the file
 * system owns {@link #privateData()}.
 */
public final class Inode {
  private final SuperBlock sb;
  private final long ino;
  private final long rdev;
  private final InodeOperations iop;
  private final FileOperations fop;
  // Writers hold the inode lock (i_lock); single-field readers read the volatile without it,
  // as the kernel reads i_mode, i_uid, i_size (i_size_read) without i_lock.
  private volatile int mode;
  private volatile int uid;
  private volatile int gid;
  private volatile int nlink;
  private volatile long size;
  private volatile long atime;
  private volatile long mtime;
  private volatile long ctime;
  private volatile Object privateData;
  /**
   * What is mounted here (d_mountpoint() and the mount hash in one): this inode's value in
   * {@code Vfs.mounts}, or null; kept with that map by graft and umount. Path walks read it
   * instead of hashing every inode they pass.
   */
  volatile Mount mounted;
  /** i_mapping, made on first use (most famfs files are never mapped); see {@link #mapping()}. */
  private volatile AddressSpace mapping;

  private static final java.lang.invoke.VarHandle MAPPING;

  static {
    try {
      MAPPING = java.lang.invoke.MethodHandles.lookup()
          .findVarHandle(Inode.class, "mapping", AddressSpace.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

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

  public int mode() {
    return mode;
  }

  public int uid() {
    return uid;
  }

  public int gid() {
    return gid;
  }

  public int nlink() {
    return nlink;
  }

  public long size() {
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
    AddressSpace m = mapping;
    if (m == null) { // one instance for the inode's life: the first to publish wins
      m = new AddressSpace();
      AddressSpace won = (AddressSpace) MAPPING.compareAndExchange(this, null, m);
      if (won != null) {
        m = won;
      }
    }
    return m;
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
