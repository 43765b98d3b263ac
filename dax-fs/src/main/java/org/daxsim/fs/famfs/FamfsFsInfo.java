package org.daxsim.fs.famfs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
   * removal can zap their user mappings.
   */
  final Set<FamfsFile> files = ConcurrentHashMap.newKeySet();

  FamfsFsInfo(int mode, long devt, String rootdev) {
    this.mode = mode;
    this.devt = devt;
    this.rootdev = rootdev;
  }
}
