package org.daxsim.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.daxsim.bus.DevDax;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.DaxOperations;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.prop.Action;
import org.daxsim.prop.Gen;
import org.daxsim.prop.PropertyFailure;
import org.daxsim.prop.Stateful;
import org.daxsim.sim.DaxSim;
import org.daxsim.sim.Host;
import org.daxsim.sim.Result;
import org.daxsim.sim.Shell;
import org.daxsim.sim.World;
import org.daxsim.testkit.ContractCase;
import org.daxsim.testkit.ContractCheck;
import org.daxsim.testkit.ContractReport;
import org.daxsim.testkit.DaxOperationsContract;
import org.daxsim.testkit.DaxOperationsFactory;
import org.daxsim.testkit.DeviceUnderTest;
import org.daxsim.testkit.Feature;
import org.daxsim.testkit.PhysRange;
import org.daxsim.testkit.world.DaxWorld;
import org.daxsim.testkit.world.InvariantViolations;
import org.daxsim.testkit.world.Replay;
import org.daxsim.testkit.world.ScenarioAction;
import org.daxsim.testkit.world.Violation;
import org.daxsim.testkit.world.WorldInvariants;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/testing.md (dax-core's DocExamplesTest checks that the docs show these
 * regions byte for byte): a toy {@code DaxOperations} over one contiguous range, a correct build
 * that passes the contract, and a build with an off-by-one end check that the contract catches
 * and shrinks to the first page past the end.
 */
class TestingDocsExamplesTest {
  static final long SEED = 1L;

  // begin-example: testkit-toy-driver
  /** A toy driver: one physically contiguous range, mapped once with memremap_pages. */
  static final class ToyDaxOps implements DaxOperations {
    private final KernelAddressSpace kas;
    private final long phys;
    private final long virt;
    private final long pages;
    private final boolean buggy;

    ToyDaxOps(KernelAddressSpace kas, PhysRange range, boolean buggy) throws ErrnoException {
      this.kas = kas;
      this.phys = range.start();
      this.virt = kas.memremapPages(range.start(), range.length());
      this.pages = range.pages();
      this.buggy = buggy;
    }

    @Override
    public long directAccess(DaxDevice dax, long pgoff, long nrPages, DaxAccessMode mode,
        KaddrPfn out) {
      if (nrPages < 0) {
        return Errno.EINVAL.neg();
      }
      if (pgoff < 0 || pgoff >= pages) {
        return Errno.ERANGE.neg();
      }
      long offset = buggy ? pgoff : pgoff << 12; // the bug: a page number used as bytes
      if (out != null) {
        out.set(virt + offset, (phys >>> 12) + pgoff);
      }
      return pages - pgoff; // pages left from pgoff; the wrapper caps it at nrPages
    }

    @Override
    public int zeroPageRange(DaxDevice dax, long pgoff, long nrPages) {
      try {
        kas.write(virt + (pgoff << 12), new byte[4096], 0, 4096);
        return 0;
      } catch (ErrnoException e) {
        return Errno.EIO.neg();
      }
    }
  }
  // end-example: testkit-toy-driver

  // begin-example: testkit-factory
  /** Attaches a ToyDaxOps to the generated layout's target device (one range). */
  static DaxOperationsFactory toy(boolean buggy) {
    return layout -> {
      DevDax target = layout.target();
      if (target.driver() != null) {
        layout.bus().unbind(target); // device_dax's own mapping would overlap ours
      }
      PhysRange range = layout.targetRanges().get(0);
      ToyDaxOps ops = new ToyDaxOps(layout.kas(), range, buggy);
      DaxDevice dax = layout.core().allocDax(ops, ops);
      return DeviceUnderTest.of(layout.core(), dax, List.of(range));
    };
  }
  // end-example: testkit-factory

  // begin-example: testkit-suite
  @Test
  void toyDriverMeetsTheDaxOperationsContract() {
    ContractReport report = DaxOperationsContract.forFactory(toy(false))
        .features(Feature.ZERO_PAGE_RANGE, Feature.THREAD_SAFE)
        .outOfRangeErrnos(Errno.ERANGE)
        .tries(100)
        .run(); // throws PropertyFailure if any check fails

    assertThat(report.passed()).contains(ContractCheck.KADDR_MAPS_PFN,
        ContractCheck.OUT_OF_RANGE_ERRNO, ContractCheck.ZERO_ONE_PAGE);
    assertThat(report.skipped()).containsExactly(ContractCheck.RECOVERY_WRITE_CLEARS_POISON);
  }
  // end-example: testkit-suite

  @Test
  void theCorrectToyPassesEveryClaimedCheckWithAFixedSeedToo() {
    ContractReport report = DaxOperationsContract.forFactory(toy(false))
        .features(Feature.ZERO_PAGE_RANGE, Feature.THREAD_SAFE)
        .outOfRangeErrnos(Errno.ERANGE).tries(100).seed(SEED).report();
    assertThat(report.failures()).isEmpty();
    assertThat(report.passed()).hasSize(ContractCheck.values().length - 1);
  }

  // begin-example: testkit-failure
  @Test
  void theContractCatchesTheBugAndShrinksIt() {
    ContractReport report = DaxOperationsContract.forFactory(toy(true))
        .features(Feature.ZERO_PAGE_RANGE, Feature.THREAD_SAFE)
        .outOfRangeErrnos(Errno.ERANGE)
        .seed(1L)
        .report(); // like run(), but collects every failure instead of throwing the first

    assertThat(report.failures()).containsOnlyKeys(ContractCheck.KADDR_MAPS_PFN);
    PropertyFailure failure = report.failures().get(ContractCheck.KADDR_MAPS_PFN);
    assertThat(failure.seed()).isEqualTo(1L);
    assertThat(report.replayCommand(ContractCheck.KADDR_MAPS_PFN))
        .isEqualTo("mvn -B verify -Ddax.prop.seed=1");

    ContractCase shrunk = report.shrunkCase(ContractCheck.KADDR_MAPS_PFN);
    assertThat(shrunk.device().pages()).isEqualTo(512); // one 2 MiB range, the smallest
    assertThat(shrunk.request().pgoff()).isEqualTo(1); // page 0 hides the bug: 0 << 12 == 0
    assertThat(shrunk.request().nrPages()).isEqualTo(1);
    assertThat(failure.getMessage())
        .contains("echo 2097152 > /sys/bus/dax/devices/dax0.0/size")
        .contains("# direct_access(pgoff=1, nr_pages=1)")
        .contains("kaddr 0xffff888100000001 maps 0x100000001, but pfn 0x100001 is 0x100001000");
  }
  // end-example: testkit-failure

  @Test
  void runThrowsTheSameFailure() {
    PropertyFailure f = catchThrowableOfType(() -> DaxOperationsContract.forFactory(toy(true))
        .features(Feature.ZERO_PAGE_RANGE).outOfRangeErrnos(Errno.ERANGE).seed(SEED).run(),
        PropertyFailure.class);
    assertThat(f).isNotNull();
    assertThat(f.seed()).isEqualTo(SEED);
    assertThat(f.getMessage()).contains("contract: KADDR_MAPS_PFN")
        .contains("-Ddax.prop.seed=" + SEED);
  }

  // begin-example: testkit-world-steps
  /** The model: device name -> size, in creation order; the region has 64 MiB. */
  static final class Devices extends LinkedHashMap<String, Long> {
    long available() {
      return (64L << 20) - values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Creates a device; its scenario line replays it. */
  record Create(long mib) implements Action<Shell, Devices>, ScenarioAction {
    @Override
    public boolean precondition(Devices devices) {
      return (mib << 20) <= devices.available();
    }

    @Override
    public List<String> scenarioLines() {
      return List.of("daxctl create-device -s " + mib + "M");
    }

    @Override
    public void run(Shell sh, Devices devices) throws Exception {
      Result r = sh.execute(scenarioLines().get(0));
      Matcher m = CHARDEV.matcher(r.stdout());
      assertThat(r.ok() && m.find()).as("%s: %s", scenarioLines(), r.stderr()).isTrue();
      devices.put(m.group(1), mib << 20);
    }
  }

  /** Disables and destroys a device. */
  record Destroy(String name) implements Action<Shell, Devices>, ScenarioAction {
    @Override
    public List<String> scenarioLines() {
      return List.of("daxctl disable-device " + name, "daxctl destroy-device " + name);
    }

    @Override
    public void run(Shell sh, Devices devices) throws Exception {
      for (String line : scenarioLines()) {
        assertThat(sh.execute(line).ok()).as(line).isTrue();
      }
      devices.remove(name);
    }
  }

  /** Creates are always possible; destroys pick an existing device. */
  static Gen<Action<Shell, Devices>> steps(Devices devices) {
    Gen<Action<Shell, Devices>> create = Gen.ints(1, 16).map(n -> new Create(2L * n));
    if (devices.isEmpty()) {
      return create;
    }
    Gen<Action<Shell, Devices>> destroy =
        Gen.elements(List.copyOf(devices.keySet())).map(Destroy::new);
    return Gen.frequency(Map.entry(3, create), Map.entry(1, destroy));
  }
  // end-example: testkit-world-steps

  static final Pattern CHARDEV = Pattern.compile("\"chardev\":\"(dax\\d+\\.\\d+)\"");
  static final String AVAILABLE = "/sys/devices/platform/hmem.0/dax_region/available_size";

  /** A shell on a fresh world with one idle 64 MiB hmem region (Stateful wants a Supplier). */
  static Shell freshShell() {
    try {
      Shell sh = DaxSim.newShell(DaxSim.newWorld());
      for (String line : PREAMBLE) {
        assertThat(sh.execute(line).ok()).as(line).isTrue();
      }
      return sh;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // begin-example: testkit-stateful-world
  static final List<String> PREAMBLE = List.of("region add --size 64M --idle");

  @Test
  void devicesComeAndGoAndEveryInvariantHolds() {
    Stateful<Shell, Devices> machine = Stateful
        .<Shell, Devices>of(TestingDocsExamplesTest::freshShell, Devices::new)
        .actionsFrom(TestingDocsExamplesTest::steps)
        .invariant((sh, devices) -> {
          WorldInvariants.check(sh.world()); // every bus and famfs invariant, every host
          assertThat(sh.execute("cat " + AVAILABLE).stdout().strip())
              .isEqualTo(Long.toString(devices.available())); // and our own model
        })
        .maxSteps(20)
        .tries(25);
    try {
      machine.check();
    } catch (PropertyFailure f) {
      throw Replay.failure(f, TestingDocsExamplesTest.class, PREAMBLE);
    }
  }
  // end-example: testkit-stateful-world

  @Test
  void aWrongModelIsCaughtAndReportedAsAScenario() {
    // the same machine with a model that forgets destroys: the failure must name the steps
    Stateful<Shell, Devices> machine = Stateful
        .<Shell, Devices>of(TestingDocsExamplesTest::freshShell, Devices::new)
        .actionsFrom(TestingDocsExamplesTest::steps)
        .invariant((sh, devices) -> assertThat(sh.execute("cat " + AVAILABLE).stdout().strip())
            .isEqualTo(Long.toString(devices.available() - (devices.size() > 1 ? 1 : 0))))
        .maxSteps(20).tries(50).seed(SEED);
    PropertyFailure f = catchThrowableOfType(machine::check, PropertyFailure.class);
    assertThat(f).isNotNull();
    String report = Replay.report(f, TestingDocsExamplesTest.class, PREAMBLE);
    assertThat(report).contains("Seed: 1")
        .contains("-Dtest=TestingDocsExamplesTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Ddax.prop.seed=1")
        .contains("region add --size 64M --idle\n");
    // shrunk to the smallest case with two devices: two creates of 2 MiB
    assertThat(f.counterexample()).containsExactly(new Create(2), new Create(2));
  }

  // begin-example: testkit-daxworld
  @Test
  @DaxWorld(value = "seed=7", script = {"region add --size 64M --idle > /tmp/r.json",
      "daxctl create-device -s 4M > /tmp/d.json"})
  void aFreshWorldPerTest(World world, Shell sh, Host host) throws Exception {
    assertThat(sh.execute("daxctl destroy-device dax0.1").ok()).isFalse(); // still enabled
    assertThat(host.bus().device("dax0.1").size()).isEqualTo(4L << 20);
  } // the extension runs WorldInvariants.check(world) after the test
  // end-example: testkit-daxworld

  // begin-example: testkit-violation
  @Test
  void aKilledButBoundDeviceBreaksAnInvariant() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld());
    sh.execute("region add --size 4G > /tmp/r.json"); // dax0.0, bound to device_dax
    Host host = sh.world().currentHost();
    host.daxCore().killDax(host.bus().device("dax0.0").daxDevice()); // behind the bus's back

    InvariantViolations e = catchThrowableOfType(
        () -> WorldInvariants.check(sh.world()), InvariantViolations.class);
    assertThat(e.violations()).extracting(Violation::id).containsExactly("kernel-dax#10");
    assertThat(e.violations().get(0).object()).isEqualTo("node0/dax0.0");
  }
  // end-example: testkit-violation
}
