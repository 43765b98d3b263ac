package org.daxsim.fs.famfs.tools;

import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.FormatException;
import org.daxsim.fs.famfs.format.LogEntries;
import org.daxsim.fs.famfs.format.LogEntry;
import org.daxsim.fs.famfs.format.LogHeader;
import org.daxsim.fs.famfs.format.MkdirEntry;
import org.daxsim.fs.famfs.format.SimpleExtent;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;

/**
 * __famfs_logplay() (famfs_lib.c): replays the log into a mount. Files and directories that
 * exist are left alone ("existed"), new ones are created with their logged mode (write bits
 * removed on clients), owner and map. The first entry with a wrong seqnum or CRC stops the
 * replay (nothing after it is applied). Idempotent.
 */
final class Logplay {
  /** What one replay did. */
  record Stats(int files, int filesCreated, int filesExisted, int dirs, int dirsCreated,
      int dirsExisted, int errors, boolean stoppedAtBadEntry) {}

  /** Log entries read from the mapping at once (64 KiB and a bit). */
  private static final int CHUNK = 128;

  private Logplay() {}

  static Stats run(ToolEnv env, String mpt, boolean dryRun) throws ErrnoException {
    try (Meta m = Meta.ofMount(env, mpt, false)) {
      if (m.checkSuper() != 0) {
        throw ToolError.of(Errno.EINVAL, 1, "%s: invalid famfs superblock", mpt);
      }
      MountRecord.check(env, mpt, m);
      boolean client = Role.of(env, m) != Role.MASTER;
      LogHeader h = m.header();
      if (!h.valid()) {
        throw ToolError.of(Errno.EINVAL, 1, "%s: invalid log header", mpt);
      }
      int[] c = new int[7];
      long n = Math.min(h.nextIndex(), h.lastIndex() + 1);
      long buf = dryRun ? 0 : FamfsIoctl.userBuffer(env.proc()); // one ioctl buffer for all
      try {
        return replay(env, m, mpt, n, client, dryRun, buf, c);
      } finally {
        if (buf != 0) {
          env.proc().munmap(buf, FamfsIoctl.USER_BUFFER);
        }
      }
    }
  }

  private static Stats replay(ToolEnv env, Meta m, String mpt, long n, boolean client,
      boolean dryRun, long buf, int[] c) throws ErrnoException {
    byte[] chunk = new byte[CHUNK * FamfsFormat.LOG_ENTRY_BYTES]; // reused: decode copies out
    long first = -CHUNK;
    for (long i = 0; i < n; i++) {
      if (i - first == CHUNK) {
        // the committed entries never change: load them from the mapped log CHUNK at a time
        first = i;
        int k = (int) Math.min(CHUNK, n - i);
        m.read(FamfsFormat.LOG_OFFSET + FamfsFormat.entryOffset(i), chunk,
            k * FamfsFormat.LOG_ENTRY_BYTES);
      }
      LogEntry e;
      try {
        e = LogEntries.decode(chunk, (int) (i - first) * FamfsFormat.LOG_ENTRY_BYTES, i);
      } catch (FormatException bad) {
        if (bad.reason() == FormatException.Reason.TYPE) {
          continue; // DELETE, INVALID: ignored
        }
        return new Stats(c[0], c[1], c[2], c[3], c[4], c[5], c[6] + 1, true);
      }
      if (e instanceof FileEntry f) {
        c[0]++;
        file(env.proc(), mpt, f, client, dryRun, buf, c);
      } else if (e instanceof MkdirEntry d) {
        c[3]++;
        dir(env.proc(), mpt, d, dryRun, c);
      }
    }
    return new Stats(c[0], c[1], c[2], c[3], c[4], c[5], c[6], false);
  }

  private static boolean relative(String path) {
    return !path.isEmpty() && !path.startsWith("/");
  }

  private static void file(Process p, String mpt, FileEntry f, boolean client, boolean dry,
      long buf, int[] c) {
    if (!relative(f.relpath()) || zeroOffset(f)) {
      c[6]++;
      return;
    }
    String path = mpt + "/" + f.relpath();
    if (exists(p, path) != null) {
      c[2]++;
      return;
    }
    if (dry) {
      return;
    }
    int mode = f.mode() & 07777 & (client ? ~0222 : ~0);
    try {
      int fd = p.open(path, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, mode);
      try {
        p.chmod(path, mode); // the logged mode, not filtered by the umask
        if (f.uid() != 0 && f.gid() != 0) {
          p.chown(path, f.uid(), f.gid());
        }
        FamfsIoctl.mapCreateV2(p, fd, Fmaps.toKernel(FamfsMap.FAMFS_REG, f.size(), f.fmap()),
            buf);
      } finally {
        p.close(fd);
      }
      c[1]++;
    } catch (ErrnoException e) {
      c[6]++;
    }
  }

  private static boolean zeroOffset(FileEntry f) {
    for (SimpleExtent x : Allocator.extents(f)) {
      if (x.offset() == 0) {
        return true;
      }
    }
    return false;
  }

  private static void dir(Process p, String mpt, MkdirEntry d, boolean dry, int[] c) {
    if (!relative(d.relpath())) {
      c[6]++;
      return;
    }
    String path = mpt + "/" + d.relpath();
    Stat st = exists(p, path);
    if (st != null) {
      if (Fcntl.isDir(st.mode())) {
        c[5]++;
      } else {
        c[6]++;
      }
      return;
    }
    if (dry) {
      return;
    }
    try {
      p.mkdir(path, d.mode() & 07777);
      p.chmod(path, d.mode() & 07777);
      if (d.uid() != 0 && d.gid() != 0) {
        p.chown(path, d.uid(), d.gid());
      }
      c[4]++;
    } catch (ErrnoException e) {
      c[6]++;
    }
  }

  /** stat(path) == 0 (any failure is "no"); the common ENOENT answer costs no exception. */
  static Stat exists(Process p, String path) {
    try {
      return p.statIfExists(path);
    } catch (ErrnoException e) {
      return null;
    }
  }

  static List<String> describe(Stats s) {
    return List.of(
        String.format("famfs_logplay: processed %d files, created %d, %d existed",
            s.files(), s.filesCreated(), s.filesExisted()),
        String.format("famfs_logplay: processed %d directories, created %d, %d existed",
            s.dirs(), s.dirsCreated(), s.dirsExisted()));
  }
}
