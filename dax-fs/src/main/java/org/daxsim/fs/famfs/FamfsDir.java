package org.daxsim.fs.famfs;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Inode;
import org.daxsim.fs.vfs.SimpleDir;

/**
 * famfs_dir_inode_operations (fs/famfs/famfs_inode.c): ramfs-like directories whose regular
 * files are famfs files with no map until user space attaches one. After a device error new
 * inodes are refused with ENODEV. setattr is simple_setattr(): a truncate changes i_size
 * (the "rogue truncate" that famfs_file_invalid() later catches).
 */
final class FamfsDir extends SimpleDir {
  private final FamfsFileOps fileOps;

  FamfsDir(FamfsFileOps fileOps) {
    this.fileOps = fileOps;
  }

  static FamfsFsInfo fsi(Inode dir) {
    return (FamfsFsInfo) dir.sb().fsInfo();
  }

  private static void checkAlive(Inode dir) throws ErrnoException {
    if (fsi(dir).deverror) {
      throw ErrnoException.of(Errno.ENODEV, "famfs mount of %s is shut down", fsi(dir).rootdev);
    }
  }

  /** famfs_get_inode() for S_IFREG: famfs_file_operations, no map, size 0. */
  @Override
  protected Inode newRegular(Inode dir, int mode, int uid, int gid) throws ErrnoException {
    checkAlive(dir);
    Inode i = dir.sb().newInode(mode, uid, gid, 0, this, fileOps);
    i.setPrivateData(new FamfsFile(i, fsi(dir), fileOps));
    return i;
  }

  @Override
  public Inode mkdir(Inode dir, String name, int mode, Cred cred) throws ErrnoException {
    checkAlive(dir);
    return super.mkdir(dir, name, mode, cred);
  }

  @Override
  public Inode mknod(Inode dir, String name, int mode, long rdev, Cred cred)
      throws ErrnoException {
    checkAlive(dir);
    return super.mknod(dir, name, mode, rdev, cred);
  }

  /**
   * Nothing: an unlinked file stays in {@code fsi.files}, because it may still be open or
   * mapped, and a device removal (MF_MEM_PRE_REMOVE) must zap its mappings too. The set dies
   * with the super block.
   */
  @Override
  protected void unlinked(Inode inode) {}

  /** simple_setattr(ATTR_SIZE): i_size changes; no data moves (famfs never allocates). */
  @Override
  public void setSize(Inode inode, long size) throws ErrnoException {
    if (!(inode.privateData() instanceof FamfsFile)) {
      throw ErrnoException.of(Errno.EINVAL, "%s is not a regular file", inode);
    }
    inode.setSize(size);
    inode.touchModified();
  }
}
