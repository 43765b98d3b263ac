package org.daxsim.fs.famfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.daxsim.fs.famfs.FamfsGen.UNIT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.daxsim.bus.DevDax;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.fs.dax.Iomap;
import org.daxsim.fs.famfs.FamfsGen.Dev;
import org.daxsim.fs.famfs.FamfsGen.Hit;
import org.daxsim.fs.famfs.FamfsGen.Span;
import org.daxsim.fs.famfs.FamfsGen.Spec;
import org.daxsim.fs.vfs.Inode;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.daxsim.prop.Source;
import org.junit.jupiter.api.Test;

/**
 * famfs_meta_to_dax_offset() ({@link FamfsMap#resolve}) against an independent model
 * ({@link FamfsGen#model}, famfs.md 2.6, invariants 16-18): simple maps of 1-16 extents (about
 * half of them of the uniform power-of-two shape that takes the O(1) path) and interleaved maps
 * of 1-2 interleaved extents of 1-16 strips, laid out on random 1-4 range fsdev devices.
 */
class FamfsResolvePropertyTest {
  static final int TRIES = 300;

  /** A file on a device, with probe offsets and requested lengths. */
  record Case(Dev dev, Spec spec, List<Long> offsets, List<Long> lens) {}

  /** Simple (1-16 extents) or interleaved (1-2 x 1-16 strips), resolve-only shapes allowed. */
  static Spec spec(Source src, boolean ioctlOnly, boolean ragged) {
    if (src.flip()) {
      long[] lens = FamfsGen.simpleLens(src, ioctlOnly ? 2 : 16, !ioctlOnly);
      int units = (int) FamfsGen.units(lens);
      int devUnits = units + src.chooseInt(0, Math.min(units, 32));
      return FamfsGen.simple(src, lens, devUnits);
    }
    List<FamfsGen.IeShape> shapes = FamfsGen.ieShapes(src, 2, !ioctlOnly, 192);
    long units = 0;
    for (FamfsGen.IeShape s : shapes) {
      units += s.nstrips() * ((s.stripLen() + UNIT - 1) / UNIT);
    }
    int devUnits = (int) units + src.chooseInt(0, (int) Math.min(units, 32));
    return FamfsGen.interleaved(src, shapes, devUnits, ragged);
  }

  /** The device a spec was placed on: the smallest that holds every piece, plus some slack. */
  static Gen<Case> cases(boolean ioctlOnly, boolean ragged) {
    return src -> {
      Spec spec = spec(src, ioctlOnly, ragged);
      long end = 0;
      for (FamfsMap.Extent e : spec.pieces()) {
        end = Math.max(end, e.offset() + ((e.length() + UNIT - 1) / UNIT) * UNIT);
      }
      int devUnits = (int) (end / UNIT) + src.chooseInt(0, 8);
      Dev dev = FamfsGen.dev(src, devUnits);
      List<Long> offsets = new ArrayList<>();
      List<Long> lens = new ArrayList<>();
      long rEnd = spec.resolvableEnd();
      int n = src.chooseInt(8, 24);
      for (int i = 0; i < n; i++) {
        long pos;
        int kind = src.chooseInt(0, 9);
        if (kind == 0) {
          pos = rEnd + src.choose(0, 4 * UNIT); // at or past the extents
        } else if (kind == 1) {
          pos = spec.size() - 1 - src.choose(0, Math.min(spec.size() - 1, 8192)); // near EOF
        } else if (kind == 2) {
          // next to a 4 KiB boundary (extent and chunk ends are all 4 KiB multiples)
          long b = src.choose(1, Math.max(1, rEnd / FamfsGen.PAGE)) * FamfsGen.PAGE;
          pos = Math.max(0, b - src.choose(0, 2));
        } else {
          pos = src.choose(0, spec.size() - 1);
        }
        offsets.add(pos);
        lens.add(src.weighted(0.5) ? src.choose(1, 8192) : src.choose(1, 64 * FamfsGen.MiB));
      }
      return new Case(dev, spec, offsets, lens);
    };
  }

  /** Asserts {@code io} is the model's answer for (pos, len), or null exactly past the extents. */
  static void assertResolves(Spec spec, Iomap io, long pos, long len, DaxDevice dax) {
    Hit h = FamfsGen.model(spec, pos);
    if (h == null) {
      assertThat(pos).as("model: only past the extents is unmapped")
          .isGreaterThanOrEqualTo(spec.resolvableEnd());
      assertThat(io).as("resolve(%d, %d) past the extents", pos, len).isNull();
      return;
    }
    assertThat(pos).isLessThan(spec.resolvableEnd());
    assertThat(io).as("resolve(%d, %d)", pos, len).isNotNull();
    assertThat(io.type()).isEqualTo(Iomap.IOMAP_MAPPED);
    assertThat(io.offset()).as("iomap offset").isEqualTo(pos);
    assertThat(io.addr()).as("device byte of file offset %d", pos).isEqualTo(h.dev());
    assertThat(io.length()).as("length = min(requested, rest of extent/chunk)")
        .isEqualTo(Math.min(len, h.rest()));
    assertThat(io.daxDev()).isSameAs(dax);
    // never crosses the end of its extent or strip, nor (interleaved) of its chunk
    assertThat(io.addr()).isGreaterThanOrEqualTo(h.pieceOff());
    assertThat(io.addr() + io.length()).isLessThanOrEqualTo(h.pieceOff() + h.pieceLen());
    if (spec.interleaved()) {
      long chunk = chunkOf(spec, pos);
      assertThat((io.addr() - h.pieceOff()) % chunk + io.length()).as("within one chunk")
          .isLessThanOrEqualTo(chunk);
    }
  }

  static long chunkOf(Spec spec, long pos) {
    long local = pos;
    for (FamfsMap.Interleave x : spec.ies()) {
      long covered = Math.min(x.nbytes(), spec.size());
      if (local < covered) {
        return x.chunkSize();
      }
      local -= covered;
    }
    throw new AssertionError("past the extents");
  }

  /** The uniform O(1) shape of famfs.md 2.6, from the spec's extent lengths. */
  static boolean uniformShape(Spec spec) {
    List<FamfsMap.Extent> e = spec.exts();
    if (spec.interleaved() || e.size() < 2) {
      return false;
    }
    long len0 = e.get(0).length();
    for (int i = 1; i < e.size() - 1; i++) {
      if (e.get(i).length() != len0) {
        return false;
      }
    }
    return Long.bitCount(len0) == 1 && e.get(e.size() - 1).length() <= len0;
  }

  /**
   * Invariants 16-17: resolve(pos, len) is the model's device byte, its length is
   * min(len, rest of the extent or chunk) and never crosses it, and past the extents it is
   * null. Also: the O(1) path is taken for exactly the uniform shape, in a good share of cases.
   * Interleaved maps here may have a non-last interleaved extent of a ragged nbytes (see
   * {@link FamfsGen#interleaved}); the mapping is then still trimmed at its chunk's end only.
   */
  @Test
  void resolveMatchesTheModel() {
    AtomicInteger total = new AtomicInteger();
    AtomicInteger uniform = new AtomicInteger();
    Property.forAll(cases(false, true)).named("FamfsMap.resolve == model (inv. 16-17)")
        .tries(TRIES).checkAssert(c -> {
          FamfsHost h = new FamfsHost();
          DevDax d = c.dev().build(h);
          assertThat(d.size()).isEqualTo(c.dev().size());
          DaxDevice dax = d.daxDevice();
          FamfsMap m = c.spec().map();
          assertThat(m.uniform()).as("O(1) path iff uniform shape")
              .isEqualTo(uniformShape(c.spec()));
          if (!c.spec().interleaved()) {
            total.incrementAndGet();
            if (m.uniform()) {
              uniform.incrementAndGet();
            }
          }
          for (int i = 0; i < c.offsets().size(); i++) {
            long pos = c.offsets().get(i);
            long len = c.lens().get(i);
            assertResolves(c.spec(), m.resolve(pos, len, dax), pos, len, dax);
          }
          // every piece lies inside the device
          for (FamfsMap.Extent e : c.spec().pieces()) {
            assertThat(e.offset() + e.length()).isLessThanOrEqualTo(d.size());
          }
          // the first offset past the extents, and the last one before
          long end = c.spec().resolvableEnd();
          assertThat(m.resolve(end, 1, dax)).isNull();
          assertResolves(c.spec(), m.resolve(end - 1, 4096, dax), end - 1, 4096, dax);
        });
    assertThat(uniform.get()).as("uniform simple maps out of %d", total.get())
        .isGreaterThanOrEqualTo(total.get() / 5);
  }

  /**
   * Invariant 18: walking [0, size) by the mappings resolve returns covers every file offset
   * once, no two offsets share a device byte, and the image is exactly the bytes the file
   * uses ({@link FamfsGen#expectedImage}); a random sample of single offsets agrees.
   */
  @Test
  void resolveIsABijectionOntoTheUsedBytes() {
    Property.forAll(cases(false, false)).named("resolve: [0,size) <-> used device bytes (inv. 18)")
        .tries(TRIES).checkAssert(c -> {
          FamfsHost h = new FamfsHost();
          DaxDevice dax = c.dev().build(h).daxDevice();
          Spec spec = c.spec();
          FamfsMap m = spec.map();
          List<Span> image = new ArrayList<>();
          long pos = 0;
          int steps = 0;
          while (pos < spec.size()) {
            Iomap io = m.resolve(pos, spec.size() - pos, dax);
            assertThat(io).as("resolve(%d) inside the file", pos).isNotNull();
            assertThat(io.length()).isPositive();
            assertThat(io.offset()).isEqualTo(pos);
            // the mapping is affine; check both of its ends against the model
            assertThat(io.addr()).isEqualTo(FamfsGen.model(spec, pos).dev());
            long last = pos + io.length() - 1;
            assertThat(io.addr() + io.length() - 1).as("last byte of the mapping at %d", pos)
                .isEqualTo(FamfsGen.model(spec, last).dev());
            image.add(new Span(io.addr(), io.addr() + io.length()));
            pos += io.length();
            steps++;
          }
          assertThat(pos).isEqualTo(spec.size());
          assertThat(steps).isLessThanOrEqualTo(10_000);
          List<Span> sorted = new ArrayList<>(image);
          sorted.sort((a, b) -> Long.compare(a.start(), b.start()));
          for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).start()).as("no device byte mapped twice")
                .isGreaterThanOrEqualTo(sorted.get(i - 1).end());
          }
          assertThat(FamfsGen.merge(image)).as("image == used bytes")
              .isEqualTo(FamfsGen.expectedImage(spec));
          // a sample of single offsets: distinct offsets, distinct device bytes
          Map<Long, Long> seen = new HashMap<>();
          for (long o : c.offsets()) {
            if (o >= spec.size()) {
              continue;
            }
            Iomap io = m.resolve(o, 1, dax);
            Long prev = seen.put(io.addr(), o);
            assertThat(prev == null || prev == o).as("offsets %s and %d share device byte %d",
                prev, o, io.addr()).isTrue();
            assertThat(FamfsGen.fileOffsetOf(spec, io.addr())).as("inverse of %d", o)
                .isEqualTo(o);
            assertThat(FamfsGen.expectedImage(spec)).anyMatch(
                s -> s.start() <= io.addr() && io.addr() < s.end());
          }
        });
  }

  /**
   * The kernel path: a map MAP_CREATE_V2 accepts, attached to a file of a famfs mount of the
   * device; famfs_iomap_begin() gives the model's mapping (any iomap flags) and EIO past the
   * extents, and MAP_GET_V2 hands back the same map.
   */
  @Test
  void iomapBeginOfAMountedFileMatchesTheModel() {
    Property.forAll(cases(true, false)).named("famfs_iomap_begin == model").tries(TRIES)
        .checkAssert(c -> {
          assertThat(c.spec().ioctlLegal()).isTrue();
          FamfsHost h = new FamfsHost();
          DevDax d = c.dev().build(h);
          h.mount(d, "/mnt/famfs");
          int fd = h.create("/mnt/famfs/f", c.spec().map());
          assertThat(h.root.fstat(fd).size()).isEqualTo(c.spec().size());
          Inode inode = h.vfs.kernPath("/mnt/famfs/f");
          FamfsFileOps ops = (FamfsFileOps) inode.fop();
          FamfsFile f = (FamfsFile) inode.privateData();
          DaxDevice dax = d.daxDevice();
          int[] flagChoices = {0, Iomap.IOMAP_WRITE, Iomap.IOMAP_FAULT | Iomap.IOMAP_DAX,
              Iomap.IOMAP_WRITE | Iomap.IOMAP_DAX};
          for (int i = 0; i < c.offsets().size(); i++) {
            long pos = c.offsets().get(i);
            long len = c.lens().get(i);
            int flags = flagChoices[i % flagChoices.length];
            if (FamfsGen.model(c.spec(), pos) == null) {
              ErrnoException e = catchThrowableOfType(() -> ops.iomapBegin(f, pos, len, flags),
                  ErrnoException.class);
              assertThat(e).as("iomap_begin(%d) past the extents", pos).isNotNull();
              assertThat(e.errno()).isEqualTo(Errno.EIO);
            } else {
              assertResolves(c.spec(), ops.iomapBegin(f, pos, len, flags), pos, len, dax);
            }
          }
          if (c.spec().interleaved() && c.spec().ies().size() > 1) {
            // MAP_GET_V2 reports one interleaved extent only
            ErrnoException e = catchThrowableOfType(() -> FamfsIoctl.mapGetV2(h.root, fd),
                ErrnoException.class);
            assertThat(e).isNotNull();
            assertThat(e.errno()).isEqualTo(Errno.EINVAL);
            return;
          }
          FamfsMap back = FamfsIoctl.mapGetV2(h.root, fd);
          assertThat(back.fileSize()).isEqualTo(c.spec().size());
          assertThat(back.extents()).isEqualTo(c.spec().exts());
          assertThat(back.interleaves()).isEqualTo(c.spec().ies());
        });
  }
}
