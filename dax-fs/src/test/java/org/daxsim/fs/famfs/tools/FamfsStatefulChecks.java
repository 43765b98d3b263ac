package org.daxsim.fs.famfs.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.famfs.tools.FamfsStatefulModel.AU;
import static org.daxsim.fs.famfs.tools.FamfsStatefulModel.LOG_LEN;
import static org.daxsim.fs.famfs.tools.FamfsStatefulModel.LOG_OFFSET;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.InterleavedExtent;
import org.daxsim.fs.famfs.format.LogEntries;
import org.daxsim.fs.famfs.format.LogEntry;
import org.daxsim.fs.famfs.format.LogFmap;
import org.daxsim.fs.famfs.format.LogHeader;
import org.daxsim.fs.famfs.format.MkdirEntry;
import org.daxsim.fs.famfs.format.SimpleExtent;
import org.daxsim.fs.famfs.format.Superblock;
import org.daxsim.fs.famfs.tools.FamfsStatefulModel.Entry;
import org.daxsim.fs.famfs.tools.FamfsStatefulModel.Node;
import org.daxsim.fs.famfs.tools.FamfsStatefulPropertyTest.Sys;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.SimpleDir;
import org.daxsim.fs.vfs.Stat;

/**
 * The invariant of {@link FamfsStatefulPropertyTest}, checked after every step: the device's
 * superblock and log (read physically, decoded with the format codecs) against the model's
 * expected entries, the bitmap an fsck rebuilds from the log against the model's bitmap, the
 * namespace under the mount against the model's, and every file's contents (through read(2)
 * and at the device offsets the model computes) against the pattern written at creation.
 */
final class FamfsStatefulChecks {
  /** famfs.md 2.4 / 8 inv. 4: floor((8 MiB - 48) / 544) - 1. */
  static final long LAST_INDEX_8M = 15419;
  static final int HEADER = 48;
  static final int ENTRY = 544;
  /** Bytes of the pattern probed at the start, the middle and the end of a file. */
  static final int SPOT = 32;

  private FamfsStatefulChecks() {}

  static void check(Sys sys, FamfsStatefulModel m) throws Exception {
    if (!m.ready()) {
      return;
    }
    superblockAndLog(sys, m);
    fsckEquivalent(sys, m);
    fsck(sys, m);
    namespace(sys, m);
    contents(sys, m);
  }

  /** Inv. 1, 4, 5, 6, 7, 9, 10, 34: the on-device metadata is what the model expects. */
  static void superblockAndLog(Sys sys, FamfsStatefulModel m) throws Exception {
    byte[] sbb = sys.h.devBytes(sys.d, 0, 200);
    assertThat(Superblock.checkSuper(sbb)).as("superblock valid").isZero();
    Superblock sb = Superblock.decode(sbb);
    assertThat(sb.logOffset()).isEqualTo(LOG_OFFSET);
    assertThat(sb.logLen()).isEqualTo(LOG_LEN);
    assertThat(sb.allocUnit()).isEqualTo(AU);
    assertThat(sb.devSize()).isEqualTo(m.devSize);
    LogHeader h = LogHeader.decode(sys.h.devBytes(sys.d, LOG_OFFSET, HEADER));
    assertThat(h.valid()).as("log header at 2 MiB valid").isTrue();
    assertThat(h.len()).isEqualTo(LOG_LEN);
    assertThat(h.lastIndex()).isEqualTo(LAST_INDEX_8M);
    assertThat(h.nextIndex()).as("next_index = successful entries").isEqualTo(m.log.size());
    assertThat(h.nextSeqnum()).isEqualTo(h.nextIndex());
    for (int i = 0; i < m.log.size(); i++) {
      LogEntry e = LogEntries.decode(
          sys.h.devBytes(sys.d, LOG_OFFSET + HEADER + (long) ENTRY * i, ENTRY), i);
      entry(m, i, e, m.log.get(i));
    }
    // the slot after the last entry was never written
    byte[] next = sys.h.devBytes(sys.d, LOG_OFFSET + HEADER + (long) ENTRY * m.log.size(), ENTRY);
    assertThat(next).as("slot %d unused", m.log.size()).containsOnly((byte) 0);
  }

  static void entry(FamfsStatefulModel m, int i, LogEntry e, Entry want) {
    Node n = want.node();
    String what = "log entry " + i + " (" + want.path() + ")";
    if (n.dir) {
      assertThat(e).as(what).isInstanceOf(MkdirEntry.class);
      MkdirEntry d = (MkdirEntry) e;
      assertThat(d.relpath()).as(what).isEqualTo(want.path());
      assertThat(d.mode()).as(what).isEqualTo(n.mode);
      assertThat(new int[] {d.uid(), d.gid()}).as(what).containsExactly(n.uid, n.gid);
      return;
    }
    assertThat(e).as(what).isInstanceOf(FileEntry.class);
    FileEntry f = (FileEntry) e;
    assertThat(f.seqnum()).isEqualTo(i);
    assertThat(f.relpath()).as(what).isEqualTo(want.path());
    assertThat(f.size()).as(what).isEqualTo(n.size).isPositive();
    assertThat(f.mode()).as(what).isEqualTo(n.mode);
    assertThat(new int[] {f.uid(), f.gid()}).as(what).containsExactly(n.uid, n.gid);
    List<SimpleExtent> ext;
    if (n.chunk == 0) {
      assertThat(f.fmap().extType()).as(what).isEqualTo(LogFmap.SIMPLE);
      ext = f.fmap().extents();
      assertThat(ext).as(what).hasSize(1);
    } else {
      assertThat(f.fmap().extType()).as(what).isEqualTo(LogFmap.INTERLEAVE);
      assertThat(f.fmap().interleaved()).as(what).hasSize(1);
      InterleavedExtent ie = f.fmap().interleaved().get(0);
      assertThat(ie.chunkSize()).as(what).isEqualTo(n.chunk);
      ext = ie.strips();
    }
    assertThat(ext).as(what).hasSize(n.strips.length);
    long sum = 0;
    for (int k = 0; k < ext.size(); k++) {
      SimpleExtent x = ext.get(k);
      assertThat(x.offset()).as("%s extent %d offset", what, k).isEqualTo(n.strips[k]);
      assertThat(x.length()).as("%s extent %d length (inv. 10)", what, k).isEqualTo(n.stripLen);
      assertThat(x.offset() % AU).isZero();
      assertThat(x.offset()).as("%s: data after the log (inv. 1)", what)
          .isGreaterThanOrEqualTo(LOG_OFFSET + LOG_LEN);
      assertThat(x.offset() + x.length()).as("%s inside the device", what)
          .isLessThanOrEqualTo(m.devSize);
      sum += x.length();
    }
    assertThat(sum).as(what).isGreaterThanOrEqualTo(f.size());
  }

  /**
   * Inv. 11, 12: the bitmap rebuilt from the log as fsck does it (bad entries skipped and
   * counted) has no collisions and equals the model's bitmap; allocated bytes agree.
   */
  static void fsckEquivalent(Sys sys, FamfsStatefulModel m) throws Exception {
    try (Meta meta = Meta.ofMount(sys.h.env(), FamfsStatefulPropertyTest.MPT, false)) {
      long[] bad = {0};
      List<LogEntry> entries = LockedLog.readEntries(meta, meta.header(), bad);
      assertThat(bad[0]).as("bad log entries").isZero();
      assertThat(entries).hasSize(m.log.size());
      Allocator a = Allocator.fromLog(m.devSize, LOG_LEN, entries);
      assertThat(a.collisions).as("allocation collisions").isZero();
      assertThat(a.nbits).isEqualTo(m.nbits);
      assertThat(a.bits).as("bitmap rebuilt from the log").isEqualTo(m.bits);
      assertThat(a.allocatedBytes()).isEqualTo(m.allocatedBytes())
          .isEqualTo(m.bits.cardinality() * AU);
    }
  }

  /**
   * Inv. 11, 12 through the real {@code famfs fsck <mpt>}: no collisions (exit 0), and the
   * capacity report and log summary give the model's figures.
   */
  static void fsck(Sys sys, FamfsStatefulModel m) throws Exception {
    ToolResult r = sys.run("famfs", "fsck", FamfsStatefulPropertyTest.MPT);
    assertThat(r.exit()).as("%s", r).isZero();
    long alloc = m.allocatedBytes();
    assertThat(r.stdout().lines().toList()).as("fsck output").contains(
        "  Bitmap capacity:        " + m.nbits * AU,
        "  Sum of file sizes:      " + m.fileSizes(),
        "  Allocated bytes:        " + alloc,
        "  Free space:             " + (m.nbits * AU - alloc),
        "  # of log entries in use: " + m.log.size() + " of " + (LAST_INDEX_8M + 1),
        "  0 bad log entries detected",
        "  " + m.files() + " files",
        "  " + m.dirs() + " directories");
  }

  /** Inv. 23, 24, 34: the tree under the mount is the model's plus the two meta files. */
  static void namespace(Sys sys, FamfsStatefulModel m) throws Exception {
    Map<String, String> want = new TreeMap<>();
    want.put(".meta", "dir 0755 0:0");
    want.put(".meta/.superblock", "file 2097152 0444 0:0");
    want.put(".meta/.log", "file " + LOG_LEN + " 0644 0:0");
    m.ns.forEach((p, n) -> want.put(p, describe(n.dir, n.size, n.mode, n.uid, n.gid)));
    Map<String, String> got = new TreeMap<>();
    walk(sys, FamfsStatefulPropertyTest.MPT, "", got);
    assertThat(got).as("namespace under the mount").isEqualTo(want);
  }

  static String describe(boolean dir, long size, int mode, int uid, int gid) {
    return (dir ? "dir" : "file " + size) + " 0" + Integer.toOctalString(mode) + " " + uid + ":"
        + gid;
  }

  private static void walk(Sys sys, String abs, String rel, Map<String, String> out)
      throws Exception {
    for (String name : SimpleDir.children(sys.h.vfs.kernPath(abs)).keySet()) {
      String p = rel.isEmpty() ? name : rel + "/" + name;
      Stat st = sys.h.root.stat(abs + "/" + name);
      boolean dir = Fcntl.isDir(st.mode());
      assertThat(dir || Fcntl.isReg(st.mode())).as("%s is a dir or a regular file", p).isTrue();
      out.put(p, describe(dir, dir ? 0 : st.size(), st.mode() & 07777, st.uid(), st.gid()));
      if (dir) {
        walk(sys, abs + "/" + name, p, out);
      }
    }
  }

  /** The byte of file {@code id}'s pattern at file offset {@code off}. */
  static byte pattern(int id, long off) {
    return (byte) (id * 37 + off * 13 + (off >>> 8) + 1);
  }

  static long[] spots(long size) {
    return new long[] {0, size / 2, Math.max(0, size - SPOT)};
  }

  /**
   * Writes the pattern at the start, middle and end of a new file with pwrite(2), each write
   * 16 bytes longer than the spot: a write past EOF is truncated there, one at EOF writes
   * nothing and no write changes the size (inv. 19).
   */
  static void writePattern(Process p, String abs, Node n) throws Exception {
    int fd = p.open(abs, Fcntl.O_RDWR);
    try {
      for (long off : spots(n.size)) {
        byte[] b = new byte[SPOT + 16];
        for (int i = 0; i < b.length; i++) {
          b[i] = pattern(n.id, off + i);
        }
        assertThat(p.pwrite(fd, b, 0, b.length, off)).as("pwrite at %d", off)
            .isEqualTo((int) Math.min(b.length, n.size - off));
      }
      assertThat(p.pwrite(fd, new byte[8], 0, 8, n.size)).as("pwrite at EOF").isZero();
      assertThat(p.fstat(fd).size()).isEqualTo(n.size);
    } finally {
      p.close(fd);
    }
  }

  /**
   * Inv. 16, 17, 19, 24: every file reads back its pattern through read(2), at EOF reads 0,
   * and the pattern sits at the device offsets the model computes from its own placement.
   */
  static void contents(Sys sys, FamfsStatefulModel m) throws Exception {
    Process p = sys.h.root;
    for (Map.Entry<String, Node> e : m.ns.entrySet()) {
      Node n = e.getValue();
      if (n.dir) {
        continue;
      }
      int fd = p.open(FamfsStatefulPropertyTest.MPT + "/" + e.getKey(), Fcntl.O_RDONLY);
      try {
        for (long off : spots(n.size)) {
          int len = (int) Math.min(SPOT, n.size - off);
          byte[] want = new byte[len];
          byte[] dev = new byte[len];
          for (int i = 0; i < len; i++) {
            want[i] = pattern(n.id, off + i);
            dev[i] = sys.h.devBytes(sys.d, n.devOffset(off + i), 1)[0];
          }
          byte[] got = new byte[len];
          assertThat(p.pread(fd, got, 0, len, off)).isEqualTo(len);
          assertThat(got).as("%s read(2) at %d", e.getKey(), off).isEqualTo(want);
          assertThat(dev).as("%s device bytes at file offset %d", e.getKey(), off)
              .isEqualTo(want);
        }
        assertThat(p.pread(fd, new byte[4], 0, 4, n.size)).as("read at EOF").isZero();
      } finally {
        p.close(fd);
      }
    }
  }
}
