package org.daxsim.bus;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/** A trivial dax driver for the bus tests: runs the dax_device at probe, can be made to fail. */
final class TestDriver implements DaxDriver {
  private final String name;
  private final DaxDriverType type;
  volatile Errno failWith;
  final List<String> probed = new ArrayList<>();
  final List<String> removed = new ArrayList<>();

  TestDriver(String name, DaxDriverType type) {
    this.name = name;
    this.type = type;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public DaxDriverType type() {
    return type;
  }

  @Override
  public synchronized void probe(DevDax dev) throws ErrnoException {
    if (failWith != null) {
      throw ErrnoException.of(failWith, "%s: probe of %s fails on purpose", name, dev.name());
    }
    dev.bus().core().runDax(dev.daxDevice());
    probed.add(dev.name());
  }

  @Override
  public synchronized void remove(DevDax dev) {
    removed.add(dev.name());
  }
}
