package org.daxsim.core.trace;

import java.util.List;

/**
 * The tracepoints of daxsim, after the kernel's trace events. Each carries up to six numeric
 * arguments so that emitting one allocates nothing.
 */
public enum Tracepoint {
  /**
   * dax_direct_access() in drivers/dax/super.c returned {@code ret} (pages granted or a negative
   * errno) and, when the caller passed a holder, the driver's {@code kaddr} and {@code pfn}
   * ({@code -1} when unset).
   */
  DAX_DIRECT_ACCESS("dax_direct_access", "pgoff", "nr_pages", "mode", "ret", "kaddr", "pfn"),
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
  COPY_ITER("copy_iter", "kaddr", "bytes", "copied", "mc"),
  /**
   * iomap_iter()'s call of {@code ->iomap_begin()} in fs/iomap/iter.c (the kernel's
   * iomap_iter_dstmap event): asked for {@code length} bytes at file {@code pos} with the
   * IOMAP_* {@code flags}; {@code ret} 0 or a negative errno. The subject is the returned
   * {@code struct iomap} (null when it failed).
   */
  IOMAP_BEGIN("iomap_begin", "pos", "length", "flags", "ret"),
  /**
   * A huge fault fell back to a smaller size (VM_FAULT_FALLBACK): fs/dax.c's
   * dax_iomap_pmd_fault() / dax_fault_check_fallback() or device-dax's huge fault; {@code reason}
   * is a {@link FallbackReason} ordinal.
   */
  FAULT_FALLBACK("dax_fault_fallback", "address", "pgoff", "order", "reason"),
  /**
   * dev_dax_resize() (drivers/dax/bus.c) chose free space for growth: the gap
   * {@code [gap_start, gap_end]}, {@code alloc} bytes of it, {@code extend} 1 when the device's
   * last range grows in place (adjust_dev_dax_range), 0 for a new range. Subject: the device.
   */
  DAX_RESIZE_GAP("dax_resize_gap", "gap_start", "gap_end", "alloc", "extend"),
  /** alloc_dev_dax_range(): range {@code range} = {@code [start, end]} from page {@code pgoff}. */
  DAX_ALLOC_RANGE("dax_alloc_range", "range", "start", "end", "pgoff"),
  /** adjust_dev_dax_range(): the last range now ends at {@code end} ({@code shrink} 1/0). */
  DAX_ADJUST_RANGE("dax_adjust_range", "range", "start", "end", "shrink"),
  /** trim_dev_dax_range(): the last range {@code [start, end]} was released. */
  DAX_TRIM_RANGE("dax_trim_range", "range", "start", "end");

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
