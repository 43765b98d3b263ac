package org.daxsim.fs.dax;

import org.daxsim.core.dax.KaddrPfn;

/**
 * What dax_iomap_rw() and dax_iomap_fault() keep on the kernel stack: the iomap that
 * iomap_begin fills and the kaddr/pfn that direct_access returns. One is reused per thread and
 * kind of call, so the read/write and fault paths allocate nothing. A fault inside a read's copy
 * uses the fault one; a call nested in another of the same kind on the same thread (a trace
 * listener that reads a file while a read is in progress, say) gets a fresh one.
 */
final class IterScratch {
  final IomapBuf map = new IomapBuf();
  final KaddrPfn out = new KaddrPfn();
  private boolean busy;

  /** This thread's scratch from {@code perThread}, or a new one while a caller up the stack has it. */
  static IterScratch take(ThreadLocal<IterScratch> perThread) {
    IterScratch s = perThread.get();
    if (s.busy) {
      s = new IterScratch();
    }
    s.busy = true;
    s.map.clear();
    return s;
  }

  /** Gives back a scratch from {@link #take}. */
  void release() {
    busy = false;
  }
}
