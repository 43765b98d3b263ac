package org.daxsim.fs.famfs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.daxsim.core.Errno;
import org.daxsim.fs.dax.DaxEntries;
import org.daxsim.fs.dax.DaxInode;
import org.daxsim.fs.vfs.Inode;

/**
 * A famfs regular file's kernel state (inode->i_private plus S_DAX): the map user space
 * attached, the sticky "bad map" flag, and the per-file DAX entries. Publication of the map
 * takes the inode lock (this object); readers see it through a volatile read.
 */
final class FamfsFile implements DaxInode {
  final Inode inode;
  final FamfsFsInfo fsi;
  /** i_pages, made on the first fault (most files of a large log are never faulted). */
  private volatile DaxEntries entries;
  private final FamfsFileOps ops;
  /** famfs_file_vm_ops bound to this file, made on the first mmap; see {@link #vmOps()}. */
  private volatile FamfsVmOps vmOps;
  private volatile FamfsMap map;
  /** meta->error: set once i_size was seen to differ from the map's size. */
  private volatile boolean error;

  FamfsFile(Inode inode, FamfsFsInfo fsi, FamfsFileOps ops) {
    this.inode = inode;
    this.fsi = fsi;
    this.ops = ops;
  }

  /** The file's vm operations: one instance for the file's life (the first to publish wins). */
  FamfsVmOps vmOps() {
    FamfsVmOps v = vmOps;
    if (v == null) {
      v = new FamfsVmOps(this, ops);
      FamfsVmOps won = (FamfsVmOps) VM_OPS.compareAndExchange(this, null, v);
      if (won != null) {
        v = won;
      }
    }
    return v;
  }

  FamfsMap map() {
    return map;
  }

  /** IS_DAX(inode): set together with the map. */
  boolean isDax() {
    return map != null;
  }

  /**
   * Publishes {@code m} and i_size = file_size, sets S_DAX; -EEXIST if a map is attached
   * (inode_lock + the i_private check of famfs_file_init_dax).
   */
  synchronized int attach(FamfsMap m) {
    if (map != null) {
      return Errno.EEXIST.neg();
    }
    inode.setSize(m.fileSize());
    map = m;
    fsi.files.add(this);
    return 0;
  }

  /**
   * famfs_file_invalid(): 0, -EIO (no map, or a map already flagged bad), or -ENXIO when i_size
   * no longer equals the map's size (which flags the map bad for good).
   */
  int invalid() {
    FamfsMap m = map;
    if (m == null || error) {
      return Errno.EIO.neg();
    }
    if (inode.size() != m.fileSize()) {
      error = true;
      return Errno.ENXIO.neg();
    }
    return 0;
  }

  @Override
  public long size() {
    return inode.size();
  }

  @Override
  public DaxEntries entries() {
    DaxEntries e = entries;
    if (e == null) { // one table for the file's life: the first to publish wins
      e = new DaxEntries();
      DaxEntries won = (DaxEntries) ENTRIES.compareAndExchange(this, null, e);
      if (won != null) {
        e = won;
      }
    }
    return e;
  }

  private static final VarHandle ENTRIES;
  private static final VarHandle VM_OPS;

  static {
    try {
      ENTRIES = MethodHandles.lookup().findVarHandle(FamfsFile.class, "entries",
          DaxEntries.class);
      VM_OPS = MethodHandles.lookup().findVarHandle(FamfsFile.class, "vmOps", FamfsVmOps.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public String toString() {
    return "famfs:" + inode.ino();
  }
}
