package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/** Seeds and assertions shared by the mem tests. */
final class MemTesting {
  private MemTesting() {}

  /** Base seed: -Ddax.prop.seed=N replays a run; each case derives its own seed from it. */
  static long baseSeed() {
    String s = System.getProperty("dax.prop.seed", "");
    if (s.isBlank()) {
      return 0x5eed_da75_1a11L;
    }
    return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
  }

  /** The seed of case {@code i}. */
  static long caseSeed(int i) {
    return baseSeed() + 0x9E3779B97F4A7C15L * (i + 1);
  }

  /** Number of randomized cases, scaled by -Ddax.prop.tries (default {@code dflt}). */
  static int tries(int dflt) {
    String s = System.getProperty("dax.prop.tries", "");
    return s.isBlank() ? dflt : Integer.parseInt(s);
  }

  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  /** Asserts that {@code call} throws an ErrnoException carrying {@code errno}. */
  static void assertErrno(Errno errno, Call call) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).as("expected %s", errno).isInstanceOf(ErrnoException.class);
    assertThat(((ErrnoException) t).errno()).as("errno of: %s", t.getMessage()).isEqualTo(errno);
  }
}
