package org.daxsim.core.dax;

import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;

/** Shared set-up for the dax tests; the one place that knows how mm objects are built. */
final class Fixtures {
  private Fixtures() {}

  static KernelAddressSpace kas() {
    try {
      return new KernelAddressSpace(new PhysicalAddressSpace());
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  static DaxCore core() {
    return core(DaxCore.MINORMASK);
  }

  static DaxCore core(int maxMinor) {
    try {
      return new DaxCore(kas(), maxMinor);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  /** A kernel-buffer iterator that data flows into (a read destination). */
  static IovIter sink(int len) {
    return kbuf(IovIter.ITER_DEST, new byte[len]);
  }

  /** A kernel-buffer iterator that data flows out of (a write source). */
  static IovIter source(byte[] data) {
    return kbuf(IovIter.ITER_SOURCE, data);
  }

  static IovIter kbuf(int dir, byte[] data) {
    try {
      return IovIter.kbuf(dir, data, 0, data.length);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  /** allocDax without the checked exception, for set-up code. */
  static DaxDevice alloc(DaxCore core, Object priv, DaxOperations ops) {
    try {
      return core.allocDax(priv, ops);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  static void kill(DaxCore core, DaxDevice dax) {
    try {
      core.killDax(dax);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }
}
