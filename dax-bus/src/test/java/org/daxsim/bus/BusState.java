package org.daxsim.bus;

/** A text snapshot of everything observable on a bus, to assert that bad input changed nothing. */
final class BusState {
  private BusState() {}

  static String of(DaxBus bus) {
    StringBuilder sb = new StringBuilder();
    for (DaxRegion r : bus.regions()) {
      sb.append(r).append(" avail ").append(r.availableSize())
          .append(" seed ").append(r.seed() == null ? "-" : r.seed().name())
          .append(" youngest ").append(r.youngest() == null ? "-" : r.youngest().name())
          .append('\n').append(r.resource().dump());
      for (DevDax d : r.devices()) {
        sb.append("  ").append(d.name()).append(" size ").append(d.size())
            .append(" align ").append(d.align()).append(" ranges ").append(d.ranges())
            .append(" maps ").append(d.mappingIds())
            .append(" drv ").append(d.driver() == null ? "-" : d.driver().name())
            .append(" alive ").append(d.daxDevice().isAlive())
            .append(" mom ").append(d.memmapOnMemory())
            .append(" pgmap ").append(d.pgmap()).append('\n');
      }
    }
    for (DaxDriver drv : bus.drivers()) {
      try {
        sb.append(drv.name()).append(" ids ").append(bus.ids(drv.name())).append('\n');
      } catch (org.daxsim.core.ErrnoException e) {
        throw new AssertionError(e);
      }
    }
    sb.append(bus.iomem().dump());
    return sb.toString();
  }
}
