package org.daxsim.core.dax;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sleepable RCU, as {@code DEFINE_STATIC_SRCU(dax_srcu)} in drivers/dax/super.c uses it
 * (kernel/rcu/srcutree.c, much simplified): a lock-free, allocation-free read side that costs one
 * fence and touches no shared counter, and a {@link #synchronize()} that waits for every reader
 * that might have seen the state before it was called.
 *
 * <p>Design. The kernel keeps per-CPU lock and unlock counts for each of two reader indexes; a
 * Java thread cannot name its CPU, so each thread gets its own {@link Cell} (created on the
 * thread's first read section in this domain, found through a {@link ThreadLocal}). Only its
 * thread writes a cell, so the counts are plain single-writer increments. {@link #readLock()}
 * reads the current index, bumps the lock count of that index in the caller's cell, and issues
 * one full fence (the kernel's smp_mb() in srcu_read_lock). {@link #readUnlock(int)} bumps the
 * unlock count with a release store, which keeps every access of the section before it. A
 * section may end on another thread, as in the kernel: the unlock is counted in that thread's
 * cell. An index is drained when the sum of its unlock counts, read first, equals the sum of its
 * lock counts, read afterwards over a fresh list of cells: a counted unlock always has its lock
 * counted too (the lock came earlier, its cell was registered before it, and counts only grow),
 * so equality means every counted lock has been unlocked.
 *
 * <p>{@link #synchronize()} (serialized by a lock, like the kernel's srcu_gp_mutex) waits for
 * the inactive index to drain, flips the current index, then waits for the previously current
 * index to drain. New readers go to the new index, so the wait cannot be starved.
 *
 * <p>Why this gives kill_dax its guarantee. Let kill_dax clear ALIVE (a volatile store) at time
 * W and then synchronize.
 * <ul>
 *   <li>A reader that saw ALIVE read the flag before W. It incremented its lock count and fenced
 *       before that, so before both scans of the synchronize, and its cell was registered
 *       earlier still. Its index is one of the two that synchronize scans (the inactive one
 *       first, then the current one), so that scan counts its lock and keeps waiting until its
 *       unlock is counted: the reader is waited for, however late it read the index and however
 *       many flips happened since.
 *   <li>A reader whose increment the scan did not count (or whose cell the scan did not list)
 *       incremented after the scan read its cell, hence after W; its fence orders the increment
 *       before its read of the flag, so it sees the device dead.
 * </ul>
 * Cells stay registered for the life of the domain (one per thread that ever read in it; a
 * domain lives as long as its world). A synchronize called inside a read section of the same
 * domain waits for itself forever, as in the kernel.
 */
public final class Srcu {
  private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
  /** Slots of a cell's array: lock counts of index 0 and 1, then unlock counts. */
  private static final int LOCK = 8;
  private static final int UNLOCK = 10;
  /** 8 longs of padding on each side: no two threads' counts share a cache line. */
  private static final int CELL_LONGS = 20;

  /** One thread's counts: written only by that thread, read by {@link #synchronize()}. */
  private static final class Cell {
    final long[] counts = new long[CELL_LONGS];
  }

  private final ThreadLocal<Cell> mine = ThreadLocal.withInitial(this::register);
  private final AtomicReference<Cell[]> cells = new AtomicReference<>(new Cell[0]);
  private volatile int current;
  private final ReentrantLock gpMutex = new ReentrantLock();
  private final AtomicLong gracePeriods = new AtomicLong();
  private final AtomicLong badUnlocks = new AtomicLong();

  /** A new, idle domain. */
  public Srcu() {}

  private Cell register() {
    Cell c = new Cell();
    Cell[] old;
    Cell[] grown;
    do {
      old = cells.get();
      grown = Arrays.copyOf(old, old.length + 1);
      grown[old.length] = c;
    } while (!cells.compareAndSet(old, grown));
    return c;
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
    long[] c = mine.get().counts;
    COUNT.setOpaque(c, LOCK + idx, c[LOCK + idx] + 1);
    VarHandle.fullFence(); // smp_mb(): the increment is visible before the section reads
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
    long[] c = mine.get().counts;
    COUNT.setRelease(c, UNLOCK + idx, c[UNLOCK + idx] + 1); // the section's accesses stay before
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
    return Math.max(0, sum(LOCK) - sum(UNLOCK)) + Math.max(0, sum(LOCK + 1) - sum(UNLOCK + 1));
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
    long u = sum(UNLOCK + idx); // unlocks first, locks over a list read afterwards: see above
    VarHandle.fullFence();
    return u == sum(LOCK + idx);
  }

  private long sum(int slot) {
    long total = 0;
    for (Cell c : cells.get()) {
      total += (long) COUNT.getAcquire(c.counts, slot);
    }
    return total;
  }
}
