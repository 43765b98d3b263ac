package org.daxsim.fs.vfs;

/**
 * struct mount (fs/mount.h): a super block grafted at a mountpoint of a parent mount. Guarded
 * by the VFS namespace lock (namespace_sem).
 */
final class Mount {
  final SuperBlock sb;
  final Mount parent;
  final Inode mountpoint;
  final String path;
  /** The source string given to mount(2) ("none", "/dev/dax0.0", ...). */
  final String source;
  /** Open files on this mount (the mnt_count references umount's busy check sees). */
  int openFiles;

  Mount(SuperBlock sb, Mount parent, Inode mountpoint, String path, String source) {
    this.source = source;
    this.sb = sb;
    this.parent = parent;
    this.mountpoint = mountpoint;
    this.path = path;
  }

  Inode root() {
    return sb.root();
  }

  @Override
  public String toString() {
    return sb.type().name() + " on " + path;
  }
}
