package org.daxsim.fs.famfs.tools;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;

/**
 * famfs clone &lt;src&gt; &lt;dst&gt; (famfs_cli.c do_famfs_cli_clone, famfs_lib.c famfs_clone):
 * test-only. Creates {@code dst} with {@code src}'s extent list and logs it, deliberately
 * cross-linking the two, so that fsck finds one collision per shared allocation unit. Both
 * must be in the same famfs mount; only the master may do it (EPERM, exit 1). The map is read
 * with FAMFSIOC_MAP_GET_V2 (upstream: MAP_GET + MAP_GETEXT, same result); only simple extent
 * lists are cloned, an interleaved source fails with EINVAL. The destination gets the source's
 * mode (&amp; 0777), owner and size. Every failure exits 1 (upstream -1, or -EPERM = -1).
 * Like the other creators here (and unlike upstream) it checks for a free log slot and the
 * path length before creating anything, and removes the destination if logging fails.
 */
final class CloneCmd {
  private CloneCmd() {}

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "vh", Map.of(), 1);
    if (o.has('h')) {
      io.out("famfs clone <src_file> <dest_file>");
      return 0;
    }
    if (o.operands.size() != 2) {
      throw ToolError.usage(1, "famfs clone: source and destination filenames required");
    }
    Process p = env.proc();
    String src = FsPaths.absolute(o.operands.get(0));
    String dst = FsPaths.absolute(o.operands.get(1));
    Stat st = Logplay.exists(p, src);
    if (st == null) {
      throw ToolError.of(Errno.ENOENT, 1, "famfs_clone: bad source path %s", o.operands.get(0));
    }
    if (!Fcntl.isReg(st.mode())) {
      throw ToolError.of(Errno.EINVAL, 1, "famfs_clone: source %s is not a regular file", src);
    }
    String srcMpt;
    String dstMpt;
    try {
      srcMpt = FsPaths.mountOf(env, src);
      dstMpt = FsPaths.mountOf(env, dst);
    } catch (ToolError e) {
      throw ToolError.of(Errno.EXDEV, 1, "famfs_clone: %s", e.getMessage());
    }
    if (!srcMpt.equals(dstMpt)) {
      throw ToolError.of(Errno.EXDEV, 1,
          "famfs_clone: Error: source and destination must be in the same file system");
    }
    try (LockedLog log = LockedLog.open(env, srcMpt)) {
      FamfsMap map = sourceMap(p, src);
      String rel = FsPaths.relative(srcMpt, dst);
      if (rel.isEmpty() || Logplay.exists(p, dst) != null) {
        throw ToolError.of(Errno.EEXIST, 1, "famfs_clone: %s exists", dst);
      }
      if (rel.getBytes(StandardCharsets.UTF_8).length >= FamfsFormat.MAX_PATHLEN) {
        throw ToolError.of(Errno.ENAMETOOLONG, 1, "%s: relative path too long for the log", dst);
      }
      if (log.freeSlots() < 1) {
        throw ToolError.of(Errno.ENOSPC, 1, "%s: famfs log full", dst);
      }
      int mode = st.mode() & 0777;
      int fd;
      try {
        fd = p.open(dst, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, mode);
      } catch (ErrnoException e) {
        throw ToolError.of(e.errno(), 1, "famfs_clone: failed to create file %s: %s", dst,
            e.errno());
      }
      try {
        p.chmod(dst, mode);
        p.chown(dst, st.uid(), st.gid());
        FamfsIoctl.mapCreateV2(p, fd,
            FamfsMap.simple(FamfsMap.FAMFS_REG, map.fileSize(), map.extents()));
        log.append(new FileEntry(0, map.fileSize(), FamfsFormat.FILE_FLAG_ALL_HOSTS_RW,
            st.uid(), st.gid(), mode, rel, Fmaps.toLog(map)));
      } catch (ErrnoException e) {
        p.close(fd);
        fd = -1;
        p.unlink(dst);
        throw e instanceof ToolError t ? t : ToolError.of(e.errno(), 1,
            "famfs_clone: failed to create destination file %s: %s", dst, e.errno());
      } finally {
        if (fd >= 0) {
          p.close(fd);
        }
      }
    }
    io.out("famfs clone: %s -> %s", src, dst);
    return 0;
  }

  /** The source's map: a famfs file (NOP), mapped (MAP_GET_V2), simple extents only. */
  private static FamfsMap sourceMap(Process p, String src) throws ErrnoException {
    int fd = p.open(src, Fcntl.O_RDONLY);
    try {
      try {
        p.ioctl(fd, FamfsIoctl.NOP, 0);
      } catch (ErrnoException e) {
        throw ToolError.of(Errno.EINVAL, 1, "famfs_clone: source path (%s) not in famfs", src);
      }
      FamfsMap m;
      try {
        m = FamfsIoctl.mapGetV2(p, fd);
      } catch (ErrnoException e) {
        throw ToolError.of(e.errno(), 1, "famfs_clone: MAP_GET of %s failed: %s", src,
            e.errno());
      }
      if (m.extentType() != FamfsMap.SIMPLE_DAX_EXTENT) {
        throw ToolError.of(Errno.EINVAL, 1,
            "famfs_clone: %s has an interleaved map; only simple extent lists can be cloned",
            src);
      }
      return m;
    } finally {
      p.close(fd);
    }
  }
}
