package org.daxsim.fs.famfs.format;

import static org.daxsim.fs.famfs.format.FamfsFormat.LOG_HEADER_BYTES;
import static org.daxsim.fs.famfs.format.FamfsFormat.LOG_MAGIC;

/**
 * The 48-byte header of {@code struct famfs_log} (famfs_meta.h, famfs.md 2.4) at device offset
 * 2 MiB. Fields hold the raw u64 bits; counters compare unsigned, as in C.
 */
public record LogHeader(long magic, long len, long lastIndex, long crc, long nextSeqnum,
    long nextIndex) {

  static final int OFF_MAGIC = 0;
  static final int OFF_LEN = 8;
  static final int OFF_LAST_INDEX = 16;
  static final int OFF_CRC = 24;
  static final int OFF_NEXT_SEQNUM = 32;
  static final int OFF_NEXT_INDEX = 40;
  /** famfs_log_crc covers magic, len and last_index only (bytes 0..23). */
  static final int CRC_COVERED = OFF_CRC;

  /** The empty log header {@code __famfs_mkfs} (famfs_lib.c) writes for a log of logLen bytes. */
  public static LogHeader fresh(long logLen) {
    LogHeader h = new LogHeader(LOG_MAGIC, logLen, FamfsFormat.lastIndex(logLen), 0, 0, 0);
    return new LogHeader(LOG_MAGIC, logLen, h.lastIndex, h.computeCrc(), 0, 0);
  }

  /** Serialises the {@code struct famfs_log} header to its 48 bytes. */
  public byte[] encode() {
    byte[] b = new byte[LOG_HEADER_BYTES];
    Le.putU64(b, OFF_MAGIC, magic);
    Le.putU64(b, OFF_LEN, len);
    Le.putU64(b, OFF_LAST_INDEX, lastIndex);
    Le.putU64(b, OFF_CRC, crc);
    Le.putU64(b, OFF_NEXT_SEQNUM, nextSeqnum);
    Le.putU64(b, OFF_NEXT_INDEX, nextIndex);
    return b;
  }

  /** Reads the {@code struct famfs_log} header from b[0..47]; structure only (see {@link #valid}). */
  public static LogHeader decode(byte[] b) throws FormatException {
    Le.need(b, 0, LOG_HEADER_BYTES, "famfs_log header");
    return new LogHeader(Le.getU64(b, OFF_MAGIC), Le.getU64(b, OFF_LEN),
        Le.getU64(b, OFF_LAST_INDEX), Le.getU64(b, OFF_CRC), Le.getU64(b, OFF_NEXT_SEQNUM),
        Le.getU64(b, OFF_NEXT_INDEX));
  }

  /** {@code famfs_gen_log_header_crc} (famfs_lib.c): CRC32 of bytes 0..23 (magic, len, last_index). */
  public long computeCrc() {
    return Le.crc32(encode(), 0, CRC_COVERED);
  }

  /** {@code famfs_validate_log_header} (famfs_lib.c): magic is the log magic and the CRC matches. */
  public boolean valid() {
    return magic == LOG_MAGIC && crc == computeCrc();
  }

  /** {@code famfs_log_full} (famfs_lib.c): next_index > last_index (unsigned). */
  public boolean full() {
    return Long.compareUnsigned(nextIndex, lastIndex) > 0;
  }

  /** Free log slots, last_index - next_index + 1 (0 when full), as {@code famfs_fsck} reports. */
  public long freeSlots() {
    return full() ? 0 : lastIndex - nextIndex + 1;
  }

  /** The header after one {@code famfs_append_log} (famfs_lib.c): next_seqnum+1, next_index+1. */
  public LogHeader advanced() {
    return new LogHeader(magic, len, lastIndex, crc, nextSeqnum + 1, nextIndex + 1);
  }
}
