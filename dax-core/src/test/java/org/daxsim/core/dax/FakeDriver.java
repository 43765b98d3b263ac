package org.daxsim.core.dax;

import java.util.concurrent.atomic.AtomicLong;
import org.daxsim.core.Errno;
import org.daxsim.core.mm.IovIter;

/**
 * A scripted {@link DaxOperations} for tests: answers direct_access with a fixed value, fills
 * kaddr/pfn from fixed bases, and counts every call.
 */
final class FakeDriver implements DaxOperations {
  static final long KADDR_BASE = 0xffff_8880_1000_0000L;
  static final long PFN_BASE = 0x10000;

  static final Errno[] DRIVER_ERRORS = {
    Errno.EIO, Errno.EHWPOISON, Errno.EFAULT, Errno.ERANGE, Errno.ENXIO, Errno.ENOMEM,
    Errno.EINVAL, Errno.EOPNOTSUPP
  };

  final long directAnswer;
  final int zeroAnswer;
  final long recoveryAnswer;
  final boolean hasZero;
  final boolean hasRecovery;

  final AtomicLong directCalls = new AtomicLong();
  final AtomicLong zeroCalls = new AtomicLong();
  final AtomicLong recoveryCalls = new AtomicLong();
  volatile long lastPgoff = -1;
  volatile long lastNrPages = -1;
  volatile DaxAccessMode lastMode;

  FakeDriver(long directAnswer, int zeroAnswer, long recoveryAnswer, boolean hasZero,
      boolean hasRecovery) {
    this.directAnswer = directAnswer;
    this.zeroAnswer = zeroAnswer;
    this.recoveryAnswer = recoveryAnswer;
    this.hasZero = hasZero;
    this.hasRecovery = hasRecovery;
  }

  /** A well-behaved driver that grants {@code pages} pages. */
  static FakeDriver granting(long pages) {
    return new FakeDriver(pages, 0, 0, true, false);
  }

  /** A driver with random answers: counts, 0, larger than asked, errors. */
  static FakeDriver random(Rnd r) {
    return new FakeDriver(randomAnswer(r), randomZeroAnswer(r), r.nextLong(0, 1 << 16),
        true, r.nextBoolean());
  }

  static long randomAnswer(Rnd r) {
    switch (r.nextInt(6)) {
      case 0: return 0;
      case 1: return oneError(r).neg();
      case 2: return Long.MAX_VALUE;
      case 3: return r.nextLong(1, 8);
      default: return r.nextLong(1, 1L << 30);
    }
  }

  static int randomZeroAnswer(Rnd r) {
    return r.nextInt(3) == 0 ? oneError(r).neg() : 0;
  }

  static Errno oneError(Rnd r) {
    return DRIVER_ERRORS[r.nextInt(DRIVER_ERRORS.length)];
  }

  @Override
  public long directAccess(DaxDevice dax, long pgoff, long nrPages, DaxAccessMode mode,
      KaddrPfn out) {
    directCalls.incrementAndGet();
    lastPgoff = pgoff;
    lastNrPages = nrPages;
    lastMode = mode;
    if (out != null) {
      out.set(KADDR_BASE + (pgoff << 12), PFN_BASE + pgoff);
    }
    return directAnswer;
  }

  @Override
  public int zeroPageRange(DaxDevice dax, long pgoff, long nrPages) {
    zeroCalls.incrementAndGet();
    lastPgoff = pgoff;
    lastNrPages = nrPages;
    return zeroAnswer;
  }

  @Override
  public long recoveryWrite(DaxDevice dax, long pgoff, long kaddr, long bytes, IovIter iter) {
    recoveryCalls.incrementAndGet();
    return Math.min(bytes, recoveryAnswer);
  }

  @Override
  public boolean hasZeroPageRange() {
    return hasZero;
  }

  @Override
  public boolean hasRecoveryWrite() {
    return hasRecovery;
  }

  long totalCalls() {
    return directCalls.get() + zeroCalls.get() + recoveryCalls.get();
  }
}
