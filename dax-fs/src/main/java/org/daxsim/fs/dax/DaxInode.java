package org.daxsim.fs.dax;

/** What fs/dax.c needs from a struct inode: i_size and the DAX entries of i_pages. */
public interface DaxInode {
  /** i_size_read(). */
  long size();

  /** inode->i_mapping->i_pages, the per-file DAX entries. */
  DaxEntries entries();
}
