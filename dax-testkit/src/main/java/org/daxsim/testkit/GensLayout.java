package org.daxsim.testkit;

import java.util.List;
import org.daxsim.core.ErrnoException;
import org.daxsim.prop.Gen;

/**
 * Generators of dax regions and device layouts. Every generator draws from the
 * {@link org.daxsim.prop.Source}, so failing cases shrink: a layout shrinks by dropping
 * administrative operations and lowering sizes and offsets.
 */
public final class GensLayout {
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;
  /** The lowest region base: 4 GiB, above the boot memory. */
  public static final long BASE = 0x1_0000_0000L;

  private GensLayout() {}

  /**
   * Region configurations of every kind: hmem and cxl (dynamic, align 2 MiB) and pmem (static,
   * align 4 KiB or 2 MiB), 16 to 64 MiB at a base of 4 to 7 GiB; shrinks toward a 16 MiB hmem
   * region at 4 GiB.
   */
  public static Gen<RegionConfig> regionConfigs() {
    return configs(RegionConfig.Kind.values());
  }

  /**
   * Layouts: an hmem (idle) or pmem region, 0 to 8 random create / resize (grow and shrink) /
   * destroy / mapping operations applied to the real bus, and a target device with memory.
   * With {@code multiRange} false the target always has exactly one range; with it true the
   * target is preferably the most fragmented device. Shrinks toward a single 2 MiB device.
   */
  public static Gen<DaxLayout> layouts(boolean multiRange) {
    Gen<RegionConfig> configs = Gen.frequency(
        java.util.Map.entry(5, configs(RegionConfig.Kind.HMEM)),
        java.util.Map.entry(1, configs(RegionConfig.Kind.PMEM)));
    Gen<LayoutOp> op = src -> {
      LayoutOp.Kind kind = src.draw(Gen.frequency(
          java.util.Map.entry(3, Gen.constant(LayoutOp.Kind.RESIZE)),
          java.util.Map.entry(2, Gen.constant(LayoutOp.Kind.CREATE)),
          java.util.Map.entry(2, Gen.constant(LayoutOp.Kind.MAPPING)),
          java.util.Map.entry(1, Gen.constant(LayoutOp.Kind.DESTROY))));
      return new LayoutOp(kind, src.chooseInt(0, 7), src.choose(1, 6), src.choose(0, 31));
    };
    Gen<DaxLayout> raw = src -> {
      RegionConfig cfg = src.draw(configs);
      List<LayoutOp> ops = src.draw(Gen.lists(op, 0, 8));
      int pick = src.chooseInt(0, 7);
      try {
        return DaxLayout.build(cfg, ops, pick, multiRange);
      } catch (ErrnoException e) {
        throw new IllegalStateException("layout host setup failed: " + e.getMessage(), e);
      }
    };
    return raw.filter(l -> l.target() != null);
  }

  private static Gen<RegionConfig> configs(RegionConfig.Kind... kinds) {
    return src -> {
      RegionConfig.Kind kind = src.draw(Gen.elements(kinds));
      long size = src.choose(8, 32) * 2 * MIB;
      long base = BASE + src.choose(0, 3) * GIB;
      long align = kind == RegionConfig.Kind.PMEM && src.flip() ? 4096 : 2 * MIB;
      return new RegionConfig(kind, size, base, align);
    };
  }
}
