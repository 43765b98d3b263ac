package org.daxsim.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Errno;
import org.daxsim.core.dax.DaxOperations;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.testkit.ContractCase;
import org.daxsim.testkit.ContractCheck;
import org.daxsim.testkit.ContractReport;
import org.daxsim.testkit.DaxOperationsContract;
import org.daxsim.testkit.DaxOperationsFactory;
import org.daxsim.testkit.DeviceUnderTest;
import org.daxsim.testkit.Feature;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.daxsim.prop.PropertyFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Suite 2: each mutant of {@link Mutants} must be caught by the suites (a PropertyFailure), and
 * the unmutated code must pass the same properties. Prints which property (and which check of
 * it) caught which mutant.
 */
class MutationSuiteTest {
  static final long SEED = 7L;
  static final Map<String, String> TABLE = new LinkedHashMap<>();

  /** The allocator property: after every step, the layout equals the model and is well formed. */
  static void allocatorConforms(Supplier<Layout> impl, int tries) {
    Gen<List<Layouts.Step>> steps = Layouts.steps(16);
    Property.forAll(steps).named("allocator conforms (model + structure)").tries(tries).seed(SEED)
        .checkAssert(ss -> {
          Layout l = impl.get();
          AllocModel model = new AllocModel(l.regionStart(), l.regionSize(), false);
          for (Layouts.Step s : ss) {
            Layouts.apply(s, model, l);
            Layouts.checkStructure(l);
            Layouts.checkSame(l, model);
          }
        });
  }

  static Layout realRegion() {
    try {
      SuiteHost h = new SuiteHost(MemoryDevice.create("cxl0", 16 * Layouts.UNIT),
          WorldCase.BASE, 16 * Layouts.UNIT, 0);
      return new BusLayout(h.region);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void resolution(Resolution.Hooks hooks, int tries) {
    resolution(WorldCase.GEN, hooks, tries);
  }

  static void resolution(Gen<WorldCase> gen, Resolution.Hooks hooks, int tries) {
    Property.forAll(gen).named("end-to-end resolution").tries(tries).seed(SEED)
        .checkAssert(c -> Resolution.check(c, hooks));
  }

  static String caught(String mutant, String property, Runnable run) {
    Throwable t = catchThrowable(run::run);
    assertThat(t).as("mutant %s must be caught by %s", mutant, property)
        .isInstanceOf(PropertyFailure.class);
    PropertyFailure f = (PropertyFailure) t;
    String msg = f.getMessage();
    int i = msg.indexOf("Shrunk failure:");
    String why = i < 0 ? msg : msg.substring(i + 16).strip().lines().findFirst().orElse("");
    int b = why.indexOf('[');
    if (b >= 0) { // an AssertJ description: keep the check's name
      why = why.substring(b + 1);
      int of = why.indexOf(" of ");
      why = "\"" + (of > 0 ? why.substring(0, of) : why) + "\"";
    }
    if (why.length() > 90) {
      why = why.substring(0, 90) + "...";
    }
    List<Object> ce = f.counterexample();
    String shrunk = ce.isEmpty() ? "" : String.valueOf(ce.get(0)).lines().findFirst().orElse("");
    System.out.println(mutant + " shrunk to: " + shrunk);
    TABLE.put(mutant, property + " | try " + f.failingTry() + ", seed " + f.seed() + " | " + why);
    return why;
  }

  @Test
  void unmutatedCodePassesTheProperties() {
    allocatorConforms(MutationSuiteTest::realRegion, 150);
    resolution(Resolution.REAL, 60);
  }

  @Test
  void a_rangeLookupOffByOne() {
    String why = caught("(a) dev_dax range lookup off by one", "end-to-end resolution",
        () -> resolution(Mutants.RANGE_LOOKUP_OFF_BY_ONE, 200));
    assertThat(why).isNotEmpty();
  }

  @Test
  void a_rangeLookupOffByOneThroughTheContract() {
    DaxOperationsFactory mutated = layout -> {
      DeviceUnderTest dut = ContractSuiteTest.fsdev(DirectAccessVariant.PER_RANGE).create(layout);
      DevDax d = layout.target();
      DaxOperations real = d.daxDevice().ops();
      layout.core().daxSetOps(d.daxDevice(), null);
      layout.core().daxSetOps(d.daxDevice(), new Mutants.OffByOneOps(real, d));
      return dut;
    };
    ContractReport r = DaxOperationsContract.forFactory(mutated)
        .features(Feature.ZERO_PAGE_RANGE, Feature.MULTI_RANGE)
        .outOfRangeErrnos(Errno.EFAULT).tries(100).seed(SEED).report();
    assertThat(r.failures()).containsKey(ContractCheck.POSITIVE_FOR_VALID);
    ContractCase c = r.shrunkCase(ContractCheck.POSITIVE_FOR_VALID);
    assertThat(c.device().ranges()).hasSize(2); // the bug needs a second range
    assertThat(c.request().pgoff()).isEqualTo(c.device().ranges().get(0).length() / 4096);
    TABLE.put("(a) via contract", "DaxOperationsContract " + r.failures().keySet()
        + " | seed " + SEED + " | shrunk: 2 ranges, pgoff " + c.request().pgoff()
        + " (first page of range 1), nr_pages " + c.request().nrPages());
  }

  @Test
  void b_extendInPlaceWhenNeighbourIsNotTheLastRange() {
    // sanity: the unmutated model copy conforms too, so the failure is the mutation's
    allocatorConforms(() -> new AllocModel(WorldCase.BASE, 16 * Layouts.UNIT, false), 300);
    String why = caught("(b) extend-in-place, neighbour not last", "allocator conforms",
        () -> allocatorConforms(() -> new AllocModel(WorldCase.BASE, 16 * Layouts.UNIT, true),
            1000));
    assertThat(why).contains("pgoff");
  }

  @Test
  void c_interleaveStripeStripSwapped() {
    caught("(c) interleave stripe/strip swapped", "end-to-end resolution",
        () -> resolution(Mutants.STRIPE_STRIP_SWAPPED, 200));
    // the shrunk case above is a one-strip file (the swapped strip index runs off the array);
    // on files with two or more strips only, the model comparison catches it instead
    Gen<WorldCase> multiStrip = WorldCase.GEN.filter(c -> c.files().stream()
        .allMatch(f -> f.interleaved() && f.strips().size() > 1));
    caught("(c) ... on >= 2-strip files only", "end-to-end resolution",
        () -> resolution(multiStrip, Mutants.STRIPE_STRIP_SWAPPED, 200));
  }

  @Test
  void d_eofClampOffByOne() {
    caught("(d) EOF clamp off by one", "end-to-end resolution",
        () -> resolution(Mutants.EOF_CLAMP_OFF_BY_ONE, 200));
  }

  @AfterAll
  static void printTable() {
    List<String> lines = new ArrayList<>();
    lines.add("| mutant | caught by | when | check that failed (shrunk) |");
    lines.add("|---|---|---|---|");
    TABLE.forEach((m, v) -> lines.add("| " + m + " | " + v + " |"));
    System.out.println(String.join("\n", lines));
  }
}
