package org.daxsim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrnoTest {
  @Test
  void numbersAreLinuxs() {
    // Values from include/uapi/asm-generic/errno-base.h and errno.h (kernel-dax.md section 6).
    assertThat(Errno.EINTR.number()).isEqualTo(4);
    assertThat(Errno.EIO.number()).isEqualTo(5);
    assertThat(Errno.ENXIO.number()).isEqualTo(6);
    assertThat(Errno.ENOMEM.number()).isEqualTo(12);
    assertThat(Errno.EFAULT.number()).isEqualTo(14);
    assertThat(Errno.EBUSY.number()).isEqualTo(16);
    assertThat(Errno.ENODEV.number()).isEqualTo(19);
    assertThat(Errno.EINVAL.number()).isEqualTo(22);
    assertThat(Errno.ENOSPC.number()).isEqualTo(28);
    assertThat(Errno.ERANGE.number()).isEqualTo(34);
    assertThat(Errno.EOPNOTSUPP.number()).isEqualTo(95);
    assertThat(Errno.EHWPOISON.number()).isEqualTo(133);
    assertThat(Errno.ERESTARTSYS.number()).isEqualTo(512);
  }

  @Test
  void everyNumberIsUniqueAndRoundTrips() {
    Set<Integer> seen = new HashSet<>();
    for (Errno e : Errno.values()) {
      assertThat(seen.add(e.number())).as("duplicate %s", e).isTrue();
      assertThat(Errno.of(e.number())).isSameAs(e);
      assertThat(Errno.of(e.neg())).isSameAs(e);
      assertThat(Errno.isError(e.neg())).isTrue();
      assertThat(Errno.isError(e.number())).isFalse();
    }
  }

  @Test
  void unknownNumbersAreRejected() {
    assertThat(Errno.isError(0)).isFalse();
    assertThat(Errno.isError(-8)).isFalse();
    assertThat(Errno.isError(Long.MIN_VALUE)).isFalse();
    assertThatThrownBy(() -> Errno.of(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Errno.of(100_000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exceptionCarriesErrnoAndCheckPassesValues() throws Exception {
    ErrnoException e = ErrnoException.of(Errno.EBUSY, "device %s", "dax0.1");
    assertThat(e.errno()).isEqualTo(Errno.EBUSY);
    assertThat(e).hasMessage("EBUSY: device dax0.1");
    assertThat(ErrnoException.check(7, "x")).isEqualTo(7);
    assertThatThrownBy(() -> ErrnoException.check(-22, "write size"))
        .isInstanceOf(ErrnoException.class)
        .hasMessage("EINVAL: write size");
  }
}
