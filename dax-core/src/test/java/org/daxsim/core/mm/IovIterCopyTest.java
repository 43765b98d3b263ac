package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mm.IovIter.ITER_DEST;
import static org.daxsim.core.mm.IovIter.ITER_SOURCE;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/**
 * The copy routines against a byte[] model: random iterators of every kind over a user layout
 * with a hole and a read-only mapping, so short copies must stop at the exact byte.
 */
class IovIterCopyTest {
  private static final int PAGE = 4096;
  /** User layout: [UA, UA+8p) anonymous RW, [UA+8p, UA+10p) hole, [UA+10p, UA+16p) read-only. */
  private static final long UA = 0x6000_0000L;
  private static final int USER_PAGES = 16;
  /** Kernel side: the direct map of CXL memory. */
  private static final long KPHYS = CXL_BASE;
  private static final int KPAGES = 32;
  /** kvec segments live in the direct map of DRAM here. */
  private static final long VPHYS = RAM_BASE + (8L << 20);
  private static final int VPAGES = 16;

  private static final class World {
    final Host h;
    final Mm mm;
    final byte[] user = new byte[USER_PAGES * PAGE];
    final byte[] kmem;
    final byte[] vmem;

    World(long seed) throws Exception {
      h = new Host();
      h.kas.memremapPages(KPHYS, 2L << 20);
      mm = h.mm();
      mm.mmap(UA, 8L * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0,
          null);
      DevDax ro = new DevDax(KPHYS + (1L << 20), 1L << 20, PAGE);
      mm.mmap(UA + 10L * PAGE, 6L * PAGE, PROT_READ, MAP_SHARED | MAP_FIXED, 0, ro);
      byte[] p = pattern(seed, 8 * PAGE);
      mm.store(UA, p, 0, p.length);
      System.arraycopy(p, 0, user, 0, p.length);
      byte[] ro6 = pattern(seed + 1, 6 * PAGE);
      h.poke(KPHYS + (1L << 20), ro6);
      System.arraycopy(ro6, 0, user, 10 * PAGE, ro6.length);
      kmem = pattern(seed + 2, KPAGES * PAGE);
      h.poke(KPHYS, kmem);
      vmem = pattern(seed + 3, VPAGES * PAGE);
      h.poke(VPHYS, vmem);
    }

    boolean userWritable(long a) {
      return a >= UA && a < UA + 8L * PAGE;
    }

    boolean userReadable(long a) {
      return userWritable(a) || (a >= UA + 10L * PAGE && a < UA + 16L * PAGE);
    }
  }

  /** One iterator segment: its offset from the kind's region (see {@link Copy}), its length. */
  private record Seg(long off, long len) {
    @Override
    public String toString() {
      return (off < 0 ? "-0x" + Long.toHexString(-off) : "+0x" + Long.toHexString(off))
          + " len 0x" + Long.toHexString(len);
    }
  }

  /**
   * One copy: the direction and routine, the iterator kind and its segments (user: offsets
   * from UA; kvec: from the DRAM direct-map area; kbuf: offsets into a 3-page + 17 byte
   * array), where the kernel side starts in the CXL direct map, and how many bytes to copy.
   */
  private record Copy(boolean toIter, boolean variant, IovIter.Kind kind, List<Seg> segs,
      long kaddrOff, long bytes) {
    String routine() {
      return toIter ? (variant ? "copyMcToIter" : "copyToIter")
          : (variant ? "copyFromIterFlushcache" : "copyFromIter");
    }

    @Override
    public String toString() {
      return String.format("%s(kaddr K+0x%x, bytes %s, %s %s)", routine(), kaddrOff,
          bytes == Long.MAX_VALUE ? "MAX" : "0x" + Long.toHexString(bytes), kind, segs);
    }
  }

  private static final int KBUF_LEN = 3 * PAGE + 17;

  /** Segment lengths: empty one time in five, else up to 3 pages. */
  private static final Gen<Long> SEG_LENS = Gen.frequency(
      Map.entry(1, Gen.constant(0L)), Map.entry(4, Gen.longs(1, 3 * PAGE)));

  private static Gen<List<Seg>> segments(IovIter.Kind kind) {
    switch (kind) {
      case UBUF:
      case IOVEC: {
        // anywhere from the page below the layout to its end: hole, RW, read-only, beyond
        Gen<Seg> seg = Gen.zip(Gen.longs(-PAGE, USER_PAGES * PAGE - 1), SEG_LENS, Seg::new);
        return Gen.lists(seg, 1, kind == IovIter.Kind.UBUF ? 1 : 5);
      }
      case KVEC:
        return Gen.lists(Gen.zip(Gen.longs(0, (VPAGES - 4) * PAGE - 1), SEG_LENS, Seg::new), 1,
            5);
      default:
        return src -> {
          long off = src.draw(Gen.longs(0, PAGE - 1));
          long len = Math.min(src.draw(SEG_LENS), KBUF_LEN - off);
          return new ArrayList<>(List.of(new Seg(off, len)));
        };
    }
  }

  private static final Gen<Copy> COPIES = src -> {
    boolean toIter = src.draw(Gen.booleans());
    boolean variant = src.draw(Gen.booleans());
    IovIter.Kind kind = src.draw(Gen.elements(IovIter.Kind.values()));
    List<Seg> segs = src.draw(segments(kind));
    long kaddrOff = src.draw(Gen.longs(0, 8 * PAGE - 1));
    long bytes = src.draw(Gen.frequency(
        Map.entry(9, Gen.longs(0, 6 * PAGE - 1)), Map.entry(1, Gen.constant(Long.MAX_VALUE))));
    return new Copy(toIter, variant, kind, segs, kaddrOff, bytes);
  };

  /**
   * Property: every copy routine, for every iterator kind and segment layout, moves exactly
   * what a byte-by-byte walk over plain byte[] copies of the memories moves: it goes through
   * the segments in order and stops at min(bytes, count) or at the first byte the iterator side
   * cannot access (the hole, a read-only page for copy-to, beyond the layout); it returns that
   * many bytes, advances the iterator by as many, and changes no other byte of the user memory,
   * the kernel (CXL) memory, the kvec (DRAM) memory or the kbuf array.
   */
  @Test
  void copiesMatchAByteByByteModel() {
    Property.forAll(COPIES)
        .named("copy routines = byte-by-byte model over byte[] memories")
        .checkAssert(IovIterCopyTest::checkCopy);
  }

  private static void checkCopy(Copy c) throws Exception {
    World w = new World(1);
    int dir = c.toIter() ? ITER_DEST : ITER_SOURCE;
    int nseg = c.segs().size();
    long[] addrs = new long[nseg];
    long[] lens = new long[nseg];
    long region = switch (c.kind()) {
      case UBUF, IOVEC -> UA;
      case KVEC -> KernelAddressSpace.va(VPHYS);
      case KBUF -> 0;
    };
    for (int s = 0; s < nseg; s++) {
      addrs[s] = region + c.segs().get(s).off();
      lens[s] = c.segs().get(s).len();
    }
    byte[] kbuf = c.kind() == IovIter.Kind.KBUF ? pattern(10, KBUF_LEN) : null;
    IovIter it = switch (c.kind()) {
      case UBUF -> IovIter.ubuf(w.mm, dir, addrs[0], lens[0]);
      case IOVEC -> IovIter.iovec(w.mm, dir, addrs, lens);
      case KVEC -> IovIter.kvec(w.h.kas, dir, addrs, lens);
      case KBUF -> IovIter.kbuf(dir, kbuf, (int) addrs[0], (int) lens[0]);
    };
    byte[] kbufModel = kbuf == null ? null : kbuf.clone();
    long count0 = it.count();
    long kaddr = KernelAddressSpace.va(KPHYS) + c.kaddrOff();
    // model: walk the segments byte by byte until a byte cannot be accessed
    boolean user = c.kind() == IovIter.Kind.UBUF || c.kind() == IovIter.Kind.IOVEC;
    long limit = Math.min(c.bytes(), count0);
    long done = 0;
    byte[] kmodel = w.kmem.clone();
    byte[] umodel = w.user.clone();
    byte[] vmodel = w.vmem.clone();
    outer:
    for (int s = 0; s < nseg && done < limit; s++) {
      for (long b = 0; b < lens[s] && done < limit; b++) {
        long a = addrs[s] + b;
        int ki = (int) (c.kaddrOff() + done);
        if (user) {
          if (c.toIter() ? !w.userWritable(a) : !w.userReadable(a)) {
            break outer;
          }
          int ui = (int) (a - UA);
          if (c.toIter()) {
            umodel[ui] = kmodel[ki];
          } else {
            kmodel[ki] = umodel[ui];
          }
        } else if (c.kind() == IovIter.Kind.KVEC) {
          int vi = (int) (a - KernelAddressSpace.va(VPHYS));
          if (c.toIter()) {
            vmodel[vi] = kmodel[ki];
          } else {
            kmodel[ki] = vmodel[vi];
          }
        } else if (c.toIter()) {
          kbufModel[(int) a] = kmodel[ki];
        } else {
          kmodel[ki] = kbufModel[(int) a];
        }
        done++;
      }
    }
    long got = switch (c.routine()) {
      case "copyToIter" -> IovIter.copyToIter(w.h.kas, kaddr, c.bytes(), it);
      case "copyMcToIter" -> IovIter.copyMcToIter(w.h.kas, kaddr, c.bytes(), it);
      case "copyFromIter" -> IovIter.copyFromIter(w.h.kas, kaddr, c.bytes(), it);
      default -> IovIter.copyFromIterFlushcache(w.h.kas, kaddr, c.bytes(), it);
    };
    assertThat(got).as("bytes copied").isEqualTo(done);
    assertThat(it.count()).as("count left").isEqualTo(count0 - done);
    assertThat(w.h.peek(KPHYS, kmodel.length)).as("kernel side").isEqualTo(kmodel);
    assertThat(w.h.peek(VPHYS, vmodel.length)).as("kvec memory").isEqualTo(vmodel);
    byte[] u = new byte[8 * PAGE];
    w.mm.load(UA, u, 0, u.length);
    assertThat(u).as("user memory").isEqualTo(Arrays.copyOf(umodel, 8 * PAGE));
    if (kbuf != null) {
      assertThat(kbuf).as("kbuf").isEqualTo(kbufModel);
    }
  }

  @Test
  void advanceRevertTruncateMoveTheCursor() throws Exception {
    World w = new World(5);
    long[] addrs = {UA + 100, UA + 3 * PAGE, UA + 5 * PAGE};
    long[] lens = {50, 0, 70};
    IovIter it = IovIter.iovec(w.mm, ITER_SOURCE, addrs, lens);
    assertThat(it.count()).isEqualTo(120);
    it.advance(30);
    it.advance(25); // crosses the empty segment
    it.revert(10);
    assertThat(it.count()).isEqualTo(75);
    it.truncate(40);
    byte[] out = new byte[200];
    IovIter dst = IovIter.kbuf(ITER_DEST, out, 0, out.length);
    long kaddr = KernelAddressSpace.va(VPHYS);
    assertThat(IovIter.copyFromIter(w.h.kas, kaddr, 1000, it)).isEqualTo(40);
    assertThat(it.count()).isZero();
    assertThat(IovIter.copyToIter(w.h.kas, kaddr, 40, dst)).isEqualTo(40);
    List<Byte> expect = new ArrayList<>();
    for (int i = 45; i < 50; i++) {
      expect.add(w.user[100 + i]);
    }
    for (int i = 0; i < 35; i++) {
      expect.add(w.user[5 * PAGE + i]);
    }
    for (int i = 0; i < 40; i++) {
      assertThat(out[i]).as("byte %d", i).isEqualTo(expect.get(i));
    }
    it.revert(45 + 40); // everything consumed so far; the truncated 35 bytes stay cut off
    assertThat(it.count()).isEqualTo(85);
    assertThat(IovIter.copyFromIter(w.h.kas, kaddr, 1000, it)).isEqualTo(85);
    assertThat(w.h.peek(VPHYS, 50)).isEqualTo(Arrays.copyOfRange(w.user, 100, 150));
    assertThat(it.isUser()).isTrue();
    assertThat(it.kind()).isEqualTo(IovIter.Kind.IOVEC);
  }

  @Test
  void iovecTotalIsClampedToMaxRwCount() throws Exception {
    World w = new World(1);
    IovIter it = IovIter.iovec(w.mm, ITER_DEST, new long[] {UA, UA, UA},
        new long[] {IovIter.MAX_RW_COUNT - 10, 100, 100});
    assertThat(it.count()).isEqualTo(IovIter.MAX_RW_COUNT);
    IovIter u = IovIter.ubuf(w.mm, ITER_DEST, UA, Integer.MAX_VALUE);
    assertThat(u.count()).isEqualTo(IovIter.MAX_RW_COUNT);
  }

  @Test
  void wrongDirectionCopiesNothing() throws Exception {
    World w = new World(2);
    IovIter src = IovIter.ubuf(w.mm, ITER_SOURCE, UA, 100);
    IovIter dst = IovIter.ubuf(w.mm, ITER_DEST, UA, 100);
    long kaddr = KernelAddressSpace.va(KPHYS);
    assertThat(IovIter.copyToIter(w.h.kas, kaddr, 100, src)).isZero();
    assertThat(IovIter.copyMcToIter(w.h.kas, kaddr, 100, src)).isZero();
    assertThat(IovIter.copyFromIter(w.h.kas, kaddr, 100, dst)).isZero();
    assertThat(IovIter.copyFromIterFlushcache(w.h.kas, kaddr, 100, dst)).isZero();
    assertThat(src.count()).isEqualTo(100);
    assertThat(dst.count()).isEqualTo(100);
    assertThat(IovIter.copyFromIterFlushcache(w.h.kas, kaddr, 100, src)).isEqualTo(100);
    assertThat(w.h.peek(KPHYS, 100)).isEqualTo(Arrays.copyOf(w.user, 100));
  }
}
