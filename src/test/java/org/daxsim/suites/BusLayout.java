package org.daxsim.suites;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;

/** {@link Layout} over a real dynamic {@link DaxRegion}: each step is the sysfs store. */
final class BusLayout implements Layout {
  final DaxRegion region;
  private final List<DevDax> devs = new ArrayList<>();

  BusLayout(DaxRegion region) {
    this.region = region;
    devs.add(region.devices().get(0));
  }

  DevDax dev(int i) {
    return devs.get(i);
  }

  @Override
  public long regionStart() {
    return region.start();
  }

  @Override
  public long regionSize() {
    return region.size();
  }

  @Override
  public int devices() {
    return devs.size();
  }

  @Override
  public boolean alive(int dev) {
    return devs.get(dev) != null;
  }

  @Override
  public long size(int dev) {
    return devs.get(dev).size();
  }

  @Override
  public long available() {
    return region.availableSize();
  }

  @Override
  public List<long[]> ranges(int dev) {
    List<long[]> out = new ArrayList<>();
    for (DevDaxRange r : devs.get(dev).ranges()) {
      out.add(new long[] {r.pgoff(), r.start(), r.end()});
    }
    return out;
  }

  @Override
  public int create() throws Exception {
    devs.add(region.create());
    return devs.size() - 1;
  }

  @Override
  public void delete(int dev) throws Exception {
    region.delete(devs.get(dev).name());
    devs.set(dev, null);
  }

  @Override
  public void resize(int dev, long size) throws Exception {
    devs.get(dev).resize(size);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("bus{");
    for (int i = 0; i < devs.size(); i++) {
      if (devs.get(i) != null) {
        b.append(' ').append(i).append('=').append(Layouts.format(ranges(i)));
      }
    }
    return b.append(" }").toString();
  }
}
