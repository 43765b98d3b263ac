package org.daxsim.fs.famfs.format;

/** Constants of the famfs on-media format (user space {@code famfs_meta.h}, famfs.md 2.1). */
public final class FamfsFormat {
  /** {@code FAMFS_SUPER_MAGIC}: superblock magic at device offset 0. */
  public static final long SUPER_MAGIC = 0x87b282ffL;
  /** {@code FAMFS_CURRENT_VERSION}: the exact superblock version accepted. */
  public static final long CURRENT_VERSION = 48;
  /** {@code FAMFS_LOG_OFFSET}: the log starts right after the 2 MiB superblock. */
  public static final long LOG_OFFSET = 0x200000L;
  /** {@code FAMFS_SUPERBLOCK_SIZE}: size of the superblock meta file. */
  public static final long SUPERBLOCK_LEN = 0x200000L;
  /** {@code FAMFS_LOG_LEN}: default log length. */
  public static final long DEFAULT_LOG_LEN = 0x800000L;
  /** Minimum log length (equal to the default). */
  public static final long MIN_LOG_LEN = DEFAULT_LOG_LEN;
  /** {@code FAMFS_ALLOC_UNIT}: allocation unit written by mkfs. */
  public static final long ALLOC_UNIT = 0x200000L;
  /** {@code FAMFS_OMF_VER_MAJOR}. */
  public static final int OMF_MAJOR = 2;
  /** {@code FAMFS_OMF_VER_MINOR}. */
  public static final int OMF_MINOR = 2;
  /** {@code FAMFS_LOG_MAGIC}. */
  public static final long LOG_MAGIC = 0xbadcafef00dL;
  /** {@code sizeof(struct famfs_superblock)} on x86_64. */
  public static final int SUPERBLOCK_BYTES = 200;
  /** {@code offsetof(struct famfs_log, entries)}. */
  public static final int LOG_HEADER_BYTES = 48;
  /** {@code sizeof(struct famfs_log_entry)}. */
  public static final int LOG_ENTRY_BYTES = 544;
  /** {@code sizeof(struct famfs_log_fmap)}. */
  public static final int FMAP_BYTES = 416;
  /** {@code FAMFS_MAX_PATHLEN}: size of a relpath field, NUL included. */
  public static final int MAX_PATHLEN = 80;
  /** {@code FAMFS_MAX_SIMPLE_EXTENTS}. */
  public static final int MAX_SIMPLE_EXTENTS = 16;
  /** {@code FAMFS_MAX_NSTRIPS}: strips per interleaved extent. */
  public static final int MAX_STRIPS = 16;
  /** {@code FAMFS_DEVNAME_LEN}: size of the superblock's device-name field, NUL included. */
  public static final int DEVNAME_LEN = 64;
  /** {@code FAMFS_FM_ALL_HOSTS_RO}. */
  public static final int FILE_FLAG_ALL_HOSTS_RO = 1;
  /** {@code FAMFS_FM_ALL_HOSTS_RW}: the flag every logged file carries. */
  public static final int FILE_FLAG_ALL_HOSTS_RW = 2;
  /** Superblock alloc unit also accepted by {@code famfs_check_super}. */
  public static final long ALT_ALLOC_UNIT = 4096;

  private FamfsFormat() {}

  /** {@code famfs_log.famfs_log_last_index} as mkfs computes it: floor((logLen-48)/544)-1. */
  public static long lastIndex(long logLen) {
    return Math.floorDiv(logLen - LOG_HEADER_BYTES, LOG_ENTRY_BYTES) - 1;
  }

  /** The log-length rule of {@code famfs_mkfs}: a power of two of at least 8 MiB. */
  public static boolean validLogLen(long logLen) {
    return logLen >= MIN_LOG_LEN && Long.bitCount(logLen) == 1;
  }

  /** Byte offset inside the log of {@code famfs_log.entries[index]}. */
  public static long entryOffset(long index) {
    return LOG_HEADER_BYTES + index * LOG_ENTRY_BYTES;
  }
}
