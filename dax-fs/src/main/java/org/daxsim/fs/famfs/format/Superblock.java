package org.daxsim.fs.famfs.format;

import static org.daxsim.fs.famfs.format.FamfsFormat.ALLOC_UNIT;
import static org.daxsim.fs.famfs.format.FamfsFormat.ALT_ALLOC_UNIT;
import static org.daxsim.fs.famfs.format.FamfsFormat.CURRENT_VERSION;
import static org.daxsim.fs.famfs.format.FamfsFormat.DEVNAME_LEN;
import static org.daxsim.fs.famfs.format.FamfsFormat.SUPERBLOCK_BYTES;
import static org.daxsim.fs.famfs.format.FamfsFormat.SUPER_MAGIC;

import java.util.Objects;
import java.util.UUID;

/**
 * {@code struct famfs_superblock} (famfs_meta.h, famfs.md 2.3): 200 bytes at device offset 0.
 * Integer fields hold the raw u64/u32 bits; {@code crc} is the stored 8-byte value.
 * {@code devName} is the {@code dd_daxdev} char[64] (at most 63 UTF-8 bytes, no NUL).
 */
public record Superblock(long magic, long version, long logOffset, long logLen, long allocUnit,
    int omfMajor, int omfMinor, UUID fsUuid, UUID devUuid, UUID systemUuid, long crc, int flags,
    long devSize, UUID ddUuid, String devName) {

  static final int OFF_MAGIC = 0;
  static final int OFF_VERSION = 8;
  static final int OFF_LOG_OFFSET = 16;
  static final int OFF_LOG_LEN = 24;
  static final int OFF_ALLOC_UNIT = 32;
  static final int OFF_OMF_MAJOR = 40;
  static final int OFF_OMF_MINOR = 44;
  static final int OFF_UUID = 48;
  static final int OFF_DEV_UUID = 64;
  static final int OFF_SYSTEM_UUID = 80;
  static final int OFF_CRC = 96;
  static final int OFF_FLAGS = 104;
  static final int OFF_DD_SIZE = 112;
  static final int OFF_DD_UUID = 120;
  static final int OFF_DD_NAME = 136;
  /** Bytes 0..95 are covered by ts_crc. */
  static final int CRC_COVERED = OFF_CRC;

  /** Null checks for the {@code struct famfs_superblock} UUID and name fields. */
  public Superblock {
    Objects.requireNonNull(fsUuid, "fsUuid");
    Objects.requireNonNull(devUuid, "devUuid");
    Objects.requireNonNull(systemUuid, "systemUuid");
    Objects.requireNonNull(ddUuid, "ddUuid");
    Objects.requireNonNull(devName, "devName");
  }

  /**
   * The superblock {@code __famfs_mkfs} (famfs_lib.c) writes: current version, 2 MiB log offset
   * and alloc unit, OMF 2.2, flags 0, dd_uuid unset (nil), CRC computed. Does not validate logLen.
   */
  public static Superblock create(long logLen, UUID fs, UUID dev, UUID system, long devSize,
      String devName) {
    Superblock sb = new Superblock(SUPER_MAGIC, CURRENT_VERSION, FamfsFormat.LOG_OFFSET, logLen,
        ALLOC_UNIT, FamfsFormat.OMF_MAJOR, FamfsFormat.OMF_MINOR, fs, dev, system, 0, 0, devSize,
        new UUID(0, 0), devName);
    return sb.withCrc(sb.computeCrc());
  }

  /** This superblock with {@code ts_crc} replaced (as {@code famfs_gen_superblock_crc} is stored). */
  public Superblock withCrc(long newCrc) {
    return new Superblock(magic, version, logOffset, logLen, allocUnit, omfMajor, omfMinor, fsUuid,
        devUuid, systemUuid, newCrc, flags, devSize, ddUuid, devName);
  }

  /**
   * Serialises {@code struct famfs_superblock} to its 200 bytes (padding zero).
   *
   * @throws IllegalArgumentException if devName is 64 or more UTF-8 bytes, contains NUL or is
   *     not encodable (the record is built by code, so this is a programming error)
   */
  public byte[] encode() {
    byte[] name;
    try {
      name = Le.cstring(devName, DEVNAME_LEN, "devName");
    } catch (FormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    byte[] b = new byte[SUPERBLOCK_BYTES];
    Le.putU64(b, OFF_MAGIC, magic);
    Le.putU64(b, OFF_VERSION, version);
    Le.putU64(b, OFF_LOG_OFFSET, logOffset);
    Le.putU64(b, OFF_LOG_LEN, logLen);
    Le.putU64(b, OFF_ALLOC_UNIT, allocUnit);
    Le.putU32(b, OFF_OMF_MAJOR, omfMajor);
    Le.putU32(b, OFF_OMF_MINOR, omfMinor);
    Le.putUuid(b, OFF_UUID, fsUuid);
    Le.putUuid(b, OFF_DEV_UUID, devUuid);
    Le.putUuid(b, OFF_SYSTEM_UUID, systemUuid);
    Le.putU64(b, OFF_CRC, crc);
    Le.putU32(b, OFF_FLAGS, flags);
    Le.putU64(b, OFF_DD_SIZE, devSize);
    Le.putUuid(b, OFF_DD_UUID, ddUuid);
    System.arraycopy(name, 0, b, OFF_DD_NAME, name.length);
    return b;
  }

  /** Reads {@code struct famfs_superblock} from b[0..199]; structure only (no magic/CRC check). */
  public static Superblock decode(byte[] b) throws FormatException {
    Le.need(b, 0, SUPERBLOCK_BYTES, "famfs_superblock");
    String name = Le.getCstring(b, OFF_DD_NAME, DEVNAME_LEN, "dd_daxdev");
    return new Superblock(Le.getU64(b, OFF_MAGIC), Le.getU64(b, OFF_VERSION),
        Le.getU64(b, OFF_LOG_OFFSET), Le.getU64(b, OFF_LOG_LEN), Le.getU64(b, OFF_ALLOC_UNIT),
        Le.getU32(b, OFF_OMF_MAJOR), Le.getU32(b, OFF_OMF_MINOR), Le.getUuid(b, OFF_UUID),
        Le.getUuid(b, OFF_DEV_UUID), Le.getUuid(b, OFF_SYSTEM_UUID), Le.getU64(b, OFF_CRC),
        Le.getU32(b, OFF_FLAGS), Le.getU64(b, OFF_DD_SIZE), Le.getUuid(b, OFF_DD_UUID), name);
  }

  /** {@code famfs_gen_superblock_crc} (famfs_lib.c): CRC32 of bytes 0..95 of the encoding. */
  public long computeCrc() {
    return Le.crc32(encode(), 0, CRC_COVERED);
  }

  /**
   * {@code famfs_check_super} (famfs_lib.c): -1 for null (or shorter than 200 bytes) or a bad
   * magic, 1 for a version other than the current one, -1 for a CRC mismatch or an alloc unit
   * other than 4096 or 2 MiB, else 0 — checked in that order on the raw bytes.
   */
  public static int checkSuper(byte[] b) {
    if (b == null || b.length < SUPERBLOCK_BYTES) {
      return -1;
    }
    if (Le.getU64(b, OFF_MAGIC) != SUPER_MAGIC) {
      return -1;
    }
    if (Le.getU64(b, OFF_VERSION) != CURRENT_VERSION) {
      return 1;
    }
    if (Le.getU64(b, OFF_CRC) != Le.crc32(b, 0, CRC_COVERED)) {
      return -1;
    }
    long au = Le.getU64(b, OFF_ALLOC_UNIT);
    if (au != ALT_ALLOC_UNIT && au != ALLOC_UNIT) {
      return -1;
    }
    return 0;
  }

  /** {@code famfs_check_super} applied to this superblock's encoding. */
  public int check() {
    return checkSuper(encode());
  }
}
