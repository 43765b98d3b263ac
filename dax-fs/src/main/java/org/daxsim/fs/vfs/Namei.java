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
    /** The last component: {@code path}'s chars [lastFrom, lastTo), hashed as the walk went. */
    private String path;
    private int lastFrom;
    private int lastTo;
    private int lastHash;
    private String last;
    Last type;
    boolean trailingSlash;

    /** The last component's name (copied out of the path on first use). */
    String last() {
      String l = last;
      if (l == null) {
        l = path.substring(lastFrom, lastTo);
        last = l;
      }
      return l;
    }

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
    nd.path = path;
    // the components of path.split("/") without the empties, walked in place as they are
    // found (link_path_walk() hashes each one with hash_name(), copying nothing)
    int n = path.length();
    int at = skipSlashes(path, 0);
    if (at == n) {
      nd.type = Last.ROOT;
      return nd;
    }
    while (true) {
      int end = at;
      int hash = 0;
      for (char c; end < n && (c = path.charAt(end)) != '/'; end++) {
        hash = 31 * hash + c;
      }
      int next = skipSlashes(path, end);
      Permission.mayLookup(cred, nd.parent().inode());
      if (next == n) {
        nd.lastFrom = at;
        nd.lastTo = end;
        nd.lastHash = hash;
        break;
      }
      if (!stepIfExists(nd, path, at, end, hash)) {
        throw new NoEntry(path.substring(at, end));
      }
      if (!nd.parent().inode().isDir()) {
        throw ErrnoException.of(Errno.ENOTDIR, "%s: %s is not a directory", path,
            path.substring(at, end));
      }
      at = next;
    }
    nd.type = dots(path, nd.lastFrom, nd.lastTo);
    nd.trailingSlash = path.endsWith("/");
    if (nd.type == Last.NORM && nd.lastTo - nd.lastFrom > Fcntl.NAME_MAX) {
      throw ErrnoException.of(Errno.ENAMETOOLONG, "component of %d chars",
          nd.lastTo - nd.lastFrom);
    }
    return nd;
  }

  /** DOT for ".", DOTDOT for "..", else NORM. */
  private static Last dots(String path, int from, int to) {
    int len = to - from;
    if (len == 0 || len > 2 || path.charAt(from) != '.') {
      return Last.NORM;
    }
    return len == 1 ? Last.DOT : path.charAt(from + 1) == '.' ? Last.DOTDOT : Last.NORM;
  }

  private static int skipSlashes(String path, int at) {
    while (at < path.length() && path.charAt(at) == '/') {
      at++;
    }
    return at;
  }

  /**
   * walk_component() for one name, {@code path}'s chars [from, to) with {@code hash}: ".",
   * ".." (follow_dotdot()) or a child; false (nothing pushed) for a missing child.
   */
  private boolean stepIfExists(Nd nd, String path, int from, int to, int hash)
      throws ErrnoException {
    switch (dots(path, from, to)) {
      case DOT:
        return true;
      case DOTDOT:
        nd.pop();
        return true;
      default:
        break;
    }
    if (to - from > Fcntl.NAME_MAX) {
      throw ErrnoException.of(Errno.ENAMETOOLONG, "component of %d chars", to - from);
    }
    Pos p = nd.parent();
    Inode child = lookup(p.inode(), path, from, to, hash);
    if (child == null) {
      return false;
    }
    Mount m = child.mounted; // crossMounts(new Pos(p.mnt(), child)), without the first Pos
    nd.push(m == null ? new Pos(p.mnt(), child) : crossMounts(m.rootPos()));
    return true;
  }

  /** ->lookup of a name inside {@code path}; a directory index is searched in place. */
  private static Inode lookup(Inode dir, String path, int from, int to, int hash)
      throws ErrnoException {
    InodeOperations iop = dir.iop();
    if (iop instanceof SimpleDir sd) {
      return sd.lookup(dir, path, from, to, hash);
    }
    return iop.lookup(dir, path.substring(from, to));
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
    return lookup(nd.parent().inode(), nd.path, nd.lastFrom, nd.lastTo, nd.lastHash);
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
    if (nd.type != Last.ROOT && !stepIfExists(nd, path, nd.lastFrom, nd.lastTo, nd.lastHash)) {
      if (probe) {
        return null;
      }
      throw new NoEntry(nd.last());
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
