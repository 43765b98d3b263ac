package org.daxsim.fs.famfs.format;

import java.util.Objects;

/** A MKDIR log entry: {@code struct famfs_log_mkdir} (famfs_meta.h); uid/gid/mode raw u32 bits. */
public record MkdirEntry(long seqnum, int uid, int gid, int mode, String relpath)
    implements LogEntry {

  /** Null check for {@code famfs_log_mkdir}'s md_relpath. */
  public MkdirEntry {
    Objects.requireNonNull(relpath, "relpath");
  }

  /** {@code FAMFS_LOG_MKDIR}. */
  @Override
  public int type() {
    return MKDIR;
  }
}
