package org.daxsim.fs.famfs.format;

/**
 * A decoded {@code struct famfs_log_entry} (famfs_meta.h, famfs.md 2.4): one 544-byte log slot
 * of type FILE, MKDIR or ADD_DAXDEV. Encoded and decoded by {@link LogEntries}.
 */
public sealed interface LogEntry permits FileEntry, MkdirEntry, AddDaxdevEntry {
  /** {@code FAMFS_LOG_FILE}. */
  int FILE = 0;
  /** {@code FAMFS_LOG_MKDIR}. */
  int MKDIR = 1;
  /** {@code FAMFS_LOG_DELETE} (defined upstream, never written or played). */
  int DELETE = 2;
  /** {@code FAMFS_LOG_ADD_DAXDEV} (OMF 2.2, version 48). */
  int ADD_DAXDEV = 3;
  /** {@code FAMFS_LOG_INVALID}. */
  int INVALID = 4;

  /** {@code famfs_log_entry_seqnum}: equal to the entry's slot index. */
  long seqnum();

  /** {@code famfs_log_entry_type} of this entry. */
  int type();
}
