package org.daxsim.core.mm;

import static org.daxsim.core.Pages.PAGE_MASK;
import static org.daxsim.core.Pages.PAGE_SIZE;

import org.daxsim.core.Oops;
import org.daxsim.core.mem.PhysWindow;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;

/**
 * Loads and stores through a process's page tables: what the CPU does for user-mode accesses
 * (walk, #PF into the fault path, signal on failure, #MC on poison) and for the kernel's
 * uaccess (same walk and fault path, but a failure means "the exception fixup ends the copy").
 * The hit path takes no lock and allocates nothing.
 */
final class UserAccess {
  private UserAccess() {}

  /**
   * A user-mode memcpy from/to {@code [uaddr, uaddr + len)}: every page is walked (and faulted
   * in) in order, as the CPU meets it; pages that continue the previous one physically in the
   * same window are moved together. What is moved is always moved before the fault handler
   * runs or a signal is raised, so the bytes copied before a fault are as for a page-by-page
   * copy.
   */
  static void access(Mm mm, long uaddr, byte[] buf, int off, int len, boolean write)
      throws Signal {
    PhysicalAddressSpace phys = mm.kas().phys();
    PhysWindow runW = null;
    long runP = 0;
    int runAt = 0;
    int runLen = 0;
    for (int done = 0; done < len; ) {
      long va = uaddr + done;
      int n = (int) Math.min(len - done, PAGE_SIZE - (va & ~PAGE_MASK));
      long walked = presentEntry(mm, va, write); // one walk per page when it is mapped
      if (walked == 0) { // the fault handler or a signal is next: what came before is moved
        runLen = move(runW, runP, buf, off + runAt, runLen, write);
      }
      long p;
      PhysWindow w;
      try {
        if (walked == 0) {
          walked = resolveUser(mm, va, write);
        }
        p = (walked & PageTable.PFN_MASK) | (va & ~PAGE_MASK);
        w = consumable(mm, phys, runW, p, va, walked, write);
      } catch (Signal s) {
        move(runW, runP, buf, off + runAt, runLen, write);
        throw s;
      }
      if (runLen > 0 && w == runW && p == runP + runLen) {
        runLen += n;
      } else {
        move(runW, runP, buf, off + runAt, runLen, write);
        runW = w;
        runP = p;
        runAt = done;
        runLen = n;
      }
      done += n;
    }
    move(runW, runP, buf, off + runAt, runLen, write);
  }

  /** Moves one run between memory and {@code buf}; returns 0 (the run is done). */
  private static int move(PhysWindow w, long p, byte[] buf, int off, int len, boolean write) {
    if (len > 0) {
      if (write) {
        PhysIo.write(w, p, buf, off, len);
      } else {
        PhysIo.read(w, p, buf, off, len);
      }
    }
    return 0;
  }

  /** A user-mode 64-bit little-endian load. */
  static long loadLong(Mm mm, long uaddr) throws Signal {
    if ((uaddr & ~PAGE_MASK) > PAGE_SIZE - Long.BYTES) {
      byte[] b = new byte[Long.BYTES]; // rare page-crossing case
      access(mm, uaddr, b, 0, b.length, false);
      long v = 0;
      for (int i = Long.BYTES - 1; i >= 0; i--) {
        v = (v << 8) | (b[i] & 0xff);
      }
      return v;
    }
    PhysicalAddressSpace phys = mm.kas().phys();
    long walked = resolveUser(mm, uaddr, false);
    long p = (walked & PageTable.PFN_MASK) | (uaddr & ~PAGE_MASK);
    return PhysIo.readLong(consumable(mm, phys, null, p, uaddr, walked, false), p);
  }

  /** A user-mode 64-bit little-endian store. */
  static void storeLong(Mm mm, long uaddr, long value) throws Signal {
    if ((uaddr & ~PAGE_MASK) > PAGE_SIZE - Long.BYTES) {
      byte[] b = new byte[Long.BYTES];
      for (int i = 0; i < Long.BYTES; i++) {
        b[i] = (byte) (value >>> (8 * i));
      }
      access(mm, uaddr, b, 0, b.length, true);
      return;
    }
    PhysicalAddressSpace phys = mm.kas().phys();
    long walked = resolveUser(mm, uaddr, true);
    long p = (walked & PageTable.PFN_MASK) | (uaddr & ~PAGE_MASK);
    PhysIo.writeLong(consumable(mm, phys, null, p, uaddr, walked, true), p, value);
  }

  /**
   * The window behind {@code p}; SIGBUS BUS_ADRERR when no memory backs it, and for a load of
   * a poisoned page the machine check's SIGBUS BUS_MCEERR_AR (si_addr = the page, si_addr_lsb =
   * the mapping's size). Stores do not consume poison.
   */
  private static PhysWindow consumable(Mm mm, PhysicalAddressSpace phys, PhysWindow last,
      long p, long va, long walked, boolean write) throws Signal {
    PhysWindow w = last != null && last.contains(p) ? last : phys.find(p);
    if (w == null) {
      throw signal(mm, Signal.SIGBUS, Signal.BUS_ADRERR, va, 0);
    }
    if (!write && PhysIo.isPoisoned(w, p)) {
      int lsb = PageTable.shift(PageTable.level(walked));
      throw signal(mm, Signal.SIGBUS, Signal.BUS_MCEERR_AR, va & PAGE_MASK, lsb);
    }
    return w;
  }

  /** The {@link PageTable#walk} result for a user-mode access to {@code va}, faulting it in. */
  static long resolveUser(Mm mm, long va, boolean write) throws Signal {
    if (!Mman.isUserHalf(va)) {
      if (KernelAddressSpace.isKernelAddress(va)) {
        throw signal(mm, Signal.SIGSEGV, Signal.SEGV_MAPERR, va, 0);
      }
      throw signal(mm, Signal.SIGSEGV, Signal.SI_KERNEL, 0, 0); // #GP: non-canonical
    }
    for (int round = 0; ; round++) {
      long e = mm.pageTable().walk(va);
      if (e != 0 && (!write || (e & PageTable.RW) != 0)) {
        return e;
      }
      checkLivelock(round, va);
      long r;
      synchronized (mm.lock) {
        r = FaultHandler.fault(mm, va, write, true);
      }
      if (r != 0) {
        throw signal(mm, FaultHandler.signo(r), FaultHandler.code(r), va, 0);
      }
    }
  }

  /**
   * The {@link PageTable#walk} result for {@code va} when a uaccess there would not fault (a
   * user address mapped for the access), else 0.
   */
  static long presentEntry(Mm mm, long va, boolean write) {
    if (!Mman.isUserHalf(va)) {
      return 0;
    }
    long e = mm.pageTable().walk(va);
    return e != 0 && (!write || (e & PageTable.RW) != 0) ? e : 0;
  }

  /**
   * The physical address of user address {@code va} for a uaccess from the kernel: the fault is
   * handled as for user mode, but a failure returns -1 (the exception-table fixup ends the copy
   * short) instead of signalling.
   */
  static long resolveForKernel(Mm mm, long va, boolean write) {
    if (!Mman.isUserHalf(va)) {
      return -1;
    }
    for (int round = 0; ; round++) {
      long e = mm.pageTable().walk(va);
      if (e != 0 && (!write || (e & PageTable.RW) != 0)) {
        return (e & PageTable.PFN_MASK) | (va & ~PAGE_MASK);
      }
      checkLivelock(round, va);
      long r;
      synchronized (mm.lock) {
        r = FaultHandler.fault(mm, va, write, false);
      }
      if (r != 0) {
        return -1;
      }
    }
  }

  private static void checkLivelock(int round, long va) {
    if (round == FaultHandler.MAX_REFAULTS) {
      throw new Oops("page fault handled but the access still faults (livelock)", va);
    }
  }

  static Signal signal(Mm mm, int signo, int code, long addr, int lsb) {
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.SIGNAL, mm, signo, code, addr, 0);
    }
    return new Signal(signo, code, addr, lsb);
  }
}
