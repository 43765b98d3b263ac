package org.daxsim.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mm.IovIter.ITER_DEST;
import static org.daxsim.core.mm.IovIter.ITER_SOURCE;
import static org.daxsim.core.mm.Mman.*;
import static org.daxsim.core.mm.MmTesting.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
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

  @Test
  void randomCopiesMatchTheModel() throws Exception {
    long seed0 = new SplittableRandom().nextLong();
    for (int c = 0; c < 400; c++) {
      long seed = seed0 + c;
      try {
        oneCase(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private void oneCase(long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    World w = new World(seed);
    boolean toIter = r.nextBoolean();
    int dir = toIter ? ITER_DEST : ITER_SOURCE;
    int kind = r.nextInt(4);
    int nseg = kind == 0 || kind == 3 ? 1 : 1 + r.nextInt(5);
    long[] addrs = new long[nseg];
    long[] lens = new long[nseg];
    byte[] kbuf = null;
    for (int s = 0; s < nseg; s++) {
      lens[s] = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(3 * PAGE);
      if (kind <= 1) {
        addrs[s] = UA - PAGE + r.nextInt((USER_PAGES + 1) * PAGE);
      } else if (kind == 2) {
        lens[s] = Math.min(lens[s], 4L * PAGE);
        addrs[s] = KernelAddressSpace.va(VPHYS) + r.nextInt((VPAGES - 4) * PAGE);
      }
    }
    IovIter it;
    switch (kind) {
      case 0 -> it = IovIter.ubuf(w.mm, dir, addrs[0], lens[0]);
      case 1 -> it = IovIter.iovec(w.mm, dir, addrs, lens);
      case 2 -> it = IovIter.kvec(w.h.kas, dir, addrs, lens);
      default -> {
        kbuf = pattern(seed + 9, 3 * PAGE + 17);
        int off = r.nextInt(PAGE);
        lens[0] = Math.min(lens[0], kbuf.length - off);
        addrs[0] = off;
        it = IovIter.kbuf(dir, kbuf, off, (int) lens[0]);
      }
    }
    byte[] kbufModel = kbuf == null ? null : kbuf.clone();
    long count0 = it.count();
    long kaddrOff = r.nextInt(8 * PAGE);
    long kaddr = KernelAddressSpace.va(KPHYS) + kaddrOff;
    long bytes = r.nextInt(6 * PAGE);
    if (r.nextInt(10) == 0) {
      bytes = Long.MAX_VALUE;
    }
    // model: walk the segments byte by byte until a byte cannot be accessed
    long limit = Math.min(bytes, count0);
    long done = 0;
    byte[] kmodel = w.kmem.clone();
    byte[] umodel = w.user.clone();
    byte[] vmodel = w.vmem.clone();
    outer:
    for (int s = 0; s < nseg && done < limit; s++) {
      for (long b = 0; b < lens[s] && done < limit; b++) {
        long a = addrs[s] + b;
        int ki = (int) (kaddrOff + done);
        if (kind <= 1) {
          if (toIter ? !w.userWritable(a) : !w.userReadable(a)) {
            break outer;
          }
          int ui = (int) (a - UA);
          if (toIter) {
            umodel[ui] = kmodel[ki];
          } else {
            kmodel[ki] = umodel[ui];
          }
        } else if (kind == 2) {
          int vi = (int) (a - KernelAddressSpace.va(VPHYS));
          if (toIter) {
            vmodel[vi] = kmodel[ki];
          } else {
            kmodel[ki] = vmodel[vi];
          }
        } else if (toIter) {
          kbufModel[(int) a] = kmodel[ki];
        } else {
          kmodel[ki] = kbufModel[(int) a];
        }
        done++;
      }
    }
    long got = toIter ? IovIter.copyToIter(w.h.kas, kaddr, bytes, it)
        : IovIter.copyFromIter(w.h.kas, kaddr, bytes, it);
    assertThat(got).as("copied (kind %d, toIter %b)", kind, toIter).isEqualTo(done);
    assertThat(it.count()).isEqualTo(count0 - done);
    assertThat(w.h.peek(KPHYS, kmodel.length)).as("kernel side").isEqualTo(kmodel);
    assertThat(w.h.peek(VPHYS, vmodel.length)).as("kvec memory").isEqualTo(vmodel);
    byte[] u = new byte[8 * PAGE];
    w.mm.load(UA, u, 0, u.length);
    assertThat(u).as("user memory").isEqualTo(Arrays.copyOf(umodel, 8 * PAGE));
    if (kbuf != null) {
      assertThat(kbuf).isEqualTo(kbufModel);
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
