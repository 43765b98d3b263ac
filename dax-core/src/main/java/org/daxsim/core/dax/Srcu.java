package org.daxsim.core.dax;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sleepable RCU, as {@code DEFINE_STATIC_SRCU(dax_srcu)} in drivers/dax/super.c uses it
 * (kernel/rcu/srcutree.c, much simplified): a lock-free, allocation-free read side and a
 * {@link #synchronize()} that waits for every reader that might have seen the state before it
 * was called.
 *
 * <p>Design. There are two reader indexes. Each has, per stripe, a monotonic lock count and a
 * monotonic unlock count ({@link AtomicLongArray}, one 128-byte line per stripe so readers on
 * different stripes do not share a line). {@link #readLock()} reads the current index and
 * increments that index's lock count on the caller's stripe; {@link #readUnlock(int)} increments
 * the unlock count of the same index (on whatever stripe the unlocking thread maps to, so a
 * section may end on another thread, as in the kernel). An index is drained when the sum of its
 * unlock counts, read first, equals the sum of its lock counts, read afterwards: a counted unlock
 * always has its lock counted too (the lock came earlier and counts only grow), so equality means
 * every counted lock has been unlocked.
 *
 * <p>{@link #synchronize()} (serialized by a lock, like the kernel's srcu_gp_mutex) waits for
 * the inactive index to drain, flips the current index, then waits for the previously current
 * index to drain. New readers go to the new index, so the wait cannot be starved.
 *
 * <p>Why this gives kill_dax its guarantee. Every read and write involved (the index, the
 * counters, the device's flag word) is a volatile or atomic access, so all of them fall into one
 * total order. Let kill_dax clear ALIVE at time W and then synchronize.
 * <ul>
 *   <li>A reader that saw ALIVE read the flag before W. It incremented its lock count before
 *       that, so before W and before both scans of the synchronize. Its index is one of the two
 *       that synchronize scans (the inactive one first, then the current one), so that scan
 *       counts its lock and keeps waiting until its unlock is counted: the reader is waited for,
 *       however late it read the index and however many flips happened since.
 *   <li>A reader whose increment the scan did not count incremented after the scan read its
 *       stripe, hence after W, and reads the flag after its increment: it sees the device dead.
 * </ul>
 * A synchronize called inside a read section of the same domain waits for itself forever, as
 * in the kernel.
 */
public final class Srcu {
  private static final int PAD = 16; // longs per stripe: 128 bytes, two cache lines on x86
  private static final int STRIPES = stripes();

  private final AtomicLongArray counts = new AtomicLongArray(STRIPES * PAD);
  private volatile int current;
  private final ReentrantLock gpMutex = new ReentrantLock();
  private final AtomicLong gracePeriods = new AtomicLong();
  private final AtomicLong badUnlocks = new AtomicLong();

  /** A new, idle domain. */
  public Srcu() {}

  private static int stripes() {
    int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1);
    return Math.max(4, Math.min(64, n * 2));
  }

  private static int stripe() {
    return System.identityHashCode(Thread.currentThread()) & (STRIPES - 1);
  }

  private static int lockSlot(int stripe, int idx) {
    return stripe * PAD + idx * 2;
  }

  /** srcu_read_lock(): enters a read section and returns the index to pass to the unlock. */
  public int readLock() {
    return enter(current);
  }

  /**
   * The second half of {@link #readLock()}: a reader that read {@code idx} as the current index
   * at some earlier time increments now. Tests use it to play a reader delayed between the two
   * steps across a flip.
   */
  int enter(int idx) {
    counts.getAndIncrement(lockSlot(stripe(), idx));
    return idx;
  }

  /**
   * srcu_read_unlock(): leaves the section entered by the {@link #readLock()} that returned
   * {@code idx}. An index other than 0 or 1 is ignored and counted in {@link #badUnlocks()}
   * (the kernel would corrupt its counters).
   */
  public void readUnlock(int idx) {
    if ((idx & ~1) != 0) {
      badUnlocks.incrementAndGet();
      return;
    }
    counts.getAndIncrement(lockSlot(stripe(), idx) + 1);
  }

  /** synchronize_srcu(): returns once every read section that began before the call has ended. */
  public void synchronize() {
    gpMutex.lock();
    try {
      int idx = current;
      waitDrained(idx ^ 1);
      current = idx ^ 1;
      waitDrained(idx);
      gracePeriods.incrementAndGet();
    } finally {
      gpMutex.unlock();
    }
  }

  /** Readers currently inside a section on either index (a racy snapshot, for diagnostics). */
  public long activeReaders() {
    return Math.max(0, locks(0) - unlocks(0)) + Math.max(0, locks(1) - unlocks(1));
  }

  /** Grace periods completed by {@link #synchronize()}. */
  public long gracePeriods() {
    return gracePeriods.get();
  }

  /** How many {@link #readUnlock(int)} calls passed an invalid index. */
  public long badUnlocks() {
    return badUnlocks.get();
  }

  private void waitDrained(int idx) {
    for (int spins = 0; !drained(idx); spins++) {
      if (spins < 256) {
        Thread.onSpinWait();
      } else if (spins < 512) {
        Thread.yield();
      } else {
        LockSupport.parkNanos(Math.min(1_000_000L, 1_000L << Math.min(10, (spins - 512) / 8)));
      }
    }
  }

  private boolean drained(int idx) {
    long u = unlocks(idx); // unlocks first: see the class comment
    return u == locks(idx);
  }

  private long locks(int idx) {
    long sum = 0;
    for (int s = 0; s < STRIPES; s++) {
      sum += counts.get(lockSlot(s, idx));
    }
    return sum;
  }

  private long unlocks(int idx) {
    long sum = 0;
    for (int s = 0; s < STRIPES; s++) {
      sum += counts.get(lockSlot(s, idx) + 1);
    }
    return sum;
  }
}
