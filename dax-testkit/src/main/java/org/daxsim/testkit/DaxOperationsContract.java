package org.daxsim.testkit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.daxsim.core.Errno;
import org.daxsim.prop.ForAll;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.daxsim.prop.PropertyFailure;

/**
 * The {@code dax_operations} contract (docs/contract.md) as a property suite that any
 * {@link org.daxsim.core.dax.DaxOperations} implementation runs by supplying a factory and the
 * features it claims:
 *
 * <pre>{@code
 * DaxOperationsContract.forFactory(layout -> myDevice(layout))
 *     .features(Feature.ZERO_PAGE_RANGE, Feature.MULTI_RANGE)
 *     .tries(100)
 *     .run(); // throws PropertyFailure with the seed, replay command and scenario script
 * }</pre>
 *
 * <p>Each {@link ContractCheck} is a dax-prop property over generated {@link ContractCase}s: a
 * layout made by real bus operations ({@link GensLayout#layouts(boolean)}), the factory's
 * device on it, and requests from {@link GensRequests}. A failing case shrinks (fewer
 * operations, smaller sizes, simpler requests) and is reported as a daxsim scenario script.
 * Checks whose features are not all claimed are skipped.
 */
public final class DaxOperationsContract {
  private final DaxOperationsFactory factory;
  private final Set<Feature> features = EnumSet.of(Feature.DIRECT_ACCESS);
  private final Set<ContractCheck> only = EnumSet.allOf(ContractCheck.class);
  private Set<Errno> outOfRange = EnumSet.of(Errno.EFAULT, Errno.ERANGE);
  private int tries = 100;
  private Long seed;
  private int maxShrinks = 2000;

  private DaxOperationsContract(DaxOperationsFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** A contract run for the devices {@code factory} builds; claims only DIRECT_ACCESS so far. */
  public static DaxOperationsContract forFactory(DaxOperationsFactory factory) {
    return new DaxOperationsContract(factory);
  }

  /** Claims {@code claimed} features (in addition to DIRECT_ACCESS). */
  public DaxOperationsContract features(Feature... claimed) {
    for (Feature f : claimed) {
      features.add(Objects.requireNonNull(f, "feature"));
    }
    return this;
  }

  /** Runs only the given checks (default: all); others are reported as skipped. */
  public DaxOperationsContract checks(ContractCheck... checks) {
    only.clear();
    for (ContractCheck c : checks) {
      only.add(Objects.requireNonNull(c, "check"));
    }
    return this;
  }

  /**
   * The errnos an out-of-range request may fail with (default {@code EFAULT} and
   * {@code ERANGE}, the ones docs/contract.md documents).
   *
   * @throws IllegalArgumentException if none is given
   */
  public DaxOperationsContract outOfRangeErrnos(Errno... errnos) {
    if (errnos.length == 0) {
      throw new IllegalArgumentException("at least one errno");
    }
    outOfRange = EnumSet.of(errnos[0], errnos);
    return this;
  }

  /**
   * Cases per check (default 100); {@code -Ddax.prop.tries} overrides it.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public DaxOperationsContract tries(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("tries must be at least 1: " + n);
    }
    tries = n;
    return this;
  }

  /** The seed of every check (default random); {@code -Ddax.prop.seed} overrides it. */
  public DaxOperationsContract seed(long s) {
    seed = s;
    return this;
  }

  /**
   * The shrink budget per failing check (default 2000 replays).
   *
   * @throws IllegalArgumentException if {@code runs < 0}
   */
  public DaxOperationsContract maxShrinks(int runs) {
    if (runs < 0) {
      throw new IllegalArgumentException("maxShrinks must not be negative: " + runs);
    }
    maxShrinks = runs;
    return this;
  }

  /** Runs every applicable check and reports all outcomes without throwing. */
  public ContractReport report() {
    Map<ContractCheck, PropertyFailure> failures = new EnumMap<>(ContractCheck.class);
    List<ContractCheck> passed = new ArrayList<>();
    List<ContractCheck> skipped = new ArrayList<>();
    for (ContractCheck check : ContractCheck.values()) {
      if (!only.contains(check) || !features.containsAll(check.requires())) {
        skipped.add(check);
        continue;
      }
      ForAll<ContractCase> property = Property.forAll(cases(check))
          .named(check.propertyName()).tries(tries).maxShrinks(maxShrinks);
      if (seed != null) {
        property.seed(seed);
      }
      try {
        property.checkAssert(c -> ContractChecks.run(check, c, outOfRange));
        passed.add(check);
      } catch (PropertyFailure f) {
        failures.put(check, f);
      }
    }
    return new ContractReport(failures, passed, skipped);
  }

  /**
   * Runs every applicable check.
   *
   * @return the report, when every check passed
   * @throws PropertyFailure for the first failed check (the others suppressed), whose message
   *     holds the shrunk case as a scenario script and the seed to replay it
   */
  public ContractReport run() {
    return report().assertOk();
  }

  /** The cases of one check: layout, device under test, then the check's requests. */
  Gen<ContractCase> cases(ContractCheck check) {
    boolean multi = features.contains(Feature.MULTI_RANGE);
    Gen<DaxLayout> layouts = GensLayout.layouts(multi);
    return src -> {
      DaxLayout layout = src.draw(layouts);
      DeviceUnderTest device;
      try {
        device = factory.create(layout);
      } catch (Exception e) {
        throw new IllegalStateException("the factory failed on\n" + layout, e);
      }
      List<PhysRange> r = device.ranges();
      return switch (check) {
        case NEVER_MORE_THAN_ASKED -> one(layout, device, src.draw(GensRequests.inRange(r)));
        case OUT_OF_RANGE_ERRNO -> one(layout, device, src.draw(GensRequests.outOfRange(r)));
        case DEAD_DEVICE -> one(layout, device, src.draw(GensRequests.any(r)));
        case CONCURRENT_EQUALS_SEQUENTIAL -> new ContractCase(layout, device,
            src.draw(Gen.lists(GensRequests.any(r), 1, 24)), src.chooseInt(2, 4));
        default -> one(layout, device, src.draw(GensRequests.valid(r)));
      };
    };
  }

  private static ContractCase one(DaxLayout layout, DeviceUnderTest device, Request r) {
    return new ContractCase(layout, device, List.of(r), 1);
  }
}
