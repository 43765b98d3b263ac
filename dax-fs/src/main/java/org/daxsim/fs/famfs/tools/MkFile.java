package org.daxsim.fs.famfs.tools;

import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.FileEntry;
import org.daxsim.fs.famfs.format.InterleavedExtent;
import org.daxsim.fs.famfs.format.LogFmap;
import org.daxsim.fs.famfs.format.MkdirEntry;
import org.daxsim.fs.famfs.format.SimpleExtent;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;

/**
 * famfs_mkfile() / famfs_mkdir() (famfs_lib.c) inside a locked-log session. Unlike upstream,
 * the log's capacity is checked before anything is allocated or created (famfs.md 7 item 4),
 * and out of space and log full are ENOSPC (upstream ENOMEM).
 */
final class MkFile {
  /** Interleave parameters of one create: strips, buckets, chunk size. */
  record Interleave(int nstrips, int nbuckets, long chunk) {}

  private MkFile() {}

  /**
   * Creates {@code abs} of {@code size} bytes with {@code mode} (uid/gid -1 for the caller's),
   * allocated contiguously or interleaved, attaches its map and logs it. Returns an O_RDWR fd.
   */
  static int mkfile(LockedLog log, String abs, int mode, int uid, int gid, long size,
      Interleave il) throws ErrnoException {
    if (size <= 0) {
      throw ToolError.of(Errno.EINVAL, 1, "%s: file size must be positive", abs);
    }
    String rel = FsPaths.relative(log.mpt, abs);
    if (rel.isEmpty()) {
      throw ToolError.of(Errno.EEXIST, 1, "%s is the mount point", abs);
    }
    if (rel.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= FamfsFormat.MAX_PATHLEN) {
      throw ToolError.of(Errno.ENAMETOOLONG, 1, "%s: relative path too long for the log", abs);
    }
    if (log.freeSlots() < 1) {
      throw ToolError.of(Errno.ENOSPC, 1, "%s: famfs log full", abs);
    }
    LogFmap fmap = allocate(log, size, il);
    if (fmap == null) {
      throw ToolError.of(Errno.ENOSPC, 1, "%s: Out of space!", abs);
    }
    Process p = log.env.proc();
    int fd = p.open(abs, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, mode);
    try {
      p.chmod(abs, mode);
      if (uid != -1 || gid != -1) {
        p.chown(abs, uid, gid);
      }
      FamfsIoctl.mapCreateV2(p, fd, Fmaps.toKernel(FamfsMap.FAMFS_REG, size, fmap));
      var st = p.fstat(fd);
      log.append(new FileEntry(0, size, FamfsFormat.FILE_FLAG_ALL_HOSTS_RW, st.uid(), st.gid(),
          mode & 07777, rel, fmap));
    } catch (ErrnoException e) {
      p.close(fd);
      throw e;
    }
    return fd;
  }

  private static LogFmap allocate(LockedLog log, long size, Interleave il)
      throws ErrnoException {
    Interleaving.checkBuckets(log.env, il, log.sb.devSize());
    Allocator a = log.allocator();
    if (il == null || size < il.chunk()) {
      long off = il == null ? a.allocContiguous(size) : a.contiguousFromStart(size);
      return off < 0 ? null
          : LogFmap.simple(List.of(new SimpleExtent(0, off, Allocator.roundUp(size))));
    }
    InterleavedExtent ie = a.allocInterleaved(size, il.nbuckets(), il.nstrips(), il.chunk(),
        log.env.random());
    return ie == null ? null : LogFmap.interleaved(ie);
  }

  /** famfs_mkdir(): one MKDIR entry for {@code abs}, whose parent exists. */
  static void mkdir(LockedLog log, String abs, int mode, int uid, int gid)
      throws ErrnoException {
    String rel = FsPaths.relative(log.mpt, abs);
    if (rel.isEmpty()) {
      throw ToolError.of(Errno.EEXIST, 1, "%s is the mount point", abs);
    }
    if (rel.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= FamfsFormat.MAX_PATHLEN) {
      throw ToolError.of(Errno.ENAMETOOLONG, 1, "%s: relative path too long for the log", abs);
    }
    if (log.freeSlots() < 1) {
      throw ToolError.of(Errno.ENOSPC, 12, "%s: famfs log full", abs);
    }
    Process p = log.env.proc();
    p.mkdir(abs, mode);
    p.chmod(abs, mode);
    if (uid != -1 || gid != -1) {
      p.chown(abs, uid, gid);
    }
    var st = p.stat(abs);
    log.append(new MkdirEntry(0, st.uid(), st.gid(), mode & 07777, rel));
  }
}
