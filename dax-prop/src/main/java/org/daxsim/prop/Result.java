package org.daxsim.prop;

import java.util.List;
import java.util.function.Supplier;

/**
 * The outcome of running one case.
 *
 * @param status whether it passed, failed or was discarded
 * @param choices the choices it actually drew (possibly fewer than replayed, or clamped)
 * @param maxRanks the largest rank each choice allowed
 * @param spans (start, end) pairs of deletable regions of {@code choices}
 * @param failure what it threw; null when it passed or a predicate returned false
 * @param values the generated values, for {@link PropertyFailure#counterexample()}
 * @param text renders the generated values for the report
 */
record Result(
    Result.Status status,
    long[] choices,
    long[] maxRanks,
    int[] spans,
    Throwable failure,
    List<Object> values,
    Supplier<String> text) {

  enum Status { PASS, FAIL, DISCARD }

  int spanCount() {
    return spans.length / 2;
  }

  int spanStart(int i) {
    return spans[2 * i];
  }

  int spanEnd(int i) {
    return spans[2 * i + 1];
  }
}
