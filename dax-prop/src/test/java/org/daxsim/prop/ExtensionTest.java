package org.daxsim.prop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.prop.Hermetic.noOverrides;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@PropertyTries(11)
class ExtensionTest {
  private static final List<List<Long>> SEEDED_RUNS = new ArrayList<>();

  private static int runs(ForAll<Long> property) {
    int[] n = {0};
    property.withSystemProperties(noOverrides()).check(x -> ++n[0] > 0);
    return n[0];
  }

  private static List<Long> values() {
    List<Long> out = new ArrayList<>();
    Property.forAll(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE)).tries(5)
        .withSystemProperties(noOverrides()).check(out::add);
    return out;
  }

  @Test
  void classAnnotationSetsTheDefaultTries() {
    assertThat(runs(Property.forAll(Gen.longs(0, 9)))).isEqualTo(11);
  }

  @Test
  @PropertyTries(3)
  void methodAnnotationWinsOverTheClassOne() {
    assertThat(runs(Property.forAll(Gen.longs(0, 9)))).isEqualTo(3);
  }

  @Test
  @PropertyTries(3)
  void explicitTriesWinOverAnnotations() {
    assertThat(runs(Property.forAll(Gen.longs(0, 9)).tries(4))).isEqualTo(4);
  }

  @Test
  @PropertySeed(123)
  void seedAnnotationFixesTheSeed() {
    SEEDED_RUNS.add(values());
    SEEDED_RUNS.add(values());
    assertThat(values()).isEqualTo(withSeed(123));
  }

  private static List<Long> withSeed(long seed) {
    List<Long> out = new ArrayList<>();
    Property.forAll(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE)).tries(5).seed(seed)
        .withSystemProperties(noOverrides()).check(out::add);
    return out;
  }

  @AfterAll
  static void defaultsDoNotLeakOutOfTests() {
    assertThat(SEEDED_RUNS).hasSize(2);
    assertThat(SEEDED_RUNS.get(0)).isEqualTo(SEEDED_RUNS.get(1));
    assertThat(runs(Property.forAll(Gen.longs(0, 9)))).isEqualTo(Settings.DEFAULT_TRIES);
  }

  @Nested
  class Inner {
    @Test
    void nestedClassesInheritTheEnclosingAnnotation() {
      assertThat(runs(Property.forAll(Gen.longs(0, 9)))).isEqualTo(11);
    }

    @Test
    void failuresAreOrdinaryAssertionErrors() {
      AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
          () -> Property.forAll(Gen.longs(0, 9)).seed(1).tries(100)
              .withSystemProperties(noOverrides()).check(x -> x < 5));
      assertThat(e).isInstanceOf(PropertyFailure.class).hasMessageContaining("-Ddax.prop.seed=");
    }
  }
}
