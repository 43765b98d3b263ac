package org.daxsim.fs.famfs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.Fsdev;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.Kmem;
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
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.InterleavedExtent;
import org.daxsim.fs.famfs.format.LogEntry;
import org.daxsim.fs.famfs.format.LogHeader;
import org.daxsim.fs.famfs.format.SimpleExtent;
import org.daxsim.fs.famfs.format.Superblock;
import org.daxsim.fs.testing.TestHost;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Vfs;

/** Helpers of the toolstests helper's test classes (TornAppend, TwoHosts, ToolsBadInput). */
final class ToolsTestsKit {
  static final long MiB = 1L << 20;
  static final long LOG = FamfsFormat.LOG_OFFSET;
  static final int ENTRY = FamfsFormat.LOG_ENTRY_BYTES;
  static final int HDR = FamfsFormat.LOG_HEADER_BYTES;

  private ToolsTestsKit() {}

  static void ok(ToolResult r) {
    assertThat(r.exit()).as("%s", r).isZero();
  }

  /** The command failed with exit status {@code exit} and reported {@code errno}. */
  static void fails(ToolResult r, int exit, Errno errno) {
    assertThat(r.exit()).as("%s", r).isEqualTo(exit);
    assertThat(r.stderr()).as("%s", r).contains(errno.name() + ": ");
  }

  /** What the log of the famfs mounted at {@code mpt} holds, read through its meta files. */
  record LogView(Superblock sb, LogHeader header, List<LogEntry> entries, long bad,
      long collisions) {
    List<FileEntry> files() {
      List<FileEntry> out = new ArrayList<>();
      for (LogEntry e : entries) {
        if (e instanceof FileEntry f) {
          out.add(f);
        }
      }
      return out;
    }
  }

  /**
   * fsck's view (famfs_fsck_scan): every entry up to next_index, bad ones counted and skipped,
   * and the bitmap rebuilt from them with its collision count.
   */
  static LogView log(ToolEnv env, String mpt) throws ErrnoException {
    try (Meta m = Meta.ofMount(env, mpt, false)) {
      LogHeader h = m.header();
      long[] bad = new long[1];
      List<LogEntry> es = LockedLog.readEntries(m, h, bad);
      Superblock sb = m.superblock();
      Allocator a = Allocator.fromLog(sb.devSize(), sb.logLen(), es);
      return new LogView(sb, h, es, bad[0], a.collisions);
    }
  }

  /**
   * An independent overlap check (not the tools' Allocator): every extent/strip of every FILE
   * entry lies after the log, inside the device, and no two share a byte.
   */
  static void assertNoOverlap(LogView v) {
    List<long[]> spans = new ArrayList<>();
    for (FileEntry f : v.files()) {
      List<SimpleExtent> xs = new ArrayList<>(f.fmap().extents());
      for (InterleavedExtent ie : f.fmap().interleaved()) {
        xs.addAll(ie.strips());
      }
      long total = 0;
      for (SimpleExtent x : xs) {
        assertThat(x.offset()).as("%s starts after the log", f.relpath())
            .isGreaterThanOrEqualTo(LOG + v.sb().logLen());
        assertThat(x.offset() + x.length()).as("%s inside the device", f.relpath())
            .isLessThanOrEqualTo(v.sb().devSize());
        for (long[] s : spans) {
          boolean disjoint = x.offset() + x.length() <= s[0] || s[0] + s[1] <= x.offset();
          assertThat(disjoint).as("%s [%d,+%d) overlaps [%d,+%d)", f.relpath(), x.offset(),
              x.length(), s[0], s[1]).isTrue();
        }
        spans.add(new long[] {x.offset(), x.length()});
        total += x.length();
      }
      assertThat(total).as("%s covers its size", f.relpath()).isGreaterThanOrEqualTo(f.size());
    }
  }

  /** A host as the two-host tests need it: its tools environment and root process. */
  interface Node {
    ToolEnv env() throws ErrnoException;

    Process root();

    /** Runs one tool command line on this host. */
    default ToolResult run(String... argv) throws ErrnoException {
      return FamfsCli.run(env(), argv);
    }
  }

  static Node node(ToolsHost h) {
    return new Node() {
      @Override
      public ToolEnv env() throws ErrnoException {
        return h.env();
      }

      @Override
      public Process root() {
        return h.root;
      }
    };
  }

  /**
   * A tools host like {@link ToolsHost} (same constructor shape as {@link TestHost}) but whose
   * shared CXL window sits at another host physical address, {@code base}: the same device
   * memory is then reached at different physical addresses on the two hosts.
   */
  static final class OffsetHost implements Node {
    final PhysicalAddressSpace phys = new PhysicalAddressSpace();
    final long base;
    final long seed;
    final DaxBus bus;
    final DaxRegion region;
    final Vfs vfs;
    final Process root;
    final Sysfs sysfs;

    OffsetHost(MemoryDevice shared, long base, long seed) throws ErrnoException {
      this.base = base;
      this.seed = seed;
      phys.map(0x4000_0000L, 64 * MiB, MemoryDevice.create("dram", 64 * MiB), 0);
      phys.map(base, TestHost.WINDOW, shared, 0);
      KernelAddressSpace kas = new KernelAddressSpace(phys);
      kas.addSystemRam(0x4000_0000L, 64 * MiB);
      Resource iomem = Resource.iomem();
      Resource.insertResource(iomem, base, base + TestHost.WINDOW - 1, "Soft Reserved",
          Resource.IORESOURCE_MEM);
      DaxCore core = new DaxCore(kas);
      bus = new DaxBus(core, iomem, KernelProfile.MAINLINE);
      bus.registerDriver(new DeviceDax(bus));
      bus.registerDriver(new Kmem(bus));
      bus.registerDriver(new Fsdev(bus));
      region = Hmem.register(bus, 0, base, TestHost.WINDOW, 0, true);
      vfs = Vfs.create(kas, () -> 0L);
      vfs.registerFilesystem(Famfs.create(core));
      DaxDevNodes.attach(vfs, bus);
      sysfs = new Sysfs(bus);
      root = vfs.newProcess(Cred.ROOT);
    }

    /** A dev_dax of {@code size} bytes at window offset {@code start}, in famfs mode. */
    DevDax famfsDevice(long start, long size) throws ErrnoException {
      DevDax d = region.create();
      d.mapping(base + start, base + start + size - 1);
      bus.newId("fsdev_dax", d.name());
      return d;
    }

    @Override
    public ToolEnv env() throws ErrnoException {
      return ToolEnv.of(root, sysfs, seed).withMinDevSize(64 * MiB);
    }

    @Override
    public Process root() {
      return root;
    }
  }
}
