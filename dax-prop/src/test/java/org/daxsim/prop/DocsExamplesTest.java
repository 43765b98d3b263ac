package org.daxsim.prop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The examples of docs/property-testing.md; DocExamplesTest keeps the two identical. */
class DocsExamplesTest {

  /** A page-aligned byte range [start, end) inside a 1 MiB device. */
  record Extent(long start, long end) {
    long length() {
      return end - start;
    }
  }

  @Test
  void forAllExample() {
    // begin-example: prop-forall
    Gen<Extent> extents = src -> {
      long start = src.choose(0, 255) * 4096;
      long end = src.choose(start / 4096 + 1, 256) * 4096;
      return new Extent(start, end);
    };
    Property.forAll(extents)
        .named("extents are page aligned and inside the device")
        .checkAssert(e -> {
          assertThat(e.length()).isPositive();
          assertThat(e.start() % 4096).isZero();
          assertThat(e.end()).isLessThanOrEqualTo(1 << 20);
        });
    // end-example: prop-forall
  }

  @Test
  void shrinkingExample() {
    // begin-example: prop-shrink
    Gen<List<Integer>> lists = Gen.lists(Gen.ints(0, 1000), 0, 50);
    PropertyFailure failure = (PropertyFailure) org.assertj.core.api.Assertions.catchThrowable(
        () -> Property.forAll(lists).seed(42L)
            .check(list -> list.stream().allMatch(x -> x <= 100)));
    assertThat(failure.counterexample()).containsExactly(List.of(101)); // one argument: [101]
    assertThat(failure.getMessage()).contains("-Ddax.prop.seed=42");
    // end-example: prop-shrink
  }

  /** A toy allocator with a bug: freeing the lowest block forgets to merge it back. */
  static final class ToyAllocator {
    private final TreeMap<Long, Long> free = new TreeMap<>(java.util.Map.of(0L, 64L));

    long alloc(long n) {
      for (var e : free.entrySet()) {
        if (e.getValue() >= n) {
          long at = e.getKey();
          free.remove(at);
          if (e.getValue() > n) {
            free.put(at + n, e.getValue() - n);
          }
          return at;
        }
      }
      return -1;
    }

    void release(long at, long n) {
      free.put(at, n); // bug: never coalesces with its neighbours
    }

    long largestFree() {
      return free.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
  }

  @Test
  void statefulExample() {
    // begin-example: prop-stateful
    record Block(long at, long n) {}
    Gen<Action<ToyAllocator, List<Block>>> alloc = Gen.ints(1, 8).map(n -> Action.of(
        "alloc(" + n + ")", (sys, model) -> {
          long at = sys.alloc(n);
          if (at >= 0) {
            model.add(new Block(at, n));
          }
        }));
    Action<ToyAllocator, List<Block>> releaseLast = Action.of("releaseLast()",
        model -> !model.isEmpty(), (sys, model) -> {
          Block b = model.remove(model.size() - 1);
          sys.release(b.at(), b.n());
        });
    Stateful<ToyAllocator, List<Block>> machine = Stateful
        .<ToyAllocator, List<Block>>of(ToyAllocator::new, ArrayList::new)
        .actions(Gen.oneOf(alloc, Gen.constant(releaseLast)))
        .invariant((sys, model) -> {
          if (model.isEmpty()) {
            assertThat(sys.largestFree()).as("all 64 blocks free again").isEqualTo(64);
          }
        })
        .seed(7L);
    assertThatThrownBy(machine::check)
        .isInstanceOf(PropertyFailure.class)
        .hasMessageContaining("1. alloc(1)")
        .hasMessageContaining("2. releaseLast()");
    // end-example: prop-stateful
  }
}
