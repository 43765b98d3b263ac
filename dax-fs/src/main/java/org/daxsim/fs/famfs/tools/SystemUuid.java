package org.daxsim.fs.famfs.tools;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;

/**
 * famfs_get_system_uuid() (famfs_misc.c): the host's identity, a text UUID in {@code
 * /opt/famfs/system_uuid}, created from the environment's random source when missing.
 */
final class SystemUuid {
  static final String PATH = "/opt/famfs/system_uuid";

  private SystemUuid() {}

  /** The host's system UUID; null when the file exists but cannot be read or parsed. */
  static UUID get(ToolEnv env) {
    Process p = env.proc();
    try {
      byte[] b = new byte[64];
      int fd = p.open(PATH, Fcntl.O_RDONLY);
      int n;
      try {
        n = p.read(fd, b, 0, b.length);
      } finally {
        p.close(fd);
      }
      return UUID.fromString(new String(b, 0, n, StandardCharsets.US_ASCII).trim());
    } catch (ErrnoException e) {
      return create(env);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static UUID create(ToolEnv env) {
    Process p = env.proc();
    UUID u = new UUID(env.random().nextLong(), env.random().nextLong());
    try {
      mkdirs(p, "/opt/famfs");
      int fd = p.open(PATH, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644);
      try {
        byte[] text = (u + "\n").getBytes(StandardCharsets.US_ASCII);
        p.write(fd, text, 0, text.length);
      } finally {
        p.close(fd);
      }
      return u;
    } catch (ErrnoException e) {
      return null; // unwritable: the caller treats the host as a client
    }
  }

  static void mkdirs(Process p, String path) throws ErrnoException {
    StringBuilder at = new StringBuilder();
    for (String c : path.split("/")) {
      if (c.isEmpty()) {
        continue;
      }
      at.append('/').append(c);
      try {
        p.mkdir(at.toString(), 0755);
      } catch (ErrnoException e) {
        if (e.errno() != org.daxsim.core.Errno.EEXIST) {
          throw e;
        }
      }
    }
  }
}
