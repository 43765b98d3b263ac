package org.daxsim.prop;

/**
 * Thrown inside a case to give it up as invalid (a filter found no value, no action met its
 * precondition, or the case drew too many choices). It is control flow between a generator and
 * the engine, which always catches it; it never reaches the caller, so it carries no stack trace.
 */
final class Discard extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Discard(String reason) {
    super(reason, null, false, false);
  }
}
