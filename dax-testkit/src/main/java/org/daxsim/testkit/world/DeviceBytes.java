package org.daxsim.testkit.world;

import org.daxsim.bus.DevDax;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.sim.Host;

/**
 * Raw reads of a dev_dax device's bytes as the hardware holds them: device offset → pgoff →
 * physical address (the range arithmetic of kernel-dax.md invariant 1, not the bus's lookup)
 * → the host's physical memory. No dax driver, page cache or file system is involved.
 */
final class DeviceBytes {
  private final Host host;
  private final DevDax dev;

  DeviceBytes(Host host, DevDax dev) {
    this.host = host;
    this.dev = dev;
  }

  long size() {
    return dev.size();
  }

  /** {@code len} bytes at device offset {@code off}; ENXIO past the end, EFAULT if unbacked. */
  byte[] read(long off, int len) throws ErrnoException {
    if (off < 0 || len < 0 || off + len > dev.size()) {
      throw ErrnoException.of(Errno.ENXIO, "%s: [%#x, +%#x) is outside the device", dev.name(),
          off, len);
    }
    byte[] b = new byte[len];
    int done = 0;
    while (done < len) {
      long at = off + done;
      long phys = -1;
      long left = 0;
      for (var r : dev.ranges()) {
        long first = r.pgoff() * BusChecks.PAGE;
        long rlen = r.end() - r.start() + 1;
        if (at >= first && at < first + rlen) {
          phys = r.start() + (at - first);
          left = first + rlen - at;
          break;
        }
      }
      if (phys < 0) {
        throw ErrnoException.of(Errno.ENXIO, "%s: offset %#x in no range", dev.name(), at);
      }
      int n = (int) Math.min(len - done, left);
      host.phys().read(phys, b, done, n);
      done += n;
    }
    return b;
  }
}
