package org.daxsim.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.bus.Fsdev;
import org.daxsim.bus.Kmem;
import org.daxsim.bus.daxctl.Daxctl;
import org.daxsim.bus.sysfs.Sysfs;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.fs.dev.DaxDevNodes;
import org.daxsim.fs.famfs.Famfs;
import org.daxsim.fs.famfs.tools.FamfsCli;
import org.daxsim.fs.famfs.tools.ToolEnv;
import org.daxsim.fs.famfs.tools.ToolResult;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Vfs;

/**
 * One machine of a {@link World}, booted with a kernel profile: 2 GiB of System RAM at
 * physical 0, a dax bus with device_dax (and fsdev_dax on mainline) registered, kmem a module
 * loaded on demand on every profile (by daxctl, or by a cxl region; so that 6.12's hmem devices
 * stay unbound at boot and /sys/bus/dax/drivers lists only device_dax, as the oracle saw), a
 * VFS with
 * famfs registered and {@code /dev/daxR.N} nodes, the bus's sysfs, daxctl over that sysfs,
 * and a root process the tools run as. Regions are added by {@link World#addRegion}.
 */
public final class Host {
  /** Boot System RAM: [0, 2 GiB), as the oracle's guest keeps below 4 GiB. */
  public static final long RAM_SIZE = 2L << 30;

  private final String name;
  private final String uuid;
  private final long seed;
  private final KernelProfile profile;
  private final PhysicalAddressSpace phys = new PhysicalAddressSpace();
  private final KernelAddressSpace kas;
  private final Resource iomem = Resource.iomem();
  private final DaxCore core;
  private final DaxBus bus;
  private final Vfs vfs;
  private final Famfs famfs;
  private final DaxDevNodes devNodes;
  private final Sysfs sysfs;
  private final Daxctl daxctl;
  private final Process root;
  private final ToolEnv tools;
  private final List<String> loadedModules = new ArrayList<>();
  /** Memory devices attached to this host, with their physical base. */
  final Map<MemoryDevice, Long> attached = new IdentityHashMap<>();

  Host(String name, String uuid, KernelProfile profile, DirectAccessVariant variant, long seed)
      throws ErrnoException {
    this.name = name;
    this.uuid = uuid;
    this.seed = seed;
    this.profile = profile;
    phys.map(0, RAM_SIZE, MemoryDevice.create(name + ".ram", RAM_SIZE), 0);
    kas = new KernelAddressSpace(phys);
    kas.addSystemRam(0, RAM_SIZE);
    Resource.requestRegion(iomem, 0, RAM_SIZE, "System RAM");
    core = new DaxCore(kas);
    bus = new DaxBus(core, iomem, profile);
    bus.setDefaultVariant(variant);
    bus.registerDriver(new DeviceDax(bus));
    loadedModules.add(DeviceDax.NAME);
    if (profile == KernelProfile.MAINLINE) {
      bus.registerDriver(new Fsdev(bus));
      loadedModules.add(Fsdev.NAME);
    }
    // kmem is not loaded at boot on any profile: the oracle's /sys/bus/dax/drivers lists only
    // device_dax until daxctl modprobes kmem (transcript bind.6.1, command 1)
    vfs = Vfs.create(kas, () -> 0L);
    famfs = Famfs.create(core);
    vfs.registerFilesystem(famfs);
    devNodes = DaxDevNodes.attach(vfs, bus);
    sysfs = new Sysfs(bus);
    daxctl = new Daxctl(sysfs, this::readFile, this::loadModule);
    root = vfs.newProcess(Cred.ROOT);
    root.mkdir("/sys", 0755); // the mount point of sysfs, whose paths FileCommands serve
    if (uuid != null) {
      writeFile("/opt/famfs/system_uuid", uuid + "\n");
    }
    tools = ToolEnv.of(root, sysfs, seed).withDaxctl(daxctl);
  }

  /** The host's name, e.g. {@code node0}. */
  public String name() {
    return name;
  }

  /** The system UUID given when the host was added (famfs's identity), or null. */
  public String uuid() {
    return uuid;
  }

  /** The seed of this host's random choices (famfs UUIDs, allocation). */
  public long seed() {
    return seed;
  }

  /** The kernel profile this host booted. */
  public KernelProfile profile() {
    return profile;
  }

  /** The physical address space: RAM and the windows onto attached memory devices. */
  public PhysicalAddressSpace phys() {
    return phys;
  }

  /** The kernel address space (direct map, memremap). */
  public KernelAddressSpace kas() {
    return kas;
  }

  /** /proc/iomem. */
  public Resource iomem() {
    return iomem;
  }

  /** The dax core (drivers/dax/super.c). */
  public DaxCore daxCore() {
    return core;
  }

  /** The dax bus (drivers/dax/bus.c). */
  public DaxBus bus() {
    return bus;
  }

  /** The host's VFS (famfs registered; /, /dev, /tmp, /mnt). */
  public Vfs vfs() {
    return vfs;
  }

  /** The famfs file system type registered in {@link #vfs()}. */
  public Famfs famfs() {
    return famfs;
  }

  /** The /dev/daxR.N nodes, kept in sync with the bus. */
  public DaxDevNodes devNodes() {
    return devNodes;
  }

  /** The bus's sysfs. */
  public Sysfs sysfs() {
    return sysfs;
  }

  /** daxctl 76.1 over {@link #sysfs()}, reading --input files from the VFS. */
  public Daxctl daxctl() {
    return daxctl;
  }

  /** The root process (uid 0) shell commands and tools run as. */
  public Process root() {
    return root;
  }

  /** The famfs tools' environment on this host (one random stream for the host's life). */
  public ToolEnv toolEnv() {
    return tools;
  }

  /** The kernel modules loaded so far, in load order (device_dax first). */
  public List<String> loadedModules() {
    synchronized (loadedModules) {
      return List.copyOf(loadedModules);
    }
  }

  /** The dax regions of this host's bus, in id order. */
  public List<DaxRegion> regions() {
    return bus.regions();
  }

  /** Runs a famfs tool ({@code mkfs.famfs}, {@code famfs SUB ...}, {@code umount MPT}). */
  public ToolResult famfsTool(String... argv) {
    return FamfsCli.run(tools, argv);
  }

  /**
   * modprobe: {@code kmem} registers the kmem driver (new memory blocks offline, as with
   * memhp_default_state=offline), {@code fsdev_dax} exists on mainline only; ENOENT otherwise.
   */
  public void loadModule(String module) throws ErrnoException {
    synchronized (loadedModules) {
      if (loadedModules.contains(module)) {
        return;
      }
      if (module.equals(Kmem.NAME)) {
        bus.registerDriver(new Kmem(bus));
      } else if (!(module.equals(Fsdev.NAME) && profile == KernelProfile.MAINLINE)) {
        throw ErrnoException.of(Errno.ENOENT, "module %s not found", module);
      }
      loadedModules.add(module);
    }
  }

  /**
   * What a user program such as busybox {@code cat} reads: read(2) of the whole file into a
   * buffer in the reading process's own memory (so the kernel copies to a user address, as
   * for a real process; a kernel-buffer read would take an SMAP oops on a broken kaddr).
   */
  public String readFileAsUser(String path) throws ErrnoException {
    Process p = vfs.newProcess(Cred.ROOT);
    try {
      int fd = p.open(path, Fcntl.O_RDONLY);
      long len = 64 * 1024;
      long buf = p.mmap(0, len, org.daxsim.core.mm.Mman.PROT_READ | org.daxsim.core.mm.Mman.PROT_WRITE,
          org.daxsim.core.mm.Mman.MAP_PRIVATE | org.daxsim.core.mm.Mman.MAP_ANONYMOUS, -1, 0);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[(int) len];
      long n;
      while ((n = p.read(fd, buf, len)) > 0) {
        try {
          p.mm().load(buf, chunk, 0, (int) n);
        } catch (org.daxsim.core.mm.Signal sig) {
          throw ErrnoException.of(Errno.EFAULT, "cat buffer: %s", sig);
        }
        out.write(chunk, 0, (int) n);
      }
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      p.exit();
    }
  }

  /** The whole text of VFS file {@code path}, read as the root process. */
  public String readFile(String path) throws ErrnoException {
    int fd = root.open(path, Fcntl.O_RDONLY);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = root.read(fd, buf, 0, buf.length)) > 0) {
        out.write(buf, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      root.close(fd);
    }
  }

  /** Creates or truncates VFS file {@code path} (parents made as needed) with {@code text}. */
  public void writeFile(String path, String text) throws ErrnoException {
    int slash = path.lastIndexOf('/');
    StringBuilder dir = new StringBuilder();
    for (String c : path.substring(0, Math.max(slash, 0)).split("/")) {
      if (c.isEmpty()) {
        continue;
      }
      dir.append('/').append(c);
      try {
        root.mkdir(dir.toString(), 0755);
      } catch (ErrnoException e) {
        if (e.errno() != Errno.EEXIST) {
          throw e;
        }
      }
    }
    int fd = root.open(path, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644);
    try {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      root.write(fd, b, 0, b.length);
    } finally {
      root.close(fd);
    }
  }

  @Override
  public String toString() {
    return "Host[" + name + ", " + profile.id() + ", " + bus.regions().size() + " regions]";
  }
}
