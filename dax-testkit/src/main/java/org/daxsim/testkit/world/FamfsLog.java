package org.daxsim.testkit.world;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;
import org.daxsim.core.ErrnoException;

/**
 * An independent reader of the famfs on-media format (famfs.md 2.3-2.5), straight from the
 * byte offsets of the reference, sharing no code with dax-fs's codecs: the superblock, the log
 * header and the valid entries, with their CRCs recomputed here.
 */
final class FamfsLog {
  static final long SB_MAGIC = 0x87b282ffL;
  static final long VERSION = 48;
  static final long MIB2 = 0x200000L;
  static final long LOG_MAGIC = 0xbadcafef00dL;
  static final int HEADER = 48;
  static final int ENTRY = 544;
  static final int FILE = 0;
  static final int MKDIR = 1;
  static final int ADD_DAXDEV = 3;

  /** The superblock fields the invariants use. */
  record Super(long magic, long version, long logOffset, long logLen, long allocUnit,
      UUID systemUuid, long storedCrc, long crc) {}

  /** The log header. */
  record Header(long magic, long len, long lastIndex, long storedCrc, long crc, long nextSeqnum,
      long nextIndex) {}

  /** A simple extent (or a strip): {@code len} bytes at device offset {@code offset}. */
  record Ext(long devIndex, long offset, long len) {}

  /** One log entry; payload fields that do not apply to its type are 0/empty. */
  record Entry(long index, long seqnum, int type, long storedCrc, long crc, long size, int mode,
      int uid, int gid, String path, int extType, List<Ext> extents, long nstrips, long chunk,
      int ddIndex, UUID ddUuid) {}

  private FamfsLog() {}

  static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  static long crc(byte[] b, int off, int len) {
    CRC32 c = new CRC32();
    c.update(b, off, len);
    return c.getValue();
  }

  static Super superblock(DeviceBytes dev) throws ErrnoException {
    byte[] b = dev.read(0, 200);
    ByteBuffer r = le(b);
    ByteBuffer be = ByteBuffer.wrap(b); // uuid_t: the text form's bytes, most significant first
    return new Super(r.getLong(0), r.getLong(8), r.getLong(16), r.getLong(24), r.getLong(32),
        new UUID(be.getLong(80), be.getLong(88)), r.getLong(96), crc(b, 0, 96));
  }

  static Header header(DeviceBytes dev, long logOffset) throws ErrnoException {
    byte[] b = dev.read(logOffset, HEADER);
    ByteBuffer r = le(b);
    return new Header(r.getLong(0), r.getLong(8), r.getLong(16), r.getLong(24), crc(b, 0, 24),
        r.getLong(32), r.getLong(40));
  }

  /** Entries 0..count-1 as stored (validity is for the caller to judge). */
  static List<Entry> entries(DeviceBytes dev, long logOffset, long count) throws ErrnoException {
    List<Entry> out = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      byte[] b = dev.read(logOffset + HEADER + i * ENTRY, ENTRY);
      out.add(entry(i, b));
    }
    return out;
  }

  private static Entry entry(long index, byte[] b) {
    ByteBuffer r = le(b);
    long seq = r.getLong(0);
    int type = r.getInt(8);
    long stored = r.getLong(536);
    long crc = crc(b, 0, 536);
    int p = 16;
    switch (type) {
      case FILE -> {
        int f = p + 104;
        int extType = r.getInt(f);
        int n = r.getInt(f + 8);
        List<Ext> ext = new ArrayList<>();
        long nstrips = 0;
        long chunk = 0;
        if (extType == 0) {
          for (int i = 0; i < Math.min(n, 16); i++) {
            ext.add(ext(r, f + 16 + 24 * i));
          }
        } else {
          nstrips = r.getLong(f + 16);
          chunk = r.getLong(f + 24);
          for (int i = 0; i < Math.min(nstrips, 16); i++) {
            ext.add(ext(r, f + 32 + 24 * i));
          }
        }
        return new Entry(index, seq, type, stored, crc, r.getLong(p), r.getInt(p + 20),
            r.getInt(p + 12), r.getInt(p + 16), cstring(b, p + 24, 80), extType,
            List.copyOf(ext), nstrips, chunk, 0, null);
      }
      case MKDIR -> {
        return new Entry(index, seq, type, stored, crc, 0, r.getInt(p + 8), r.getInt(p),
            r.getInt(p + 4), cstring(b, p + 12, 80), 0, List.of(), 0, 0, 0, null);
      }
      case ADD_DAXDEV -> {
        ByteBuffer be = ByteBuffer.wrap(b);
        return new Entry(index, seq, type, stored, crc, r.getLong(p), 0, 0, 0, "", 0, List.of(),
            0, 0, r.getInt(p + 24), new UUID(be.getLong(p + 8), be.getLong(p + 16)));
      }
      default -> {
        return new Entry(index, seq, type, stored, crc, 0, 0, 0, 0, "", 0, List.of(), 0, 0, 0,
            null);
      }
    }
  }

  private static Ext ext(ByteBuffer r, int at) {
    return new Ext(r.getLong(at), r.getLong(at + 8), r.getLong(at + 16));
  }

  private static String cstring(byte[] b, int off, int max) {
    int n = 0;
    while (n < max && b[off + n] != 0) {
      n++;
    }
    return new String(b, off, n, StandardCharsets.UTF_8);
  }
}
