package org.daxsim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.bus.Fsdev;
import org.daxsim.prop.Property;
import org.daxsim.prop.PropertyFailure;
import org.daxsim.sim.DaxSim;
import org.daxsim.sim.Result;
import org.daxsim.sim.Shell;
import org.daxsim.sim.World;
import org.junit.jupiter.api.Test;

/**
 * The scenario script a layout (and so a contract failure) prints really rebuilds it: each
 * line run through a fresh daxsim {@link Shell} succeeds, and the world's bus then holds the
 * same devices with the same ranges as the generator's bus.
 */
class ScriptReplayTest {

  /** name: [start-end] ... of every device with memory, in name order. */
  static List<String> devices(DaxBus bus) {
    List<String> out = new ArrayList<>();
    for (DevDax d : bus.devices()) {
      StringBuilder b = new StringBuilder(d.name()).append(':');
      for (DevDaxRange r : d.ranges()) {
        b.append(String.format(" %#x+%#x", r.start(), r.length()));
      }
      out.add(b.toString());
    }
    out.sort(null);
    return out;
  }

  static List<String> replay(List<String> script) throws Exception {
    World w = DaxSim.newWorld();
    Shell sh = DaxSim.newShell(w);
    for (String line : script) {
      Result r = sh.execute(line);
      assertThat(r.ok()).as("%s -> %s", line, r).isTrue();
    }
    return devices(w.currentHost().bus());
  }

  @Test
  void everyGeneratedLayoutReplays() {
    Property.forAll(GensLayout.layouts(true)).tries(150).checkAssert(l ->
        assertThat(replay(l.script())).as(l.toString()).isEqualTo(devices(l.bus())));
  }

  @Test
  void aShrunkContractFailureReplays() throws Exception {
    ContractReport r = DaxOperationsContractTest.fsdev(DirectAccessVariant.FSDEV_FULL_SPAN);
    PropertyFailure f = r.failures().get(ContractCheck.POSITIVE_FOR_VALID);
    ContractCase c = r.shrunkCase(ContractCheck.POSITIVE_FOR_VALID);
    // the lines printed in the failure message, as a user would copy them
    List<String> lines = new ArrayList<>();
    for (String line : c.script().split("\n")) {
      assertThat(f.getMessage()).contains(line);
      lines.add(line);
    }
    World w = DaxSim.newWorld();
    Shell sh = DaxSim.newShell(w);
    for (String line : lines) {
      Result res = sh.execute(line);
      assertThat(res.ok()).as("%s -> %s", line, res).isTrue();
    }
    DaxBus bus = w.currentHost().bus();
    assertThat(devices(bus)).isEqualTo(devices(c.layout().bus()));
    DevDax target = bus.device(c.layout().target().name());
    assertThat(target.driver().name()).isEqualTo(Fsdev.NAME);
    assertThat(target.effectiveVariant()).isEqualTo(DirectAccessVariant.FSDEV_FULL_SPAN);
    List<PhysRange> ranges = new ArrayList<>();
    for (DevDaxRange range : target.ranges()) {
      ranges.add(new PhysRange(range.start(), range.length()));
    }
    assertThat(ranges).isEqualTo(c.device().ranges());
  }
}
