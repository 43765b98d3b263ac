package org.daxsim.fs.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.Fsdev;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.Kmem;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Vfs;

/**
 * A host as dax/Host.java builds it (64 MiB RAM, a 1 GiB Soft Reserved window, a dax bus with
 * device_dax, kmem and fsdev, an idle hmem region 0), plus a VFS and a root process.
 */
final class DevHost extends org.daxsim.fs.testing.TestHost {
  final Vfs vfs;
  final Process root;

  DevHost() throws ErrnoException {
    vfs = Vfs.create(kas);
    root = vfs.newProcess(Cred.ROOT);
  }

  /** A new dev_dax of {@code size} bytes at the first free space, unbound. */
  DevDax device(long size) throws ErrnoException {
    DevDax d = region.create();
    d.resize(size);
    return d;
  }

  /** A new dev_dax of {@code size} bytes bound to device_dax. */
  DevDax deviceDax(long size) throws ErrnoException {
    DevDax d = device(size);
    bus.bind(d, DeviceDax.NAME);
    return d;
  }

  /** A new dev_dax of {@code size} bytes bound to fsdev (through new_id). */
  DevDax fsdev(long size) throws ErrnoException {
    DevDax d = device(size);
    bus.newId("fsdev_dax", d.name());
    return d;
  }

  /** The byte at device offset {@code devOff}, read physically through pgoffToPhys. */
  byte devByte(DevDax d, long devOff) throws ErrnoException {
    return devBytes(d, devOff, 1)[0];
  }

  /** Asserts that {@code call} fails with {@code errno}. */
  static void expect(Errno errno, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected %s", errno).isInstanceOf(ErrnoException.class);
    assertThat(((ErrnoException) t).errno()).as(String.valueOf(t.getMessage())).isEqualTo(errno);
  }
}
