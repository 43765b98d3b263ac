package org.daxsim.core.mm;

import static org.daxsim.core.Pages.PAGE_MASK;
import static org.daxsim.core.Pages.PAGE_SIZE;

import org.daxsim.core.Oops;
import org.daxsim.core.mem.PhysWindow;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;

/**
 * The copy routines behind {@link IovIter}: lib/iov_iter.c's iterate_and_advance() driving the
 * x86 primitives copy_to_user / copy_from_user (arch/x86/lib/copy_user_64.S), copy_mc_to_user /
 * copy_mc_to_kernel (copy_mc_64.S) and plain memcpy, with the exception-table fixups of
 * arch/x86/mm/extable.c and the fault and machine-check handling of arch/x86/mm/fault.c and
 * arch/x86/kernel/cpu/mce.
 *
 * <p>The kernel side ({@code kaddr}) is dereferenced as a kernel virtual address:
 * <ul>
 *   <li>kernel half, mapped: the bytes behind {@link KernelAddressSpace#translate};
 *   <li>kernel half, unmapped (or non-canonical): the #PF/#GP hits an instruction with an
 *       exception-table entry in the uaccess and copy_mc primitives, so the copy ends short;
 *       plain memcpy (a kvec/kbuf iterator without MC) has none: {@link Oops};
 *   <li>user half (e.g. a physical address wrongly returned as kaddr): with a user iterator the
 *       access runs with user access enabled (STAC), so it goes through the iterator's process
 *       page tables and faults like a user access: a VMA there silently supplies its bytes, no
 *       VMA ends the copy short; with a kernel iterator SMAP makes it an {@link Oops}.
 * </ul>
 * Poison consumed from the kernel half ends an MC copy short at the poisoned page and is an
 * {@link Oops} (machine check in kernel mode) for a plain copy; poison consumed from user
 * memory is recoverable for both (copy-in recovery), ending the copy short. Faults on the
 * iterator's user pages are handled like user faults (no signal: short copy on failure).
 * Physical memory with no backing device behaves like poison on loads and like a fault on
 * stores. Every piece is bounded by a page on both sides; no allocation, no lock on mapped
 * pages.
 */
final class UserCopy {
  /** Trace "mc" argument values. */
  static final int PLAIN = 0;
  static final int MC = 1;
  static final int FLUSHCACHE = 2;

  /** A resolution that the exception fixup turns into "stop here". */
  private static final long FAULT = -1;

  private UserCopy() {}

  static long toIter(KernelAddressSpace kas, long kaddr, long bytes, IovIter i, boolean mc) {
    return iterate(kas, kaddr, bytes, i, IovIter.ITER_DEST, mc, mc ? MC : PLAIN);
  }

  static long fromIter(KernelAddressSpace kas, long kaddr, long bytes, IovIter i,
      boolean flushcache) {
    return iterate(kas, kaddr, bytes, i, IovIter.ITER_SOURCE, false,
        flushcache ? FLUSHCACHE : PLAIN);
  }

  /**
   * The iterate_and_advance loop of lib/iov_iter.c: one segment piece at a time, stopping at
   * the first short piece. {@code dir} is the direction the iterator must have (a mismatch is
   * the kernel's WARN and copies nothing).
   */
  private static long iterate(KernelAddressSpace kas, long kaddr, long bytes, IovIter i,
      int dir, boolean mc, int kind) {
    if (!valid(kas, bytes, i) || i.dir != dir) {
      return 0;
    }
    boolean toIter = dir == IovIter.ITER_DEST;
    long n = Math.min(bytes, i.count);
    long done = 0;
    while (done < n) {
      i.skipEmpty();
      long step = Math.min(n - done, i.segRemaining());
      long got = i.isUser() && !IovIter.accessOk(i.segAddr(), step)
          ? 0
          : copy(kas, i, kaddr + done, i.segAddr(), step, toIter, mc);
      i.advanceBy(got);
      done += got;
      if (got < step) {
        break;
      }
    }
    trace(i, kaddr, bytes, done, kind);
    return done;
  }

  private static boolean valid(KernelAddressSpace kas, long bytes, IovIter i) {
    return kas != null && i != null && bytes >= 0 && (i.kas == null || i.kas == kas);
  }

  /**
   * Copies {@code len} bytes between kernel address {@code kaddr} and the iterator's current
   * segment at {@code at}, page piece by page piece; returns the bytes moved. Every piece is
   * resolved and checked in order, exactly as the CPU meets the pages; pieces that continue
   * the previous one on both sides (same windows, physically contiguous, no overlap between
   * source and destination) are moved together, so a long copy between contiguous pages costs
   * one device copy instead of one per page. Before a piece fails, the pieces resolved so far
   * are moved, so what was copied, where the copy stops and what it raises are unchanged.
   */
  private static long copy(KernelAddressSpace kas, IovIter i, long kaddr, long at, long len,
      boolean toIter, boolean mc) {
    PhysicalAddressSpace phys = kas.phys();
    boolean user = i.isUser();
    boolean kbuf = i.kind == IovIter.Kind.KBUF;
    boolean srcIsBuf = !toIter && kbuf;
    boolean dstIsBuf = toIter && kbuf;
    PhysWindow runSw = null;
    PhysWindow runDw = null;
    long runSrc = 0; // physical address, or buffer offset for a KBUF side
    long runDst = 0;
    long runLen = 0;
    long done = 0;
    while (done < len) {
      long k = kaddr + done;
      long x = at + done;
      long piece = Math.min(len - done, PAGE_SIZE - (k & ~PAGE_MASK));
      if (!kbuf) {
        piece = Math.min(piece, PAGE_SIZE - (x & ~PAGE_MASK));
      }
      // the user pages of the piece, walked once: a mapped one is used as it is
      long ke = user ? UserAccess.presentEntry(i.mm, k, !toIter) : 0;
      long xe = user && !kbuf ? UserAccess.presentEntry(i.mm, x, toIter) : 0;
      if (runLen > 0 && (mayFault(i, k, ke) || (!kbuf && mayFault(i, x, xe)))) {
        // the fault handler may touch memory: what the CPU copied before must be there
        runLen = flush(runSw, runSrc, runDw, runDst, runLen, i, srcIsBuf, dstIsBuf);
      }
      long kp;
      long xp;
      try {
        kp = ke != 0 ? physOf(ke, k) : kernelSide(kas, i, k, !toIter, mc);
        xp = kp == FAULT || kbuf ? 0 : xe != 0 ? physOf(xe, x) : iterSide(kas, i, x, toIter, mc);
      } catch (Oops e) {
        flush(runSw, runSrc, runDw, runDst, runLen, i, srcIsBuf, dstIsBuf);
        throw e;
      }
      if (kp == FAULT || xp == FAULT) {
        break;
      }
      long src = toIter ? kp : srcIsBuf ? x : xp;
      long dst = toIter ? (dstIsBuf ? x : xp) : kp;
      PhysWindow sw = srcIsBuf ? null : window(phys, runSw, src);
      if (!srcIsBuf && (sw == null || PhysIo.isPoisoned(sw, src))) {
        boolean recoverable = toIter ? Mman.isUserHalf(k) && user : user;
        flush(runSw, runSrc, runDw, runDst, runLen, i, srcIsBuf, dstIsBuf);
        if (mc || recoverable) {
          return done;
        }
        throw new Oops("machine check: uncorrectable memory error consumed in kernel mode",
            toIter ? k : x);
      }
      PhysWindow dw = dstIsBuf ? null : window(phys, runDw, dst);
      if (!dstIsBuf && dw == null) {
        flush(runSw, runSrc, runDw, runDst, runLen, i, srcIsBuf, dstIsBuf);
        if (mc || user) {
          return done;
        }
        throw new Oops("machine check: store to unbacked physical memory", toIter ? x : k);
      }
      if (runLen > 0 && sw == runSw && dw == runDw && src == runSrc + runLen
          && dst == runDst + runLen && !overlaps(sw, runSrc, dw, runDst, runLen + piece)) {
        runLen += piece;
      } else {
        flush(runSw, runSrc, runDw, runDst, runLen, i, srcIsBuf, dstIsBuf);
        runSw = sw;
        runDw = dw;
        runSrc = src;
        runDst = dst;
        runLen = piece;
      }
      done += piece;
    }
    flush(runSw, runSrc, runDw, runDst, runLen, i, srcIsBuf, dstIsBuf);
    return done;
  }

  /** {@code last} if it still holds {@code p} (the common case: the next page), else a lookup. */
  private static PhysWindow window(PhysicalAddressSpace phys, PhysWindow last, long p) {
    return last != null && last.contains(p) ? last : phys.find(p);
  }

  /**
   * Whether a run's source and destination share device bytes: such runs are moved page by
   * page, as the CPU would, never as one memmove.
   */
  private static boolean overlaps(PhysWindow sw, long src, PhysWindow dw, long dst, long len) {
    if (sw == null || dw == null || sw.device() != dw.device()) {
      return false;
    }
    long s = sw.toDeviceOffset(src);
    long d = dw.toDeviceOffset(dst);
    return s < d + len && d < s + len;
  }

  /**
   * True when a uaccess to user address {@code va}, whose {@link UserAccess#presentEntry} is
   * {@code entry}, would enter the fault handler.
   */
  private static boolean mayFault(IovIter i, long va, long entry) {
    return entry == 0 && i.isUser() && Mman.isUserHalf(va);
  }

  /** The physical address of {@code va} through its page-table entry. */
  private static long physOf(long entry, long va) {
    return (entry & PageTable.PFN_MASK) | (va & ~PAGE_MASK);
  }

  /** Moves a resolved run (a KBUF side is {@code i.buf} at the run's offset); returns 0. */
  private static long flush(PhysWindow sw, long src, PhysWindow dw, long dst, long len,
      IovIter i, boolean srcIsBuf, boolean dstIsBuf) {
    if (len == 0) {
      return 0;
    }
    if (dstIsBuf) {
      PhysIo.read(sw, src, i.buf, (int) dst, (int) len);
    } else if (srcIsBuf) {
      PhysIo.write(dw, dst, i.buf, (int) src, (int) len);
    } else {
      PhysIo.copy(sw, src, dw, dst, len);
    }
    return 0;
  }

  /** Resolves the kernel-side address {@code k}: its physical address, or FAULT, or Oops. */
  private static long kernelSide(KernelAddressSpace kas, IovIter i, long k, boolean write,
      boolean mc) {
    if (Mman.isUserHalf(k)) {
      if (!i.isUser()) {
        throw new Oops("supervisor access of a user address with SMAP (kernel iterator)", k);
      }
      return UserAccess.resolveForKernel(i.mm, k, write);
    }
    return kernelVirtual(kas, k, i.isUser() || mc);
  }

  /** Resolves the iterator-side address {@code x} of a user or kvec iterator. */
  private static long iterSide(KernelAddressSpace kas, IovIter i, long x, boolean write,
      boolean mc) {
    if (i.isUser()) {
      return UserAccess.resolveForKernel(i.mm, x, write);
    }
    if (Mman.isUserHalf(x)) {
      throw new Oops("supervisor access of a user address with SMAP (kvec segment)", x);
    }
    return kernelVirtual(kas, x, mc);
  }

  /** A kernel-half or non-canonical address: FAULT if {@code fixup}, else the CPU's Oops. */
  private static long kernelVirtual(KernelAddressSpace kas, long k, boolean fixup) {
    if (!KernelAddressSpace.isKernelAddress(k)) {
      if (fixup) {
        return FAULT;
      }
      throw new Oops("general protection fault, probably for non-canonical address", k);
    }
    long p = kas.translate(k);
    if (p >= 0 || fixup) {
      return p < 0 ? FAULT : p;
    }
    throw new Oops("unable to handle page fault for address", k);
  }

  private static void trace(IovIter i, long kaddr, long bytes, long done, int mode) {
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.COPY_ITER, i, kaddr, bytes, done, mode);
    }
  }
}
