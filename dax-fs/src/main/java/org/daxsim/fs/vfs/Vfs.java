package org.daxsim.fs.vfs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.Mm;

/**
 * One simulated kernel's VFS: the mount tree (a ramfs at {@code /}, {@code /tmp} and {@code
 * /dev}, plus a directory {@code /mnt}), the character device table (fs/char_dev.c) and the
 * processes. Thread-safe: one namespace lock (namespace_sem plus all i_rwsem's) serialises
 * path operations; data transfers and mmap take no VFS lock.
 */
public final class Vfs {
  /** The namespace lock; held for every path walk and directory change. */
  final Object ns = new Object();
  private final KernelAddressSpace kas;
  private final LongSupplier clock;
  private final Ramfs ramfs = new Ramfs();
  private final AtomicLong nextDev = new AtomicLong(1);
  /** Mounts by mountpoint inode; guarded by {@link #ns}. */
  final Map<Inode, Mount> mounts = new IdentityHashMap<>();
  final List<Mount> mountList = new ArrayList<>();
  private final Map<Long, FileOperations> chrdevs = new HashMap<>();
  /** file_systems (fs/filesystems.c), by name, in registration order. */
  private final Map<String, FileSystemType> filesystems = new java.util.LinkedHashMap<>();
  final Mount rootMount;
  private long zeroPage = -1;

  private Vfs(KernelAddressSpace kas, LongSupplier clock) throws ErrnoException {
    this.kas = kas;
    this.clock = clock;
    filesystems.put(ramfs.name(), ramfs);
    rootMount = new Mount(newSuper(ramfs, "rootfs", ""), null, null, "/", "rootfs");
    mountList.add(rootMount);
    Inode root = rootMount.root();
    Inode tmp = ramfs.mkdir(root, "tmp", 01777, Cred.ROOT);
    Inode dev = ramfs.mkdir(root, "dev", 0755, Cred.ROOT);
    ramfs.mkdir(root, "mnt", 0755, Cred.ROOT);
    graft(ramfs, "tmpfs", "", rootMount, tmp, "/tmp").root().setPermissions(01777);
    graft(ramfs, "devtmpfs", "", rootMount, dev, "/dev");
  }

  /** A VFS over {@code kas} (which backs file pages and process memory) with the system clock. */
  public static Vfs create(KernelAddressSpace kas) throws ErrnoException {
    return create(kas, System::nanoTime);
  }

  /** As {@link #create(KernelAddressSpace)} with an injectable nanosecond clock for inode times. */
  public static Vfs create(KernelAddressSpace kas, LongSupplier clockNanos) throws ErrnoException {
    Args.notNull(kas, "kas");
    Args.notNull(clockNanos, "clock");
    return new Vfs(kas, clockNanos);
  }

  /** register_filesystem(): EBUSY when a type of that name is registered. */
  public void registerFilesystem(FileSystemType type) throws ErrnoException {
    Args.notNull(type, "type");
    synchronized (filesystems) {
      if (filesystems.putIfAbsent(type.name(), type) != null) {
        throw ErrnoException.of(Errno.EBUSY, "file system %s is registered", type.name());
      }
    }
  }

  /** get_fs_type(): the registered type {@code name}; ENODEV when there is none. */
  public FileSystemType fsType(String name) throws ErrnoException {
    synchronized (filesystems) {
      FileSystemType t = name == null ? null : filesystems.get(name);
      if (t == null) {
        throw ErrnoException.of(Errno.ENODEV, "unknown file system type '%s'", name);
      }
      return t;
    }
  }

  /** /proc/filesystems: the registered type names. */
  public List<String> filesystems() {
    synchronized (filesystems) {
      return List.copyOf(filesystems.keySet());
    }
  }

  /** The ramfs-like default file system type, for mounting more instances. */
  public FileSystemType ramfs() {
    return ramfs;
  }

  public KernelAddressSpace kas() {
    return kas;
  }

  /** fork() from nothing: a process with {@code cred}, an empty {@link Mm} and umask 022. */
  public Process newProcess(Cred cred) throws ErrnoException {
    Args.notNull(cred, "cred");
    return new Process(this, cred, new Mm(kas));
  }

  /**
   * register_chrdev_region() + cdev_add(): opens of character nodes with device number {@code
   * rdev} use {@code fops}; EINVAL for a negative number, EBUSY if it is taken.
   */
  public void registerChrdev(long rdev, FileOperations fops) throws ErrnoException {
    Args.nonNegative(rdev, "rdev");
    Args.notNull(fops, "fops");
    synchronized (chrdevs) {
      if (chrdevs.containsKey(rdev)) {
        throw ErrnoException.of(Errno.EBUSY, "char device %d is registered", rdev);
      }
      chrdevs.put(rdev, fops);
    }
  }

  /** cdev_del(): later opens fail with ENXIO (open files keep working); EINVAL if absent. */
  public void unregisterChrdev(long rdev) throws ErrnoException {
    synchronized (chrdevs) {
      if (chrdevs.remove(rdev) == null) {
        throw ErrnoException.of(Errno.EINVAL, "char device %d is not registered", rdev);
      }
    }
  }

  /** chrdev_open()'s kobj_lookup: the registered operations or null. */
  FileOperations chrdev(long rdev) {
    synchronized (chrdevs) {
      return chrdevs.get(rdev);
    }
  }

  /** MKDEV() with the kernel's 12/20 bit split. */
  public static long mkdev(int major, int minor) {
    return ((long) major << 20) | (minor & 0xfffff);
  }

  long now() {
    return clock.getAsLong();
  }

  SuperBlock newSuper(FileSystemType type, String source, String data) throws ErrnoException {
    SuperBlock sb = new SuperBlock(type, this, nextDev.getAndIncrement());
    type.fillSuper(sb, source, data);
    if (sb.root() == null) {
      type.killSuper(sb);
      throw ErrnoException.of(Errno.EINVAL, "%s did not set a root", type.name());
    }
    return sb;
  }

  /** do_new_mount() + graft_tree(); caller holds {@link #ns} (or is the constructor). */
  Mount graft(FileSystemType type, String source, String data, Mount parent, Inode mp,
      String path) throws ErrnoException {
    Mount m = new Mount(newSuper(type, source, data), parent, mp, path, source);
    mounts.put(mp, m);
    mp.mounted = m;
    mountList.add(m);
    return m;
  }

  /** kern_path(LOOKUP_FOLLOW) with kernel credentials: the inode {@code path} names. */
  public Inode kernPath(String path) throws ErrnoException {
    synchronized (ns) {
      return new Namei(this, Cred.ROOT).lookup(path).inode();
    }
  }

  /** The kernel virtual address of a zeroed page, for reading holes (ZERO_PAGE(0)). */
  synchronized long zeroPageVa() throws ErrnoException {
    if (zeroPage < 0) {
      long pfn = kas.allocPage();
      long va = KernelAddressSpace.va(Pages.pfnToPhys(pfn));
      kas.write(va, new byte[(int) Pages.PAGE_SIZE], 0, (int) Pages.PAGE_SIZE);
      zeroPage = pfn;
    }
    return KernelAddressSpace.va(Pages.pfnToPhys(zeroPage));
  }

  /** One line of /proc/mounts: what was mounted, where, and the file system type. */
  public record MountEntry(String source, String target, String type) {}

  /** /proc/self/mounts: every mount, root first. */
  public List<MountEntry> mountTable() {
    synchronized (ns) {
      List<MountEntry> out = new ArrayList<>();
      for (Mount m : mountList) {
        out.add(new MountEntry(m.source, m.path, m.sb.type().name()));
      }
      return out;
    }
  }

  /** The mount table as "type on path" lines, root first (/proc/self/mounts, roughly). */
  public List<String> mounts() {
    synchronized (ns) {
      List<String> out = new ArrayList<>();
      for (Mount m : mountList) {
        out.add(m.toString());
      }
      return out;
    }
  }
}
