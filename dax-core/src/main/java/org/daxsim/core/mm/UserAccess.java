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

  /** A user-mode memcpy from/to {@code [uaddr, uaddr + len)}. */
  static void access(Mm mm, long uaddr, byte[] buf, int off, int len, boolean write)
      throws Signal {
    PhysicalAddressSpace phys = mm.kas().phys();
    for (int done = 0; done < len; ) {
      long va = uaddr + done;
      int n = (int) Math.min(len - done, PAGE_SIZE - (va & ~PAGE_MASK));
      long walked = resolveUser(mm, va, write);
      long p = (walked & PageTable.PFN_MASK) | (va & ~PAGE_MASK);
      PhysWindow w = consumable(mm, phys, p, va, walked, write);
      if (write) {
        PhysIo.write(w, p, buf, off + done, n);
      } else {
        PhysIo.read(w, p, buf, off + done, n);
      }
      done += n;
    }
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
    return PhysIo.readLong(consumable(mm, phys, p, uaddr, walked, false), p);
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
    PhysIo.writeLong(consumable(mm, phys, p, uaddr, walked, true), p, value);
  }

  /**
   * The window behind {@code p}; SIGBUS BUS_ADRERR when no memory backs it, and for a load of
   * a poisoned page the machine check's SIGBUS BUS_MCEERR_AR (si_addr = the page, si_addr_lsb =
   * the mapping's size). Stores do not consume poison.
   */
  private static PhysWindow consumable(Mm mm, PhysicalAddressSpace phys, long p, long va,
      long walked, boolean write) throws Signal {
    PhysWindow w = phys.find(p);
    if (w == null) {
      throw signal(mm, Signal.SIGBUS, Signal.BUS_ADRERR, va, 0);
    }
    if (!write && phys.isPoisoned(p)) {
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
