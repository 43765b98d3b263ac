package org.daxsim.fs.famfs.tools;

import static org.daxsim.fs.famfs.format.FamfsFormat.LOG_ENTRY_BYTES;
import static org.daxsim.fs.famfs.format.FamfsFormat.LOG_OFFSET;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.FormatException;
import org.daxsim.fs.famfs.format.LogEntries;
import org.daxsim.fs.famfs.format.LogEntry;
import org.daxsim.fs.famfs.format.LogHeader;
import org.daxsim.fs.famfs.format.Superblock;

/**
 * famfs_init_locked_log() (famfs_lib.c): a master-side session on a mounted famfs. It
 * validates the superblock and the role (only the master appends), maps the log read-write,
 * and appends entries: the entry's bytes first, then {@code next_index}, then {@code
 * next_seqnum}, each header field with one aligned store, so a crash leaves either the old log
 * or the old log plus one whole entry. The allocation bitmap is built from the log on first use.
 */
final class LockedLog implements AutoCloseable {
  final ToolEnv env;
  final String mpt;
  final Meta meta;
  final Superblock sb;
  private LogHeader header;
  private Allocator alloc;

  private LockedLog(ToolEnv env, String mpt, Meta meta, Superblock sb, LogHeader header) {
    this.env = env;
    this.mpt = mpt;
    this.meta = meta;
    this.sb = sb;
    this.header = header;
  }

  /**
   * Opens a session on the famfs mounted at {@code mpt}: EINVAL for a bad superblock or log
   * header, EPERM on a client, ESTALE when another host re-created the file system.
   */
  static LockedLog open(ToolEnv env, String mpt) throws ErrnoException {
    Meta m = Meta.ofMount(env, mpt, true);
    try {
      if (m.checkSuper() != 0) {
        throw ToolError.of(Errno.EINVAL, 1, "%s: invalid famfs superblock", mpt);
      }
      MountRecord.check(env, mpt, m);
      if (Role.of(env, m) != Role.MASTER) {
        throw ToolError.of(Errno.EPERM, 1, "%s: not running on the famfs master node", mpt);
      }
      LogHeader h = m.header();
      if (!h.valid() || h.len() != m.logLen()) {
        throw ToolError.of(Errno.EINVAL, 1, "%s: invalid famfs log header", mpt);
      }
      if (h.nextSeqnum() != h.nextIndex()) {
        // a crash between the two header stores: the index is what was committed
        m.writeLong(LOG_OFFSET + 32, h.nextIndex());
        h = m.header();
      }
      return new LockedLog(env, mpt, m, m.superblock(), h);
    } catch (ErrnoException e) {
      m.close();
      throw e;
    }
  }

  LogHeader header() {
    return header;
  }

  /** The committed entries up to the first bad one (seqnum or CRC). */
  List<LogEntry> entries() throws ErrnoException {
    return readEntries(meta, header, null);
  }

  /**
   * Entries 0..next_index-1; the first bad one ends the list, or with {@code bad} non-null is
   * counted there and skipped (fsck).
   */
  static List<LogEntry> readEntries(Meta m, LogHeader h, long[] bad) throws ErrnoException {
    List<LogEntry> out = new ArrayList<>();
    long n = Math.min(h.nextIndex(), h.lastIndex() + 1);
    for (long i = 0; i < n; i++) {
      byte[] b = m.read(LOG_OFFSET + FamfsFormat.entryOffset(i), LOG_ENTRY_BYTES);
      try {
        out.add(LogEntries.decode(b, i));
      } catch (FormatException e) {
        if (bad == null) {
          break;
        }
        bad[0]++;
      }
    }
    return out;
  }

  /** The bitmap of this session (built from the log once). */
  Allocator allocator() throws ErrnoException {
    if (alloc == null) {
      alloc = Allocator.fromLog(sb.devSize(), sb.logLen(), entries());
    }
    return alloc;
  }

  /** Free log slots. */
  long freeSlots() {
    return header.freeSlots();
  }

  /**
   * famfs_append_log(): ENOSPC when the log is full (upstream: ENOMEM); the entry's seqnum is
   * its slot. Returns the slot.
   */
  long append(LogEntry e) throws ErrnoException {
    if (header.full()) {
      throw ToolError.of(Errno.ENOSPC, 1, "%s: log full", mpt);
    }
    long i = header.nextIndex();
    byte[] b = LogEntries.encode(Entries.withSeqnum(e, i));
    meta.write(LOG_OFFSET + FamfsFormat.entryOffset(i), b);
    meta.writeLong(LOG_OFFSET + 40, i + 1);
    meta.writeLong(LOG_OFFSET + 32, i + 1);
    header = header.advanced();
    return i;
  }

  @Override
  public void close() {
    meta.close();
  }
}
