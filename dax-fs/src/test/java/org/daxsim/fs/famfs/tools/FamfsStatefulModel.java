package org.daxsim.fs.famfs.tools;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The independent model of {@link FamfsStatefulPropertyTest}: what a famfs file system should
 * hold after a sequence of tool commands, derived only from famfs.md (sections 2, 4.3, 8) and
 * from what each command was asked to do, never read back from the code under test. It keeps
 * its own bitmap of 2 MiB units, its own namespace (relative path to node), and the log
 * entries it expects in order. All searches are plain linear scans.
 */
final class FamfsStatefulModel {
  static final long MiB = 1L << 20;
  /** famfs.md 2.1: the allocation unit. */
  static final long AU = 2 * MiB;
  /** famfs.md 2.2: the log starts at 2 MiB, mkfs's default length is 8 MiB. */
  static final long LOG_OFFSET = 2 * MiB;
  static final long LOG_LEN = 8 * MiB;

  /** A directory or a file; files carry where the model placed them and their content id. */
  static final class Node {
    final boolean dir;
    final long size;
    final int mode;
    final int uid;
    final int gid;
    /** Content id of a file (its pattern; a cp over it changes it), -1 for a directory. */
    int id;
    /** Device offsets of the single extent (contiguous) or of the strips (interleaved). */
    final long[] strips;
    /** Chunk size of an interleaved file, 0 for a contiguous one. */
    final long chunk;
    /** Bytes of each strip (the single extent's length when contiguous). */
    final long stripLen;

    Node(boolean dir, long size, int mode, int uid, int gid, int id, long[] strips, long chunk,
        long stripLen) {
      this.dir = dir;
      this.size = size;
      this.mode = mode;
      this.uid = uid;
      this.gid = gid;
      this.id = id;
      this.strips = strips;
      this.chunk = chunk;
      this.stripLen = stripLen;
    }

    static Node dir(int mode, int uid, int gid) {
      return new Node(true, 0, mode, uid, gid, -1, null, 0, 0);
    }

    /**
     * famfs.md 8 inv. 16/17: the device offset of file offset {@code off} (simple: extent
     * start plus offset; interleaved: strip (o/chunk) mod n, row (o/chunk) div n).
     */
    long devOffset(long off) {
      if (chunk == 0) {
        return strips[0] + off;
      }
      long c = off / chunk;
      return strips[(int) (c % strips.length)] + (c / strips.length) * chunk + off % chunk;
    }

    @Override
    public String toString() {
      return dir ? String.format("dir(0%o)", mode) : String.format("file(%d, 0%o)", size, mode);
    }
  }

  /** A log entry the model expects: a MKDIR or a FILE of {@code path}. */
  record Entry(String path, Node node) {}

  long devSize;
  int nbits;
  final BitSet bits = new BitSet();
  final TreeMap<String, Node> ns = new TreeMap<>();
  final List<Entry> log = new ArrayList<>();
  int nextId;

  boolean ready() {
    return devSize > 0;
  }

  /** A fresh file system on a device of {@code size} bytes (famfs.md 4.3: sb + log reserved). */
  void mkfs(long size) {
    devSize = size;
    nbits = (int) (size / AU);
    for (int u = 0; u < (LOG_OFFSET + LOG_LEN) / AU; u++) {
      bits.set(u);
    }
  }

  static int units(long size) {
    return (int) ((size + AU - 1) / AU);
  }

  /** The first unit of the first run of {@code need} clear units inside [from, to), or -1. */
  int firstFit(int from, int to, int need) {
    for (int s = from; s + need <= to; s++) {
      boolean free = true;
      for (int u = s; u < s + need && free; u++) {
        free = !bits.get(u);
      }
      if (free) {
        return s;
      }
    }
    return -1;
  }

  /** famfs.md 8 inv. 10: each strip's length in units for an interleaved file. */
  static int stripUnits(long size, int nstrips, long chunk) {
    long allocAu = units(size);
    long chunkAu = chunk / AU;
    long stripeAu = nstrips * chunkAu;
    long nstripes = (allocAu + stripeAu - 1) / stripeAu;
    return (int) (nstripes * chunkAu);
  }

  /** The longest run of clear units (a generator hint: sizes that just fit or just don't). */
  int largestFreeRun() {
    int best = 0;
    int cur = 0;
    for (int u = 0; u < nbits; u++) {
      cur = bits.get(u) ? 0 : cur + 1;
      best = Math.max(best, cur);
    }
    return best;
  }

  /** floor(devsize_au / nbuckets) units per bucket (famfs.md 8 inv. 14). */
  int bucketUnits(int nbuckets) {
    return nbits / nbuckets;
  }

  /** How many buckets hold a free run of {@code stripAu} units (inv. 12 for interleaving). */
  int bucketsWithRoom(int nbuckets, int stripAu) {
    int b = bucketUnits(nbuckets);
    int n = 0;
    for (int i = 0; i < nbuckets; i++) {
      if (firstFit(i * b, (i + 1) * b, stripAu) >= 0) {
        n++;
      }
    }
    return n;
  }

  void setUnits(long off, long len) {
    for (long u = off / AU; u < (off + len) / AU; u++) {
      bits.set((int) u);
    }
  }

  /** Adds a node and its log entry. */
  void add(String path, Node n) {
    ns.put(path, n);
    log.add(new Entry(path, n));
  }

  Node get(String path) {
    return ns.get(path);
  }

  /** "a/b/c" -> "a/b"; "a" -> "" (the mount point). */
  static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i < 0 ? "" : path.substring(0, i);
  }

  /**
   * What an open(O_CREAT) of {@code path} would fail with because of its parents: null when
   * the parent directory exists, else ENOENT or ENOTDIR for the first bad component.
   */
  String parentError(String path) {
    String[] parts = path.split("/");
    StringBuilder at = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      at.append(i == 0 ? "" : "/").append(parts[i]);
      Node n = ns.get(at.toString());
      if (n == null) {
        return "ENOENT";
      }
      if (!n.dir) {
        return "ENOTDIR";
      }
    }
    return null;
  }

  long files() {
    return log.stream().filter(e -> !e.node().dir).count();
  }

  long dirs() {
    return log.stream().filter(e -> e.node().dir).count();
  }

  /** The subtree at {@code path}: the node and everything below it. */
  Map<String, Node> subtree(String path) {
    Map<String, Node> out = new TreeMap<>();
    for (Map.Entry<String, Node> e : ns.entrySet()) {
      if (e.getKey().equals(path) || e.getKey().startsWith(path + "/")) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  long fileSizes() {
    return log.stream().filter(e -> !e.node().dir).mapToLong(e -> e.node().size).sum();
  }

  /** Allocated bytes: reserved units plus every file's extents (inv. 12). */
  long allocatedBytes() {
    long sum = LOG_OFFSET + LOG_LEN;
    for (Entry e : log) {
      if (!e.node().dir) {
        sum += e.node().strips.length * e.node().stripLen;
      }
    }
    return sum;
  }
}
