package org.daxsim.fs.vfs;

import java.util.TreeMap;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * Directory inode operations after fs/libfs.c (simple_lookup, simple_unlink, simple_rmdir,
 * simple_rename) and ramfs's mknod/mkdir: a directory's private data is its name map. A file
 * system supplies how a regular file is made ({@link #newRegular}) and may hear of unlinks.
 * Everything runs under the VFS namespace lock.
 */
public abstract class SimpleDir implements InodeOperations {
  /** generic_ro_fops for directories: read(2) gives EISDIR (generic_read_dir). */
  public static final FileOperations DIR_OPS = new FileOperations() {
    @Override
    public long readIter(Kiocb iocb, org.daxsim.core.mm.IovIter to) throws ErrnoException {
      throw ErrnoException.of(Errno.EISDIR, "%s is a directory", iocb.file());
    }

    @Override
    public void fsync(File file, long start, long end, boolean datasync) {}
  };

  /** A fresh regular-file inode of {@code dir}'s super block with {@code mode} (unlinked). */
  protected abstract Inode newRegular(Inode dir, int mode, int uid, int gid)
      throws ErrnoException;

  /** Called after {@code inode} lost its name (unlink, or replaced by rename). */
  protected void unlinked(Inode inode) {}

  /** A root directory inode for a fresh super block (mode includes the permission bits). */
  public Inode newRoot(SuperBlock sb, int perm) throws ErrnoException {
    Inode root = sb.newInode(Fcntl.S_IFDIR | (perm & Fcntl.S_IALLUGO), 0, 0, 0, this, DIR_OPS);
    root.setPrivateData(new DirIndex());
    return root;
  }

  /** A directory's entries (its private data): see {@link DirIndex}. */
  private static DirIndex kids(Inode dir) {
    return (DirIndex) dir.privateData();
  }

  /** The entries of {@code dir} in name order (read only: change them through the iops). */
  public static TreeMap<String, Inode> children(Inode dir) {
    return kids(dir).sorted();
  }

  @Override
  public Inode lookup(Inode dir, String name) {
    return kids(dir).get(name);
  }

  /**
   * {@link #lookup} of the name {@code path} holds at {@code [from, to)}, whose
   * {@link DirIndex#hash} is {@code hash}: a path walk's lookup, without copying the name.
   */
  final Inode lookup(Inode dir, String path, int from, int to, int hash) {
    return kids(dir).get(path, from, to, hash);
  }

  @Override
  public Inode create(Inode dir, String name, int mode, Cred cred) throws ErrnoException {
    Inode i = newRegular(dir, Fcntl.S_IFREG | (mode & Fcntl.S_IALLUGO), cred.uid(),
        gidFor(dir, cred));
    link(dir, name, i);
    return i;
  }

  @Override
  public Inode mkdir(Inode dir, String name, int mode, Cred cred) throws ErrnoException {
    int perm = mode & Fcntl.S_IALLUGO;
    if ((dir.mode() & Fcntl.S_ISGID) != 0) {
      perm |= Fcntl.S_ISGID;
    }
    Inode i = dir.sb().newInode(Fcntl.S_IFDIR | perm, cred.uid(), gidFor(dir, cred), 0, this,
        DIR_OPS);
    i.setPrivateData(new DirIndex());
    link(dir, name, i);
    dir.setNlink(dir.nlink() + 1);
    return i;
  }

  @Override
  public Inode mknod(Inode dir, String name, int mode, long rdev, Cred cred)
      throws ErrnoException {
    Inode i = dir.sb().newInode(Fcntl.S_IFCHR | (mode & Fcntl.S_IALLUGO), cred.uid(),
        gidFor(dir, cred), rdev, this, CharDev.DEF_CHR_FOPS);
    link(dir, name, i);
    return i;
  }

  /** inode_init_owner(): a setgid directory passes its group on. */
  private static int gidFor(Inode dir, Cred cred) {
    return (dir.mode() & Fcntl.S_ISGID) != 0 ? dir.gid() : cred.gid();
  }

  private static void link(Inode dir, String name, Inode i) {
    kids(dir).put(name, i);
    dir.touchModified();
  }

  @Override
  public void unlink(Inode dir, String name) {
    Inode i = kids(dir).remove(name);
    i.setNlink(i.nlink() - 1);
    i.touchChanged();
    dir.touchModified();
    unlinked(i);
  }

  @Override
  public void rmdir(Inode dir, String name) throws ErrnoException {
    Inode i = kids(dir).get(name);
    if (kids(i).size() != 0) {
      throw ErrnoException.of(Errno.ENOTEMPTY, "%s is not empty", name);
    }
    kids(dir).remove(name);
    i.setNlink(0);
    dir.setNlink(dir.nlink() - 1);
    dir.touchModified();
  }

  @Override
  public void rename(Inode oldDir, String oldName, Inode newDir, String newName)
      throws ErrnoException {
    Inode src = kids(oldDir).get(oldName);
    Inode dst = kids(newDir).get(newName);
    if (dst != null && dst.isDir() && kids(dst).size() != 0) {
      throw ErrnoException.of(Errno.ENOTEMPTY, "%s is not empty", newName);
    }
    if (dst != null) {
      if (dst.isDir()) {
        rmdir(newDir, newName);
      } else {
        unlink(newDir, newName);
      }
    }
    kids(oldDir).remove(oldName);
    kids(newDir).put(newName, src);
    if (src.isDir() && oldDir != newDir) {
      oldDir.setNlink(oldDir.nlink() - 1);
      newDir.setNlink(newDir.nlink() + 1);
    }
    src.touchChanged();
    oldDir.touchModified();
    newDir.touchModified();
  }

}
