package org.daxsim.fs.famfs.tools;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.daxctl.Daxctl;
import org.daxsim.bus.sysfs.Sysfs;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.fs.dev.DaxDevNodes;
import org.daxsim.fs.famfs.Famfs;
import org.daxsim.fs.testing.TestHost;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Vfs;

/**
 * A host for the famfs tools: the {@link TestHost} machine plus a VFS with famfs registered,
 * /dev nodes for the dax devices, sysfs, daxctl and a root process. Two hosts built over one
 * {@link MemoryDevice} share the memory (each maps it at 4 GiB in its own physical space).
 */
final class ToolsHost extends TestHost {
  final Vfs vfs;
  final Famfs famfs;
  final DaxDevNodes nodes;
  final Sysfs sysfs;
  final Daxctl daxctl;
  final Process root;
  final List<String> modules = new ArrayList<>();
  final long seed;

  ToolsHost(long seed) throws ErrnoException {
    this(MemoryDevice.create("cxl0", WINDOW), seed);
  }

  ToolsHost(MemoryDevice shared, long seed) throws ErrnoException {
    super(shared);
    this.seed = seed;
    vfs = Vfs.create(kas, () -> 0L);
    famfs = Famfs.create(core);
    vfs.registerFilesystem(famfs);
    nodes = DaxDevNodes.attach(vfs, bus);
    sysfs = new Sysfs(bus);
    daxctl = new Daxctl(sysfs, path -> {
      throw ErrnoException.of(Errno.ENOENT, "%s", path);
    }, modules::add);
    root = vfs.newProcess(Cred.ROOT);
  }

  private ToolEnv env;

  /**
   * The tools' environment as root (minimum device size relaxed to 64 MiB); one random source
   * per host, so repeated commands draw new UUIDs.
   */
  ToolEnv env() throws ErrnoException {
    if (env == null) {
      env = ToolEnv.of(root, sysfs, seed).withDaxctl(daxctl).withMinDevSize(64L << 20);
    }
    return env;
  }

  /** A dev_dax of {@code size} bytes at region offset {@code start}, in famfs mode (fsdev). */
  DevDax famfsDevice(long start, long size) throws ErrnoException {
    DevDax d = region.create();
    d.mapping(BASE + start, BASE + start + size - 1);
    bus.newId("fsdev_dax", d.name());
    return d;
  }

  /** The same, bound to device_dax (devdax mode: its char device can be mapped). */
  DevDax devdaxDevice(long start, long size) throws ErrnoException {
    DevDax d = region.create();
    d.mapping(BASE + start, BASE + start + size - 1);
    bus.bind(d, org.daxsim.bus.DeviceDax.NAME);
    return d;
  }

  ToolResult run(String... argv) throws ErrnoException {
    return FamfsCli.run(env(), argv);
  }
}
