package org.daxsim.core.trace;

/**
 * Receives tracepoint hits. Called on the thread that hit the tracepoint, possibly inside an
 * SRCU read section: keep it short and never call back into the traced object.
 */
@FunctionalInterface
public interface TraceListener {
  /**
   * One hit of {@code point}. {@code subject} is the object the event is about (a dax device, a
   * process, ...); the four arguments are named by {@link Tracepoint#argNames()} and unused ones
   * are zero.
   */
  void hit(Tracepoint point, Object subject, long a0, long a1, long a2, long a3);

  /**
   * One hit of a tracepoint with up to six arguments ({@link Tracepoint#argNames()}); by
   * default the first four are handed to {@link #hit(Tracepoint, Object, long, long, long,
   * long)}, so four-argument listeners keep working.
   */
  default void hit(Tracepoint point, Object subject, long a0, long a1, long a2, long a3, long a4,
      long a5) {
    hit(point, subject, a0, a1, a2, a3);
  }
}
