package org.daxsim.fs.vfs;

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
    /** The walk so far, root first: a plain array, as paths are shallow (it grows if not). */
    private Pos[] stack = new Pos[4];
    private int depth;
    String last;
    Last type;
    boolean trailingSlash;

    Pos parent() {
      return stack[depth - 1];
    }

    void push(Pos p) {
      if (depth == stack.length) {
        stack = java.util.Arrays.copyOf(stack, depth * 2);
      }
      stack[depth++] = p;
    }

    /** follow_dotdot(): one level up, never above the start. */
    void pop() {
      if (depth > 1) {
        stack[--depth] = null;
      }
    }

    /** True when {@code inode} is on the walk (the parent or one of its ancestors). */
    boolean contains(Inode inode) {
      for (int i = 0; i < depth; i++) {
        if (stack[i].inode() == inode) {
          return true;
        }
      }
      return false;
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
    Nd nd = new Nd();
    nd.push(vfs.rootMount.rootPos());
    // the components of path.split("/") without the empties, walked as they are found
    int n = path.length();
    int at = skipSlashes(path, 0);
    if (at == n) {
      nd.type = Last.ROOT;
      return nd;
    }
    while (true) {
      int end = path.indexOf('/', at);
      if (end < 0) {
        end = n;
      }
      int next = skipSlashes(path, end);
      Permission.mayLookup(cred, nd.parent().inode());
      String name = path.substring(at, end);
      if (next == n) {
        nd.last = name;
        break;
      }
      step(nd, name);
      if (!nd.parent().inode().isDir()) {
        throw ErrnoException.of(Errno.ENOTDIR, "%s: %s is not a directory", path, name);
      }
      at = next;
    }
    nd.type = nd.last.equals(".") ? Last.DOT : nd.last.equals("..") ? Last.DOTDOT : Last.NORM;
    nd.trailingSlash = path.endsWith("/");
    if (nd.type == Last.NORM && nd.last.length() > Fcntl.NAME_MAX) {
      throw ErrnoException.of(Errno.ENAMETOOLONG, "component of %d chars", nd.last.length());
    }
    return nd;
  }

  private static int skipSlashes(String path, int at) {
    while (at < path.length() && path.charAt(at) == '/') {
      at++;
    }
    return at;
  }

  /** walk_component() for one name: ".", ".." (follow_dotdot()) or a child; ENOENT. */
  private void step(Nd nd, String name) throws ErrnoException {
    if (!stepIfExists(nd, name)) {
      throw new NoEntry(name);
    }
  }

  /** {@link #step}, but false (nothing pushed) where step throws ENOENT for a missing child. */
  private boolean stepIfExists(Nd nd, String name) throws ErrnoException {
    if (name.equals(".")) {
      return true;
    }
    if (name.equals("..")) {
      nd.pop();
      return true;
    }
    if (name.length() > Fcntl.NAME_MAX) {
      throw ErrnoException.of(Errno.ENAMETOOLONG, "component of %d chars", name.length());
    }
    Pos p = nd.parent();
    Inode child = p.inode().iop().lookup(p.inode(), name);
    if (child == null) {
      return false;
    }
    Mount m = child.mounted; // crossMounts(new Pos(p.mnt(), child)), without the first Pos
    nd.push(m == null ? new Pos(p.mnt(), child) : crossMounts(m.rootPos()));
    return true;
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
      p = m.rootPos();
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
    return walk(path, false);
  }

  /**
   * {@link #lookup}, except that where lookup throws ENOENT because the last component is not
   * in its (existing) parent the answer is null: a probe's expected "no", without an exception.
   * Every other error, including ENOENT for a missing directory on the way, is thrown.
   */
  Pos lookupIfExists(String path) throws ErrnoException {
    return walk(path, true);
  }

  private Pos walk(String path, boolean probe) throws ErrnoException {
    Nd nd = parentat(path);
    if (nd.type != Last.ROOT && !stepIfExists(nd, nd.last)) {
      if (probe) {
        return null;
      }
      throw new NoEntry(nd.last);
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
