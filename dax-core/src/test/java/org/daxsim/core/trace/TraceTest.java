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
  void argumentNamesFitInFourSlots() {
    for (Tracepoint p : Tracepoint.values()) {
      assertThat(p.argNames()).hasSizeLessThanOrEqualTo(4);
      assertThat(p.eventName()).matches("[a-z_]+");
    }
  }
}
