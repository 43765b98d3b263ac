package org.daxsim.suites;

import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;
import org.daxsim.core.Errno;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.DaxOperations;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.fs.dax.Iomap;
import org.daxsim.fs.famfs.FamfsMap;

/**
 * Deliberately broken test-side copies of key functions (main code is never changed). How each
 * is injected:
 *
 * <ul>
 *   <li>(a) {@link #RANGE_LOOKUP_OFF_BY_ONE}: a copy of the per-range direct_access whose range
 *       lookup takes {@code last = first + pages} (one page too far); installed on the real
 *       fsdev-bound device with {@code dax_set_ops} (after clearing the real ops), so pread(2),
 *       mmap faults and direct_access all go through it;
 *   <li>(b) extend-in-place when the neighbour is not the last range: {@link AllocModel} with
 *       {@code extendAnyNeighbour}, a copy of the allocator step driven in place of the bus (the
 *       bus allocator cannot be replaced from a test);
 *   <li>(c) {@link #STRIPE_STRIP_SWAPPED}: a copy of famfs_meta_to_dax_offset's interleaved
 *       arithmetic with stripe and strip numbers swapped, used by the iomap check and as the
 *       iomap_begin of the test file system over the real fs-dax engine;
 *   <li>(d) {@link #EOF_CLAMP_OFF_BY_ONE}: famfs_rw_prep()'s clamp keeping {@code size - pos + 1}
 *       bytes, used by the test file system's read/write.
 * </ul>
 */
final class Mutants {
  private Mutants() {}

  static final Resolution.Hooks RANGE_LOOKUP_OFF_BY_ONE = new Resolution.Hooks() {
    @Override
    public DaxOperations ops(DaxOperations real, DevDax d) {
      return new OffByOneOps(real, d);
    }
  };

  static final Resolution.Hooks STRIPE_STRIP_SWAPPED = new Resolution.Hooks() {
    @Override
    public Iomap resolve(FamfsMap map, long pos, long len, DaxDevice dev) {
      if (map.extentType() != FamfsMap.INTERLEAVED_EXTENT || pos < 0 || len <= 0) {
        return map.resolve(pos, len, dev);
      }
      long local = pos;
      for (FamfsMap.Interleave x : map.interleaves()) {
        long extSize = Math.min(x.nbytes(), map.fileSize());
        if (local < extSize) {
          long chunk = x.chunkSize();
          long chunkNum = local / chunk;
          long chunkOff = local % chunk;
          long stripeNum = chunkNum % x.nstrips(); // MUTANT: swapped
          int stripNum = (int) (chunkNum / x.nstrips()); // MUTANT: swapped
          long addr = x.strips().get(stripNum).offset() + stripeNum * chunk + chunkOff;
          return Iomap.mapped(addr, pos, Math.min(len, chunk - chunkOff), dev);
        }
        local -= extSize;
      }
      return null;
    }
  };

  static final Resolution.Hooks EOF_CLAMP_OFF_BY_ONE = new Resolution.Hooks() {
    @Override
    public long clamp(long size, long pos, long count) {
      return Math.min(count, Math.max(0, size - pos + 1)); // MUTANT: + 1
    }
  };

  /** Mutant (a): per-range direct_access with an off-by-one range end in the lookup. */
  static final class OffByOneOps implements DaxOperations {
    private final DaxOperations real;
    private final DevDax d;

    OffByOneOps(DaxOperations real, DevDax d) {
      this.real = real;
      this.d = d;
    }

    @Override
    public long directAccess(DaxDevice dax, long pgoff, long nrPages, DaxAccessMode mode,
        KaddrPfn out) {
      for (DevDaxRange r : d.ranges()) {
        long first = r.pgoff();
        long last = first + r.pages(); // MUTANT: should be first + pages - 1
        if (pgoff < first || pgoff > last) {
          continue;
        }
        long phys = r.start() + ((pgoff - first) << 12);
        if (out != null) {
          out.set(KernelAddressSpace.va(phys), phys >>> 12);
        }
        return Math.min(nrPages, (r.end() - phys + 1) >>> 12);
      }
      return Errno.EFAULT.neg();
    }

    @Override
    public int zeroPageRange(DaxDevice dax, long pgoff, long nrPages) {
      return real.zeroPageRange(dax, pgoff, nrPages);
    }

    @Override
    public long recoveryWrite(DaxDevice dax, long pgoff, long kaddr, long bytes, IovIter iter) {
      return real.recoveryWrite(dax, pgoff, kaddr, bytes, iter);
    }

    @Override
    public boolean hasRecoveryWrite() {
      return real.hasRecoveryWrite();
    }
  }
}
