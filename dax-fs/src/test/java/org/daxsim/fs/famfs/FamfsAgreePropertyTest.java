package org.daxsim.fs.famfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.famfs.FamfsGen.PAGE;
import static org.daxsim.fs.famfs.FamfsGen.UNIT;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.daxsim.bus.DevDax;
import org.daxsim.core.mm.Mman;
import org.daxsim.fs.famfs.FamfsGen.Dev;
import org.daxsim.fs.famfs.FamfsGen.Hit;
import org.daxsim.fs.famfs.FamfsGen.Spec;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.daxsim.prop.Source;
import org.junit.jupiter.api.Test;

/**
 * Invariant 19 and the data path: on a famfs mount of a random 1-4 range fsdev device
 * (PER_RANGE, 64-256 MiB), a file (simple, 1-2 extents; or one interleaved extent of 1-16
 * strips, 2 MiB chunks) takes writes through pwrite(2) and through stores into a MAP_SHARED
 * mapping; after each write, pread(2), loads through the mapping and the device's physical
 * bytes (at the addresses of the test's own file -> device -> physical model) all show what a
 * byte-array model of the file holds. Writes never change the size and are cut at EOF; reads at
 * or past EOF return nothing.
 */
class FamfsAgreePropertyTest {
  static final int TRIES = 300;

  /** A write of {@code len} bytes of Random(seed) at {@code pos}, by pwrite or by mmap stores. */
  record Op(boolean viaMmap, long pos, int len, long seed) {
    byte[] data() {
      byte[] b = new byte[len];
      new Random(seed).nextBytes(b);
      return b;
    }
  }

  /** A read-back of [pos, pos + len) at the end. */
  record Probe(long pos, int len) {}

  record Case(Dev dev, Spec spec, List<Op> ops, List<Probe> probes) {}

  static Spec spec(Source src, int devUnits) {
    if (src.flip()) {
      int n = src.chooseInt(1, 2);
      long[] lens = new long[n];
      for (int i = 0; i < n; i++) {
        lens[i] = src.choose(1, Math.min(8, devUnits / 2)) * UNIT;
      }
      return FamfsGen.simple(src, lens, devUnits);
    }
    int n = src.chooseInt(1, FamfsIoctl.MAX_STRIPS);
    long stripes = src.choose(1, Math.min(4, devUnits / n));
    return FamfsGen.interleaved(src, List.of(new FamfsGen.IeShape(n, UNIT, stripes * UNIT)),
        devUnits, false);
  }

  /**
   * A file offset whose device byte is just before the end of a device range (so an access
   * runs across the range boundary) when there is one, else near a 2 MiB (extent or chunk)
   * boundary, near EOF, or anywhere.
   */
  static long offset(Source src, Dev dev, Spec spec) {
    long size = spec.size();
    List<Long> inFile = new ArrayList<>(); // range ends whose last byte the file uses
    long end = 0;
    for (int i = 0; i < dev.lens().length - 1; i++) {
      end += dev.lens()[i];
      if (FamfsGen.fileOffsetOf(spec, end - 1) >= 0) {
        inFile.add(end);
      }
    }
    if (!inFile.isEmpty() && src.weighted(0.4)) {
      long e = inFile.get(src.chooseInt(0, inFile.size() - 1));
      long o = FamfsGen.fileOffsetOf(spec, e - src.choose(1, 4096));
      if (o >= 0) {
        return o;
      }
    }
    int kind = src.chooseInt(0, 3);
    if (kind == 0 && size > UNIT) {
      long b = src.choose(1, (size - 1) / UNIT) * UNIT;
      return b - src.choose(0, 4096);
    }
    if (kind == 1) {
      return Math.max(0, size - src.choose(1, 8192));
    }
    return src.choose(0, size - 1);
  }

  static int length(Source src) {
    return (int) (src.weighted(0.1) ? src.choose(1, 3 * UNIT / 2) : src.choose(1, 16384));
  }

  static final Gen<Case> CASES = src -> {
    int devUnits = src.chooseInt(32, 128);
    Dev dev = FamfsGen.dev(src, devUnits);
    Spec spec = spec(src, devUnits);
    long size = spec.size();
    List<Op> ops = new ArrayList<>();
    int nops = src.chooseInt(1, 6);
    for (int i = 0; i < nops; i++) {
      boolean mmap = src.flip();
      long pos;
      int len = length(src);
      if (mmap) {
        pos = offset(src, dev, spec);
        len = (int) Math.min(len, size - pos); // stores stay inside the file
      } else if (src.weighted(0.15)) {
        pos = size + src.choose(0, 3 * PAGE); // at or past EOF: writes nothing
      } else {
        pos = offset(src, dev, spec); // may span EOF: cut at EOF
      }
      ops.add(new Op(mmap, pos, len, src.choose(0, Long.MAX_VALUE - 1)));
    }
    List<Probe> probes = new ArrayList<>();
    int nprobes = src.chooseInt(1, 4);
    for (int i = 0; i < nprobes; i++) {
      long pos = offset(src, dev, spec);
      probes.add(new Probe(pos, (int) Math.min(length(src), size - pos)));
    }
    return new Case(dev, spec, ops, probes);
  };

  /** The file's model: zeros (a fresh device) overwritten by the writes, in order. */
  static final class Model {
    final List<long[]> at = new ArrayList<>();
    final List<byte[]> data = new ArrayList<>();

    void write(long pos, byte[] b, int n) {
      at.add(new long[] {pos, n});
      data.add(b);
    }

    byte[] bytes(long pos, int len) {
      byte[] out = new byte[len];
      for (int w = 0; w < at.size(); w++) {
        long wp = at.get(w)[0];
        long wn = at.get(w)[1];
        long from = Math.max(pos, wp);
        long to = Math.min(pos + len, wp + wn);
        for (long o = from; o < to; o++) {
          out[(int) (o - pos)] = data.get(w)[(int) (o - wp)];
        }
      }
      return out;
    }
  }

  /**
   * The bytes of file [pos, pos + len) read straight from physical memory at the addresses of
   * the test's model; each piece is also read through FamfsHost.devBytes (dax_pgoff_to_phys).
   */
  static byte[] physical(FamfsHost h, DevDax d, Case c, long pos, int len) throws Exception {
    byte[] out = new byte[len];
    int i = 0;
    while (i < len) {
      Hit hit = FamfsGen.model(c.spec(), pos + i);
      assertThat(hit).as("model of file offset %d", pos + i).isNotNull();
      int run = (int) Math.min(len - i, Math.min(hit.rest(), c.dev().rangeRest(hit.dev())));
      h.phys.read(c.dev().phys(hit.dev()), out, i, run);
      assertThat(h.devBytes(d, hit.dev(), run)).as("devBytes at device byte %d", hit.dev())
          .isEqualTo(java.util.Arrays.copyOfRange(out, i, i + run));
      i += run;
    }
    return out;
  }

  /** pread(2), loads through the mapping and physical memory all equal the model. */
  static void assertAgree(FamfsHost h, DevDax d, Case c, int fd, long va, Model m, long pos,
      int len) throws Exception {
    if (len <= 0) {
      return;
    }
    byte[] want = m.bytes(pos, len);
    assertThat(h.pread(fd, pos, len)).as("pread(%d, %d)", pos, len).isEqualTo(want);
    assertThat(h.load(va + pos, len)).as("mmap load(%d, %d)", pos, len).isEqualTo(want);
    assertThat(physical(h, d, c, pos, len)).as("physical(%d, %d)", pos, len).isEqualTo(want);
  }

  @Test
  void preadMmapAndPhysicalAgreeAndWritesStopAtEof() {
    Property.forAll(CASES).named("pread == mmap == physical == model; size fixed; EOF cuts")
        .tries(TRIES).checkAssert(c -> {
          FamfsHost h = new FamfsHost();
          DevDax d = c.dev().build(h);
          assertThat(d.size()).isEqualTo(c.dev().size());
          h.mount(d, "/mnt/famfs");
          long size = c.spec().size();
          int fd = h.create("/mnt/famfs/f", c.spec().map());
          assertThat(h.root.fstat(fd).size()).isEqualTo(size);
          long mapLen = (size + PAGE - 1) & -PAGE;
          long va = h.root.mmap(0, mapLen, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED,
              fd, 0);
          Model m = new Model();
          for (Op op : c.ops()) {
            byte[] b = op.data();
            int expect = (int) Math.max(0, Math.min(op.len(), size - op.pos()));
            if (op.viaMmap()) {
              h.root.mm().store(va + op.pos(), b, 0, b.length);
            } else {
              int rc = h.root.pwrite(fd, b, 0, b.length, op.pos());
              assertThat(rc).as("pwrite(%d, %d) on a %d byte file", op.pos(), op.len(), size)
                  .isEqualTo(expect);
            }
            m.write(op.pos(), b, expect);
            assertThat(h.root.fstat(fd).size()).as("size after %s", op).isEqualTo(size);
            assertAgree(h, d, c, fd, va, m, Math.min(op.pos(), size), expect);
          }
          for (Op op : c.ops()) {
            long p = Math.min(op.pos(), size);
            assertAgree(h, d, c, fd, va, m, p, (int) Math.min(op.len(), size - p));
          }
          for (Probe p : c.probes()) {
            assertAgree(h, d, c, fd, va, m, p.pos(), p.len());
          }
          // the last bytes, and a read spanning EOF: cut at EOF
          long tail = Math.max(0, size - 100);
          assertThat(h.pread(fd, tail, 4096)).isEqualTo(m.bytes(tail, (int) (size - tail)));
          assertAgree(h, d, c, fd, va, m, tail, (int) (size - tail));
          // at and after EOF: nothing
          assertThat(h.pread(fd, size, 4096)).isEmpty();
          assertThat(h.pread(fd, size + 1 + (c.ops().size() * 4093L), 10)).isEmpty();
          // nothing landed past EOF: the device byte after the file's last one is untouched
          Hit last = FamfsGen.model(c.spec(), size - 1);
          if (last.rest() > 1) {
            byte[] after = new byte[1];
            h.phys.read(c.dev().phys(last.dev() + 1), after, 0, 1);
            assertThat(after[0]).as("device byte after EOF").isZero();
          }
          assertThat(h.root.fstat(fd).size()).isEqualTo(size);
        });
  }
}
