package org.daxsim.testkit.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.Famfs;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;
import org.daxsim.sim.Host;
import org.daxsim.testkit.world.FamfsLog.Entry;
import org.daxsim.testkit.world.FamfsLog.Ext;
import org.daxsim.testkit.world.FamfsLog.Super;

/**
 * A mounted famfs's files against its log, as a fresh root process sees them (readdir, stat,
 * MAP_GET_V2): invariant 34 (the meta files), 19 (i_size = logged size = map size), 23/24
 * (a mapped file has the logged fmap, uid and gid), 25 (mode: logged on the master, no write
 * bits on a client), 9 (every map inside the device; only the superblock file maps offset 0).
 * Files without a map (made outside famfs tooling, invariant 22) are allowed. A mount shut
 * down by a device error answers no map queries, so its namespace is not checked.
 */
final class FamfsNamespace {
  private static final String F = "famfs#";

  private final Host host;
  private final Process p;
  private final String target;
  private final String o;
  private final Findings out;

  private FamfsNamespace(Host host, Process p, String target, String o, Findings out) {
    this.host = host;
    this.p = p;
    this.target = target;
    this.o = o;
    this.out = out;
  }

  static void check(Host host, String target, String o, Super sb, List<Entry> entries,
      long devSize, Findings out) throws ErrnoException {
    if (Famfs.isShutDown(host.vfs().kernPath(target).sb())) {
      return;
    }
    Process p = host.vfs().newProcess(Cred.ROOT);
    try {
      new FamfsNamespace(host, p, target, o, out).run(sb, entries, devSize);
    } finally {
      p.exit();
    }
  }

  private void run(Super sb, List<Entry> entries, long devSize) throws ErrnoException {
    meta("/.meta/.superblock", FamfsMap.FAMFS_SUPERBLOCK, 0, FamfsLog.MIB2);
    meta("/.meta/.log", FamfsMap.FAMFS_LOG, FamfsLog.MIB2, sb.logLen());
    Map<String, Entry> logged = new HashMap<>();
    for (Entry e : entries) {
      if (e.type() == FamfsLog.FILE) {
        logged.putIfAbsent(e.path(), e);
      }
    }
    Boolean master = master(sb.systemUuid());
    List<String> files = new ArrayList<>();
    walk("", files);
    for (String rel : files) {
      file(rel, logged.get(rel), master, devSize);
    }
  }

  /** Invariant 34: the meta file's map is exactly {offset, len} of its type. */
  private void meta(String rel, int type, long offset, long len) throws ErrnoException {
    String fo = o + rel;
    FamfsMap m = map(target + rel);
    if (!out.expect(m != null, F + "34", "meta files exist with their map", fo, "no map")) {
      return;
    }
    boolean exact = m.fileType() == type && m.extentType() == FamfsMap.SIMPLE_DAX_EXTENT
        && m.extents().size() == 1 && m.extents().get(0).offset() == offset
        && m.extents().get(0).length() == len && m.fileSize() == len;
    out.expect(exact, F + "34", "meta file maps exactly its region", fo,
        "%s, expected type %d {%#x, %#x}", m, type, offset, len);
  }

  private void walk(String rel, List<String> files) throws ErrnoException {
    for (String name : p.readdir(target + (rel.isEmpty() ? "/" : "/" + rel))) {
      String child = rel.isEmpty() ? name : rel + "/" + name;
      if (child.equals(".meta")) {
        continue;
      }
      Stat st = p.stat(target + "/" + child);
      if (Fcntl.isDir(st.mode())) {
        walk(child, files);
      } else if (Fcntl.isReg(st.mode())) {
        files.add(child);
      }
    }
  }

  private void file(String rel, Entry e, Boolean master, long devSize) throws ErrnoException {
    String path = target + "/" + rel;
    String fo = o + "/" + rel;
    FamfsMap m = map(path);
    if (m == null) {
      return; // no map: made outside famfs tooling (invariant 22), every I/O fails with EIO
    }
    Stat st = p.stat(path);
    for (FamfsMap.Extent x : extents(m)) {
      out.expect(x.offset() != 0 && x.offset() >= 0 && x.length() > 0
          && x.offset() + x.length() <= devSize, F + "9",
          "every map inside the device, offset 0 only for the superblock", fo,
          "extent %#x+%#x on a %#x-byte device", x.offset(), x.length(), devSize);
    }
    if (!out.expect(e != null, F + "23", "a mapped file is described by a log entry", fo,
        "%s has no FILE entry", m)) {
      return;
    }
    out.expect(st.size() == e.size() && m.fileSize() == e.size(), F + "19",
        "i_size = map size = logged size", fo, "i_size %d, map size %d, logged %d", st.size(),
        m.fileSize(), e.size());
    out.expect(sameMap(m, e), F + "24", "the file's map is the logged fmap", fo,
        "map %s, logged %s", m, e.extents());
    out.expect(st.uid() == e.uid() && st.gid() == e.gid(), F + "24", "logged uid and gid", fo,
        "%d:%d, logged %d:%d", st.uid(), st.gid(), e.uid(), e.gid());
    int perm = st.mode() & 07777;
    if (Boolean.TRUE.equals(master)) {
      out.expect(perm == (e.mode() & 07777), F + "25", "the master keeps the logged mode", fo,
          "mode %o, logged %o", perm, e.mode() & 07777);
    } else if (Boolean.FALSE.equals(master)) {
      out.expect((perm & 0222) == 0, F + "25", "a client's files have no write bits", fo,
          "mode %o", perm);
    }
  }

  private static List<FamfsMap.Extent> extents(FamfsMap m) {
    if (m.extentType() == FamfsMap.SIMPLE_DAX_EXTENT) {
      return m.extents();
    }
    List<FamfsMap.Extent> all = new ArrayList<>();
    for (FamfsMap.Interleave x : m.interleaves()) {
      all.addAll(x.strips());
    }
    return all;
  }

  private static boolean sameMap(FamfsMap m, Entry e) {
    if (m.extentType() != e.extType()) {
      return false;
    }
    if (e.extType() == 1) {
      if (m.interleaves().size() != 1) {
        return false;
      }
      FamfsMap.Interleave x = m.interleaves().get(0);
      if (x.chunkSize() != e.chunk() || x.nstrips() != e.nstrips()) {
        return false;
      }
    }
    List<FamfsMap.Extent> got = extents(m);
    List<Ext> want = e.extents();
    if (got.size() != want.size()) {
      return false;
    }
    for (int i = 0; i < got.size(); i++) {
      FamfsMap.Extent g = got.get(i);
      Ext w = want.get(i);
      if (g.devIndex() != w.devIndex() || g.offset() != w.offset() || g.length() != w.len()) {
        return false;
      }
    }
    return true;
  }

  /** MAP_GET_V2 of {@code path}, or null when the file has no map. */
  private FamfsMap map(String path) {
    try {
      int fd = p.open(path, Fcntl.O_RDONLY);
      try {
        return FamfsIoctl.mapGetV2(p, fd);
      } finally {
        p.close(fd);
      }
    } catch (ErrnoException e) {
      return null;
    }
  }

  /** Whether this host is the file system's master (its system UUID), or null if unknown. */
  private Boolean master(UUID system) {
    try {
      String text = host.readFile("/opt/famfs/system_uuid").strip();
      return UUID.fromString(text).equals(system);
    } catch (ErrnoException | IllegalArgumentException e) {
      return null;
    }
  }
}
