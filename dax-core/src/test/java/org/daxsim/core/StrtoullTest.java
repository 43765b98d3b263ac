package org.daxsim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/** glibc strtoull as daxctl and io.c use it, against BigInteger arithmetic. */
class StrtoullTest {
  record Case(int base, String digits, boolean neg) {}

  private static final BigInteger ULL = BigInteger.ONE.shiftLeft(64);

  /**
   * For digit strings of any length in base 10 or 16 (with the 0x prefix for 16), the value is
   * the number mod 2^64 negated for '-', or ULLONG_MAX when it does not fit in 64 bits; end is
   * the whole string.
   */
  @Test
  void valueAndOverflowMatchBigIntegerArithmetic() {
    Gen<Case> cases = Gen.zip(Gen.elements(10, 16),
        Gen.lists(Gen.ints(0, 15), 1, 24), Gen.booleans(), (Integer b, List<Integer> ds, Boolean n) -> {
          StringBuilder sb = new StringBuilder();
          ds.forEach(d -> sb.append(Character.forDigit(d % b, b)));
          return new Case(b, sb.toString(), n);
        });
    Property.forAll(cases).named("strtoull == BigInteger").tries(500).checkAssert(c -> {
      String s = (c.neg() ? "-" : "") + (c.base() == 16 ? "0x" : "") + c.digits();
      Strtoull.Parsed p = Strtoull.parse(s, c.base());
      BigInteger v = new BigInteger(c.digits(), c.base());
      boolean over = v.compareTo(ULL) >= 0;
      long want = over ? -1L : (c.neg() ? v.negate() : v).longValue();
      assertThat(p.overflow()).as(s).isEqualTo(over);
      assertThat(p.value()).as(s).isEqualTo(want);
      assertThat(p.end()).as(s).isEqualTo(s.length());
    });
  }

  @Test
  void prefixesOctalSpacesAndWhereItStops() {
    assertThat(Strtoull.parse("  0x1fz", 0)).isEqualTo(new Strtoull.Parsed(31, 6, false));
    assertThat(Strtoull.parse("017", 0)).isEqualTo(new Strtoull.Parsed(15, 3, false));
    assertThat(Strtoull.parse("0x", 0)).isEqualTo(new Strtoull.Parsed(0, 1, false));
    assertThat(Strtoull.parse("08", 0)).isEqualTo(new Strtoull.Parsed(0, 1, false));
    assertThat(Strtoull.parse("0x10", 10)).isEqualTo(new Strtoull.Parsed(0, 1, false));
    assertThat(Strtoull.parse("12M", 0)).isEqualTo(new Strtoull.Parsed(12, 2, false));
    assertThat(Strtoull.parse(" -", 0)).isEqualTo(new Strtoull.Parsed(0, 0, false));
    assertThat(Strtoull.parse("", 0)).isEqualTo(new Strtoull.Parsed(0, 0, false));
  }

  /** C's digits are ASCII: Java's Character.digit also takes other scripts' digits. */
  @Test
  void nonAsciiDigitsAreNotDigits() {
    assertThat(Strtoull.parse("\u0661\u0662", 0).end()).isZero(); // Arabic-Indic 1 2
    assertThat(Strtoull.parse("1\uff12", 10)).isEqualTo(new Strtoull.Parsed(1, 1, false));
    assertThat(Strtoull.parse("0x\uff41", 0)).isEqualTo(new Strtoull.Parsed(0, 1, false));
  }
}
