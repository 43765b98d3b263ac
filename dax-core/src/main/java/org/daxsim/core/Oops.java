package org.daxsim.core;

/**
 * A kernel oops: the simulated kernel dereferenced an address it has no mapping for outside
 * an exception-table-protected user copy, or consumed poison without a machine-check-safe copy.
 * The real kernel would kill the task or panic; we throw this unchecked error, which means "the
 * modelled kernel code is wrong", never "the caller passed bad input".
 */
public final class Oops extends Error {
  private static final long serialVersionUID = 1L;

  private final long address;

  public Oops(String message, long address) {
    super(String.format("BUG: %s at 0x%016x", message, address));
    this.address = address;
  }

  /** The faulting address (kernel virtual, or a user-half address dereferenced by the kernel). */
  public long address() {
    return address;
  }
}
