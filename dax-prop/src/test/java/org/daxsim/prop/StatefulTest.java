package org.daxsim.prop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.prop.Hermetic.failure;
import static org.daxsim.prop.Hermetic.noOverrides;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulTest {

  /** A counter whose inc() adds 2 right after a reset(). */
  static final class BuggyCounter {
    private int value;
    private boolean justReset;

    void inc() {
      value += justReset ? 2 : 1;
      justReset = false;
    }

    void dec() {
      value--;
      justReset = false;
    }

    void reset() {
      value = 0;
      justReset = true;
    }

    int get() {
      return value;
    }
  }

  /** The model: a plain mutable int. */
  static final class Count {
    int value;
  }

  private static final Gen<Action<BuggyCounter, Count>> COUNTER_ACTIONS = Gen.elements(
      Action.of("inc()", (c, m) -> {
        c.inc();
        m.value++;
      }),
      Action.of("dec()", (c, m) -> {
        c.dec();
        m.value--;
      }),
      Action.of("reset()", (c, m) -> {
        c.reset();
        m.value = 0;
      }));

  @Test
  void shrinkingLeavesOnlyTheActionsThatMatter() {
    for (long seed = 1; seed <= 5; seed++) {
      long s = seed;
      PropertyFailure f = failure(() -> Stateful.of(BuggyCounter::new, Count::new)
          .actions(COUNTER_ACTIONS)
          .invariant((c, m) -> assertThat(c.get()).isEqualTo(m.value))
          .named("counter").seed(s).withSystemProperties(noOverrides())
          .check());
      assertThat(f.counterexample()).map(String::valueOf).as("seed %d", s)
          .containsExactly("reset()", "inc()");
      assertThat(f.getMessage()).contains(
          "Shrunk counterexample:\n    1. reset()\n    2. inc()   <- failed here\n");
      assertThat(f.getCause()).isInstanceOf(AssertionError.class);
    }
  }

  /** A stack whose pop() returns the bottom element when it holds exactly two. */
  static final class BuggyStack {
    private final List<Integer> items = new ArrayList<>();

    void push(int x) {
      items.add(x);
    }

    int pop() {
      return items.size() == 2 ? items.remove(0) : items.remove(items.size() - 1);
    }

    int size() {
      return items.size();
    }
  }

  @Test
  void modelDependentActionsShrinkTheirArgumentsToo() {
    Action<BuggyStack, Deque<Integer>> pop = Action.of("pop()", m -> !m.isEmpty(),
        (s, m) -> assertThat(s.pop()).isEqualTo(m.pop()));
    Gen<Action<BuggyStack, Deque<Integer>>> pushes = Gen.ints(0, 100).map(x -> Action.of(
        "push(" + x + ")", (s, m) -> {
          s.push(x);
          m.push(x);
        }));
    PropertyFailure f = failure(() -> Stateful.of(BuggyStack::new, ArrayDeque<Integer>::new)
        .actionsFrom(model -> model.isEmpty() ? pushes : Gen.oneOf(pushes, Gen.constant(pop)))
        .invariant((s, m) -> assertThat(s.size()).isEqualTo(m.size()))
        .maxSteps(30).seed(17).withSystemProperties(noOverrides())
        .check());
    assertThat(f.counterexample()).map(String::valueOf)
        .containsExactly("push(0)", "push(1)", "pop()");
  }

  @Test
  void passingMachineRunsEveryCaseWithFreshStateAndHonoursPreconditions() {
    int[] cases = {0};
    int[] longest = {0};
    Stateful.of(() -> {
          cases[0]++;
          return new ArrayList<Integer>();
        }, ArrayDeque<Integer>::new)
        .actions(Gen.oneOf(
            Gen.ints(0, 9).map(x -> Action.<List<Integer>, Deque<Integer>>of("add(" + x + ")",
                (s, m) -> {
                  s.add(x);
                  m.addLast(x);
                })),
            Gen.constant(Action.<List<Integer>, Deque<Integer>>of("removeLast()",
                m -> !m.isEmpty(), (s, m) -> {
                  assertThat(s.remove(s.size() - 1)).isEqualTo(m.removeLast());
                }))))
        .invariant((s, m) -> {
          assertThat(s).containsExactlyElementsOf(m);
          assertThat(s.size()).isLessThanOrEqualTo(12);
          longest[0] = Math.max(longest[0], s.size());
        })
        .maxSteps(12).tries(60).seed(5).withSystemProperties(noOverrides())
        .check();
    assertThat(cases[0]).isEqualTo(60);
    assertThat(longest[0]).isGreaterThan(4);
  }

  @Test
  void unsatisfiablePreconditionsAreReported() {
    PropertyFailure f = failure(() -> Stateful.of(BuggyCounter::new, Count::new)
        .actions(Gen.constant(Action.of("never", m -> false, (c, m) -> {})))
        .seed(1).withSystemProperties(noOverrides())
        .check());
    assertThat(f.getMessage()).contains("gave up", "precondition");
  }

  @Test
  void closeableSystemsAreClosedAfterEachCase() {
    int[] opened = {0};
    int[] closed = {0};
    Stateful.of(() -> {
          opened[0]++;
          return (AutoCloseable) () -> closed[0]++;
        }, Count::new)
        .actions(Gen.constant(Action.of("noop", (s, m) -> {})))
        .tries(10).withSystemProperties(noOverrides())
        .check();
    assertThat(closed[0]).isEqualTo(opened[0]).isEqualTo(10);
  }
}
