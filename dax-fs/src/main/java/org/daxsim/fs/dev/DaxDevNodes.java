package org.daxsim.fs.dev;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxBusListener;
import org.daxsim.bus.DevDax;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Inode;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Vfs;

/**
 * devtmpfs (drivers/base/devtmpfs.c) plus the dax char-device table for one {@link DaxBus} in
 * one {@link Vfs}: every registered dev_dax has a node {@code /dev/daxR.N} (S_IFCHR, 0600,
 * root:root, rdev = its dax devt) and a char device registered for that devt.
 *
 * <p>As in the kernel the node appears at device_add() (registration), before any driver
 * probes; opening it before device_dax or fsdev has added its cdev is ENXIO. Unregistering the
 * device (delete) removes the node and the char device; open files and mappings keep working
 * until kill_dev_dax zaps them. Nodes are made by a root "devtmpfsd" process with umask 0,
 * through the VFS's own mknod/unlink, so the namespace lock is the only VFS lock taken.
 *
 * <p>Locking: the bus calls this object after releasing its rwsems (see {@link
 * DaxBusListener}); this object then takes its own monitor and the VFS namespace lock, in that
 * order. Errors making or removing a node (a name taken by another file, /dev unmounted) are
 * ignored as devtmpfs ignores them, and kept in {@link #errors()}.
 */
public final class DaxDevNodes {
  /** The mode devtmpfs gives dax nodes (no ->devnode callback: 0600). */
  public static final int NODE_MODE = Fcntl.S_IFCHR | 0600;
  private static final int KEEP_ERRORS = 64;

  private final Vfs vfs;
  private final DaxBus bus;
  private final Process devtmpfsd;
  /** Devices with a node and a char device, by devt; guarded by this. */
  private final Map<Long, DevDax> nodes = new HashMap<>();
  private final List<String> errors = new ArrayList<>();
  private final DaxBusListener listener = new DaxBusListener() {
    @Override
    public void deviceAdded(DevDax dev) {
      add(dev);
    }

    @Override
    public void deviceRemoved(DevDax dev) {
      remove(dev);
    }
  };
  private boolean attached = true;

  private DaxDevNodes(Vfs vfs, DaxBus bus, Process devtmpfsd) {
    this.vfs = vfs;
    this.bus = bus;
    this.devtmpfsd = devtmpfsd;
  }

  /**
   * devtmpfs_init() + class_interface_register(): nodes and char devices for every registered
   * dev_dax of {@code bus}, kept up to date from then on. EINVAL for null arguments. Call it
   * without holding a bus rwsem or the VFS namespace lock.
   */
  public static DaxDevNodes attach(Vfs vfs, DaxBus bus) throws ErrnoException {
    Args.notNull(vfs, "vfs");
    Args.notNull(bus, "bus");
    Process kthread = vfs.newProcess(Cred.ROOT);
    kthread.umask(0);
    DaxDevNodes n = new DaxDevNodes(vfs, bus, kthread);
    bus.addListener(n.listener);
    return n;
  }

  /**
   * class_interface_unregister(): stops following the bus and removes every node and char
   * device this object made (open files keep working). Idempotent.
   */
  public void detach() {
    bus.removeListener(listener);
    synchronized (this) {
      attached = false;
      for (DevDax d : new ArrayList<>(nodes.values())) {
        removeLocked(d);
      }
    }
  }

  /** The node path of a device: {@code /dev/} + dev_name() (device_get_devnode()). */
  public static String path(DevDax dev) throws ErrnoException {
    return "/dev/" + Args.notNull(dev, "dev").name();
  }

  /** The names of the devices that have a node, sorted. */
  public synchronized List<String> names() {
    List<String> out = new ArrayList<>();
    for (DevDax d : nodes.values()) {
      out.add(d.name());
    }
    out.sort(null);
    return out;
  }

  /** The failures devtmpfs ignored ("dax0.1: mknod: EEXIST"), oldest first, at most 64. */
  public synchronized List<String> errors() {
    return List.copyOf(errors);
  }

  /** devtmpfs_create_node() + the cdev registration for {@code dev}'s devt. */
  private synchronized void add(DevDax dev) {
    if (!attached || !dev.isRegistered()) {
      return; // deleted before delivery: its removal event follows
    }
    long devt = dev.daxDevice().devt();
    if (nodes.get(devt) == dev) {
      return; // already made (replayed at attach)
    }
    DevDax stale = nodes.get(devt);
    if (stale != null) {
      removeLocked(stale); // a deleted device's devt reused before its removal event
    }
    try {
      vfs.registerChrdev(devt, new DaxDevFops(bus, dev.name()));
    } catch (ErrnoException e) {
      error(dev, "register_chrdev", e);
      return;
    }
    nodes.put(devt, dev);
    try {
      devtmpfsd.mknod(path(dev), NODE_MODE, devt);
    } catch (ErrnoException e) {
      error(dev, "mknod", e);
    }
  }

  /** devtmpfs_delete_node() + cdev_del() for {@code dev}, if this object made them. */
  private synchronized void remove(DevDax dev) {
    if (nodes.get(dev.daxDevice().devt()) == dev) {
      removeLocked(dev);
    }
  }

  private void removeLocked(DevDax dev) {
    long devt = dev.daxDevice().devt();
    nodes.remove(devt);
    try {
      vfs.unregisterChrdev(devt);
    } catch (ErrnoException e) {
      error(dev, "unregister_chrdev", e);
    }
    String path;
    try {
      path = path(dev);
      Inode node = vfs.kernPath(path);
      if (!node.isChr() || node.rdev() != devt) {
        return; // dev_mynode(): not the node devtmpfs made
      }
      devtmpfsd.unlink(path);
    } catch (ErrnoException e) {
      if (e.errno() != Errno.ENOENT) {
        error(dev, "unlink", e);
      }
    }
  }

  private void error(DevDax dev, String op, ErrnoException e) {
    if (errors.size() == KEEP_ERRORS) {
      errors.remove(0);
    }
    errors.add(dev.name() + ": " + op + ": " + e.errno().name());
  }

  @Override
  public String toString() {
    return "devtmpfs for " + bus + " (" + names().size() + " nodes)";
  }
}
