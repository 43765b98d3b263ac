package org.daxsim.testkit;

import java.util.List;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.core.ErrnoException;

/**
 * One administrative operation of a generated layout, as drawn: the device is an index into the
 * devices present when it runs, sizes and offsets are in 2 MiB units. Applying it to a layout
 * runs the real bus operation and, when the kernel accepts it, records its scenario lines.
 */
record LayoutOp(Kind kind, int dev, long units, long at) {
  static final long UNIT = 2L << 20;

  enum Kind { CREATE, RESIZE, DESTROY, MAPPING }

  void apply(DaxLayout l) {
    DaxRegion region = l.region();
    List<DevDax> devs = region.devices();
    String regionDir = "/sys/devices/platform/hmem." + region.id() + "/dax_region";
    try {
      if (kind == Kind.CREATE) {
        DevDax d = region.create();
        l.record("echo 1 > " + regionDir + "/create  # " + d.name());
        return;
      }
      if (devs.isEmpty()) {
        return;
      }
      DevDax d = devs.get(Math.floorMod(dev, devs.size()));
      String sys = "/sys/bus/dax/devices/" + d.name();
      switch (kind) {
        case RESIZE -> {
          d.resize(units * UNIT);
          l.record("echo " + units * UNIT + " > " + sys + "/size");
        }
        case DESTROY -> {
          d.resize(0);
          l.record("echo 0 > " + sys + "/size");
          region.delete(d.name());
          l.record("echo " + d.name() + " > " + regionDir + "/delete");
        }
        case MAPPING -> {
          long start = region.start() + at * UNIT;
          long end = start + Math.max(1, units) * UNIT - 1;
          d.mapping(start, end);
          l.record(String.format("echo %#x-%#x > %s/mapping", start, end, sys));
        }
        default -> throw new IllegalStateException();
      }
    } catch (ErrnoException refused) {
      // the kernel refused it (ENOSPC, EBUSY, ENOMEM, ...): the layout is unchanged
    }
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase() + "(" + dev + ", " + units + ", " + at + ")";
  }
}
