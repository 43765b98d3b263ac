package org.daxsim.testkit.world;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.daxsim.bus.DevDax;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Vfs;
import org.daxsim.sim.Host;
import org.daxsim.testkit.world.FamfsLog.Entry;
import org.daxsim.testkit.world.FamfsLog.Ext;
import org.daxsim.testkit.world.FamfsLog.Header;
import org.daxsim.testkit.world.FamfsLog.Super;

/**
 * The famfs invariants of famfs.md section 8 that a mounted file system's state shows, read
 * from the raw device bytes with {@link FamfsLog}: 1-5 (layout, superblock, log header,
 * entries), 6 (next_index within the log), 9-11 (file entries, allocated lengths, the bitmap
 * rebuilt from the log), 31 (one mount per device), 35 (ADD_DAXDEV entries); the mounted
 * namespace is checked by {@link FamfsNamespace}.
 */
final class FamfsChecks {
  private static final String F = "famfs#";

  private final Host host;
  private final Findings out;

  private FamfsChecks(Host host, Findings out) {
    this.host = host;
    this.out = out;
  }

  static void check(Host host, Findings out) {
    new FamfsChecks(host, out).run();
  }

  private void run() {
    Set<String> sources = new HashSet<>();
    for (Vfs.MountEntry m : host.vfs().mountTable()) {
      if (!m.type().equals("famfs")) {
        continue;
      }
      String o = host.name() + ":" + m.target();
      out.expect(sources.add(m.source()), F + "31", "one famfs mount per device", o,
          "%s is mounted more than once", m.source());
      String name = m.source().substring(m.source().lastIndexOf('/') + 1);
      DevDax dev = host.bus().device(name);
      if (dev == null) {
        out.add(F + "1", "the mounted device exists", o, "no dax device %s", name);
        continue;
      }
      try {
        mount(m.target(), o, new DeviceBytes(host, dev));
      } catch (ErrnoException e) {
        out.add(F + "1", "the file system's metadata is readable", o, "%s", e.getMessage());
      }
    }
  }

  private void mount(String target, String o, DeviceBytes dev) throws ErrnoException {
    Super sb = FamfsLog.superblock(dev);
    if (!superblock(sb, o, dev.size())) {
      return;
    }
    Header h = FamfsLog.header(dev, sb.logOffset());
    long lastIndex = (sb.logLen() - FamfsLog.HEADER) / FamfsLog.ENTRY - 1;
    boolean ok = out.expect(h.magic() == FamfsLog.LOG_MAGIC, F + "4", "log header magic", o,
        "magic %#x", h.magic());
    ok &= out.expect(h.len() == sb.logLen(), F + "4", "log header len = superblock log_len",
        o, "header %#x, superblock %#x", h.len(), sb.logLen());
    ok &= out.expect(h.lastIndex() == lastIndex, F + "4",
        "last_index = floor((log_len - 48) / 544) - 1", o, "last_index %d, expected %d",
        h.lastIndex(), lastIndex);
    ok &= out.expect(h.storedCrc() == h.crc(), F + "4", "header CRC32 over bytes 0..23", o,
        "stored %#x, computed %#x", h.storedCrc(), h.crc());
    ok &= out.expect(h.nextIndex() >= 0 && h.nextIndex() <= lastIndex + 1, F + "6",
        "next_index <= last_index + 1", o, "next_index %d, last_index %d", h.nextIndex(),
        lastIndex);
    out.expect(h.nextSeqnum() == h.nextIndex(), F + "5", "next_seqnum = next_index", o,
        "next_seqnum %d, next_index %d", h.nextSeqnum(), h.nextIndex());
    if (!ok) {
      return;
    }
    List<Entry> entries = FamfsLog.entries(dev, sb.logOffset(), h.nextIndex());
    int valid = 0;
    for (Entry e : entries) {
      if (!out.expect(e.seqnum() == e.index() && e.storedCrc() == e.crc(), F + "5",
          "entry seqnum = index and CRC32 over bytes 0..535", o + " log[" + e.index() + "]",
          "seqnum %d, stored CRC %#x, computed %#x", e.seqnum(), e.storedCrc(), e.crc())) {
        break; // logplay stops here (invariant 26): later entries mean nothing
      }
      valid++;
    }
    List<Entry> good = entries.subList(0, valid);
    long reserved = FamfsLog.MIB2 + sb.logLen();
    for (Entry e : good) {
      if (e.type() == FamfsLog.FILE) {
        fileEntry(e, o + " log[" + e.index() + "] " + e.path(), sb.allocUnit(), reserved,
            dev.size());
      }
    }
    bitmap(good, o, sb.allocUnit(), reserved, dev.size());
    daxdevs(good, o);
    FamfsNamespace.check(host, target, o, sb, good, dev.size(), out);
  }

  /** Invariants 1-3; false when the rest cannot be read meaningfully. */
  private boolean superblock(Super sb, String o, long devSize) {
    if (!out.expect(sb.magic() == FamfsLog.SB_MAGIC, F + "2", "superblock magic 0x87b282ff",
        o, "magic %#x", sb.magic())) {
      return false;
    }
    boolean ok = out.expect(sb.version() == FamfsLog.VERSION, F + "2",
        "superblock version = current", o, "version %d", sb.version());
    ok &= out.expect(sb.storedCrc() == sb.crc(), F + "2", "superblock CRC32 over bytes 0..95",
        o, "stored %#x, computed %#x", sb.storedCrc(), sb.crc());
    ok &= out.expect(sb.allocUnit() == 4096 || sb.allocUnit() == FamfsLog.MIB2, F + "2",
        "alloc unit 4K or 2M", o, "alloc unit %#x", sb.allocUnit());
    ok &= out.expect(sb.logOffset() == FamfsLog.MIB2, F + "1", "log header at 2 MiB", o,
        "log offset %#x", sb.logOffset());
    long len = sb.logLen();
    ok &= out.expect(len >= 0x800000L && Long.bitCount(len) == 1
        && FamfsLog.MIB2 + len <= devSize, F + "3", "log_len a power of two >= 8 MiB", o,
        "log_len %#x on a %#x-byte device", len, devSize);
    return ok;
  }

  /** Invariants 9, 1 (no data in the metadata) and 10. */
  private void fileEntry(Entry e, String o, long au, long reserved, long devSize) {
    out.expect(e.size() > 0, F + "9", "file size > 0", o, "size %d", e.size());
    out.expect(!e.path().isEmpty() && !e.path().startsWith("/"), F + "9",
        "relative non-empty path", o, "path '%s'", e.path());
    boolean simple = e.extType() == 0;
    if (!out.expect(simple || e.extType() == 1, F + "9", "extent type simple or interleaved",
        o, "type %d", e.extType())) {
      return;
    }
    out.expect(!e.extents().isEmpty(), F + "9", "at least one extent", o, "no extents");
    long total = 0;
    for (Ext x : e.extents()) {
      total += x.len();
      out.expect(x.devIndex() == 0, F + "9", "devindex 0", o, "devindex %d", x.devIndex());
      out.expect(x.offset() % FamfsLog.MIB2 == 0 && x.offset() != 0, F + "9",
          "offsets 2 MiB aligned, never 0", o, "offset %#x", x.offset());
      out.expect(x.offset() >= reserved, F + "1", "file data outside [0, 2 MiB + log_len)", o,
          "extent %#x+%#x starts before %#x", x.offset(), x.len(), reserved);
      out.expect(x.len() > 0 && x.offset() + x.len() <= devSize, F + "9",
          "extents inside the device", o, "extent %#x+%#x on a %#x-byte device", x.offset(),
          x.len(), devSize);
    }
    out.expect(total >= e.size(), F + "9", "extent lengths cover the size", o,
        "extents %d < size %d", total, e.size());
    if (simple) {
      long want = roundUp(e.size(), FamfsLog.MIB2);
      out.expect(total == want, F + "10", "allocated length = roundup(size, 2 MiB)", o,
          "allocated %#x, expected %#x", total, want);
    } else {
      interleaved(e, o, au);
    }
  }

  private void interleaved(Entry e, String o, long au) {
    long chunk = e.chunk();
    long n = e.nstrips();
    if (!out.expect(n >= 1 && n <= 16 && n == e.extents().size(), F + "14",
        "nstrips strips, 1..16", o, "nstrips %d, %d strips", n, e.extents().size())
        || !out.expect(chunk > 0 && Long.bitCount(chunk) == 1 && chunk % FamfsLog.MIB2 == 0,
            F + "15", "chunk a power of two multiple of 2 MiB", o, "chunk %#x", chunk)) {
      return;
    }
    long units = ceilDiv(e.size(), au);
    long want = ceilDiv(units, n * chunk / au) * chunk;
    for (Ext x : e.extents()) {
      out.expect(x.len() == want, F + "10",
          "strip length = ceil(ceil(size/AU)/(nstrips*chunk/AU)) * chunk", o,
          "strip %#x+%#x, expected length %#x", x.offset(), x.len(), want);
    }
  }

  /** Invariant 11: every allocation unit owned once (superblock and log included). */
  private void bitmap(List<Entry> entries, String o, long au, long reserved, long devSize) {
    Map<Long, String> owner = new HashMap<>();
    for (long u = 0; u < ceilDiv(reserved, au); u++) {
      owner.put(u, "superblock+log");
    }
    for (Entry e : entries) {
      if (e.type() != FamfsLog.FILE) {
        continue;
      }
      for (Ext x : e.extents()) {
        if (x.len() <= 0 || x.offset() < 0 || x.offset() + x.len() > devSize) {
          continue; // reported by invariant 9
        }
        for (long u = x.offset() / au; u < ceilDiv(x.offset() + x.len(), au); u++) {
          String prev = owner.putIfAbsent(u, e.path());
          out.expect(prev == null, F + "11", "no collisions in the bitmap rebuilt from the log",
              o + " log[" + e.index() + "] " + e.path(), "unit %d (offset %#x) also owned by %s",
              u, u * au, prev);
        }
      }
    }
  }

  /** Invariant 35: ADD_DAXDEV indices dense and increasing, UUIDs unique. */
  private void daxdevs(List<Entry> entries, String o) {
    Set<UUID> uuids = new HashSet<>();
    int last = -1;
    for (Entry e : entries) {
      if (e.type() != FamfsLog.ADD_DAXDEV) {
        continue;
      }
      String eo = o + " log[" + e.index() + "]";
      out.expect(last < 0 || e.ddIndex() == last + 1, F + "35", "dd_index dense, increasing",
          eo, "dd_index %d after %d", e.ddIndex(), last);
      out.expect(uuids.add(e.ddUuid()), F + "35", "daxdev UUIDs unique", eo, "uuid %s again",
          e.ddUuid());
      last = e.ddIndex();
    }
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  static long roundUp(long a, long b) {
    return ceilDiv(a, b) * b;
  }
}
