package org.daxsim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgsTest {
  private static void assertErrno(ThrowingRunnable r, Errno errno) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(errno));
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void rangeRejectsEveryOverflowShape() throws Exception {
    Args.range(0, 0, 0, "r");
    Args.range(4096, 4096, 8192, "r");
    Args.range(Long.MAX_VALUE, 0, Long.MAX_VALUE, "r");
    assertErrno(() -> Args.range(-1, 1, 10, "r"), Errno.EINVAL);
    assertErrno(() -> Args.range(1, -1, 10, "r"), Errno.EINVAL);
    assertErrno(() -> Args.range(5, 6, 10, "r"), Errno.EINVAL);
    assertErrno(() -> Args.range(11, 0, 10, "r"), Errno.EINVAL);
    assertErrno(() -> Args.range(Long.MAX_VALUE, Long.MAX_VALUE, 10, "r"), Errno.EINVAL);
    assertErrno(() -> Args.range(1, Long.MAX_VALUE, Long.MAX_VALUE, "r"), Errno.EINVAL);
  }

  @Test
  void arrayRange() throws Exception {
    Args.arrayRange(0, 3, 3, "a");
    assertErrno(() -> Args.arrayRange(2, 2, 3, "a"), Errno.EINVAL);
    assertErrno(() -> Args.arrayRange(Integer.MAX_VALUE, 1, 3, "a"), Errno.EINVAL);
    assertErrno(() -> Args.arrayRange(-1, 0, 3, "a"), Errno.EINVAL);
  }

  @Test
  void alignmentAndSigns() throws Exception {
    assertThat(Args.pageAligned(8192, "x")).isEqualTo(8192);
    assertErrno(() -> Args.pageAligned(8191, "x"), Errno.EINVAL);
    assertErrno(() -> Args.aligned(Pages.PAGE_SIZE, Pages.PMD_SIZE, "x"), Errno.EINVAL);
    assertErrno(() -> Args.nonNegative(-1, "x"), Errno.EINVAL);
    assertErrno(() -> Args.positive(0, "x"), Errno.EINVAL);
    assertErrno(() -> Args.notNull(null, "x"), Errno.EINVAL);
  }

  @Test
  void addDetectsOverflowBothWays() throws Exception {
    assertThat(Args.add(Long.MAX_VALUE - 1, 1, "x")).isEqualTo(Long.MAX_VALUE);
    assertErrno(() -> Args.add(Long.MAX_VALUE, 1, "x"), Errno.EOVERFLOW);
    assertErrno(() -> Args.add(Long.MIN_VALUE, -1, "x"), Errno.EOVERFLOW);
    assertThat(Args.add(-5, 3, "x")).isEqualTo(-2);
  }

  @Test
  void pageHelpers() {
    assertThat(Pages.physToPfn(0x1_0000_1000L)).isEqualTo(0x100001L);
    assertThat(Pages.pfnToPhys(0x100001L)).isEqualTo(0x1_0000_1000L);
    assertThat(Pages.PMD_ORDER).isEqualTo(9);
    assertThat(Pages.PUD_ORDER).isEqualTo(18);
    assertThat(Pages.isAligned(Pages.PUD_SIZE, Pages.PMD_SIZE)).isTrue();
    assertThat(Pages.isAligned(Pages.PMD_SIZE, Pages.PUD_SIZE)).isFalse();
  }
}
