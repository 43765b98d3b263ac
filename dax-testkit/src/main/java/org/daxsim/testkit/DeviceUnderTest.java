package org.daxsim.testkit;

import java.util.List;
import java.util.Objects;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.DaxDevice;

/**
 * What a {@link DaxOperationsFactory} hands the contract: the core, the live {@code dax_device}
 * whose ops are under test, and the reference model of the device — its physical ranges in
 * page-offset order, taken from the layout (never from the implementation under test).
 *
 * @param core the core the device belongs to; its kernel address space translates kaddrs
 * @param dax the device under test, alive
 * @param ranges the device's physical ranges in page-offset order (the model)
 * @param poisoner how to poison a device page, or null when the implementation cannot
 * @param script scenario lines that attach the implementation (appended to the layout's
 *     script in failure reports); may be empty
 */
public record DeviceUnderTest(DaxCore core, DaxDevice dax, List<PhysRange> ranges,
    PoisonInjector poisoner, String script) {

  /** Copies the ranges; requires a core, a device and at least one range. */
  public DeviceUnderTest {
    Objects.requireNonNull(core, "core");
    Objects.requireNonNull(dax, "dax");
    ranges = List.copyOf(ranges);
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("a device under test needs at least one range");
    }
    script = script == null ? "" : script;
  }

  /** A device without poison injection and without script lines. */
  public static DeviceUnderTest of(DaxCore core, DaxDevice dax, List<PhysRange> ranges) {
    return new DeviceUnderTest(core, dax, ranges, null, "");
  }

  /** This device with {@code poisoner} for the poison checks. */
  public DeviceUnderTest withPoisoner(PoisonInjector poisoner) {
    return new DeviceUnderTest(core, dax, ranges, poisoner, script);
  }

  /** This device with scenario lines that attach the implementation. */
  public DeviceUnderTest withScript(String lines) {
    return new DeviceUnderTest(core, dax, ranges, poisoner, lines);
  }

  /** The device size in pages, the sum of its ranges. */
  public long pages() {
    long n = 0;
    for (PhysRange r : ranges) {
      n += r.pages();
    }
    return n;
  }

  /** The model: physical address of device page {@code pgoff}, or -1 outside the device. */
  public long phys(long pgoff) {
    long first = 0;
    for (PhysRange r : ranges) {
      if (pgoff >= first && pgoff < first + r.pages()) {
        return r.start() + ((pgoff - first) << 12);
      }
      first += r.pages();
    }
    return -1;
  }

  /** Poisons one page of a device under test (a media error), as the implementation sees it. */
  @FunctionalInterface
  public interface PoisonInjector {
    /**
     * Poisons device page {@code pgoff}.
     *
     * @throws Exception when the page cannot be poisoned
     */
    void poison(long pgoff) throws Exception;
  }
}
