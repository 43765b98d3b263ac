package org.daxsim.fs.vfs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * Path walking after fs/namei.c (link_path_walk(), walk_component(), follow_dotdot(),
 * filename_parentat()). Paths are resolved from the root (every process's cwd is {@code /});
 * {@code ..} at {@code /} stays there and at a mount's root climbs to the mountpoint's parent.
 * Callers hold the namespace lock.
 */
final class Namei {
  /** A (mount, inode) pair: struct path. */
  record Pos(Mount mnt, Inode inode) {}

  /** enum last_type. */
  enum Last { NORM, DOT, DOTDOT, ROOT }

  /** struct nameidata after filename_parentat(): the parent walk and the last component. */
  static final class Nd {
    final Deque<Pos> stack = new ArrayDeque<>();
    String last;
    Last type;
    boolean trailingSlash;

    Pos parent() {
      return stack.peek();
    }
  }

  private final Vfs vfs;
  private final Cred cred;

  Namei(Vfs vfs, Cred cred) {
    this.vfs = vfs;
    this.cred = cred;
  }

  /** getname() + filename_parentat(): EFAULT, ENAMETOOLONG, ENOENT, EACCES, ENOTDIR. */
  Nd parentat(String path) throws ErrnoException {
    if (path == null) {
      throw ErrnoException.of(Errno.EFAULT, "null path");
    }
    if (path.length() >= Fcntl.PATH_MAX) {
      throw ErrnoException.of(Errno.ENAMETOOLONG, "path of %d chars", path.length());
    }
    if (path.isEmpty() || path.indexOf('\0') >= 0) {
      throw ErrnoException.of(Errno.ENOENT, "empty path");
    }
    List<String> comps = new ArrayList<>();
    for (int at = 0, n = path.length(); at < n; ) { // path.split("/") without the empties
      int end = path.indexOf('/', at);
      if (end < 0) {
        end = n;
      }
      if (end > at) {
        comps.add(path.substring(at, end));
      }
      at = end + 1;
    }
    Nd nd = new Nd();
    nd.stack.push(new Pos(vfs.rootMount, vfs.rootMount.root()));
    if (comps.isEmpty()) {
      nd.type = Last.ROOT;
      return nd;
    }
    for (int i = 0; i < comps.size(); i++) {
      Permission.mayLookup(cred, nd.parent().inode());
      if (i == comps.size() - 1) {
        break;
      }
      step(nd, comps.get(i));
      if (!nd.parent().inode().isDir()) {
        throw ErrnoException.of(Errno.ENOTDIR, "%s: %s is not a directory", path, comps.get(i));
      }
    }
    nd.last = comps.get(comps.size() - 1);
    nd.type = nd.last.equals(".") ? Last.DOT : nd.last.equals("..") ? Last.DOTDOT : Last.NORM;
    nd.trailingSlash = path.endsWith("/");
    if (nd.type == Last.NORM && nd.last.length() > Fcntl.NAME_MAX) {
      throw ErrnoException.of(Errno.ENAMETOOLONG, "component of %d chars", nd.last.length());
    }
    return nd;
  }

  /** walk_component() for one name: ".", ".." (follow_dotdot()) or a child; ENOENT. */
  private void step(Nd nd, String name) throws ErrnoException {
    if (name.equals(".")) {
      return;
    }
    if (name.equals("..")) {
      if (nd.stack.size() > 1) {
        nd.stack.pop();
      }
      return;
    }
    if (name.length() > Fcntl.NAME_MAX) {
      throw ErrnoException.of(Errno.ENAMETOOLONG, "component of %d chars", name.length());
    }
    Pos p = nd.parent();
    Inode child = p.inode().iop().lookup(p.inode(), name);
    if (child == null) {
      throw new NoEntry(name);
    }
    nd.stack.push(crossMounts(new Pos(p.mnt(), child)));
  }

  /**
   * ENOENT for a name a directory does not hold: an expected answer (every stat probe of a
   * file about to be created, e.g. 493k of them in a famfs log replay), so the message is a
   * concatenation and no stack trace is filled in. Same errno and message as before.
   */
  static final class NoEntry extends ErrnoException {
    private static final long serialVersionUID = 1L;

    NoEntry(String name) {
      super(Errno.ENOENT, name + ": no such entry");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** follow_managed()/traverse_mounts(): from a mountpoint to the root of what is on it. */
  Pos crossMounts(Pos p) {
    Mount m = p.inode().mounted; // vfs.mounts.get(p.inode()), without hashing
    while (m != null) {
      p = new Pos(m, m.root());
      m = p.inode().mounted;
    }
    return p;
  }

  /** The last component's child in the parent, without crossing mounts; null if absent. */
  static Inode child(Nd nd) throws ErrnoException {
    Inode dir = nd.parent().inode();
    return dir.iop().lookup(dir, nd.last);
  }

  /** filename_lookup(): the object {@code path} names; ENOTDIR for "file/". */
  Pos lookup(String path) throws ErrnoException {
    Nd nd = parentat(path);
    if (nd.type != Last.ROOT) {
      step(nd, nd.last);
    }
    Pos p = nd.parent();
    if (nd.trailingSlash && !p.inode().isDir()) {
      throw ErrnoException.of(Errno.ENOTDIR, "%s is not a directory", path);
    }
    return p;
  }

  /** is_local_mountpoint(). */
  boolean isMountpoint(Inode inode) {
    return inode.mounted != null; // vfs.mounts.containsKey(inode)
  }
}
