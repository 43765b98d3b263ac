package org.daxsim.core.trace;

import java.util.List;

/**
 * The tracepoints of daxsim, after the kernel's trace events. Each carries up to four numeric
 * arguments so that emitting one allocates nothing.
 */
public enum Tracepoint {
  /** dax_direct_access() in drivers/dax/super.c returned {@code ret}. */
  DAX_DIRECT_ACCESS("dax_direct_access", "pgoff", "nr_pages", "mode", "ret"),
  /** dax_copy_to_iter(): {@code bytes} requested, {@code copied} done. */
  DAX_COPY_TO_ITER("dax_copy_to_iter", "pgoff", "kaddr", "bytes", "copied"),
  /** dax_copy_from_iter(). */
  DAX_COPY_FROM_ITER("dax_copy_from_iter", "pgoff", "kaddr", "bytes", "copied"),
  /** dax_zero_page_range(). */
  DAX_ZERO_PAGE_RANGE("dax_zero_page_range", "pgoff", "nr_pages", "ret"),
  /** dax_recovery_write(). */
  DAX_RECOVERY_WRITE("dax_recovery_write", "pgoff", "kaddr", "bytes", "ret"),
  /** dax_holder_notify_failure(). */
  DAX_NOTIFY_FAILURE("dax_holder_notify_failure", "offset", "len", "mf_flags", "ret"),
  /** kill_dax(). */
  KILL_DAX("kill_dax"),
  /** run_dax(). */
  RUN_DAX("run_dax"),
  /** A user page fault was handled: address, fault order, VM_FAULT_* result. */
  MM_FAULT("mm_fault", "address", "order", "flags", "ret"),
  /** A signal was delivered to a process: signo, si_code, si_addr. */
  SIGNAL("signal_deliver", "signo", "code", "addr"),
  /** A kernel copy through an iov_iter: source or destination kaddr, bytes asked, done. */
  COPY_ITER("copy_iter", "kaddr", "bytes", "copied", "mc");

  private final String eventName;
  private final List<String> argNames;

  Tracepoint(String eventName, String... argNames) {
    this.eventName = eventName;
    this.argNames = List.of(argNames);
  }

  /** The kernel-style event name, e.g. {@code dax_direct_access}. */
  public String eventName() {
    return eventName;
  }

  /** Names of the arguments in use, in order. */
  public List<String> argNames() {
    return argNames;
  }
}
