package org.daxsim.core.dax;

import java.util.SplittableRandom;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Source;

/**
 * The {@link SplittableRandom}-style calls the dax properties make, drawn from a dax-prop
 * {@link Source} so that every choice is recorded, replayable from the run seed and shrinkable.
 * Bounds follow SplittableRandom: origin inclusive, bound exclusive.
 */
final class Rnd {
  /** A generator handing the property a view of its own choice stream. */
  static final Gen<Rnd> GEN = Rnd::new;

  private static final int LOGGED = 48;

  private final Source src;
  private final StringBuilder log = new StringBuilder();
  private int draws;

  private Rnd(Source src) {
    this.src = src;
  }

  int nextInt() {
    return (int) note(src.chooseInt(Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  int nextInt(int bound) {
    return (int) note(src.chooseInt(0, bound - 1));
  }

  int nextInt(int origin, int bound) {
    return (int) note(src.chooseInt(origin, bound - 1));
  }

  long nextLong() {
    return note(src.choose(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  long nextLong(long origin, long bound) {
    return note(src.choose(origin, bound - 1));
  }

  boolean nextBoolean() {
    return note(src.flip() ? 1 : 0) == 1;
  }

  /** Fills {@code b} from one recorded choice (a seed), not one choice per byte. */
  void nextBytes(byte[] b) {
    new SplittableRandom(nextLong()).nextBytes(b);
  }

  private long note(long v) {
    if (draws++ < LOGGED) {
      log.append(draws == 1 ? "" : " ").append(v);
    }
    return v;
  }

  /** The values drawn so far (the first few dozen), for failure messages. */
  String drawn() {
    return "[" + log + (draws > LOGGED ? " ... (" + draws + " draws)" : "") + "]";
  }

  @Override
  public String toString() {
    return "Rnd" + drawn();
  }
}
