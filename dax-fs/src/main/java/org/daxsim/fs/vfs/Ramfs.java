package org.daxsim.fs.vfs;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * The default file system, after fs/ramfs/inode.c and fs/libfs.c (simple_lookup,
 * simple_unlink, simple_rmdir, simple_rename): directories are name maps, regular files keep
 * their data in lazily allocated kernel pages ({@link RamFile}). Directory operations run
 * under the VFS namespace lock.
 */
final class Ramfs extends SimpleDir implements FileSystemType {
  @Override
  public String name() {
    return "ramfs";
  }

  @Override
  public void fillSuper(SuperBlock sb, String source, String data) throws ErrnoException {
    sb.setRoot(newRoot(sb, 0755));
  }

  @Override
  public void killSuper(SuperBlock sb) {
    free(sb.root());
  }

  private void free(Inode inode) {
    Object p = inode.privateData();
    if (p instanceof RamFile f) {
      try {
        f.truncatePages(0);
      } catch (ErrnoException e) {
        // Cannot happen: every page in the map came from allocPage and is mapped.
      }
    } else if (inode.isDir()) {
      for (Inode child : children(inode).values()) {
        free(child);
      }
    }
  }

  @Override
  protected Inode newRegular(Inode dir, int mode, int uid, int gid) throws ErrnoException {
    Inode i = dir.sb().newInode(mode, uid, gid, 0, this, RamFile.OPS);
    i.setPrivateData(new RamFile(i));
    return i;
  }

  @Override
  protected void unlinked(Inode inode) {
    if (inode.privateData() instanceof RamFile f) {
      f.ref(0);
    }
  }

  @Override
  public void setSize(Inode inode, long size) throws ErrnoException {
    if (!(inode.privateData() instanceof RamFile f)) {
      throw ErrnoException.of(Errno.EINVAL, "%s is not a regular file", inode);
    }
    f.setSize(size);
  }
}
