package org.daxsim.suites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.daxsim.bus.DevDax;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.DaxOperations;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysWindow;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.Mman;
import org.daxsim.fs.dax.DaxEntries;
import org.daxsim.fs.dax.DaxInode;
import org.daxsim.fs.dax.Iomap;
import org.daxsim.fs.dax.IomapOps;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.vfs.Fcntl;

/**
 * The end-to-end resolution property on one {@link WorldCase}: the world is built by real
 * administrative steps (checked against {@link AllocModel} after each), the target is bound to
 * fsdev and famfs is mounted, the files are created with MAP_CREATE_V2, and for every probe the
 * chain file offset -> iomap (famfs_meta_to_dax_offset of the map read back with MAP_GET_V2) ->
 * pgoff -> direct_access / dax_pgoff_to_phys -> physical -> memory-device offset equals the
 * model's linear walks, and pread(2), mmap loads, the raw memory device and a read through a
 * test file system over the real fs-dax engine agree byte for byte.
 *
 * <p>{@link Hooks} are the mutation points: the default is the real code everywhere.
 */
final class Resolution {
  private Resolution() {}

  /** Where a mutant replaces a piece of the chain with a test-side copy. */
  interface Hooks {
    /** famfs_meta_to_dax_offset(): real {@link FamfsMap#resolve} by default. */
    default Iomap resolve(FamfsMap map, long pos, long len, DaxDevice dev) {
      return map.resolve(pos, len, dev);
    }

    /** The dax_operations installed on the target (the real fsdev ops by default). */
    default DaxOperations ops(DaxOperations real, DevDax d) {
      return real;
    }

    /** famfs_rw_prep()'s EOF clamp: how many of {@code count} bytes at pos stay. */
    default long clamp(long size, long pos, long count) {
      return Math.min(count, Math.max(0, size - pos));
    }
  }

  static final Hooks REAL = new Hooks() {};

  /** What the cases exercised (for the coverage assertions of the suite). */
  static final java.util.concurrent.ConcurrentHashMap<String, Integer> COVERAGE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static void count(String what) {
    COVERAGE.merge(what, 1, Integer::sum);
  }

  static void check(WorldCase c, Hooks hooks) throws Exception {
    MemoryDevice mem = MemoryDevice.create("cxl0", c.memOff() + c.winLen());
    SuiteHost h = new SuiteHost(mem, c.winBase(), c.winLen(), c.memOff());
    BusLayout bus = new BusLayout(h.region);
    AllocModel model = new AllocModel(c.winBase(), c.winLen(), false);
    for (Layouts.Step s : c.steps()) {
      Layouts.apply(s, model, bus);
      Layouts.checkSame(bus, model);
      Layouts.checkStructure(bus);
    }
    int t = Layouts.target(model);
    DevDax d = bus.dev(t);
    List<long[]> ranges = model.ranges(t);
    h.fsdevMount(d, "/mnt/famfs");
    count("worlds");
    if (ranges.size() > 1) {
      count("multi-range targets");
    }
    DaxOperations real = d.daxDevice().ops();
    DaxOperations ops = hooks.ops(real, d);
    if (ops != real) {
      h.core.daxSetOps(d.daxDevice(), null);
      assertThat(h.core.daxSetOps(d.daxDevice(), ops)).isZero();
    }
    for (int i = 0; i < c.files().size(); i++) {
      FileSpec f = c.files().get(i);
      int fd = h.root.open("/mnt/famfs/f" + i, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, 0644);
      FamfsIoctl.mapCreateV2(h.root, fd, f.map());
      FamfsMap kmap = FamfsIoctl.mapGetV2(h.root, fd);
      long va = h.root.mmap(0, (f.size() + 4095) & -4096L, Mman.PROT_READ | Mman.PROT_WRITE,
          Mman.MAP_SHARED, fd, 0);
      TestFs tfs = new TestFs(h, d, kmap, f.size(), hooks);
      count(f.interleaved() ? (f.strips().size() > 1 ? "interleaved files (>1 strip)"
          : "interleaved files (1 strip)") : "simple files");
      for (long[] p : c.probes().get(i)) {
        probe(h, d, ranges, f, kmap, fd, va, tfs, hooks, p[0], p[1], (int) p[2]);
      }
      assertThat(h.root.pread(fd, new byte[16], 0, 16, f.size())).as("pread at EOF").isZero();
    }
  }

  private static void probe(SuiteHost h, DevDax d, List<long[]> ranges, FileSpec f,
      FamfsMap kmap, int fd, long va, TestFs tfs, Hooks hooks, long pos, long len, int how)
      throws Exception {
    String at = String.format("%s pos %#x len %d", f, pos, len);
    // 1. file offset -> iomap -> pgoff
    long dev = f.devOff(pos);
    Iomap io = hooks.resolve(kmap, pos, len, d.daxDevice());
    assertThat(io).as("iomap of %s", at).isNotNull();
    assertThat(io.addr() + (pos - io.offset())).as("device byte of %s", at).isEqualTo(dev);
    assertThat(io.lengthFrom(pos)).as("iomap length of %s", at)
        .isEqualTo(Math.min(len, f.rest(pos)));
    long pgoff = io.pgoff(pos);
    assertThat(pgoff).isEqualTo(dev >>> 12);
    // 2. pgoff -> dev_dax range -> physical
    long phys = devPhys(ranges, pgoff << 12);
    long restPages = rangeRest(ranges, pgoff << 12) >>> 12;
    count("probes");
    if (Math.min(len, f.rest(pos)) > rangeRest(ranges, dev)) {
      count("probes crossing a device range end");
    }
    if (ranges.size() > 1 && pgoff >= (ranges.get(1)[0])) {
      count("probes in range >= 1");
    }
    KaddrPfn out = new KaddrPfn();
    long want = 1 + (len >>> 12);
    long n = h.core.daxDirectAccess(d.daxDevice(), pgoff, want, DaxAccessMode.DAX_ACCESS, out);
    assertThat(n).as("direct_access(%d, %d) of %s", pgoff, want, at)
        .isEqualTo(Math.min(want, restPages));
    assertThat(out.pfn()).as("pfn of pgoff %d", pgoff).isEqualTo(phys >>> 12);
    assertThat(out.kaddr()).isEqualTo(KernelAddressSpace.va(phys));
    assertThat(d.pgoffToPhys(pgoff, 4096)).as("dax_pgoff_to_phys(%d)", pgoff).isEqualTo(phys);
    // 3. physical -> memory device offset
    PhysWindow w = h.phys.find(phys);
    assertThat(w.device()).isSameAs(h.mem);
    assertThat(w.toDeviceOffset(phys)).isEqualTo(h.memOffOf(phys));
    // 4. bytes: write one way, read every way
    int n2 = (int) Math.max(0, Math.min(len, f.size() - pos));
    byte[] data = new byte[(int) len];
    new Random(pos * 31 + len).nextBytes(data);
    byte[] want2 = Arrays.copyOf(data, n2);
    if (how == 1) {
      rawWrite(h, ranges, f, pos, want2);
    } else if (how == 2) {
      h.root.mm().store(va + pos, data, 0, n2);
    } else {
      long wrote = tfs.rw(pos, data, true);
      assertThat(wrote).as("test-fs write of %s", at).isEqualTo(n2);
      byte[] b = new byte[(int) len];
      assertThat(h.root.pwrite(fd, data, 0, (int) len, pos)).as("pwrite %s", at).isEqualTo(n2);
      assertThat(h.root.pread(fd, b, 0, (int) len, pos)).isEqualTo(n2);
    }
    byte[] r = new byte[(int) len];
    assertThat(h.root.pread(fd, r, 0, (int) len, pos)).as("pread %s", at).isEqualTo(n2);
    assertThat(Arrays.copyOf(r, n2)).as("pread bytes %s", at).isEqualTo(want2);
    byte[] l = new byte[n2];
    h.root.mm().load(va + pos, l, 0, n2);
    assertThat(l).as("mmap load %s", at).isEqualTo(want2);
    assertThat(rawRead(h, ranges, f, pos, n2)).as("raw device %s", at).isEqualTo(want2);
    byte[] t = new byte[(int) len];
    assertThat(tfs.rw(pos, t, false)).as("test-fs read %s", at).isEqualTo(n2);
    assertThat(Arrays.copyOf(t, n2)).as("test-fs read bytes %s", at).isEqualTo(want2);
    // nothing lands past EOF: the device byte after the last byte of the file stays zero
    long lastDev = f.devOff(f.size() - 1);
    if (f.rest(f.size() - 1) > 1) {
      byte[] after = new byte[1];
      h.mem.read(h.memOffOf(devPhys(ranges, lastDev + 1)), after, 0, 1);
      assertThat(after[0]).as("device byte after EOF of %s", f).isZero();
    }
  }

  /** Model: the physical address of device byte {@code devOff}, a linear walk of the ranges. */
  static long devPhys(List<long[]> ranges, long devOff) {
    long local = devOff;
    for (long[] r : ranges) {
      long len = r[2] - r[1] + 1;
      if (local < len) {
        return r[1] + local;
      }
      local -= len;
    }
    throw new AssertionError("device byte " + devOff + " is past the device");
  }

  /** Model: bytes from device byte {@code devOff} to the end of its range. */
  static long rangeRest(List<long[]> ranges, long devOff) {
    long local = devOff;
    for (long[] r : ranges) {
      long len = r[2] - r[1] + 1;
      if (local < len) {
        return len - local;
      }
      local -= len;
    }
    return 0;
  }

  private static void rawWrite(SuiteHost h, List<long[]> ranges, FileSpec f, long pos, byte[] b)
      throws Exception {
    for (int i = 0; i < b.length; ) {
      long dev = f.devOff(pos + i);
      int run = (int) Math.min(b.length - i, Math.min(f.rest(pos + i), rangeRest(ranges, dev)));
      h.mem.write(h.memOffOf(devPhys(ranges, dev)), b, i, run);
      i += run;
    }
  }

  private static byte[] rawRead(SuiteHost h, List<long[]> ranges, FileSpec f, long pos, int n)
      throws Exception {
    byte[] b = new byte[n];
    for (int i = 0; i < n; ) {
      long dev = f.devOff(pos + i);
      int run = (int) Math.min(n - i, Math.min(f.rest(pos + i), rangeRest(ranges, dev)));
      h.mem.read(h.memOffOf(devPhys(ranges, dev)), b, i, run);
      i += run;
    }
    return b;
  }

  /**
   * A test file system over the real fs-dax engine ({@code FsDax.daxIomapRw}) and the real
   * device: its iomap_begin is {@link Hooks#resolve} on the file's map (as famfs_iomap_begin:
   * EIO past the extents) and its rw prep clamps with {@link Hooks#clamp}.
   */
  static final class TestFs implements DaxInode, IomapOps {
    private final SuiteHost h;
    private final DevDax d;
    private final FamfsMap map;
    private final long size;
    private final Hooks hooks;
    private final DaxEntries entries = new DaxEntries();

    TestFs(SuiteHost h, DevDax d, FamfsMap map, long size, Hooks hooks) {
      this.h = h;
      this.d = d;
      this.map = map;
      this.size = size;
      this.hooks = hooks;
    }

    long rw(long pos, byte[] buf, boolean write) throws ErrnoException {
      IovIter it = IovIter.kbuf(write ? IovIter.ITER_SOURCE : IovIter.ITER_DEST, buf, 0,
          buf.length);
      long keep = hooks.clamp(size, pos, it.count());
      if (it.count() > keep) {
        it.truncate(keep);
      }
      if (it.count() == 0) {
        return 0;
      }
      return h.famfs.fsDax().daxIomapRw(pos, it, write, this, this);
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public DaxEntries entries() {
      return entries;
    }

    @Override
    public Iomap iomapBegin(DaxInode inode, long pos, long length, int flags)
        throws ErrnoException {
      Iomap io = hooks.resolve(map, pos, length, d.daxDevice());
      if (io == null) {
        throw ErrnoException.of(Errno.EIO, "test fs: offset %d past the extents", pos);
      }
      return io;
    }
  }
}
