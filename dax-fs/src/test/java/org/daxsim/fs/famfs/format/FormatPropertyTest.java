package org.daxsim.fs.famfs.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/**
 * Properties of the famfs on-media codecs: round trips, single-bit corruption is always detected
 * in CRC-covered bytes, and no byte string makes a decoder throw anything but FormatException.
 */
class FormatPropertyTest {
  static final int TRIES = 300;
  static final long MIB = 1024 * 1024;

  // ---------------------------------------------------------------- generators

  static final Gen<Long> ANY_LONG = Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE);
  static final Gen<Integer> ANY_INT = Gen.ints(Integer.MIN_VALUE, Integer.MAX_VALUE);
  static final Gen<UUID> UUIDS = src -> new UUID(src.draw(ANY_LONG), src.draw(ANY_LONG));
  /** Code points of 1 to 4 UTF-8 bytes, none of them NUL. */
  static final Gen<Integer> CODE_POINTS = Gen.oneOf(Gen.ints(1, 0x7f), Gen.ints(0x80, 0x7ff),
      Gen.ints(0xe000, 0xffff), Gen.ints(0x10000, 0x10ffff));

  /** Strings of at most maxBytes UTF-8 bytes, without NUL. */
  static Gen<String> strings(int maxBytes) {
    return src -> {
      StringBuilder sb = new StringBuilder();
      int bytes = 0;
      for (Integer cp : src.draw(Gen.lists(CODE_POINTS, 0, maxBytes))) {
        int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (bytes + n <= maxBytes) {
          sb.appendCodePoint(cp);
          bytes += n;
        }
      }
      return sb.toString();
    };
  }

  static final Gen<Superblock> SUPERBLOCKS = src -> new Superblock(src.draw(ANY_LONG),
      src.draw(ANY_LONG), src.draw(ANY_LONG), src.draw(ANY_LONG), src.draw(ANY_LONG),
      src.draw(ANY_INT), src.draw(ANY_INT), src.draw(UUIDS), src.draw(UUIDS), src.draw(UUIDS),
      src.draw(ANY_LONG), src.draw(ANY_INT), src.draw(ANY_LONG), src.draw(UUIDS),
      src.draw(strings(63)));

  /** Superblocks famfs_check_super accepts: right magic and version, good CRC, a legal unit. */
  static final Gen<Superblock> VALID_SUPERBLOCKS = src -> {
    Superblock r = src.draw(SUPERBLOCKS);
    long au = src.flip() ? FamfsFormat.ALLOC_UNIT : 4096;
    Superblock sb = new Superblock(FamfsFormat.SUPER_MAGIC, FamfsFormat.CURRENT_VERSION,
        r.logOffset(), r.logLen(), au, r.omfMajor(), r.omfMinor(), r.fsUuid(), r.devUuid(),
        r.systemUuid(), 0, r.flags(), r.devSize(), r.ddUuid(), r.devName());
    return sb.withCrc(sb.computeCrc());
  };

  static final Gen<LogHeader> HEADERS = src -> new LogHeader(src.draw(ANY_LONG),
      src.draw(ANY_LONG), src.draw(ANY_LONG), src.draw(ANY_LONG), src.draw(ANY_LONG),
      src.draw(ANY_LONG));

  static final Gen<LogHeader> VALID_HEADERS = src -> {
    int shift = src.chooseInt(23, 40);
    LogHeader f = LogHeader.fresh(1L << shift);
    return new LogHeader(f.magic(), f.len(), f.lastIndex(), f.crc(), src.draw(ANY_LONG),
        src.draw(ANY_LONG));
  };

  static final Gen<SimpleExtent> EXTENTS = src -> new SimpleExtent(src.draw(ANY_LONG),
      src.draw(ANY_LONG), src.draw(ANY_LONG));

  static final Gen<LogFmap> SIMPLE_FMAPS = Gen.lists(EXTENTS, 1, 16).map(LogFmap::simple);
  static final Gen<LogFmap> INTERLEAVED_FMAPS = src -> {
    List<SimpleExtent> strips = src.draw(Gen.lists(EXTENTS, 1, 16));
    return LogFmap.interleaved(
        new InterleavedExtent(strips.size(), src.draw(ANY_LONG), strips));
  };
  static final Gen<LogFmap> FMAPS = Gen.oneOf(SIMPLE_FMAPS, INTERLEAVED_FMAPS);

  static final Gen<LogEntry> FILES = src -> new FileEntry(src.draw(ANY_LONG), src.draw(ANY_LONG),
      src.draw(ANY_INT), src.draw(ANY_INT), src.draw(ANY_INT), src.draw(ANY_INT),
      src.draw(strings(79)), src.draw(FMAPS));
  static final Gen<LogEntry> MKDIRS = src -> new MkdirEntry(src.draw(ANY_LONG), src.draw(ANY_INT),
      src.draw(ANY_INT), src.draw(ANY_INT), src.draw(strings(79)));
  static final Gen<LogEntry> DAXDEVS = src -> new AddDaxdevEntry(src.draw(ANY_LONG),
      src.draw(ANY_LONG), src.draw(UUIDS), src.draw(ANY_INT));
  static final Gen<LogEntry> ENTRIES = Gen.oneOf(FILES, MKDIRS, DAXDEVS);

  /** Random bytes; with {@code zeroBias} most bytes are 0 so that counts and types are small. */
  static Gen<byte[]> bytes(int minLen, int maxLen, double zeroBias) {
    return src -> {
      byte[] b = new byte[src.chooseInt(minLen, maxLen)];
      for (int i = 0; i < b.length; i++) {
        b[i] = src.weighted(zeroBias) ? 0 : (byte) src.chooseInt(0, 255);
      }
      return b;
    };
  }

  static byte[] flip(byte[] b, int bit) {
    byte[] c = b.clone();
    c[bit / 8] ^= (byte) (1 << (bit % 8));
    return c;
  }

  // ---------------------------------------------------------------- round trips

  @Test
  void superblockDecodeInvertsEncode() {
    Property.forAll(SUPERBLOCKS).named("decode(encode(sb)) == sb, 200 bytes").tries(TRIES)
        .checkAssert(sb -> {
          byte[] b = sb.encode();
          assertThat(b).hasSize(FamfsFormat.SUPERBLOCK_BYTES);
          assertThat(Superblock.decode(b)).isEqualTo(sb);
        });
  }

  @Test
  void headerDecodeInvertsEncode() {
    Property.forAll(HEADERS).named("decode(encode(h)) == h, 48 bytes").tries(TRIES)
        .checkAssert(h -> {
          byte[] b = h.encode();
          assertThat(b).hasSize(FamfsFormat.LOG_HEADER_BYTES);
          assertThat(LogHeader.decode(b)).isEqualTo(h);
        });
  }

  @Test
  void entryDecodeInvertsEncodeAtAnyOffset() {
    Property.forAll(ENTRIES, Gen.ints(0, 1200)).named("decode(encode(e), off, seqnum) == e")
        .tries(TRIES).checkAssert((e, off) -> {
          byte[] one = LogEntries.encode(e);
          assertThat(one).hasSize(FamfsFormat.LOG_ENTRY_BYTES);
          assertThat(LogEntries.decode(one, 0, e.seqnum())).isEqualTo(e);
          byte[] big = new byte[off + 544 + 7];
          java.util.Arrays.fill(big, (byte) 0x5a);
          System.arraycopy(one, 0, big, off, 544);
          assertThat(LogEntries.decode(big, off, e.seqnum())).isEqualTo(e);
        });
  }

  @Test
  void fmapDecodeInvertsEncodeAndTotalLengthIsTheSumOfLengths() {
    Property.forAll(FMAPS).named("decode(encode(m)) == m; totalLength = sum of lengths")
        .tries(TRIES).checkAssert(m -> {
          byte[] b = m.encode();
          assertThat(b).hasSize(FamfsFormat.FMAP_BYTES);
          assertThat(LogFmap.decode(b)).isEqualTo(m);
          List<SimpleExtent> all = new ArrayList<>(m.extents());
          m.interleaved().forEach(ie -> all.addAll(ie.strips()));
          long sum = 0;
          for (SimpleExtent e : all) {
            sum += e.length();
          }
          assertThat(m.totalLength()).isEqualTo(sum);
          assertThat(all).hasSizeBetween(1, 16);
        });
  }

  // ---------------------------------------------------------------- corruption detection

  @Test
  void anySingleBitFlipInSuperblockBytes0To95IsDetected() {
    Property.forAll(VALID_SUPERBLOCKS, Gen.ints(0, 96 * 8 - 1))
        .named("checkSuper(flip(sb, bit < 768)) != 0: -1, or 1 for the version field")
        .tries(TRIES).checkAssert((sb, bit) -> {
          byte[] b = sb.encode();
          assertThat(Superblock.checkSuper(b)).isZero();
          int expected = bit >= 64 && bit < 128 ? 1 : -1;
          assertThat(Superblock.checkSuper(flip(b, bit))).isEqualTo(expected);
        });
  }

  @Test
  void anySingleBitFlipInHeaderBytes0To23IsDetected() {
    Property.forAll(VALID_HEADERS, Gen.ints(0, 24 * 8 - 1))
        .named("valid(flip(h, bit < 192)) is false").tries(TRIES).checkAssert((h, bit) -> {
          assertThat(h.valid()).isTrue();
          assertThat(LogHeader.decode(flip(h.encode(), bit)).valid()).isFalse();
        });
  }

  @Test
  void anySingleBitFlipInAnEntryIsDetected() {
    Property.forAll(ENTRIES, Gen.ints(0, 544 * 8 - 1))
        .named("decode(flip(e, bit)) throws SEQNUM for bits 0..63, else CRC").tries(TRIES)
        .checkAssert((e, bit) -> {
          byte[] b = flip(LogEntries.encode(e), bit);
          FormatException.Reason expected = bit < 64
              ? FormatException.Reason.SEQNUM : FormatException.Reason.CRC;
          assertThat(FormatLayoutTest.reason(() -> LogEntries.decode(b, 0, e.seqnum())))
              .isEqualTo(expected);
        });
  }

  // ---------------------------------------------------------------- robustness

  /** Puts boundary values (around the legal ranges) into the fmap's type and count fields. */
  static void smallFmapFields(org.daxsim.prop.Source src, byte[] b, int off) {
    int type = src.chooseInt(0, 2);
    FormatLayoutTest.putU32(b, off, type);
    int count = type == LogFmap.INTERLEAVE && src.weighted(0.8) ? 1 : src.chooseInt(0, 18);
    FormatLayoutTest.putU32(b, off + 8, count);
    long nstrips = src.flip() ? src.chooseInt(0, 2) : src.chooseInt(15, 18);
    FormatLayoutTest.putU64(b, off + 16, nstrips);
  }

  interface Decoder {
    Object decode() throws FormatException;
  }

  /** Runs a decoder: a value or a FormatException passes; anything else fails the property. */
  static Object valueOrFormatException(Decoder d) {
    try {
      return d.decode();
    } catch (FormatException e) {
      assertThat(e.reason()).isNotNull();
      return null;
    }
  }

  @Test
  void randomByteStringsNeverCrashADecoder() {
    Property.forAll(bytes(0, 1000, 0.5), Gen.ints(-3, 1003), ANY_LONG)
        .named("every decoder gives a value or FormatException").tries(TRIES)
        .checkAssert((b, off, seq) -> {
          valueOrFormatException(() -> Superblock.decode(b));
          assertThat(Superblock.checkSuper(b)).isIn(-1, 0, 1);
          valueOrFormatException(() -> LogHeader.decode(b));
          valueOrFormatException(() -> LogFmap.decode(b));
          valueOrFormatException(() -> LogFmap.decode(b, off));
          valueOrFormatException(() -> LogEntries.decode(b, off, seq));
          valueOrFormatException(() -> LogEntries.decode(b, 0, seq));
          if (b.length >= 8) {
            long own = FormatLayoutTest.u64(b, 0);
            valueOrFormatException(() -> LogEntries.decode(b, own));
          }
        });
  }

  @Test
  void randomEntriesWithAValidCrcDecodeToAValueThatReencodesOrFailCleanly() {
    AtomicInteger values = new AtomicInteger();
    Gen<byte[]> blocks = src -> {
      byte[] b = src.draw(bytes(544, 544, 0.8));
      if (src.weighted(0.8)) {
        b[8] = (byte) src.chooseInt(0, 5); // mostly known types
        b[9] = b[10] = b[11] = 0;
      }
      if (src.weighted(0.7)) {
        smallFmapFields(src, b, 120); // fm_fmap at entry offset 120
      }
      FormatLayoutTest.fixEntryCrc(b);
      return b;
    };
    Property.forAll(blocks).named("CRC-valid random entries: value (re-encodes to an equal "
        + "value) or TYPE/PATH/FMAP").tries(TRIES).checkAssert(b -> {
          long seq = FormatLayoutTest.u64(b, 0);
          LogEntry e;
          try {
            e = LogEntries.decode(b, 0, seq);
          } catch (FormatException ex) {
            assertThat(ex.reason()).isIn(FormatException.Reason.TYPE,
                FormatException.Reason.PATH, FormatException.Reason.FMAP);
            return;
          }
          values.incrementAndGet();
          assertThat(e.type()).isEqualTo(FormatLayoutTest.u32(b, 8));
          assertThat(LogEntries.decode(LogEntries.encode(e), 0, seq)).isEqualTo(e);
        });
    assertThat(values.get()).as("some random entries decode to a value").isPositive();
  }

  @Test
  void randomSuperblocksAndFmapsDecodeToAValueThatReencodesOrFailCleanly() {
    AtomicInteger values = new AtomicInteger();
    Gen<byte[]> blocks = src -> {
      byte[] b = src.draw(bytes(416, 416, 0.85));
      if (src.weighted(0.7)) {
        smallFmapFields(src, b, 0);
      }
      return b;
    };
    Property.forAll(blocks).named("random 416/200-byte blocks: value or "
        + "FormatException; values re-encode to an equal value").tries(TRIES).checkAssert(b -> {
          Object m = valueOrFormatException(() -> LogFmap.decode(b));
          if (m != null) {
            values.incrementAndGet();
            assertThat(LogFmap.decode(((LogFmap) m).encode())).isEqualTo(m);
          }
          Object sb = valueOrFormatException(() -> Superblock.decode(b));
          if (sb != null) {
            values.incrementAndGet();
            assertThat(Superblock.decode(((Superblock) sb).encode())).isEqualTo(sb);
          }
        });
    assertThat(values.get()).isPositive();
  }
}
