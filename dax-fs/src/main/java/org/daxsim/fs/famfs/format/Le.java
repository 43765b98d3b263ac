package org.daxsim.fs.famfs.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32;
import org.daxsim.core.LittleEndian;

/** Little-endian field access, CRC32 and C-string helpers; callers guarantee the bounds. */
final class Le {
  private Le() {}

  static void putU64(byte[] b, int off, long v) {
    LittleEndian.putLong(b, off, v);
  }

  static long getU64(byte[] b, int off) {
    return LittleEndian.getLong(b, off);
  }

  static void putU32(byte[] b, int off, int v) {
    LittleEndian.putInt(b, off, v);
  }

  static int getU32(byte[] b, int off) {
    return LittleEndian.getInt(b, off);
  }

  /** A libuuid uuid_t: the 16 bytes of the text form, most significant first. */
  static void putUuid(byte[] b, int off, UUID u) {
    long hi = u.getMostSignificantBits();
    long lo = u.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (hi >>> (56 - 8 * i));
      b[off + 8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
  }

  static UUID getUuid(byte[] b, int off) {
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (b[off + i] & 0xff);
      lo = (lo << 8) | (b[off + 8 + i] & 0xff);
    }
    return new UUID(hi, lo);
  }

  /** zlib crc32(0, b + off, len), zero-extended. */
  static long crc32(byte[] b, int off, int len) {
    CRC32 c = new CRC32();
    c.update(b, off, len);
    return c.getValue();
  }

  /** The UTF-8 bytes of {@code s} for a char[size] field: at most size-1 bytes, no NUL. */
  static byte[] cstring(String s, int size, String what) throws FormatException {
    if (s.indexOf('\0') >= 0) {
      throw new FormatException(FormatException.Reason.PATH, what + " contains NUL");
    }
    byte[] bytes;
    try {
      ByteBuffer bb = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(s));
      bytes = new byte[bb.remaining()];
      bb.get(bytes);
    } catch (CharacterCodingException e) {
      throw new FormatException(FormatException.Reason.PATH, what + " is not encodable as UTF-8");
    }
    if (bytes.length >= size) {
      throw new FormatException(FormatException.Reason.NAME_TOO_LONG,
          what + " is " + bytes.length + " bytes; the field holds " + (size - 1));
    }
    return bytes;
  }

  /** Reads a NUL-terminated strict UTF-8 string from char[size] at off. */
  static String getCstring(byte[] b, int off, int size, String what) throws FormatException {
    int n = 0;
    int high = 0;
    while (n < size && b[off + n] != 0) {
      high |= b[off + n];
      n++;
    }
    if (n == size) {
      throw new FormatException(FormatException.Reason.PATH, what + " is not NUL-terminated");
    }
    if (high >= 0) { // all ASCII: strict UTF-8 decodes it to the same chars, and cannot fail
      return new String(b, off, n, StandardCharsets.US_ASCII);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, n)).toString();
    } catch (CharacterCodingException e) {
      throw new FormatException(FormatException.Reason.PATH, what + " is not valid UTF-8");
    }
  }

  /** Throws TRUNCATED unless b[off, off+len) exists. */
  static void need(byte[] b, int off, int len, String what) throws FormatException {
    if (b == null) {
      throw new FormatException(FormatException.Reason.TRUNCATED, what + ": null buffer");
    }
    if (off < 0 || off > b.length || b.length - off < len) {
      throw new FormatException(FormatException.Reason.TRUNCATED, String.format(
          "%s needs %d bytes at offset %d of a %d-byte buffer", what, len, off, b.length));
    }
  }
}
