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

  /** The (mount, root) position, kept for path walks that start at or cross into this mount. */
  private Namei.Pos rootPos;

  /** (this, root()): one immutable record reused while the root stays the same. */
  Namei.Pos rootPos() {
    Namei.Pos p = rootPos; // a benign race: records have final fields
    Inode r = sb.root();
    if (p == null || p.inode() != r) {
      p = new Namei.Pos(this, r);
      rootPos = p;
    }
    return p;
  }

  @Override
  public String toString() {
    return sb.type().name() + " on " + path;
  }
}
