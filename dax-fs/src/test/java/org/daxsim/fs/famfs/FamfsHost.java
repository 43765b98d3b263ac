package org.daxsim.fs.famfs;

import static org.daxsim.core.mm.Mman.MAP_ANONYMOUS;
import static org.daxsim.core.mm.Mman.MAP_PRIVATE;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;

import java.util.List;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.bus.Fsdev;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.Kmem;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.Signal;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Vfs;

/**
 * A host for famfs tests: 64 MiB RAM, a 1 GiB Soft Reserved window at 4 GiB with an idle hmem
 * region, the three dax drivers, a VFS with famfs, and a root process. Devices made with
 * {@link #fsdev} are bound to fsdev_dax and get a {@code /dev/<name>} node.
 */
final class FamfsHost extends org.daxsim.fs.testing.TestHost {
  final Fsdev fsdev;
  final Vfs vfs;
  final Famfs famfs;
  final Process root;

  FamfsHost() throws ErrnoException {
    fsdev = fsdevDriver;
    vfs = Vfs.create(kas, () -> 0L);
    famfs = Famfs.create(core);
    root = vfs.newProcess(Cred.ROOT);
  }

  /** A dev_dax of {start, length} ranges (offsets from BASE), bound to fsdev, with a node. */
  DevDax fsdev(DirectAccessVariant v, long... startLen) throws ErrnoException {
    DevDax d = region.create();
    for (int i = 0; i < startLen.length; i += 2) {
      d.mapping(BASE + startLen[i], BASE + startLen[i] + startLen[i + 1] - 1);
    }
    d.setVariant(v);
    bus.newId(Fsdev.NAME, d.name());
    node(d);
    return d;
  }

  /** /dev/NAME for {@code d}, unless it exists. */
  void node(DevDax d) throws ErrnoException {
    try {
      root.stat("/dev/" + d.name());
    } catch (ErrnoException e) {
      root.mknod("/dev/" + d.name(), Fcntl.S_IFCHR | 0600, d.daxDevice().devt());
    }
  }

  /** mkdir -p MNT and mount famfs from /dev/NAME there. */
  void mount(DevDax d, String mnt) throws ErrnoException {
    try {
      root.mkdir(mnt, 0755);
    } catch (ErrnoException e) {
      // exists
    }
    root.mount(famfs, "/dev/" + d.name(), mnt, "");
  }

  /** Creates {@code path} and attaches {@code map} with MAP_CREATE_V2; returns an O_RDWR fd. */
  int create(String path, FamfsMap map) throws ErrnoException {
    int fd = root.open(path, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, 0644);
    FamfsIoctl.mapCreateV2(root, fd, map);
    return fd;
  }

  /** A one-extent simple map. */
  static FamfsMap simple(long size, long... offLen) throws ErrnoException {
    List<FamfsMap.Extent> exts = new java.util.ArrayList<>();
    for (int i = 0; i < offLen.length; i += 2) {
      exts.add(new FamfsMap.Extent(0, offLen[i], offLen[i + 1]));
    }
    return FamfsMap.simple(FamfsMap.FAMFS_REG, size, exts);
  }



  /** pread(2) through a user buffer: the bytes read, or the errno thrown. */
  byte[] pread(int fd, long pos, int len) throws ErrnoException {
    byte[] b = new byte[len];
    int n = root.pread(fd, b, 0, len, pos);
    return java.util.Arrays.copyOf(b, n);
  }

  /** Loads {@code len} bytes at user address {@code va} of the root process. */
  byte[] load(long va, int len) throws Signal, ErrnoException {
    byte[] b = new byte[len];
    root.mm().load(va, b, 0, len);
    return b;
  }

  /** An anonymous user buffer (unused helper for tests that need raw user memory). */
  long anon(long len) throws ErrnoException {
    return root.mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  }

  static byte[] pattern(int len, int seed) {
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) (i * 31 + seed * 7 + (i >>> 12));
    }
    return b;
  }
}
