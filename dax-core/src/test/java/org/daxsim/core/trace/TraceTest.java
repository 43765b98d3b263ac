package org.daxsim.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTest {
  @Test
  void listenersSeeHitsOnlyWhileRegistered() {
    List<String> seen = new ArrayList<>();
    Trace.Registration r =
        Trace.listen((p, s, a0, a1, a2, a3) -> seen.add(p.eventName() + " " + s + " " + a0 + " " + a3));
    assertThat(Trace.enabled()).isTrue();
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.DAX_DIRECT_ACCESS, "dax0.0", 7, 1, 0, 1);
    }
    r.close();
    assertThat(Trace.enabled()).isFalse();
    if (Trace.enabled()) {
      Trace.hit(Tracepoint.DAX_DIRECT_ACCESS, "dax0.0", 8, 1, 0, 1);
    }
    assertThat(seen).containsExactly("dax_direct_access dax0.0 7 1");
  }

  @Test
  void argumentNamesFitInSixSlots() {
    for (Tracepoint p : Tracepoint.values()) {
      assertThat(p.argNames()).hasSizeLessThanOrEqualTo(6);
      assertThat(p.eventName()).matches("[a-z_]+");
    }
  }

  @Test
  void sixArgumentHitsReachSixArgumentListenersAndTheFirstFourReachTheOthers() {
    List<String> six = new ArrayList<>();
    List<String> four = new ArrayList<>();
    TraceListener l6 = new TraceListener() {
      @Override
      public void hit(Tracepoint p, Object s, long a0, long a1, long a2, long a3) {
        six.add("four-arg path taken");
      }

      @Override
      public void hit(Tracepoint p, Object s, long a0, long a1, long a2, long a3, long a4,
          long a5) {
        six.add(a0 + " " + a1 + " " + a2 + " " + a3 + " " + a4 + " " + a5);
      }
    };
    try (Trace.Registration r1 = Trace.listen(l6);
        Trace.Registration r2 = Trace.listen((p, s, a0, a1, a2, a3) ->
            four.add(a0 + " " + a1 + " " + a2 + " " + a3))) {
      Trace.hit(Tracepoint.DAX_DIRECT_ACCESS, "dax0.0", 1, 2, 0, 2, 0xffff888000001000L, 1);
    }
    assertThat(six).containsExactly("1 2 0 2 " + 0xffff888000001000L + " 1");
    assertThat(four).containsExactly("1 2 0 2");
  }
}
