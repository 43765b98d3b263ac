package org.daxsim.fs.famfs.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.famfs.tools.FamfsStatefulModel.AU;
import static org.daxsim.fs.famfs.tools.FamfsStatefulModel.LOG_LEN;
import static org.daxsim.fs.famfs.tools.FamfsStatefulModel.LOG_OFFSET;
import static org.daxsim.fs.famfs.tools.FamfsStatefulModel.MiB;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.daxsim.bus.DevDax;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.InterleavedExtent;
import org.daxsim.fs.famfs.format.LogEntries;
import org.daxsim.fs.famfs.format.LogEntry;
import org.daxsim.fs.famfs.format.LogFmap;
import org.daxsim.fs.famfs.format.SimpleExtent;
import org.daxsim.fs.famfs.tools.FamfsStatefulModel.Node;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Source;
import org.daxsim.prop.Stateful;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of {@code famfs mkdir [-p]}, {@code famfs creat} (contiguous and
 * interleaved, re-creates of the same and of another size, out of space), {@code famfs
 * logplay}, a rogue {@code rm} followed by logplay, and remount ({@code umount} + {@code famfs
 * mount}, with mkfs and a double mount refused on the way), on fresh file systems of random
 * size (64-512 MiB). Each step's exit status is the one {@link FamfsStatefulModel} predicts,
 * and after every step {@link FamfsStatefulChecks} compares the device, the log, the rebuilt
 * bitmap, the namespace under the mount and the files' contents with the model: famfs.md 8
 * invariants 1, 4-7, 9-14, 16, 17, 19, 23, 24, 28, 29, 31, 33 and 34.
 */
class FamfsStatefulPropertyTest {
  static final int SEQUENCES = 200;
  static final long SEED = 0xfa3f5_5eedL;
  /** Buckets of interleaved files must be at least this big (1 GiB upstream, relaxed). */
  static final long MIN_BUCKET = 8 * MiB;
  static final String MPT = "/mnt";
  static final List<String> NAMES = List.of("a", "b", "c", "d");

  /** The system under test: one host with one famfs-mode device, mounted at /mnt. */
  static final class Sys {
    ToolsHost h;
    DevDax d;
    String dev;

    ToolResult run(String... argv) throws ErrnoException {
      return FamfsCli.run(h.env().withMinBucketSize(MIN_BUCKET), argv);
    }
  }

  @Test
  void famfsToolsAgreeWithTheModelAfterEveryStep() {
    Stateful.<Sys, FamfsStatefulModel>of(Sys::new, FamfsStatefulModel::new)
        .actionsFrom(m -> m.ready() ? operations(m) : setup())
        .invariant(FamfsStatefulChecks::check)
        .maxSteps(30)
        .tries(SEQUENCES)
        .seed(SEED)
        .check();
  }

  // ------------------------------------------------------------------------------ actions

  static Gen<Action<Sys, FamfsStatefulModel>> setup() {
    return src -> {
      long size = src.chooseInt(32, 256) * AU;
      long seed = src.choose(0, 999);
      return Action.of("mkfs.famfs + mount (" + size / MiB + " MiB, seed " + seed + ")",
          m -> !m.ready(), (sys, m) -> {
            sys.h = new ToolsHost(seed);
            sys.d = sys.h.famfsDevice(0, size);
            sys.dev = "/dev/" + sys.d.name();
            ok(sys.run("mkfs.famfs", sys.dev));
            ok(sys.run("famfs", "mount", sys.dev, MPT));
            m.mkfs(size);
          });
    };
  }

  static Gen<Action<Sys, FamfsStatefulModel>> operations(FamfsStatefulModel m) {
    return src -> {
      int w = src.chooseInt(0, 99);
      if (w < 25) {
        return mkdir(src, m);
      }
      if (w < 55) {
        return creat(src, m);
      }
      if (w < 65) {
        return cp(src, m);
      }
      if (w < 75) {
        return logplay();
      }
      if (w < 87 && !m.ns.isEmpty()) {
        return rmAndLogplay(src.draw(Gen.elements(new ArrayList<>(m.ns.keySet()))));
      }
      return remount();
    };
  }

  static int depth(String path) {
    return path.split("/").length;
  }

  /**
   * A path from the name pool: a name under an existing directory of depth 0-2, a random path
   * of depth 1-3, or (when {@code existing}) an existing path.
   */
  static String path(Source src, FamfsStatefulModel m, boolean existing) {
    List<String> dirs = new ArrayList<>(List.of(""));
    m.ns.forEach((p, n) -> {
      if (n.dir && depth(p) <= 2) {
        dirs.add(p);
      }
    });
    int k = src.chooseInt(0, 5);
    if (k <= 2) {
      String dir = src.draw(Gen.elements(dirs));
      return (dir.isEmpty() ? "" : dir + "/") + src.draw(Gen.elements(NAMES));
    }
    if (k == 3 && existing && !m.ns.isEmpty()) {
      return src.draw(Gen.elements(new ArrayList<>(m.ns.keySet())));
    }
    return String.join("/", src.draw(Gen.lists(Gen.elements(NAMES), 1, 3)));
  }

  static Action<Sys, FamfsStatefulModel> mkdir(Source src, FamfsStatefulModel m) {
    String path = path(src, m, true);
    boolean parents = src.flip();
    int mode = src.chooseInt(0, 3) == 3 ? 0700 : 0755;
    boolean own = src.chooseInt(0, 4) == 4;
    List<String> argv = new ArrayList<>(List.of("famfs", "mkdir"));
    if (parents) {
      argv.add("-p");
    }
    if (mode != 0755) {
      argv.addAll(List.of("-m", "0700"));
    }
    if (own) {
      argv.addAll(List.of("-u", "1000", "-g", "1000"));
    }
    argv.add(MPT + "/" + path);
    return Action.of(String.join(" ", argv), (sys, md) -> {
      List<String> todo = new ArrayList<>();
      boolean fail = false;
      if (!parents) {
        fail = md.get(path) != null || md.parentError(path) != null;
        todo.add(path);
      } else {
        String[] parts = path.split("/");
        for (int i = 1; i <= parts.length && !fail; i++) {
          String at = String.join("/", List.of(parts).subList(0, i));
          Node n = md.get(at);
          if (n == null) {
            todo.add(at);
          } else if (!n.dir) {
            fail = true; // a file in the way (famfs.md 4.1, mkdir -p)
          }
        }
      }
      ToolResult r = sys.run(argv.toArray(String[]::new));
      assertThat(r.exit()).as("exit of %s", r).isEqualTo(fail ? 1 : 0);
      if (!fail) {
        for (String d : todo) { // inv. 28: one entry per missing component, top-down
          md.add(d, Node.dir(mode, own ? 1000 : 0, own ? 1000 : 0));
        }
      }
    });
  }

  /**
   * 1 byte .. a few MiB mostly; sometimes a large share of the device, or about the
   * model's largest free run (to fill it up and run out of space).
   */
  static long size(Source src, FamfsStatefulModel m) {
    switch (src.chooseInt(0, 11)) {
      case 0, 1, 2:
        return src.choose(1, 4096);
      case 3:
        return AU + src.choose(-1, 1);
      case 4, 5, 6:
        return src.choose(1, 6 * MiB);
      case 7, 8:
        return src.choose(1, m.nbits / 3) * AU - tail(src);
      case 9:
        return src.choose(1, m.devSize);
      default:
        long run = m.largestFreeRun();
        return Math.max(1, src.choose(run - 1, run + 1)) * AU - tail(src);
    }
  }

  /** What a large size falls short of a whole number of units: 0, 1 byte, AU - 1 or any. */
  static long tail(Source src) {
    switch (src.chooseInt(0, 3)) {
      case 0:
        return 0;
      case 1:
        return 1;
      case 2:
        return AU - 1;
      default:
        return src.choose(0, AU - 1);
    }
  }

  static Action<Sys, FamfsStatefulModel> creat(Source src, FamfsStatefulModel m) {
    List<String> files = new ArrayList<>();
    m.ns.forEach((p, n) -> {
      if (!n.dir) {
        files.add(p);
      }
    });
    String path;
    long size;
    if (src.chooseInt(0, 4) == 4 && !files.isEmpty()) {
      path = src.draw(Gen.elements(files));
      size = src.flip() ? m.get(path).size : size(src, m);
    } else {
      path = path(src, m, false);
      size = size(src, m);
    }
    boolean il = src.chooseInt(0, 2) == 2;
    int nstrips = il ? src.chooseInt(1, 4) : 0;
    int nbuckets = il ? src.chooseInt(1, 12) : 0;
    long chunk = il && src.flip() ? 4 * MiB : AU;
    int mk = src.chooseInt(0, 3);
    int mode = mk == 2 ? 0600 : mk == 3 ? 0444 : 0644; // 0644: the default 0644 & ~022
    boolean own = src.chooseInt(0, 4) == 4;
    List<String> argv = new ArrayList<>(List.of("famfs", "creat", "-s", Long.toString(size)));
    if (il) {
      argv.addAll(List.of("-N", "" + nstrips, "-B", "" + nbuckets));
      if (chunk != AU || src.flip()) {
        argv.addAll(List.of("-C", chunk / MiB + "m"));
      }
    }
    if (mode != 0644) {
      argv.addAll(List.of("-m", "0" + Integer.toOctalString(mode)));
    }
    if (own) {
      argv.addAll(List.of("-u", "1000", "-g", "1000"));
    }
    argv.add(MPT + "/" + path);
    int uid = own ? 1000 : 0;
    return Action.of(String.join(" ", argv), (sys, md) -> {
      ToolResult r = sys.run(argv.toArray(String[]::new));
      int want = creatExit(md, path, size, il, nstrips, nbuckets, chunk);
      assertThat(r.exit()).as("exit of %s", r).isEqualTo(want);
      if (want != 0 || md.get(path) != null) {
        return; // failed, or inv. 29: an existing file of the same size is a no-op
      }
      Node n;
      if (!il || size < chunk) {
        int need = FamfsStatefulModel.units(size);
        boolean fresh = md.bits.cardinality() == (LOG_OFFSET + LOG_LEN) / AU;
        long at = md.firstFit(0, md.nbits, need) * AU; // inv. 13: first fit from the start
        if (fresh) {
          assertThat(at).as("first file of a fresh fs").isEqualTo(10 * MiB);
        }
        n = new Node(false, size, mode, uid, uid, md.nextId++, new long[] {at}, 0, need * AU);
      } else {
        n = adoptStrips(sys, md, size, mode, uid, nstrips, nbuckets, chunk);
      }
      for (long s : n.strips) {
        md.setUnits(s, n.stripLen);
      }
      md.add(path, n);
      FamfsStatefulChecks.writePattern(sys.h.root, MPT + "/" + path, n);
    });
  }

  /** The exit status famfs creat should give, from the model alone (famfs.md 4.1, 4.3, 7b). */
  static int creatExit(FamfsStatefulModel m, String path, long size, boolean il, int nstrips,
      int nbuckets, long chunk) {
    if (il && nstrips > nbuckets) {
      return 1; // inv. 15: EINVAL
    }
    Node ex = m.get(path);
    if (ex != null) {
      return ex.dir || ex.size != size ? 1 : 0; // inv. 29
    }
    if (il && m.devSize / nbuckets < MIN_BUCKET) {
      return 1; // inv. 15: bucket below the minimum
    }
    boolean fits = !il || size < chunk
        ? m.firstFit(0, m.nbits, FamfsStatefulModel.units(size)) >= 0
        : m.bucketsWithRoom(nbuckets, FamfsStatefulModel.stripUnits(size, nstrips, chunk))
            >= nstrips;
    if (!fits) {
      return 1; // inv. 12: ENOSPC exactly when no qualifying run exists
    }
    String err = m.parentError(path); // open(O_CREAT) fails: the errno is the exit status
    return err == null ? 0 : Errno.valueOf(err).number();
  }

  /**
   * The strips of a new interleaved file are placed in a seeded random bucket order, so the
   * model checks them against inv. 10 and 14 (length, one per distinct bucket, on units that
   * were free) and then records where they went.
   */
  static Node adoptStrips(Sys sys, FamfsStatefulModel m, long size, int mode, int uid,
      int nstrips, int nbuckets, long chunk) throws Exception {
    int idx = m.log.size();
    LogEntry e = LogEntries.decode(sys.h.devBytes(sys.d, LOG_OFFSET + 48 + 544L * idx, 544), idx);
    assertThat(e).isInstanceOf(FileEntry.class);
    LogFmap fmap = ((FileEntry) e).fmap();
    assertThat(fmap.extType()).isEqualTo(LogFmap.INTERLEAVE);
    assertThat(fmap.interleaved()).hasSize(1);
    InterleavedExtent ie = fmap.interleaved().get(0);
    assertThat(ie.nstrips()).isEqualTo(nstrips);
    assertThat(ie.chunkSize()).isEqualTo(chunk);
    long stripLen = FamfsStatefulModel.stripUnits(size, nstrips, chunk) * AU;
    int bucket = m.bucketUnits(nbuckets);
    java.util.Set<Long> used = new java.util.HashSet<>();
    long[] strips = new long[nstrips];
    for (int k = 0; k < nstrips; k++) {
      SimpleExtent s = ie.strips().get(k);
      assertThat(s.length()).as("strip %d length (inv. 10)", k).isEqualTo(stripLen);
      assertThat(s.offset() % AU).isZero();
      long b = s.offset() / AU / bucket;
      assertThat(b).as("strip %d bucket", k).isLessThan(nbuckets);
      assertThat(s.offset() + stripLen).as("strip %d inside its bucket", k)
          .isLessThanOrEqualTo((b + 1) * bucket * AU);
      assertThat(used.add(b)).as("strip %d in a distinct bucket (inv. 14)", k).isTrue();
      for (long u = s.offset() / AU; u < (s.offset() + stripLen) / AU; u++) {
        assertThat(m.bits.get((int) u)).as("unit %d was free", u).isFalse();
      }
      strips[k] = s.offset();
    }
    return new Node(false, size, mode, uid, uid, m.nextId++, strips, chunk, stripLen);
  }

  /**
   * famfs cp of a regular file from /tmp (its name from the pool, 1 byte to 4 MiB of random contents) to
   * a path or into a directory: a new destination is allocated first fit and takes the
   * source's permission bits; an existing one of the same size is reused (its contents
   * replaced); another size, a directory in the way or a missing parent fails (famfs.md 4.1).
   */
  static Action<Sys, FamfsStatefulModel> cp(Source src, FamfsStatefulModel m) {
    String name = src.draw(Gen.elements(NAMES));
    String path = path(src, m, true);
    // the host has 64 MiB of RAM for /tmp: sources of at most 4 MiB
    long size = src.flip() ? src.choose(1, 4 * MiB) : src.choose(1, 2) * AU - tail(src);
    int mode = src.flip() ? 0644 : 0600;
    String from = "/tmp/" + name;
    return Action.of(String.format("echo %d bytes (0%o) > %s; famfs cp %s /mnt/%s", size, mode,
        from, from, path), (sys, md) -> {
          int id = md.nextId++;
          Process p = sys.h.root;
          if (Logplay.exists(p, "/tmp") == null) {
            p.mkdir("/tmp", 01777);
          }
          int fd = p.open(from, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_TRUNC, mode);
          try {
            byte[] b = new byte[(int) Math.min(size, MiB)];
            for (long at = 0; at < size; at += b.length) {
              int n = (int) Math.min(b.length, size - at);
              for (int i = 0; i < n; i++) {
                b[i] = FamfsStatefulChecks.pattern(id, at + i);
              }
              assertThat(p.pwrite(fd, b, 0, n, at)).isEqualTo(n);
            }
          } finally {
            p.close(fd);
          }
          p.chmod(from, mode);
          Node dst = md.get(path);
          String target = dst != null && dst.dir ? path + "/" + name : path;
          Node t = md.get(target);
          int want;
          if (dst == null && md.parentError(path) != null) {
            want = 1;
          } else if (t != null) {
            want = t.dir || t.size != size ? 1 : 0;
          } else {
            want = md.firstFit(0, md.nbits, FamfsStatefulModel.units(size)) < 0 ? 1 : 0;
          }
          ToolResult r = sys.run("famfs", "cp", from, MPT + "/" + path);
          assertThat(r.exit()).as("exit of %s", r).isEqualTo(want);
          if (want != 0) {
            return;
          }
          if (t != null) {
            t.id = id; // reused: the data is copied again
            return;
          }
          int need = FamfsStatefulModel.units(size);
          long at = md.firstFit(0, md.nbits, need) * AU;
          Node n = new Node(false, size, mode, 0, 0, id, new long[] {at}, 0, need * AU);
          md.setUnits(at, n.stripLen);
          md.add(target, n);
        });
  }

  /** famfs logplay twice on the master: nothing is missing, the second run changes nothing. */
  static Action<Sys, FamfsStatefulModel> logplay() {
    return Action.of("famfs logplay /mnt (twice)", (sys, m) -> {
      for (int i = 0; i < 2; i++) {
        ToolResult r = sys.run("famfs", "logplay", MPT);
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.stdout().lines().toList()).isEqualTo(logplayLines(m, 0, 0));
      }
    });
  }

  /** A rogue rm -r of {@code path}; logplay brings back exactly what was removed (inv. 23, 24). */
  static Action<Sys, FamfsStatefulModel> rmAndLogplay(String path) {
    return Action.of("rm -r /mnt/" + path + "; famfs logplay /mnt (twice)", (sys, m) -> {
      Map<String, Node> gone = m.subtree(path);
      List<String> order = new ArrayList<>(gone.keySet());
      java.util.Collections.reverse(order); // children before their parents
      for (String p : order) {
        if (gone.get(p).dir) {
          sys.h.root.rmdir(MPT + "/" + p);
        } else {
          sys.h.root.unlink(MPT + "/" + p);
        }
      }
      long files = gone.values().stream().filter(n -> !n.dir).count();
      long dirs = gone.size() - files;
      for (int i = 0; i < 2; i++) {
        ToolResult r = sys.run("famfs", "logplay", MPT);
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.stdout().lines().toList())
            .isEqualTo(i == 0 ? logplayLines(m, files, dirs) : logplayLines(m, 0, 0));
      }
    });
  }

  static List<String> logplayLines(FamfsStatefulModel m, long filesCreated, long dirsCreated) {
    long f = m.files();
    long d = m.dirs();
    return List.of(
        String.format("famfs_logplay: processed %d files, created %d, %d existed", f,
            filesCreated, f - filesCreated),
        String.format("famfs_logplay: processed %d directories, created %d, %d existed", d,
            dirsCreated, d - dirsCreated));
  }

  /**
   * umount; mkfs without -f is refused and leaves the superblock and log header alone (inv.
   * 33); famfs mount replays everything; a second mount and a mkfs of the mounted device are
   * refused (inv. 31, 33).
   */
  static Action<Sys, FamfsStatefulModel> remount() {
    return Action.of("umount /mnt; famfs mount", (sys, m) -> {
      ok(sys.run("umount", MPT));
      byte[] before = sys.h.devBytes(sys.d, 0, (int) (LOG_OFFSET + 48));
      assertThat(sys.run("mkfs.famfs", sys.dev).exit()).as("mkfs over a valid fs").isEqualTo(2);
      assertThat(sys.h.devBytes(sys.d, 0, before.length)).isEqualTo(before);
      ToolResult f = sys.run("famfs", "fsck", sys.dev);
      ok(f);
      assertThat(f.stdout().lines().toList()).as("fsck by device")
          .contains("  Allocated bytes:        " + m.allocatedBytes());
      ToolResult r = sys.run("famfs", "mount", sys.dev, MPT);
      ok(r);
      assertThat(r.stdout().lines().toList())
          .isEqualTo(logplayLines(m, m.files(), m.dirs()));
      assertThat(sys.run("famfs", "mount", sys.dev, MPT).exit()).as("double mount").isEqualTo(1);
      f = sys.run("famfs", "fsck", sys.dev);
      assertThat(f.exit()).as("fsck by device while mounted: EBUSY %s", f)
          .isEqualTo(Errno.EBUSY.number());
      assertThat(sys.run("mkfs.famfs", "-f", sys.dev).exit()).as("mkfs -f of a mounted device")
          .isEqualTo(2);
      assertThat(sys.h.devBytes(sys.d, 0, before.length)).isEqualTo(before);
    });
  }

  static void ok(ToolResult r) {
    assertThat(r.exit()).as("%s", r).isZero();
  }
}
