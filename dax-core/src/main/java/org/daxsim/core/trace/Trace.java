package org.daxsim.core.trace;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tracepoint hook. Emitting costs one volatile read when nobody listens:
 *
 * <pre>{@code
 * if (Trace.enabled()) Trace.hit(Tracepoint.DAX_DIRECT_ACCESS, dax, pgoff, nr, mode, ret);
 * }</pre>
 *
 * Listeners are process-wide, like the kernel's tracefs; a listener that only wants one host's
 * events filters on the subject.
 */
public final class Trace {
  private static final CopyOnWriteArrayList<TraceListener> LISTENERS =
      new CopyOnWriteArrayList<>();
  private static volatile boolean enabled;

  private Trace() {}

  /** True while at least one listener is registered. */
  public static boolean enabled() {
    return enabled;
  }

  /** Registers {@code listener}; closing the returned handle removes it. */
  public static Registration listen(TraceListener listener) {
    if (listener == null) {
      throw new NullPointerException("listener");
    }
    synchronized (LISTENERS) {
      LISTENERS.add(listener);
      enabled = true;
    }
    return () -> {
      synchronized (LISTENERS) {
        LISTENERS.remove(listener);
        enabled = !LISTENERS.isEmpty();
      }
    };
  }

  /** Delivers one hit to every listener. Call only after {@link #enabled()} said true. */
  public static void hit(Tracepoint point, Object subject, long a0, long a1, long a2, long a3) {
    for (TraceListener l : LISTENERS) {
      l.hit(point, subject, a0, a1, a2, a3);
    }
  }

  /**
   * Delivers one hit with six arguments; listeners that only take four see the first four
   * (see {@link TraceListener#hit(Tracepoint, Object, long, long, long, long, long, long)}).
   * Call only after {@link #enabled()} said true.
   */
  public static void hit(Tracepoint point, Object subject, long a0, long a1, long a2, long a3,
      long a4, long a5) {
    for (TraceListener l : LISTENERS) {
      l.hit(point, subject, a0, a1, a2, a3, a4, a5);
    }
  }

  /** A listener registration; {@link #close()} unregisters it. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
