package org.daxsim.testkit;

import java.util.List;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.bus.Fsdev;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.PmemDaxOperations;

/** The factories the contract tests use: fsdev in a given variant, and the pmem driver. */
final class ContractFactories {
  private ContractFactories() {}

  /** The layout's target bound to fsdev with {@code variant} (daxctl reconfigure -m famfs). */
  static DaxOperationsFactory fsdev(DirectAccessVariant variant) {
    return layout -> {
      DevDax d = layout.target();
      DaxBus bus = layout.bus();
      if (d.driver() != null) {
        bus.unbind(d);
      }
      d.setVariant(variant);
      bus.newId(Fsdev.NAME, d.name());
      if (d.driver() == null) {
        bus.bind(d, Fsdev.NAME);
      }
      return DeviceUnderTest.of(layout.core(), d.daxDevice(), layout.targetRanges())
          .withScript("variant set dev-dax-direct-access " + variant.id()
              + "\ndaxctl reconfigure-device -m famfs " + d.name());
    };
  }

  /** PmemDaxOperations over the (single) range of the layout's target. */
  static DaxOperationsFactory pmem() {
    return layout -> {
      DevDax d = layout.target();
      if (d.driver() != null) {
        layout.bus().unbind(d); // device_dax's memremap_pages would overlap pmem's
      }
      PhysRange r = layout.targetRanges().get(0);
      PmemDaxOperations ops = PmemDaxOperations.create(layout.kas(), r.start(), r.length());
      DaxDevice dax = ops.attach(layout.core());
      return DeviceUnderTest.of(layout.core(), dax, List.of(r)).withPoisoner(ops::injectPoison);
    };
  }
}
