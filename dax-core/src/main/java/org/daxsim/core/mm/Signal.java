package org.daxsim.core.mm;

/**
 * A signal the simulated kernel delivered to a process because of a memory access: the
 * {@code force_sig_fault()} / {@code force_sig_mceerr()} of arch/x86/mm/fault.c and
 * mm/memory-failure.c. Checked, so that every user access says it can fault.
 */
public final class Signal extends Exception {
  private static final long serialVersionUID = 1L;

  public static final int SIGBUS = 7;
  public static final int SIGKILL = 9;
  public static final int SIGSEGV = 11;

  /** SIGSEGV: address not mapped to an object. */
  public static final int SEGV_MAPERR = 1;
  /** SIGSEGV: invalid permissions for the mapped object. */
  public static final int SEGV_ACCERR = 2;
  /** SIGBUS: nonexistent physical address (the driver refused the fault). */
  public static final int BUS_ADRERR = 2;
  /** SIGBUS: hardware memory error consumed on a machine check; action required. */
  public static final int BUS_MCEERR_AR = 4;
  /** si_code of signals the kernel sends for its own reasons (#GP, the OOM killer). */
  public static final int SI_KERNEL = 0x80;

  private final int signo;
  private final int code;
  private final long addr;
  private final int addrLsb;

  Signal(int signo, int code, long addr, int addrLsb) {
    super(describe(signo, code, addr));
    this.signo = signo;
    this.code = code;
    this.addr = addr;
    this.addrLsb = addrLsb;
  }

  /** The signal number, e.g. {@link #SIGBUS}. */
  public int signo() {
    return signo;
  }

  /** The si_code, e.g. {@link #BUS_MCEERR_AR}. */
  public int code() {
    return code;
  }

  /** The si_addr: the faulting user address (page aligned for BUS_MCEERR_AR). */
  public long addr() {
    return addr;
  }

  /** si_addr_lsb for BUS_MCEERR_*: log2 of the poisoned mapping's size; 0 otherwise. */
  public int addrLsb() {
    return addrLsb;
  }

  /** "SIGBUS", "SIGSEGV", ... */
  public static String name(int signo) {
    switch (signo) {
      case SIGBUS:
        return "SIGBUS";
      case SIGKILL:
        return "SIGKILL";
      case SIGSEGV:
        return "SIGSEGV";
      default:
        return "signal " + signo;
    }
  }

  /** The si_code's name for {@code signo}, e.g. "SEGV_ACCERR". */
  public static String codeName(int signo, int code) {
    if (code == SI_KERNEL) {
      return "SI_KERNEL";
    }
    if (signo == SIGSEGV && code == SEGV_MAPERR) {
      return "SEGV_MAPERR";
    }
    if (signo == SIGSEGV && code == SEGV_ACCERR) {
      return "SEGV_ACCERR";
    }
    if (signo == SIGBUS && code == BUS_ADRERR) {
      return "BUS_ADRERR";
    }
    if (signo == SIGBUS && code == BUS_MCEERR_AR) {
      return "BUS_MCEERR_AR";
    }
    return "code " + code;
  }

  private static String describe(int signo, int code, long addr) {
    return String.format("%s (%s) at 0x%x", name(signo), codeName(signo, code), addr);
  }
}
