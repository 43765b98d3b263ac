package org.daxsim.fs.vfs;

import org.daxsim.core.ErrnoException;

/** struct file_system_type (include/linux/fs.h): a file system that can be mounted. */
public interface FileSystemType {
  /** The name shown in /proc/filesystems, e.g. "ramfs" or "famfs". */
  String name();

  /**
   * fs_context_operations->get_tree: fills a fresh super block (at least {@link
   * SuperBlock#setRoot}) from {@code source} and {@code data}; throwing aborts the mount.
   */
  void fillSuper(SuperBlock sb, String source, String data) throws ErrnoException;

  /** kill_sb: the last unmount of {@code sb}; frees what fillSuper allocated. */
  default void killSuper(SuperBlock sb) {}
}
