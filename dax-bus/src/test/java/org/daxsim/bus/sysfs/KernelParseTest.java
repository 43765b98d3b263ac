package org.daxsim.bus.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/** lib/kstrtox.c semantics. */
class KernelParseTest {
  static Errno err(ThrowingRunnable r) {
    ErrnoException e = catchThrowableOfType(r::run, ErrnoException.class);
    return e == null ? null : e.errno();
  }

  interface ThrowingRunnable {
    void run() throws ErrnoException;
  }

  @Test
  void kstrtoull() throws ErrnoException {
    assertThat(KernelParse.kstrtoull("0x1F\n", 0)).isEqualTo(31);
    assertThat(KernelParse.kstrtoull("017", 0)).isEqualTo(15);
    assertThat(KernelParse.kstrtoull("+17", 0)).isEqualTo(17);
    assertThat(KernelParse.kstrtoull("0", 0)).isZero();
    assertThat(KernelParse.kstrtoull("1f", 16)).isEqualTo(31);
    assertThat(KernelParse.kstrtoull("0X1f", 16)).isEqualTo(31);
    assertThat(KernelParse.kstrtoull("18446744073709551615", 10)).isEqualTo(-1L);
    assertThat(err(() -> KernelParse.kstrtoull("18446744073709551616", 10)))
        .isEqualTo(Errno.ERANGE);
    for (String bad : new String[] {"", "+", "-1", "0x", "08", "1 ", " 1", "1\n\n", "٣", "ff"}) {
      assertThat(err(() -> KernelParse.kstrtoull(bad, 0))).as("'%s'", bad)
          .isEqualTo(Errno.EINVAL);
    }
  }

  @Test
  void kstrtointAndBool() throws ErrnoException {
    assertThat(KernelParse.kstrtoint("-5", 0)).isEqualTo(-5);
    assertThat(KernelParse.kstrtoint("-2147483648", 0)).isEqualTo(Integer.MIN_VALUE);
    assertThat(err(() -> KernelParse.kstrtoint("2147483648", 0))).isEqualTo(Errno.ERANGE);
    assertThat(err(() -> KernelParse.kstrtoll("-9223372036854775809", 0)))
        .isEqualTo(Errno.ERANGE);
    assertThat(KernelParse.kstrtoll("-9223372036854775808", 0)).isEqualTo(Long.MIN_VALUE);
    assertThat(KernelParse.kstrtobool("Yes")).isTrue();
    assertThat(KernelParse.kstrtobool("on")).isTrue();
    assertThat(KernelParse.kstrtobool("oFf")).isFalse();
    assertThat(KernelParse.kstrtobool("0")).isFalse();
    assertThat(err(() -> KernelParse.kstrtobool("o"))).isEqualTo(Errno.EINVAL);
    assertThat(err(() -> KernelParse.kstrtobool(""))).isEqualTo(Errno.EINVAL);
    assertThat(err(() -> KernelParse.kstrtobool("2"))).isEqualTo(Errno.EINVAL);
    assertThat(KernelParse.hash(0)).isEqualTo("0x0");
    assertThat(KernelParse.hash(0x10000)).isEqualTo("0x10000");
  }
}
