package org.daxsim.fs.famfs.tools;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.format.Superblock;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;

/**
 * Goes beyond famfs issue #135: {@code famfs mount} records the file system UUID it mounted in
 * a host-local file under {@code /run/famfs}, and every later tool operation on that mount
 * compares it with the superblock now on the device. A mismatch means another host ran mkfs
 * on the device under this mount: the operation fails with ESTALE instead of going on.
 */
final class MountRecord {
  static final String DIR = "/run/famfs";

  private MountRecord() {}

  static String path(String mpt) {
    return DIR + "/" + mpt.replace("%", "%25").replace("/", "%2F") + ".uuid";
  }

  /** Records {@code sb}'s file system UUID for {@code mpt}. */
  static void record(ToolEnv env, String mpt, Superblock sb) throws ErrnoException {
    Process p = env.proc();
    SystemUuid.mkdirs(p, DIR);
    int fd = p.open(path(mpt), Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644);
    try {
      byte[] b = (sb.fsUuid() + "\n").getBytes(StandardCharsets.US_ASCII);
      p.write(fd, b, 0, b.length);
    } finally {
      p.close(fd);
    }
  }

  /** Forgets {@code mpt}'s record (at umount). */
  static void forget(ToolEnv env, String mpt) {
    try {
      env.proc().unlink(path(mpt));
    } catch (ErrnoException e) {
      // no record: nothing to forget
    }
  }

  /** ESTALE when the recorded UUID differs from the superblock in {@code meta}. */
  static void check(ToolEnv env, String mpt, Meta meta) throws ErrnoException {
    UUID recorded = read(env.proc(), mpt);
    if (recorded == null || meta.checkSuper() != 0) {
      return;
    }
    UUID now = meta.superblock().fsUuid();
    if (!recorded.equals(now)) {
      throw ToolError.of(Errno.ESTALE, 1,
          "%s: the file system was re-created by another host (mounted %s, device now holds %s);"
              + " unmount it", mpt, recorded, now);
    }
  }

  private static UUID read(Process p, String mpt) {
    try {
      int fd = p.open(path(mpt), Fcntl.O_RDONLY);
      try {
        byte[] b = new byte[64];
        int n = p.read(fd, b, 0, b.length);
        return UUID.fromString(new String(b, 0, n, StandardCharsets.US_ASCII).trim());
      } finally {
        p.close(fd);
      }
    } catch (ErrnoException | IllegalArgumentException e) {
      return null;
    }
  }
}
