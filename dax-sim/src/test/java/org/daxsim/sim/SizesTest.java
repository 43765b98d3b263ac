package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

class SizesTest {
  @Test
  void plainHexAndSuffixes() throws Exception {
    assertThat(Sizes.parse("4096", "size")).isEqualTo(4096);
    assertThat(Sizes.parse("0x100000000", "size")).isEqualTo(1L << 32);
    assertThat(Sizes.parse("0X1f", "size")).isEqualTo(31);
    assertThat(Sizes.parse("4k", "size")).isEqualTo(4096);
    assertThat(Sizes.parse("4K", "size")).isEqualTo(4096);
    assertThat(Sizes.parse("2m", "size")).isEqualTo(2L << 20);
    assertThat(Sizes.parse("512M", "size")).isEqualTo(512L << 20);
    assertThat(Sizes.parse("4G", "size")).isEqualTo(4L << 30);
    assertThat(Sizes.parse("1t", "size")).isEqualTo(1L << 40);
    assertThat(Sizes.parse("0x2G", "size")).isEqualTo(2L << 30);
    assertThat(Sizes.parse("0", "size")).isZero();
  }

  @Test
  void malformedOrOverflowingSizesAreEinval() {
    for (String bad : Arrays.asList(null, "", "G", "0x", "-1", "1.5G", "12Q", "1 G", "4GB",
        "9223372036854775808", "8388608T", "0x10000000000000000")) {
      assertThatThrownBy(() -> Sizes.parse(bad, "size")).as(String.valueOf(bad))
          .isInstanceOfSatisfying(ErrnoException.class,
              e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    }
  }

  @Test
  void theLargestRepresentableValuesParse() throws Exception {
    assertThat(Sizes.parse("9223372036854775807", "size")).isEqualTo(Long.MAX_VALUE);
    assertThat(Sizes.parse("8388607T", "size")).isEqualTo(8388607L << 40);
  }
}
