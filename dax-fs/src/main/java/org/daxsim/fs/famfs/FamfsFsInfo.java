package org.daxsim.fs.famfs;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
   * ({@link FamfsFile#attach} refuses a second map), and never removed, so a queue holds the
   * same elements as a set without hashing every file of a large log replay.
   */
  final Queue<FamfsFile> files = new ConcurrentLinkedQueue<>();

  FamfsFsInfo(int mode, long devt, String rootdev) {
    this.mode = mode;
    this.devt = devt;
    this.rootdev = rootdev;
  }
}
