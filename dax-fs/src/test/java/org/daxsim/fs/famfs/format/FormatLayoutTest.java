package org.daxsim.fs.famfs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;
import org.daxsim.core.Errno;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact layouts of the famfs on-media structures (famfs.md 2.3-2.5): every field is written
 * with a known value and read back at its documented offset with an independent little-endian
 * reader; CRC coverage and {@code famfs_check_super} codes are checked against a direct CRC32.
 */
class FormatLayoutTest {
  static final UUID U1 = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
  static final UUID U2 = UUID.fromString("10213243-5465-7687-98a9-bacbdcedfe0f");
  static final UUID U3 = UUID.fromString("f0e1d2c3-b4a5-9687-7869-5a4b3c2d1e0f");
  static final UUID U4 = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
  static final long MIB = 1024 * 1024;

  static long u64(byte[] b, int off) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(off);
  }

  static int u32(byte[] b, int off) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(off);
  }

  static long crc(byte[] b, int off, int len) {
    CRC32 c = new CRC32();
    c.update(b, off, len);
    return c.getValue();
  }

  static byte[] range(byte[] b, int from, int to) {
    return Arrays.copyOfRange(b, from, to);
  }

  static byte[] hex(String h) {
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  static void putU64(byte[] b, int off, long v) {
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(off, v);
  }

  static void putU32(byte[] b, int off, int v) {
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(off, v);
  }

  static void fixEntryCrc(byte[] b) {
    putU64(b, 536, crc(b, 0, 536));
  }

  static void fixSuperCrc(byte[] b) {
    putU64(b, 96, crc(b, 0, 96));
  }

  // ---------------------------------------------------------------- superblock

  @Test
  void superblockFieldsSitAtTheDocumentedOffsets() {
    Superblock sb = new Superblock(0x1111111111111101L, 0x2222222222222202L, 0x3333333333333303L,
        0x4444444444444404L, 0x5555555555555505L, 0x66666606, 0x77777707, U1, U2, U3,
        0x8888888888888808L, 0x99999909, 0xaaaaaaaaaaaaaa0aL, U4, "/dev/dax0.0");
    byte[] b = sb.encode();
    assertThat(b).hasSize(200);
    assertThat(u64(b, 0)).isEqualTo(0x1111111111111101L);
    assertThat(u64(b, 8)).isEqualTo(0x2222222222222202L);
    assertThat(u64(b, 16)).isEqualTo(0x3333333333333303L);
    assertThat(u64(b, 24)).isEqualTo(0x4444444444444404L);
    assertThat(u64(b, 32)).isEqualTo(0x5555555555555505L);
    assertThat(u32(b, 40)).isEqualTo(0x66666606);
    assertThat(u32(b, 44)).isEqualTo(0x77777707);
    assertThat(range(b, 48, 64)).isEqualTo(hex("00112233445566778899aabbccddeeff"));
    assertThat(range(b, 64, 80)).isEqualTo(hex("102132435465768798a9bacbdcedfe0f"));
    assertThat(range(b, 80, 96)).isEqualTo(hex("f0e1d2c3b4a5968778695a4b3c2d1e0f"));
    assertThat(u64(b, 96)).isEqualTo(0x8888888888888808L);
    assertThat(u32(b, 104)).isEqualTo(0x99999909);
    assertThat(range(b, 108, 112)).as("padding after ts_sb_flags").containsOnly(0);
    assertThat(u64(b, 112)).isEqualTo(0xaaaaaaaaaaaaaa0aL);
    assertThat(range(b, 120, 136)).isEqualTo(hex("0f1e2d3c4b5a69788796a5b4c3d2e1f0"));
    assertThat(range(b, 136, 147)).isEqualTo("/dev/dax0.0".getBytes(StandardCharsets.US_ASCII));
    assertThat(range(b, 147, 200)).as("NUL and zero tail of dd_daxdev").containsOnly(0);
  }

  @Test
  void createWritesMkfsValuesAndTheCrcOfBytes0To95() throws Exception {
    Superblock sb = Superblock.create(16 * MIB, U1, U2, U3, 4096 * MIB, "/dev/dax1.0");
    byte[] b = sb.encode();
    assertThat(u64(b, 0)).isEqualTo(0x87b282ffL);
    assertThat(u64(b, 8)).isEqualTo(48);
    assertThat(u64(b, 16)).isEqualTo(0x200000);
    assertThat(u64(b, 24)).isEqualTo(16 * MIB);
    assertThat(u64(b, 32)).isEqualTo(0x200000);
    assertThat(u32(b, 40)).isEqualTo(2);
    assertThat(u32(b, 44)).isEqualTo(2);
    assertThat(u64(b, 96)).isEqualTo(crc(b, 0, 96)).isBetween(0L, 0xffffffffL);
    assertThat(u32(b, 104)).as("flags untouched by mkfs").isZero();
    assertThat(u64(b, 112)).isEqualTo(4096 * MIB);
    assertThat(range(b, 120, 136)).as("dd_uuid unset").containsOnly(0);
    assertThat(sb.computeCrc()).isEqualTo(crc(b, 0, 96));
    assertThat(Superblock.checkSuper(b)).isZero();
    assertThat(Superblock.decode(b)).isEqualTo(sb);
  }

  @Test
  void superblockCrcExcludesFlagsDevSizeDdUuidAndDevName() {
    Superblock sb = Superblock.create(8 * MIB, U1, U2, U3, 4096 * MIB, "/dev/dax0.0");
    Superblock other = new Superblock(sb.magic(), sb.version(), sb.logOffset(), sb.logLen(),
        sb.allocUnit(), sb.omfMajor(), sb.omfMinor(), sb.fsUuid(), sb.devUuid(),
        sb.systemUuid(), sb.crc(), 3, 123 * MIB, U4, "/dev/somethingelse9.9");
    assertThat(other.computeCrc()).isEqualTo(sb.computeCrc()).isEqualTo(sb.crc());
    assertThat(Superblock.checkSuper(other.encode())).isZero();
    // ... whereas every covered field changes it
    Superblock moved = new Superblock(sb.magic(), sb.version(), sb.logOffset(), 16 * MIB,
        sb.allocUnit(), sb.omfMajor(), sb.omfMinor(), sb.fsUuid(), sb.devUuid(),
        sb.systemUuid(), sb.crc(), 0, sb.devSize(), sb.ddUuid(), sb.devName());
    assertThat(moved.computeCrc()).isNotEqualTo(sb.crc());
    Superblock host = new Superblock(sb.magic(), sb.version(), sb.logOffset(), sb.logLen(),
        sb.allocUnit(), sb.omfMajor(), sb.omfMinor(), sb.fsUuid(), sb.devUuid(), U4,
        sb.crc(), 0, sb.devSize(), sb.ddUuid(), sb.devName());
    assertThat(host.computeCrc()).isNotEqualTo(sb.crc());
  }

  @Test
  void checkSuperReturnsFamfsCheckSuperCodesInOrder() {
    byte[] good = Superblock.create(8 * MIB, U1, U2, U3, 4096 * MIB, "/dev/dax0.0").encode();
    assertThat(Superblock.checkSuper(good)).isZero();
    assertThat(Superblock.checkSuper(null)).as("null").isEqualTo(-1);
    assertThat(Superblock.checkSuper(Arrays.copyOf(good, 199))).as("short").isEqualTo(-1);

    byte[] magic = good.clone();
    putU64(magic, 0, 0x87b282feL);
    assertThat(Superblock.checkSuper(magic)).as("bad magic").isEqualTo(-1);
    putU64(magic, 8, 47);
    assertThat(Superblock.checkSuper(magic)).as("magic is checked before version").isEqualTo(-1);

    byte[] version = good.clone();
    putU64(version, 8, 47);
    assertThat(Superblock.checkSuper(version)).as("v47, stale crc").isEqualTo(1);
    fixSuperCrc(version);
    assertThat(Superblock.checkSuper(version)).as("v47, good crc").isEqualTo(1);
    putU64(version, 8, 49);
    putU64(version, 32, 8192);
    assertThat(Superblock.checkSuper(version)).as("version before crc and au").isEqualTo(1);

    byte[] badCrc = good.clone();
    badCrc[96] ^= 1;
    assertThat(Superblock.checkSuper(badCrc)).as("bad crc").isEqualTo(-1);
    byte[] highCrc = good.clone();
    highCrc[100] = 1;
    assertThat(Superblock.checkSuper(highCrc)).as("crc high half must be zero").isEqualTo(-1);

    byte[] au = good.clone();
    putU64(au, 32, 8192);
    fixSuperCrc(au);
    assertThat(Superblock.checkSuper(au)).as("alloc unit 8192").isEqualTo(-1);
    putU64(au, 32, 4096);
    fixSuperCrc(au);
    assertThat(Superblock.checkSuper(au)).as("alloc unit 4096").isZero();
    putU64(au, 32, 0);
    fixSuperCrc(au);
    assertThat(Superblock.checkSuper(au)).as("alloc unit 0").isEqualTo(-1);
  }

  @Test
  void superblockDecodeRejectsShortInputAndUnterminatedDevName() {
    byte[] good = Superblock.create(8 * MIB, U1, U2, U3, 4096 * MIB, "x").encode();
    assertThatThrownBy(() -> Superblock.decode(null)).isInstanceOfSatisfying(
        FormatException.class, e -> assertThat(e.reason()).isEqualTo(FormatException.Reason.TRUNCATED));
    assertThatThrownBy(() -> Superblock.decode(Arrays.copyOf(good, 199))).isInstanceOfSatisfying(
        FormatException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    byte[] name = good.clone();
    Arrays.fill(name, 136, 200, (byte) 'a');
    assertThatThrownBy(() -> Superblock.decode(name)).isInstanceOfSatisfying(
        FormatException.class, e -> assertThat(e.reason()).isEqualTo(FormatException.Reason.PATH));
    name[199] = 0;
    assertThat(Superblock.checkSuper(name)).as("dd_daxdev is not checked").isZero();
    assertThat(assertDecodes(name).devName()).isEqualTo("a".repeat(63));
  }

  static Superblock assertDecodes(byte[] b) {
    try {
      return Superblock.decode(b);
    } catch (FormatException e) {
      throw new AssertionError(e);
    }
  }

  // ---------------------------------------------------------------- log header

  @Test
  void lastIndexAndSlotCounts() {
    assertThat(FamfsFormat.lastIndex(8 * MIB)).isEqualTo(15419);
    assertThat(FamfsFormat.lastIndex(16 * MIB)).isEqualTo(30839);
    assertThat(FamfsFormat.lastIndex(256 * MIB)).isEqualTo(493446);
    assertThat(LogHeader.fresh(8 * MIB).freeSlots()).isEqualTo(15420);
    assertThat(LogHeader.fresh(16 * MIB).freeSlots()).isEqualTo(30840);
    assertThat(LogHeader.fresh(256 * MIB).freeSlots()).isEqualTo(493447);
    for (long len : new long[] {8 * MIB, 16 * MIB, 256 * MIB}) {
      long last = FamfsFormat.lastIndex(len);
      assertThat(FamfsFormat.entryOffset(last) + 544).as("last slot fits").isLessThanOrEqualTo(len);
      assertThat(FamfsFormat.entryOffset(last + 1) + 544).as("one more does not").isGreaterThan(len);
    }
    assertThat(FamfsFormat.entryOffset(0)).isEqualTo(48);
    assertThat(FamfsFormat.entryOffset(2)).isEqualTo(48 + 2 * 544);
  }

  @Test
  void validLogLenIsAPowerOfTwoOfAtLeast8MiB() {
    assertThat(FamfsFormat.validLogLen(8 * MIB)).isTrue();
    assertThat(FamfsFormat.validLogLen(16 * MIB)).isTrue();
    assertThat(FamfsFormat.validLogLen(1L << 40)).isTrue();
    assertThat(FamfsFormat.validLogLen(4 * MIB)).isFalse();
    assertThat(FamfsFormat.validLogLen(12 * MIB)).isFalse();
    assertThat(FamfsFormat.validLogLen(8 * MIB + 1)).isFalse();
    assertThat(FamfsFormat.validLogLen(0)).isFalse();
    assertThat(FamfsFormat.validLogLen(Long.MIN_VALUE)).isFalse();
  }

  @Test
  void logHeaderFieldsSitAtTheDocumentedOffsets() throws Exception {
    LogHeader h = new LogHeader(0x0102030405060708L, 0x1112131415161718L, 0x2122232425262728L,
        0x3132333435363738L, 0x4142434445464748L, 0x5152535455565758L);
    byte[] b = h.encode();
    assertThat(b).hasSize(48);
    assertThat(u64(b, 0)).isEqualTo(0x0102030405060708L);
    assertThat(u64(b, 8)).isEqualTo(0x1112131415161718L);
    assertThat(u64(b, 16)).isEqualTo(0x2122232425262728L);
    assertThat(u64(b, 24)).isEqualTo(0x3132333435363738L);
    assertThat(u64(b, 32)).isEqualTo(0x4142434445464748L);
    assertThat(u64(b, 40)).isEqualTo(0x5152535455565758L);
    assertThat(LogHeader.decode(b)).isEqualTo(h);
    assertThatThrownBy(() -> LogHeader.decode(new byte[47])).isInstanceOf(FormatException.class);
  }

  @Test
  void headerCrcCoversOnlyMagicLenAndLastIndex() {
    LogHeader h = LogHeader.fresh(8 * MIB);
    byte[] b = h.encode();
    assertThat(u64(b, 0)).isEqualTo(0xbadcafef00dL);
    assertThat(u64(b, 8)).isEqualTo(8 * MIB);
    assertThat(u64(b, 16)).isEqualTo(15419);
    assertThat(u64(b, 24)).isEqualTo(crc(b, 0, 24));
    assertThat(u64(b, 32)).isZero();
    assertThat(u64(b, 40)).isZero();
    assertThat(h.valid()).isTrue();

    LogHeader moved = new LogHeader(h.magic(), h.len(), h.lastIndex(), h.crc(), 77, 12345);
    assertThat(moved.computeCrc()).as("next_* are outside the crc").isEqualTo(h.crc());
    assertThat(moved.valid()).isTrue();
    assertThat(h.advanced().advanced()).isEqualTo(
        new LogHeader(h.magic(), h.len(), h.lastIndex(), h.crc(), 2, 2));
    assertThat(h.advanced().valid()).isTrue();

    assertThat(new LogHeader(h.magic(), 16 * MIB, h.lastIndex(), h.crc(), 0, 0).valid()).isFalse();
    assertThat(new LogHeader(h.magic(), h.len(), 15418, h.crc(), 0, 0).valid()).isFalse();
    assertThat(new LogHeader(h.magic() ^ 1, h.len(), h.lastIndex(), h.crc(), 0, 0).valid()).isFalse();
    assertThat(new LogHeader(h.magic(), h.len(), h.lastIndex(), h.crc() | (1L << 32), 0, 0).valid())
        .isFalse();
  }

  @Test
  void fullWhenNextIndexPassesLastIndex() {
    LogHeader h = LogHeader.fresh(8 * MIB);
    LogHeader oneLeft = new LogHeader(h.magic(), h.len(), h.lastIndex(), h.crc(), 15419, 15419);
    assertThat(oneLeft.full()).isFalse();
    assertThat(oneLeft.freeSlots()).isEqualTo(1);
    LogHeader full = oneLeft.advanced();
    assertThat(full.nextIndex()).isEqualTo(15420);
    assertThat(full.full()).isTrue();
    assertThat(full.freeSlots()).isZero();
    assertThat(h.full()).isFalse();
  }

  // ---------------------------------------------------------------- entries and fmap

  static final SimpleExtent E0 = new SimpleExtent(0x0a0b0c0d01020304L, 0x1a1b1c1d11121314L,
      0x2a2b2c2d21222324L);
  static final SimpleExtent E1 = new SimpleExtent(0, 12 * MIB, 4 * MIB);

  @Test
  void fileEntryFieldsSitAtTheDocumentedOffsets() throws Exception {
    FileEntry e = new FileEntry(0x0102030405060708L, 0x1112131415161718L, 2, 0x31323334,
        0x41424344, 0x51525354, "dir/file", LogFmap.simple(List.of(E0, E1)));
    byte[] b = LogEntries.encode(e);
    assertThat(b).hasSize(544);
    assertThat(u64(b, 0)).isEqualTo(0x0102030405060708L);
    assertThat(u32(b, 8)).as("FAMFS_LOG_FILE").isZero();
    assertThat(range(b, 12, 16)).containsOnly(0);
    assertThat(u64(b, 16)).isEqualTo(0x1112131415161718L);
    assertThat(u32(b, 24)).isEqualTo(2);
    assertThat(u32(b, 28)).isEqualTo(0x31323334);
    assertThat(u32(b, 32)).isEqualTo(0x41424344);
    assertThat(u32(b, 36)).isEqualTo(0x51525354);
    assertThat(range(b, 40, 49)).isEqualTo("dir/file\0".getBytes(StandardCharsets.US_ASCII));
    assertThat(range(b, 49, 120)).containsOnly(0);
    assertThat(u32(b, 120)).as("ext_type SIMPLE").isZero();
    assertThat(u32(b, 124)).isZero();
    assertThat(u32(b, 128)).as("nextents").isEqualTo(2);
    assertThat(u64(b, 136)).isEqualTo(0x0a0b0c0d01020304L);
    assertThat(u64(b, 144)).isEqualTo(0x1a1b1c1d11121314L);
    assertThat(u64(b, 152)).isEqualTo(0x2a2b2c2d21222324L);
    assertThat(u64(b, 160)).isZero();
    assertThat(u64(b, 168)).isEqualTo(12 * MIB);
    assertThat(u64(b, 176)).isEqualTo(4 * MIB);
    assertThat(range(b, 184, 536)).containsOnly(0);
    assertThat(u64(b, 536)).isEqualTo(crc(b, 0, 536));
    assertThat(LogEntries.decode(b, 0, 0x0102030405060708L)).isEqualTo(e);
  }

  @Test
  void interleavedFmapFieldsSitAtTheDocumentedOffsets() throws Exception {
    SimpleExtent s0 = new SimpleExtent(0, 10 * MIB, 8 * MIB);
    SimpleExtent s1 = new SimpleExtent(0, 1024 * MIB, 8 * MIB);
    SimpleExtent s2 = new SimpleExtent(1, 2048 * MIB, 8 * MIB);
    LogFmap fmap = LogFmap.interleaved(new InterleavedExtent(3, 2 * MIB, List.of(s0, s1, s2)));
    assertThat(fmap.totalLength()).isEqualTo(24 * MIB);
    byte[] m = fmap.encode();
    assertThat(m).hasSize(416);
    assertThat(u32(m, 0)).isEqualTo(1);
    assertThat(u32(m, 8)).as("niext").isEqualTo(1);
    assertThat(u64(m, 16)).as("nstrips").isEqualTo(3);
    assertThat(u64(m, 24)).as("chunk_size").isEqualTo(2 * MIB);
    assertThat(u64(m, 32 + 48)).isEqualTo(1);
    assertThat(u64(m, 32 + 48 + 8)).isEqualTo(2048 * MIB);
    assertThat(u64(m, 32 + 48 + 16)).isEqualTo(8 * MIB);
    assertThat(u64(m, 32 + 8)).isEqualTo(10 * MIB);
    assertThat(u64(m, 32 + 24 + 8)).isEqualTo(1024 * MIB);
    assertThat(range(m, 32 + 72, 416)).containsOnly(0);
    assertThat(LogFmap.decode(m)).isEqualTo(fmap);

    FileEntry e = new FileEntry(5, 20 * MIB, 2, 0, 0, 0644, "f", fmap);
    byte[] b = LogEntries.encode(e);
    assertThat(range(b, 120, 536)).as("fm_fmap at entry offset 120").isEqualTo(m);
    assertThat(LogEntries.decode(b, 0, 5)).isEqualTo(e);
  }

  @Test
  void mkdirAndAddDaxdevPayloadOffsets() throws Exception {
    MkdirEntry md = new MkdirEntry(7, 0x01020304, 0x11121314, 0x21222324, "a/b");
    byte[] b = LogEntries.encode(md);
    assertThat(u64(b, 0)).isEqualTo(7);
    assertThat(u32(b, 8)).isEqualTo(1);
    assertThat(u32(b, 16)).isEqualTo(0x01020304);
    assertThat(u32(b, 20)).isEqualTo(0x11121314);
    assertThat(u32(b, 24)).isEqualTo(0x21222324);
    assertThat(range(b, 28, 32)).isEqualTo("a/b\0".getBytes(StandardCharsets.US_ASCII));
    assertThat(range(b, 32, 536)).containsOnly(0);
    assertThat(u64(b, 536)).isEqualTo(crc(b, 0, 536));
    assertThat(LogEntries.decode(b, 0, 7)).isEqualTo(md);

    AddDaxdevEntry dd = new AddDaxdevEntry(8, 0x0102030405060708L, U1, 0x31323334);
    byte[] d = LogEntries.encode(dd);
    assertThat(u32(d, 8)).isEqualTo(3);
    assertThat(u64(d, 16)).isEqualTo(0x0102030405060708L);
    assertThat(range(d, 24, 40)).isEqualTo(hex("00112233445566778899aabbccddeeff"));
    assertThat(u32(d, 40)).isEqualTo(0x31323334);
    assertThat(range(d, 44, 536)).containsOnly(0);
    assertThat(u64(d, 536)).isEqualTo(crc(d, 0, 536));
    assertThat(LogEntries.decode(d, 0, 8)).isEqualTo(dd);
  }

  @Test
  void entriesDecodeAtTheirSlotOffsetsInALogImage() throws Exception {
    byte[] log = new byte[(int) FamfsFormat.entryOffset(3)];
    LogEntry[] es = {new MkdirEntry(0, 0, 0, 0755, "d"),
        new FileEntry(1, 1, 2, 0, 0, 0644, "d/f", LogFmap.simple(List.of(E1))),
        new AddDaxdevEntry(2, 64 * MIB, U2, 1)};
    for (int i = 0; i < 3; i++) {
      System.arraycopy(LogEntries.encode(es[i]), 0, log, 48 + 544 * i, 544);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(LogEntries.decode(log, 48 + 544 * i, i)).isEqualTo(es[i]);
    }
    assertThat(reason(() -> LogEntries.decode(log, 48 + 544 * 1, 2)))
        .isEqualTo(FormatException.Reason.SEQNUM);
    assertThat(reason(() -> LogEntries.decode(log, 48 + 544 * 3 - 543, 2)))
        .isEqualTo(FormatException.Reason.TRUNCATED);
    assertThat(reason(() -> LogEntries.decode(log, -1, 0))).isEqualTo(FormatException.Reason.TRUNCATED);
    assertThat(reason(() -> LogEntries.decode(null, 0, 0))).isEqualTo(FormatException.Reason.TRUNCATED);
  }

  @Test
  void entryCrcCoversPaddingAndTheUnusedUnionTail() throws Exception {
    byte[] good = LogEntries.encode(new MkdirEntry(3, 0, 0, 0755, "dir"));
    for (int off : new int[] {12, 15, 200, 535}) {
      byte[] b = good.clone();
      b[off] = 1;
      FormatException e = catchFormat(() -> LogEntries.decode(b, 0, 3));
      assertThat(e.reason()).as("pad byte %d", off).isEqualTo(FormatException.Reason.CRC);
      assertThat(e.errno()).isEqualTo(Errno.EBADMSG);
    }
    byte[] high = good.clone();
    high[541] = 1;
    assertThat(reason(() -> LogEntries.decode(high, 0, 3))).isEqualTo(FormatException.Reason.CRC);
    // Our choice, as upstream: padding is only protected by the CRC, not checked itself.
    byte[] fixed = good.clone();
    fixed[12] = 1;
    fixEntryCrc(fixed);
    assertThat(LogEntries.decode(fixed, 0, 3)).isEqualTo(new MkdirEntry(3, 0, 0, 0755, "dir"));
  }

  @Test
  void decodeReasonsInOrder() throws Exception {
    byte[] file = LogEntries.encode(
        new FileEntry(0, 1, 2, 0, 0, 0644, "f", LogFmap.simple(List.of(E1))));
    byte[] seqAndCrc = file.clone();
    seqAndCrc[0] = 9;
    assertThat(reason(() -> LogEntries.decode(seqAndCrc, 0, 0))).as("seqnum before crc")
        .isEqualTo(FormatException.Reason.SEQNUM);
    for (int type : new int[] {2, 4, 5, -1}) {
      byte[] b = file.clone();
      putU32(b, 8, type);
      assertThat(reason(() -> LogEntries.decode(b, 0, 0))).as("stale crc, type %d", type)
          .isEqualTo(FormatException.Reason.CRC);
      fixEntryCrc(b);
      FormatException e = catchFormat(() -> LogEntries.decode(b, 0, 0));
      assertThat(e.reason()).as("type %d", type).isEqualTo(FormatException.Reason.TYPE);
      assertThat(e.errno()).isEqualTo(Errno.EINVAL);
    }
    byte[] path = file.clone();
    Arrays.fill(path, 40, 120, (byte) 'p');
    putU32(path, 128, 0); // a bad fmap too: the path is reported first
    fixEntryCrc(path);
    assertThat(reason(() -> LogEntries.decode(path, 0, 0))).isEqualTo(FormatException.Reason.PATH);
    byte[] utf = file.clone();
    utf[40] = (byte) 0xc3; // a lone lead byte
    fixEntryCrc(utf);
    assertThat(reason(() -> LogEntries.decode(utf, 0, 0))).isEqualTo(FormatException.Reason.PATH);
    byte[] mkdir = LogEntries.encode(new MkdirEntry(0, 0, 0, 0755, "d"));
    Arrays.fill(mkdir, 28, 108, (byte) 'q');
    fixEntryCrc(mkdir);
    assertThat(reason(() -> LogEntries.decode(mkdir, 0, 0))).isEqualTo(FormatException.Reason.PATH);
    mkdir[107] = 0;
    fixEntryCrc(mkdir);
    assertThat(((MkdirEntry) LogEntries.decode(mkdir, 0, 0)).relpath()).isEqualTo("q".repeat(79));
  }

  @Test
  void malformedFmapsAreRejected() throws Exception {
    byte[] file = LogEntries.encode(
        new FileEntry(0, 1, 2, 0, 0, 0644, "f", LogFmap.simple(List.of(E1))));
    Object[][] cases = {{128, 0}, {128, 17}, {128, -1}, {120, 2}, {120, -1}};
    for (Object[] c : cases) {
      byte[] b = file.clone();
      putU32(b, (Integer) c[0], (Integer) c[1]);
      fixEntryCrc(b);
      assertThat(reason(() -> LogEntries.decode(b, 0, 0))).as("u32@%s=%s", c[0], c[1])
          .isEqualTo(FormatException.Reason.FMAP);
    }
    byte[] sixteen = file.clone();
    putU32(sixteen, 128, 16);
    fixEntryCrc(sixteen);
    FileEntry f16 = (FileEntry) LogEntries.decode(sixteen, 0, 0);
    assertThat(f16.fmap().extents()).hasSize(16).startsWith(E1);
    assertThat(f16.fmap().extents().get(15)).isEqualTo(new SimpleExtent(0, 0, 0));

    byte[] m = LogFmap.interleaved(new InterleavedExtent(1, 2 * MIB, List.of(E1))).encode();
    long[][] bad = {{8, 0}, {8, 2}, {16, 0}, {16, 17}, {16, -1}};
    for (long[] c : bad) {
      byte[] b = m.clone();
      if (c[0] == 8) {
        putU32(b, 8, (int) c[1]);
      } else {
        putU64(b, 16, c[1]);
      }
      assertThat(reason(() -> LogFmap.decode(b))).as("field %d = %d", c[0], c[1])
          .isEqualTo(FormatException.Reason.FMAP);
    }
    byte[] sixteenStrips = m.clone();
    putU64(sixteenStrips, 16, 16);
    assertThat(LogFmap.decode(sixteenStrips).interleaved().get(0).strips()).hasSize(16);
    assertThat(reason(() -> LogFmap.decode(new byte[415]))).isEqualTo(FormatException.Reason.TRUNCATED);
    assertThat(reason(() -> LogFmap.decode(m, 1))).isEqualTo(FormatException.Reason.TRUNCATED);
  }

  @Test
  void pathsOf80BytesOrMoreAreRejectedNotTruncated() throws Exception {
    LogFmap fm = LogFmap.simple(List.of(E1));
    String p79 = "p".repeat(79);
    FileEntry ok = new FileEntry(0, 1, 2, 0, 0, 0644, p79, fm);
    assertThat(LogEntries.decode(LogEntries.encode(ok), 0, 0)).isEqualTo(ok);
    String multi79 = "\u00e9".repeat(39) + "a"; // 78 + 1 UTF-8 bytes
    MkdirEntry okMulti = new MkdirEntry(0, 0, 0, 0755, multi79);
    assertThat(LogEntries.decode(LogEntries.encode(okMulti), 0, 0)).isEqualTo(okMulti);
    for (LogEntry e : List.<LogEntry>of(new FileEntry(0, 1, 2, 0, 0, 0644, p79 + "q", fm),
        new MkdirEntry(0, 0, 0, 0755, "\u00e9".repeat(40)),
        new MkdirEntry(0, 0, 0, 0755, "x".repeat(500)))) {
      FormatException ex = catchFormat(() -> LogEntries.encode(e));
      assertThat(ex.reason()).isEqualTo(FormatException.Reason.NAME_TOO_LONG);
      assertThat(ex.errno()).isEqualTo(Errno.ENAMETOOLONG);
    }
    assertThat(reason(() -> LogEntries.encode(new MkdirEntry(0, 0, 0, 0, "a\0b"))))
        .isEqualTo(FormatException.Reason.PATH);
    assertThat(reason(() -> LogEntries.encode(new MkdirEntry(0, 0, 0, 0, "a\ud800"))))
        .isEqualTo(FormatException.Reason.PATH);
  }

  @Test
  void recordsRejectImpossibleShapes() {
    assertThatThrownBy(() -> LogFmap.simple(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogFmap.simple(java.util.Collections.nCopies(17, E1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InterleavedExtent(2, 2 * MIB, List.of(E1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogFmap(2, List.of(E1), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Superblock.create(8 * MIB, U1, U2, U3, 0, "d".repeat(64)).encode())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Superblock.create(8 * MIB, U1, U2, U3, 0, "d".repeat(63)).encode()[198])
        .isEqualTo((byte) 'd');
  }

  interface Call {
    Object run() throws FormatException;
  }

  static FormatException catchFormat(Call c) {
    try {
      c.run();
    } catch (FormatException e) {
      return e;
    }
    throw new AssertionError("expected a FormatException");
  }

  static FormatException.Reason reason(Call c) {
    return catchFormat(c).reason();
  }
}
