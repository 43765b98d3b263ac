package org.daxsim.fs.famfs;

import org.daxsim.core.dax.DaxDevice;

/**
 * struct famfs_fs_info (fs/famfs/famfs_internal.h): one mount's options, its dax device and
 * the {@code deverror} flag that a memory failure or device removal raises for good.
 */
final class FamfsFsInfo {
  final int mode;
  final long devt;
  final String rootdev;
  volatile DaxDevice daxDev;
  /** Any memory error or removal shuts the mount down (2026 standalone policy). */
  volatile boolean deverror;
  /**
   * Regular files with a map, unlinked ones included (they may still be mapped), so that a
   * removal can zap their user mappings. A file is added once, when its map is attached
   * ({@link FamfsFile#attach} refuses a second map), and never removed, so an append-only
   * array holds the same elements as a set, without hashing or a node per file of a large
   * log replay.
   */
  final Files files = new Files();

  /** An append-only list; iteration sees the files added before it began. */
  static final class Files implements Iterable<FamfsFile> {
    private FamfsFile[] all = new FamfsFile[16];
    private int count;

    synchronized void add(FamfsFile f) {
      if (count == all.length) {
        all = java.util.Arrays.copyOf(all, count * 2); // the old array stays intact for readers
      }
      all[count++] = f;
    }

    @Override
    public java.util.Iterator<FamfsFile> iterator() {
      FamfsFile[] a;
      int n;
      synchronized (this) {
        a = all;
        n = count;
      }
      return java.util.Arrays.asList(a).subList(0, n).iterator(); // slots below n never change
    }
  }

  FamfsFsInfo(int mode, long devt, String rootdev) {
    this.mode = mode;
    this.devt = devt;
    this.rootdev = rootdev;
  }
}
