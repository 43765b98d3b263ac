package org.daxsim.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.Fsdev;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.Kmem;
import org.daxsim.bus.PmemNamespace;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;

/**
 * A generated device layout: a host (physical memory, kernel address space, dax core) with a dax
 * bus (device_dax, kmem and fsdev registered), one region, and the devices that a sequence of
 * real administrative operations (create, resize, destroy, mapping writes) left on it — so
 * fragmentation and multi-range devices arise the way the kernel's allocator makes them. One
 * device with memory is the {@link #target()}.
 *
 * <p>{@link #script()} renders the layout as daxsim scenario lines that rebuild it; failure
 * reports print it. Made by {@link GensLayout#layouts(boolean)}; each generated layout is a fresh
 * host that nothing else shares.
 */
public final class DaxLayout {
  private final RegionConfig config;
  private final PhysicalAddressSpace phys;
  private final MemoryDevice memory;
  private final DaxCore core;
  private final DaxBus bus;
  private final DaxRegion region;
  private final List<String> script = new ArrayList<>();
  private DevDax target;
  private List<PhysRange> targetRanges = List.of();

  private DaxLayout(RegionConfig config) throws ErrnoException {
    this.config = config;
    long pad = config.kind() == RegionConfig.Kind.PMEM ? RegionConfig.PMEM_RESERVE : 0;
    phys = new PhysicalAddressSpace();
    memory = MemoryDevice.create("cxl0", config.size() + pad);
    phys.map(config.base() - pad, config.size() + pad, memory, 0);
    core = new DaxCore(new KernelAddressSpace(phys));
    Resource iomem = Resource.iomem();
    bus = new DaxBus(core, iomem, KernelProfile.MAINLINE);
    bus.registerDriver(new DeviceDax(bus));
    bus.registerDriver(new Kmem(bus));
    bus.registerDriver(new Fsdev(bus));
    if (config.kind() == RegionConfig.Kind.PMEM) {
      region = PmemNamespace.register(bus, 0, 0, config.base() - pad, config.size() + pad, pad,
          config.align(), 0);
    } else {
      Resource.insertResource(iomem, config.base(), config.base() + config.size() - 1,
          "Soft Reserved", Resource.IORESOURCE_MEM);
      region = Hmem.register(bus, 0, config.base(), config.size(), 0, true);
    }
    script.add(config.scriptLine(true));
  }

  /** Builds the layout: the region, then {@code ops} (refused ones are skipped), then a target. */
  static DaxLayout build(RegionConfig config, List<LayoutOp> ops, int pick, boolean multiRange)
      throws ErrnoException {
    DaxLayout l = new DaxLayout(config);
    for (LayoutOp op : ops) {
      op.apply(l);
    }
    List<DevDax> eligible = new ArrayList<>();
    for (DevDax d : l.bus.devices()) {
      if (d.size() > 0 && (multiRange || d.nrRange() == 1)) {
        eligible.add(d);
      }
    }
    if (eligible.isEmpty()) {
      return l; // no target: the generator discards it
    }
    // most ranges first, so that the simplest pick is the most fragmented device
    eligible.sort(Comparator.comparingInt((DevDax d) -> -d.nrRange()).thenComparing(DevDax::id));
    l.target = eligible.get(Math.floorMod(pick, eligible.size()));
    List<PhysRange> r = new ArrayList<>();
    for (DevDaxRange range : l.target.ranges()) {
      r.add(new PhysRange(range.start(), range.length()));
    }
    l.targetRanges = Collections.unmodifiableList(r);
    return l;
  }

  void record(String line) {
    script.add(line);
  }

  /** The region configuration. */
  public RegionConfig config() {
    return config;
  }

  /** The host's physical address space (to write or poison memory directly). */
  public PhysicalAddressSpace phys() {
    return phys;
  }

  /** The memory device backing the region (mapped at {@code config().base()} or 2 MiB below). */
  public MemoryDevice memory() {
    return memory;
  }

  /** The host's dax core. */
  public DaxCore core() {
    return core;
  }

  /** The kernel address space of the host. */
  public KernelAddressSpace kas() {
    return core.kas();
  }

  /** The bus. */
  public DaxBus bus() {
    return bus;
  }

  /** The region every device belongs to. */
  public DaxRegion region() {
    return region;
  }

  /** The device the contract tests: one with memory (null only before generation finished). */
  public DevDax target() {
    return target;
  }

  /** The target's ranges as the bus allocated them, in page-offset order: the model. */
  public List<PhysRange> targetRanges() {
    return targetRanges;
  }

  /** The scenario lines that rebuild this layout (a region add, then sysfs writes). */
  public List<String> script() {
    return List.copyOf(script);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (String line : script) {
      b.append(line).append('\n');
    }
    b.append("# target ").append(target == null ? "none" : target.name())
        .append(' ').append(targetRanges);
    return b.toString();
  }
}
