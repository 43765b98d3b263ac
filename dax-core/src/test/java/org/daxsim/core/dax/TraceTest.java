package org.daxsim.core.dax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;
import org.junit.jupiter.api.Test;

/** The dax tracepoints fire with the wrapper's arguments and result. */
class TraceTest {
  record Hit(Tracepoint point, long a0, long a1, long a2, long a3) {}

  @Test
  void wrappersEmitTheirTracepoints() throws ErrnoException {
    DaxCore core = Fixtures.core();
    DaxDevice dax = Fixtures.alloc(core, null, new FakeDriver(3, Errno.EHWPOISON.neg(), 0,
        true, false));
    List<Hit> hits = new CopyOnWriteArrayList<>();
    try (Trace.Registration reg = Trace.listen((p, subject, a0, a1, a2, a3) -> {
      if (subject == dax) {
        hits.add(new Hit(p, a0, a1, a2, a3));
      }
    })) {
      core.daxDirectAccess(dax, 7, 5, DaxAccessMode.DAX_RECOVERY_WRITE, null);
      core.daxZeroPageRange(dax, 2, 1);
      core.daxHolderNotifyFailure(dax, 4096, 8192, 0);
      core.killDax(dax);
      core.runDax(dax);
    }
    assertThat(hits).containsExactly(
        new Hit(Tracepoint.DAX_DIRECT_ACCESS, 7, 5, 1, 3),
        new Hit(Tracepoint.DAX_ZERO_PAGE_RANGE, 2, 1, Errno.EIO.neg(), 0),
        new Hit(Tracepoint.DAX_NOTIFY_FAILURE, 4096, 8192, 0, Errno.EOPNOTSUPP.neg()),
        new Hit(Tracepoint.KILL_DAX, 0, 0, 0, 0),
        new Hit(Tracepoint.RUN_DAX, 0, 0, 0, 0));
  }
}
