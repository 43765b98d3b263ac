package org.daxsim.fs.famfs.format;

import java.util.Objects;
import java.util.UUID;

/**
 * An ADD_DAXDEV log entry: {@code struct famfs_log_add_daxdev} (famfs_meta.h, OMF 2.2), keyed by
 * the device UUID; {@code ddIndex} is the raw u32.
 */
public record AddDaxdevEntry(long seqnum, long ddSize, UUID ddUuid, int ddIndex)
    implements LogEntry {

  /** Null check for {@code famfs_log_add_daxdev}'s dd_uuid. */
  public AddDaxdevEntry {
    Objects.requireNonNull(ddUuid, "ddUuid");
  }

  /** {@code FAMFS_LOG_ADD_DAXDEV}. */
  @Override
  public int type() {
    return ADD_DAXDEV;
  }
}
