package org.daxsim.fs.famfs.tools;

import org.daxsim.core.Errno;
import org.daxsim.fs.vfs.Vfs;

/** Where a path lies: the famfs mount that holds it and its path relative to that mount. */
final class FsPaths {
  private FsPaths() {}

  /** A path made absolute (every tool process works from "/") and normalised. */
  static String absolute(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    StringBuilder out = new StringBuilder();
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (String c : p.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(c);
      }
    }
    for (String c : parts) {
      out.append('/').append(c);
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  /** The famfs mount point holding {@code abs}, or throws (EINVAL, exit 1) when none does. */
  static String mountOf(ToolEnv env, String abs) throws ToolError {
    String best = null;
    for (Vfs.MountEntry m : env.proc().vfs().mountTable()) {
      if (!m.type().equals("famfs")) {
        continue;
      }
      String t = m.target();
      if ((abs.equals(t) || abs.startsWith(t.endsWith("/") ? t : t + "/"))
          && (best == null || t.length() > best.length())) {
        best = t;
      }
    }
    if (best == null) {
      throw ToolError.of(Errno.EINVAL, 1, "%s is not in a famfs file system", abs);
    }
    return best;
  }

  /** {@code abs} relative to mount point {@code mpt} ("" for the mount point itself). */
  static String relative(String mpt, String abs) {
    return abs.length() <= mpt.length() ? "" : abs.substring(mpt.length() + 1);
  }
}
