package org.daxsim.fs.famfs.format;

import static org.daxsim.fs.famfs.format.FamfsFormat.LOG_ENTRY_BYTES;
import static org.daxsim.fs.famfs.format.FamfsFormat.MAX_PATHLEN;

/**
 * Codec of the 544-byte {@code struct famfs_log_entry} (famfs_meta.h, famfs.md 2.4): seqnum u64
 * @0, type u32 @8, pad @12, union payload @16 (520 bytes, zero beyond the used member), crc @536
 * = CRC32 of bytes 0..535. Padding is covered by the CRC but not otherwise checked (as upstream).
 */
public final class LogEntries {
  static final int OFF_SEQNUM = 0;
  static final int OFF_TYPE = 8;
  static final int OFF_PAYLOAD = 16;
  static final int OFF_CRC = 536;
  /** famfs_log_file_meta: fm_size, fm_flags, fm_uid, fm_gid, fm_mode, fm_relpath, fm_fmap. */
  static final int FM_SIZE = OFF_PAYLOAD;
  static final int FM_FLAGS = OFF_PAYLOAD + 8;
  static final int FM_UID = OFF_PAYLOAD + 12;
  static final int FM_GID = OFF_PAYLOAD + 16;
  static final int FM_MODE = OFF_PAYLOAD + 20;
  static final int FM_RELPATH = OFF_PAYLOAD + 24;
  static final int FM_FMAP = OFF_PAYLOAD + 104;
  /** famfs_log_mkdir: md_uid, md_gid, md_mode, md_relpath. */
  static final int MD_UID = OFF_PAYLOAD;
  static final int MD_GID = OFF_PAYLOAD + 4;
  static final int MD_MODE = OFF_PAYLOAD + 8;
  static final int MD_RELPATH = OFF_PAYLOAD + 12;
  /** famfs_log_add_daxdev: dd_size, dd_uuid, dd_index. */
  static final int DD_SIZE = OFF_PAYLOAD;
  static final int DD_UUID = OFF_PAYLOAD + 8;
  static final int DD_INDEX = OFF_PAYLOAD + 24;

  private LogEntries() {}

  /**
   * Serialises a {@code struct famfs_log_entry} as {@code famfs_append_log} (famfs_lib.c) writes
   * it, CRC included; a path of 80+ UTF-8 bytes gives NAME_TOO_LONG (ENAMETOOLONG), one with a
   * NUL or unpaired surrogate gives PATH (EINVAL).
   */
  public static byte[] encode(LogEntry e) throws FormatException {
    byte[] b = new byte[LOG_ENTRY_BYTES];
    Le.putU64(b, OFF_SEQNUM, e.seqnum());
    Le.putU32(b, OFF_TYPE, e.type());
    if (e instanceof FileEntry f) {
      byte[] path = Le.cstring(f.relpath(), MAX_PATHLEN, "fm_relpath");
      Le.putU64(b, FM_SIZE, f.size());
      Le.putU32(b, FM_FLAGS, f.flags());
      Le.putU32(b, FM_UID, f.uid());
      Le.putU32(b, FM_GID, f.gid());
      Le.putU32(b, FM_MODE, f.mode());
      System.arraycopy(path, 0, b, FM_RELPATH, path.length);
      f.fmap().encodeTo(b, FM_FMAP);
    } else if (e instanceof MkdirEntry m) {
      byte[] path = Le.cstring(m.relpath(), MAX_PATHLEN, "md_relpath");
      Le.putU32(b, MD_UID, m.uid());
      Le.putU32(b, MD_GID, m.gid());
      Le.putU32(b, MD_MODE, m.mode());
      System.arraycopy(path, 0, b, MD_RELPATH, path.length);
    } else if (e instanceof AddDaxdevEntry d) {
      Le.putU64(b, DD_SIZE, d.ddSize());
      Le.putUuid(b, DD_UUID, d.ddUuid());
      Le.putU32(b, DD_INDEX, d.ddIndex());
    }
    Le.putU64(b, OFF_CRC, computeCrc(b, 0));
    return b;
  }

  /** {@code famfs_gen_log_entry_crc} (famfs_lib.c): CRC32 of b[off, off+536); caller checks bounds. */
  static long computeCrc(byte[] b, int off) {
    return Le.crc32(b, off, OFF_CRC);
  }

  /**
   * {@code famfs_validate_log_entry} plus the payload parse of {@code __famfs_logplay}
   * (famfs_lib.c) for b[off, off+544): SEQNUM, CRC, TYPE, PATH and FMAP failures in that order.
   */
  public static LogEntry decode(byte[] b, int off, long expectedSeqnum) throws FormatException {
    Le.need(b, off, LOG_ENTRY_BYTES, "famfs_log_entry");
    long seqnum = Le.getU64(b, off + OFF_SEQNUM);
    if (seqnum != expectedSeqnum) {
      throw new FormatException(FormatException.Reason.SEQNUM, "bad seqnum; expect "
          + Long.toUnsignedString(expectedSeqnum) + " found " + Long.toUnsignedString(seqnum));
    }
    if (Le.getU64(b, off + OFF_CRC) != computeCrc(b, off)) {
      throw new FormatException(FormatException.Reason.CRC,
          "bad crc at log index " + Long.toUnsignedString(seqnum));
    }
    int type = Le.getU32(b, off + OFF_TYPE);
    switch (type) {
      case LogEntry.FILE: {
        String path = Le.getCstring(b, off + FM_RELPATH, MAX_PATHLEN, "fm_relpath");
        LogFmap fmap = LogFmap.decode(b, off + FM_FMAP);
        return new FileEntry(seqnum, Le.getU64(b, off + FM_SIZE), Le.getU32(b, off + FM_FLAGS),
            Le.getU32(b, off + FM_UID), Le.getU32(b, off + FM_GID), Le.getU32(b, off + FM_MODE),
            path, fmap);
      }
      case LogEntry.MKDIR: {
        String path = Le.getCstring(b, off + MD_RELPATH, MAX_PATHLEN, "md_relpath");
        return new MkdirEntry(seqnum, Le.getU32(b, off + MD_UID), Le.getU32(b, off + MD_GID),
            Le.getU32(b, off + MD_MODE), path);
      }
      case LogEntry.ADD_DAXDEV:
        return new AddDaxdevEntry(seqnum, Le.getU64(b, off + DD_SIZE),
            Le.getUuid(b, off + DD_UUID), Le.getU32(b, off + DD_INDEX));
      default:
        throw new FormatException(FormatException.Reason.TYPE,
            "log entry type " + Integer.toUnsignedString(type) + " at index "
            + Long.toUnsignedString(seqnum));
    }
  }

  /** {@link #decode(byte[], int, long)} of a whole 544-byte entry array. */
  public static LogEntry decode(byte[] b, long expectedSeqnum) throws FormatException {
    return decode(b, 0, expectedSeqnum);
  }
}
