package org.daxsim.bus.sysfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;

/**
 * The sysfs tree of one dax bus (fs/sysfs + kernfs semantics over drivers/dax/bus.c's
 * attributes): {@code /sys/bus/dax/{devices,drivers,drivers_probe}}, each region's
 * {@code <parent>/dax_region/} and each device's {@code <parent>/daxR.N/} with its
 * {@code mappingN/} children and {@code driver}/{@code subsystem} links, and the memory block
 * files of the kmem driver's hot-added memory ({@link MemoryNodes}). The tree is built from
 * the bus state on every call, so it always shows the current devices (each region's, device's
 * and the bus's directory only when the walk enters it).
 *
 * <p>kernfs_fop_open() refuses a write to a file without write mode bits and a read of a file
 * without read mode bits with EACCES, even for root; a write delivers at most PAGE_SIZE bytes,
 * cut at the first NUL (the store sees a C string), and a 0-byte write returns 0 without calling
 * the store (sysfs_kf_write). Reads of directories are EISDIR, listings of files ENOTDIR.
 */
public final class Sysfs implements SysfsView {
  private final DaxBus bus;

  public Sysfs(DaxBus bus) throws ErrnoException {
    this.bus = Args.notNull(bus, "bus");
  }

  public DaxBus bus() {
    return bus;
  }

  @Override
  public String read(String path) throws ErrnoException {
    Node n = resolve(path, true).node;
    if (!(n instanceof Node.Attr a)) {
      throw ErrnoException.of(Errno.EISDIR, "%s is a directory", path);
    }
    if ((a.mode() & 0444) == 0 || a.show() == null) {
      throw ErrnoException.of(Errno.EACCES, "%s is not readable", path);
    }
    return a.show().show();
  }

  @Override
  public int write(String path, String value) throws ErrnoException {
    Args.notNull(value, "value");
    Node n = resolve(path, true).node;
    if (!(n instanceof Node.Attr a)) {
      throw ErrnoException.of(Errno.EISDIR, "%s is a directory", path);
    }
    if ((a.mode() & 0222) == 0 || a.store() == null) {
      throw ErrnoException.of(Errno.EACCES, "%s is read-only", path);
    }
    int len = (int) Math.min(value.length(), Pages.PAGE_SIZE);
    if (len == 0) {
      return 0;
    }
    String buf = value.substring(0, len);
    int nul = buf.indexOf('\0');
    a.store().store(nul >= 0 ? buf.substring(0, nul) : buf);
    return len;
  }

  @Override
  public List<String> list(String dir) throws ErrnoException {
    Node n = resolve(dir, true).node;
    if (!(n instanceof Node.Dir d)) {
      throw ErrnoException.of(Errno.ENOTDIR, "%s is not a directory", dir);
    }
    List<String> names = new ArrayList<>(d.names());
    names.sort(null);
    return List.copyOf(names);
  }

  @Override
  public String realpath(String path) throws ErrnoException {
    return resolve(path, true).path;
  }

  @Override
  public boolean exists(String path) {
    try {
      resolve(path, false);
      return true;
    } catch (ErrnoException e) {
      return false;
    }
  }

  /** The file mode of an attribute (e.g. 0644), or of 0755 for a directory, 0777 for a link. */
  public int mode(String path) throws ErrnoException {
    Node n = resolve(path, false).node;
    if (n instanceof Node.Attr a) {
      return a.mode();
    }
    return n instanceof Node.Link ? 0777 : 0755;
  }

  /** True when {@code path} names a symbolic link (the last component not followed). */
  public boolean isLink(String path) throws ErrnoException {
    return resolve(path, false).node instanceof Node.Link;
  }

  /**
   * readlink(2) on link {@code path}: the absolute path it points to (kernfs_iop_get_link()
   * prints it relative to the link's directory); EINVAL when {@code path} is not a link.
   */
  public String readlink(String path) throws ErrnoException {
    Node n = resolve(path, false).node;
    if (!(n instanceof Node.Link l)) {
      throw ErrnoException.of(Errno.EINVAL, "%s is not a symbolic link", path);
    }
    return l.target();
  }

  // ---------------------------------------------------------------- resolution

  private record Found(String path, Node node) {}

  private Found resolve(String path, boolean followLast) throws ErrnoException {
    Args.notNull(path, "path");
    if (!path.startsWith("/")) {
      throw ErrnoException.of(Errno.ENOENT, "'%s' is not absolute", path);
    }
    return walk(root(), path, followLast, 0);
  }

  private Found walk(Node.Dir root, String path, boolean followLast, int depth)
      throws ErrnoException {
    if (depth > 8) {
      throw ErrnoException.of(Errno.ELOOP, "too many links at %s", path);
    }
    List<String> comps = new ArrayList<>();
    for (String c : path.split("/")) {
      if (!c.isEmpty()) {
        comps.add(c);
      }
    }
    List<String> cur = new ArrayList<>();
    Node node = root;
    for (int i = 0; i < comps.size(); i++) {
      String c = comps.get(i);
      if (c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!cur.isEmpty()) {
          cur.remove(cur.size() - 1);
        }
        node = walk(root, "/" + String.join("/", cur), true, depth + 1).node;
        continue;
      }
      if (!(node instanceof Node.Dir d)) {
        throw ErrnoException.of(Errno.ENOTDIR, "%s: not a directory", path);
      }
      Node child = d.child(c);
      if (child == null) {
        throw ErrnoException.of(Errno.ENOENT, "%s: no such file or directory", path);
      }
      boolean last = i == comps.size() - 1;
      if (child instanceof Node.Link l && (!last || followLast)) {
        Found f = walk(root, l.target(), true, depth + 1);
        cur = new ArrayList<>(List.of(f.path.substring(1).split("/")));
        child = f.node;
      } else {
        cur.add(c);
      }
      node = child;
    }
    return new Found("/" + String.join("/", cur), node);
  }

  /** A node of the tree at its absolute path. */
  private record Entry(String path, Node node) {}

  /**
   * The whole tree as it is now: the producers' subtrees by absolute path, under directories
   * that are views of those paths, and each subtree built only when the walk enters it. A node
   * at a path hides everything a producer put below it (producers never nest paths).
   */
  private Node.Dir root() {
    List<Entry> top = new ArrayList<>();
    top.add(new Entry("/sys/bus/dax", DaxNodes.lazy(() -> DaxNodes.bus(bus))));
    Map<String, Node> memory = new TreeMap<>();
    MemoryNodes.put(bus, memory);
    memory.forEach((path, node) -> top.add(new Entry(path, node)));
    for (DaxRegion r : bus.regions()) {
      top.add(new Entry(r.parentPath() + "/dax_region", DaxNodes.lazy(() -> DaxNodes.region(r))));
      for (DevDax d : r.devices()) {
        top.add(new Entry(r.parentPath() + "/" + d.name(),
            DaxNodes.lazy(() -> DaxNodes.device(d))));
      }
    }
    return new PathDir(top, "");
  }

  /** The directory at {@code prefix} ("" for /): the next components of the entries below. */
  private record PathDir(List<Entry> top, String prefix) implements Node.Dir {
    @Override
    public List<String> names() {
      java.util.TreeSet<String> names = new java.util.TreeSet<>();
      for (Entry e : top) {
        if (below(e.path)) {
          int end = e.path.indexOf('/', prefix.length() + 1);
          names.add(e.path.substring(prefix.length() + 1, end < 0 ? e.path.length() : end));
        }
      }
      return List.copyOf(names);
    }

    @Override
    public Node child(String name) {
      String path = prefix + "/" + name;
      Node exact = null;
      boolean deeper = false;
      for (Entry e : top) {
        if (e.path.equals(path)) {
          exact = e.node; // the last producer wins, as a later put replaced an earlier one
        } else if (e.path.length() > path.length() && e.path.startsWith(path)
            && e.path.charAt(path.length()) == '/') {
          deeper = true;
        }
      }
      if (exact != null) {
        return exact;
      }
      return deeper ? new PathDir(top, path) : null;
    }

    private boolean below(String path) {
      return path.length() > prefix.length() + 1 && path.startsWith(prefix)
          && path.charAt(prefix.length()) == '/';
    }
  }

  @Override
  public String toString() {
    return "sysfs of " + bus;
  }
}
