package org.daxsim.fs.famfs.format;

import java.util.Objects;

/**
 * A FILE log entry: {@code struct famfs_log_file_meta} (famfs_meta.h). {@code size} is the exact
 * file size; {@code flags} normally {@link FamfsFormat#FILE_FLAG_ALL_HOSTS_RW}; uid/gid/mode are
 * the raw u32 bits; {@code relpath} is relative to the mount point.
 */
public record FileEntry(long seqnum, long size, int flags, int uid, int gid, int mode,
    String relpath, LogFmap fmap) implements LogEntry {

  /** Null checks for {@code famfs_log_file_meta}'s path and fmap. */
  public FileEntry {
    Objects.requireNonNull(relpath, "relpath");
    Objects.requireNonNull(fmap, "fmap");
  }

  /** {@code FAMFS_LOG_FILE}. */
  @Override
  public int type() {
    return FILE;
  }
}
