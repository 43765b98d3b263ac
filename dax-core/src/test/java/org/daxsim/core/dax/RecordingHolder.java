package org.daxsim.core.dax;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A holder whose notify_failure records its arguments and what it saw of the device. */
final class RecordingHolder implements DaxHolderOperations {
  /** One notify_failure call and the device state observed during it. */
  record Call(long offset, long len, int mfFlags, boolean aliveDuring, Object holderDuring,
      DaxHolderOperations opsDuring) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final DaxDevice expected;
  private final int rc;

  RecordingHolder(DaxDevice expected, int rc) {
    this.expected = expected;
    this.rc = rc;
  }

  @Override
  public int notifyFailure(DaxDevice dax, long offset, long len, int mfFlags) {
    if (dax != expected) {
      throw new AssertionError("notified for " + dax + ", expected " + expected);
    }
    calls.add(new Call(offset, len, mfFlags, dax.isAlive(), dax.holder(), dax.holderOps()));
    return rc;
  }
}
