package org.daxsim.testkit.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.mem.Resource;
import org.daxsim.sim.Host;
import org.daxsim.sim.Shell;
import org.daxsim.sim.World;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs {@link Sample}'s tests through the JUnit launcher and looks at their outcomes. */
class DaxWorldExtensionTest {

  /** Tests run only from here (nested: surefire does not pick them up). */
  @DaxWorld(value = "profile=linux-6.1,seed=3", script = "region add --size 4G > /tmp/r.json")
  static class Sample {
    static final List<Object> SEEN = new ArrayList<>();

    @Test
    void injects(World w, Shell sh, Host h) {
      SEEN.add(w);
      assertThat(sh.world()).isSameAs(w);
      assertThat(h).isSameAs(w.currentHost());
      assertThat(w.configuration().toSpec()).startsWith("profile=linux-6.1,seed=3");
      assertThat(h.bus().device("dax0.0")).isNotNull();
    }

    @Test
    void breaks(World w) throws Exception {
      Resource r = w.currentHost().regions().get(0).resource();
      Resource.releaseResource(r.children().get(0)); // the device's range loses its resource
    }

    @Test
    @DaxWorld(value = "seed=3", script = "region add --size 4G > /tmp/r.json", check = false)
    void breaksUnchecked(World w) throws Exception {
      breaks(w);
    }

    @Test
    @DaxWorld(script = "daxctl frobnicate")
    void badScript(World w) {}

    @Test
    @DaxWorld("profile=nope")
    void badSpec(World w) {}
  }

  private static TestExecutionResult run(String method, Class<?>... params) {
    List<TestExecutionResult> results = new ArrayList<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectMethod(Sample.class, method, names(params))).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
              results.add(result);
            }
          }
        });
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private static String names(Class<?>... params) {
    return String.join(",", java.util.Arrays.stream(params).map(Class::getName).toList());
  }

  @Test
  void injectsOneFreshWorldPerTestFromTheClassAnnotation() {
    Sample.SEEN.clear();
    assertThat(run("injects", World.class, Shell.class, Host.class).getStatus())
        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    assertThat(run("injects", World.class, Shell.class, Host.class).getStatus())
        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    assertThat(Sample.SEEN).hasSize(2);
    assertThat(Sample.SEEN.get(0)).isNotSameAs(Sample.SEEN.get(1));
  }

  @Test
  void aBrokenInvariantAfterTheTestFailsIt() {
    TestExecutionResult r = run("breaks", World.class);
    assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    assertThat(r.getThrowable()).get().isInstanceOf(InvariantViolations.class);
    assertThat(r.getThrowable().get().getMessage()).contains("kernel-dax#5", "node0/region0");
  }

  @Test
  void checkFalseSkipsTheInvariants() {
    assertThat(run("breaksUnchecked", World.class).getStatus())
        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
  }

  @Test
  void aFailingScriptLineOrABadSpecFailsResolutionWithTheReason() {
    TestExecutionResult r = run("badScript", World.class);
    assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    assertThat(r.getThrowable().get().getMessage())
        .contains("script line 1 'daxctl frobnicate' failed");
    TestExecutionResult s = run("badSpec", World.class);
    assertThat(s.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    assertThat(s.getThrowable().get().getMessage()).contains("@DaxWorld(\"profile=nope\")");
  }

  @Test
  @DaxWorld(script = {"region add --size 8G --idle > /tmp/r.json",
      "daxctl create-device -s 1G > /tmp/d.json"})
  void worksInRealTests(World world, Host host) {
    assertThat(host.bus().device("dax0.1").size()).isEqualTo(1L << 30);
    assertThat(world.hosts()).containsExactly(host);
  }
}
