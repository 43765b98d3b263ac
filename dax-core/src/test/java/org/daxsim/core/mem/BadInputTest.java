package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.Errno.EBUSY;
import static org.daxsim.core.Errno.EFAULT;
import static org.daxsim.core.Errno.EINVAL;
import static org.daxsim.core.Errno.ENXIO;
import static org.daxsim.core.mem.MemTesting.assertErrno;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.MemTesting.Call;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every public method of the package with negative, overflowing, misaligned, out-of-range and null
 * arguments: each fails with the documented errno and leaves all state as it was. The pure queries
 * (find, backedLength, isPoisoned, firstPoison of the address space, lookup) answer "nothing there"
 * instead of failing, which is checked too.
 */
class BadInputTest {
  private static final long MAX = Long.MAX_VALUE;
  private static final long MIN = Long.MIN_VALUE;
  private static final long SIZE = 16 * 4096;

  private MemoryDevice dev;
  private MemoryDevice other;
  private PhysicalAddressSpace phys;
  private PhysWindow window;
  private Resource iomem;
  private Resource container;
  private Resource busy;
  private Resource leaf;

  @BeforeEach
  void setUp() throws ErrnoException {
    dev = MemoryDevice.create("dev", SIZE);
    other = MemoryDevice.create("other", SIZE);
    byte[] data = new byte[5000];
    Arrays.fill(data, (byte) 7);
    dev.write(4000, data, 0, data.length);
    dev.poison(3 * 4096);
    phys = new PhysicalAddressSpace();
    window = phys.map(0x100000, SIZE / 2, dev, 0);
    iomem = Resource.iomem();
    container =
        Resource.insertResource(iomem, 0x10000, 0x1ffff, "container", Resource.IORESOURCE_MEM);
    busy = Resource.requestRegion(iomem, 0x12000, 0x2000, "busy");
    leaf = Resource.insertResource(iomem, 0x12000, 0x12fff, "inside busy", Resource.IORESOURCE_MEM);
  }

  /** Everything observable, to compare before and after each failed call. */
  private String state() throws ErrnoException {
    byte[] a = new byte[(int) SIZE];
    byte[] b = new byte[(int) SIZE];
    dev.read(0, a, 0, a.length);
    other.read(0, b, 0, b.length);
    List<Object> s = new ArrayList<>();
    s.add(Arrays.hashCode(a));
    s.add(Arrays.hashCode(b));
    s.add(dev.residentBytes() + "/" + other.residentBytes());
    s.add(dev.poisonedPages() + "@" + dev.firstPoison(0, SIZE) + "/" + other.poisonedPages());
    s.add(phys.windows());
    s.add(iomem.dump());
    for (Resource r : List.of(container, busy, leaf)) {
      s.add(r + " parent " + r.parent());
    }
    return s.toString();
  }

  private void fails(Errno errno, Call call) throws ErrnoException {
    String before = state();
    assertErrno(errno, call);
    assertThat(state()).as("state after a failed call").isEqualTo(before);
  }

  @Test
  void memoryDeviceCreate() throws ErrnoException {
    fails(EINVAL, () -> MemoryDevice.create(null, 4096));
    fails(EINVAL, () -> MemoryDevice.create("", 4096));
    for (long size :
        new long[] {0, -4096, 4095, 4097, MIN, MAX, MAX & ~4095L, MemoryDevice.MAX_SIZE + 4096}) {
      fails(EINVAL, () -> MemoryDevice.create("x", size));
    }
    assertThat(MemoryDevice.create("max", MemoryDevice.MAX_SIZE).size())
        .isEqualTo(MemoryDevice.MAX_SIZE);
  }

  @Test
  void memoryDeviceReadWrite() throws ErrnoException {
    byte[] buf = new byte[64];
    fails(EINVAL, () -> dev.read(0, null, 0, 1));
    fails(EINVAL, () -> dev.write(0, null, 0, 1));
    long[][] devRanges = {
      {-1, 1}, {MIN, 1}, {SIZE, 1}, {SIZE - 1, 2}, {MAX, 1}, {MAX, 0}, {SIZE + 1, 0}
    };
    for (long[] r : devRanges) {
      fails(EINVAL, () -> dev.read(r[0], buf, 0, (int) r[1]));
      fails(EINVAL, () -> dev.write(r[0], buf, 0, (int) r[1]));
    }
    int[][] arrRanges = {
      {-1, 1},
      {0, -1},
      {0, 65},
      {64, 1},
      {Integer.MAX_VALUE, 1},
      {1, Integer.MAX_VALUE},
      {Integer.MIN_VALUE, 0}
    };
    for (int[] r : arrRanges) {
      fails(EINVAL, () -> dev.read(0, buf, r[0], r[1]));
      fails(EINVAL, () -> dev.write(0, buf, r[0], r[1]));
    }
    dev.read(SIZE, buf, 64, 0); // empty at the very end is fine
  }

  @Test
  void memoryDeviceZeroCopyLongs() throws ErrnoException {
    long[][] ranges = {{-1, 1}, {0, -1}, {SIZE, 1}, {1, SIZE}, {1, MAX}, {MAX, 1}, {MIN, 0}};
    for (long[] r : ranges) {
      fails(EINVAL, () -> dev.zero(r[0], r[1]));
      fails(EINVAL, () -> MemoryDevice.copy(dev, r[0], other, 0, r[1]));
      fails(EINVAL, () -> MemoryDevice.copy(other, 0, dev, r[0], r[1]));
      fails(EINVAL, () -> dev.firstPoison(r[0], r[1]));
    }
    fails(EINVAL, () -> MemoryDevice.copy(null, 0, dev, 0, 1));
    fails(EINVAL, () -> MemoryDevice.copy(dev, 0, null, 0, 1));
    fails(EINVAL, () -> MemoryDevice.copy(dev, 0, other, SIZE - 4, 8));
    for (long off : new long[] {-1, MIN, SIZE - 7, SIZE, MAX, MAX - 7}) {
      fails(EINVAL, () -> dev.readLong(off));
      fails(EINVAL, () -> dev.writeLong(off, 1));
    }
    for (long off : new long[] {-1, MIN, SIZE, MAX}) {
      fails(EINVAL, () -> dev.poison(off));
      fails(EINVAL, () -> dev.clearPoison(off));
      fails(EINVAL, () -> dev.isPoisoned(off));
    }
  }

  @Test
  void physMap() throws ErrnoException {
    long p = 0x200000;
    fails(EINVAL, () -> phys.map(p, 4096, null, 0));
    long[][] bad = {
      {-4096, 4096, 0},
      {MIN, 4096, 0},
      {p, 0, 0},
      {p, -4096, 0},
      {p, 4096, -4096},
      {p + 1, 4096, 0},
      {p, 4095, 0},
      {p, 4096, 1}, // misaligned
      {MAX & ~4095L, 4096, 0},
      {p, MAX & ~4095L, 0}, // overflow
      {PhysicalAddressSpace.MAX_PHYS, 4096, 0},
      {PhysicalAddressSpace.MAX_PHYS - 4096, 8192, 0},
      {p, SIZE + 4096, 0},
      {p, 4096, SIZE},
      {p, 8192, SIZE - 4096},
      {p, 4096, MAX & ~4095L},
    };
    for (long[] b : bad) {
      fails(EINVAL, () -> phys.map(b[0], b[1], dev, b[2]));
    }
    long w = window.physStart();
    long[][] overlaps = {
      {w, 4096},
      {w - 4096, 8192},
      {w + 4096, 4096},
      {w - 4096, SIZE},
      {window.physEnd() - 4096, 8192}
    };
    for (long[] o : overlaps) {
      fails(EBUSY, () -> phys.map(o[0], o[1], other, 0));
    }
    fails(EINVAL, () -> phys.unmap(null));
    PhysWindow foreign = new PhysicalAddressSpace().map(w, SIZE / 2, dev, 0);
    assertThat(foreign).isEqualTo(window); // equal value, so unmapping it here is allowed
    PhysWindow never = new PhysicalAddressSpace().map(w, 4096, dev, 0);
    fails(EINVAL, () -> phys.unmap(never));
    phys.unmap(window);
    assertErrno(EINVAL, () -> phys.unmap(window));
  }

  @Test
  void physAccess() throws ErrnoException {
    byte[] buf = new byte[64];
    long w = window.physStart();
    fails(EINVAL, () -> phys.read(w, null, 0, 1));
    fails(EINVAL, () -> phys.write(w, null, 0, 1));
    int[][] arrRanges = {{-1, 1}, {0, -1}, {0, 65}, {Integer.MAX_VALUE, 1}};
    for (int[] r : arrRanges) {
      fails(EINVAL, () -> phys.read(w, buf, r[0], r[1]));
      fails(EINVAL, () -> phys.write(w, buf, r[0], r[1]));
    }
    for (long a : new long[] {-1, MIN, 0, w - 1, window.physEnd() - 63, MAX, MAX - 10}) {
      fails(EFAULT, () -> phys.read(a, buf, 0, 64));
      fails(EFAULT, () -> phys.write(a, buf, 0, 64));
    }
    for (long pfn :
        new long[] {
          -1, MIN, MAX, PhysicalAddressSpace.MAX_PHYS >>> 12, 0, window.physEnd() >>> 12
        }) {
      fails(ENXIO, () -> phys.memoryFailure(pfn));
    }
    for (long a : new long[] {-1, MIN, MAX, window.physEnd()}) {
      assertThat(phys.find(a)).isNull();
      assertThat(phys.backedLength(a, 10)).isZero();
      assertThat(phys.isPoisoned(a)).isFalse();
      // [-1, MAX - 1) reaches the window; [MIN, -1) holds no physical address at all.
      assertThat(phys.firstPoison(a, MAX)).isEqualTo(a == -1 ? window.physStart() + 3 * 4096 : -1);
    }
    assertThat(phys.backedLength(w, -1)).isZero();
    assertThat(phys.backedLength(w, MAX)).isEqualTo(window.length());
    assertThat(phys.firstPoison(w, -5)).isEqualTo(-1);
    assertThat(phys.firstPoison(w, MAX)).isEqualTo(w + 3 * 4096);
  }

  @Test
  void resourceCreateAndRequest() throws ErrnoException {
    fails(EINVAL, () -> Resource.root(null, 0, 1));
    fails(EINVAL, () -> Resource.root("r", -1, 1));
    fails(EINVAL, () -> Resource.root("r", 5, 4));
    long[][] malformed = {{-1, 1}, {MIN, 1}, {0, 0}, {0, -1}, {MAX - 5, 10}, {2, MAX}};
    for (long[] m : malformed) {
      fails(EINVAL, () -> Resource.requestRegion(iomem, m[0], m[1], "x"));
      fails(EINVAL, () -> Resource.releaseRegion(iomem, m[0], m[1]));
      fails(EINVAL, () -> Resource.adjustResource(container, m[0], m[1]));
    }
    fails(EINVAL, () -> Resource.requestRegion(null, 0, 1, "x"));
    fails(EINVAL, () -> Resource.requestRegion(iomem, 0, 1, null));
    long[][] refused = {
      {MAX, 1}, {Resource.IOMEM_END, 2}, // outside iomem
      {0x12000, 1}, {0x13fff, 1}, // inside a busy region
      {0xf000, 0x2000}, {0x1f000, 0x2000}, // partial overlap
      {0x20000, 1}, // outside the given parent (below)
    };
    for (long[] r : refused) {
      Resource parent = r[0] == 0x20000 ? container : iomem;
      fails(EBUSY, () -> Resource.requestRegion(parent, r[0], r[1], "x"));
    }
    fails(EINVAL, () -> Resource.insertResource(null, 0, 1, "x", 0));
    fails(EINVAL, () -> Resource.insertResource(iomem, 0, 1, null, 0));
    fails(EINVAL, () -> Resource.insertResource(iomem, -1, 1, "x", 0));
    fails(EINVAL, () -> Resource.insertResource(iomem, 10, 9, "x", 0));
    fails(EINVAL, () -> Resource.insertResource(iomem, MIN, MAX, "x", 0));
    fails(EBUSY, () -> Resource.insertResource(iomem, 0, MAX, "x", 0));
    fails(EBUSY, () -> Resource.insertResource(iomem, 0x11000, 0x12fff, "x", 0));
    fails(EBUSY, () -> Resource.insertResource(container, 0x20000, 0x20fff, "x", 0));
  }

  @Test
  void resourceReleaseAndAdjust() throws ErrnoException {
    fails(EINVAL, () -> Resource.releaseResource(null));
    fails(EINVAL, () -> Resource.releaseResource(iomem));
    fails(EBUSY, () -> Resource.releaseResource(busy)); // has a child
    fails(EINVAL, () -> Resource.removeResource(null));
    fails(EINVAL, () -> Resource.removeResource(iomem));
    fails(EINVAL, () -> Resource.releaseRegion(null, 0, 1));
    fails(EINVAL, () -> Resource.releaseRegion(iomem, 0x12000, 0x1000)); // busy, not exact
    fails(EINVAL, () -> Resource.releaseRegion(iomem, 0x30000, 0x1000)); // nothing there
    fails(EINVAL, () -> Resource.releaseRegion(iomem, 0x10000, 0x10000)); // not busy
    fails(EBUSY, () -> Resource.releaseRegion(iomem, 0x12000, 0x2000)); // has a child
    fails(EINVAL, () -> Resource.adjustResource(null, 0, 1));
    fails(EBUSY, () -> Resource.adjustResource(busy, 0xf000, 0x1000)); // leaves parent
    fails(EBUSY, () -> Resource.adjustResource(busy, 0x12000, 0x800)); // drops its child
    fails(EBUSY, () -> Resource.adjustResource(container, 0x11000, 0x1000)); // drops a child
    fails(EBUSY, () -> Resource.adjustResource(busy, MAX, 1));
    Resource.releaseResource(leaf);
    Resource.releaseResource(busy);
    fails(EINVAL, () -> Resource.releaseResource(busy)); // already released
    fails(EINVAL, () -> Resource.removeResource(busy));
    assertThat(iomem.lookup(-1)).isNull();
    assertThat(iomem.lookup(MAX)).isNull();
    assertThat(container.lookup(MIN)).isNull();
  }
}
