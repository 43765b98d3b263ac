package org.daxsim.fs.famfs.tools;

import static org.daxsim.fs.famfs.format.FamfsFormat.LOG_OFFSET;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.LogHeader;
import org.daxsim.fs.famfs.format.Superblock;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;

/**
 * The superblock and log of one famfs instance as a tool sees them: two shared mappings, of
 * device bytes [0, 2 MiB) and [2 MiB, 2 MiB + log_len), taken either from the meta files of a
 * mount ({@code .meta/.superblock}, {@code .meta/.log}) or from the raw device. Offsets are
 * device offsets. Stores count against the environment's crash point.
 */
class Meta implements AutoCloseable {
  final ToolEnv env;
  final Process p;
  private final int sbFd;
  private final int logFd;
  private final boolean write;
  private long sbVa;
  private long logVa;
  private long logLen;
  private final boolean sameFd;

  /** Over an open superblock file and (optionally, -1) an open log file, or one device fd. */
  Meta(ToolEnv env, int sbFd, int logFd, boolean write, boolean sameFd) throws ErrnoException {
    this(env, sbFd, logFd, write, write, sameFd);
  }

  /** As above with the superblock mapped writable only when {@code sbWrite}. */
  Meta(ToolEnv env, int sbFd, int logFd, boolean sbWrite, boolean write, boolean sameFd)
      throws ErrnoException {
    this.env = env;
    this.p = env.proc();
    this.sbFd = sbFd;
    this.logFd = logFd;
    this.write = write;
    this.sameFd = sameFd;
    this.sbVa = UserMem.map(p, sbFd, 0, FamfsFormat.SUPERBLOCK_LEN, sbWrite);
  }

  /** The meta files of the famfs mounted at {@code mpt}; EINVAL-ish errors when absent. */
  static Meta ofMount(ToolEnv env, String mpt, boolean write) throws ErrnoException {
    Process p = env.proc();
    int flags = write ? Fcntl.O_RDWR : Fcntl.O_RDONLY;
    int sb = p.open(mpt + "/.meta/.superblock", Fcntl.O_RDONLY);
    int log;
    try {
      log = p.open(mpt + "/.meta/.log", flags);
    } catch (ErrnoException e) {
      p.close(sb);
      throw e;
    }
    Meta m = new Meta(env, sb, log, false, write, false);
    try {
      Superblock s = Superblock.decode(m.read(0, FamfsFormat.SUPERBLOCK_BYTES));
      long size = p.fstat(log).size();
      if (size != s.logLen()) {
        throw ToolError.of(Errno.EINVAL, 1, "log file is %d bytes, superblock says %d", size,
            s.logLen());
      }
      m.mapLog(s.logLen());
    } catch (ErrnoException e) {
      m.close();
      throw e;
    }
    return m;
  }

  /** Maps the log region of {@code len} bytes (after the superblock told its length). */
  void mapLog(long len) throws ErrnoException {
    int fd = sameFd ? sbFd : logFd;
    long off = sameFd ? LOG_OFFSET : 0;
    logVa = UserMem.map(p, fd, off, len, write);
    logLen = len;
  }

  /** Uses an existing mapping of the log (a dummy mount's log file). */
  void adoptLog(long va, long len) {
    logVa = va;
    logLen = len;
  }

  long logLen() {
    return logLen;
  }

  /** {@code len} bytes at device offset {@code off}, inside one of the two regions. */
  byte[] read(long off, int len) throws ErrnoException {
    return UserMem.load(p, va(off, len), len);
  }

  /** {@link #read(long, int)} into the first {@code len} bytes of {@code into}. */
  void read(long off, byte[] into, int len) throws ErrnoException {
    UserMem.load(p, va(off, len), into, len);
  }

  /** Stores {@code b} at device offset {@code off}; the crash point may tear it. */
  void write(long off, byte[] b) throws ErrnoException {
    long va = va(off, b.length);
    CrashPoint c = env.crash();
    int n = c == null ? b.length : c.take(b.length);
    UserMem.store(p, va, b, 0, n);
    if (n < b.length) {
      throw ToolError.of(Errno.EINTR, 128 + 9, "the world stopped after %d of %d bytes at %#x",
          n, b.length, off);
    }
  }

  /** An aligned 8-byte store: it happens whole or, at the crash point, not at all. */
  void writeLong(long off, long v) throws ErrnoException {
    long va = va(off, 8);
    CrashPoint c = env.crash();
    if (c != null && c.take(8) < 8) {
      throw ToolError.of(Errno.EINTR, 128 + 9, "the world stopped before the store at %#x", off);
    }
    byte[] b = new byte[8];
    java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(v);
    UserMem.store(p, va, b, 0, 8);
  }

  private long va(long off, int len) throws ErrnoException {
    if (off >= 0 && off + len <= FamfsFormat.SUPERBLOCK_LEN) {
      return sbVa + off;
    }
    if (logVa != 0 && off >= LOG_OFFSET && off + len <= LOG_OFFSET + logLen) {
      return logVa + off - LOG_OFFSET;
    }
    throw ToolError.of(Errno.EINVAL, 1, "metadata access %#x+%d outside the meta files", off,
        len);
  }

  Superblock superblock() throws ErrnoException {
    return Superblock.decode(read(0, FamfsFormat.SUPERBLOCK_BYTES));
  }

  /** famfs_check_super() of the stored superblock: 0, 1 (other version) or -1. */
  int checkSuper() throws ErrnoException {
    return Superblock.checkSuper(read(0, FamfsFormat.SUPERBLOCK_BYTES));
  }

  LogHeader header() throws ErrnoException {
    return LogHeader.decode(read(LOG_OFFSET, FamfsFormat.LOG_HEADER_BYTES));
  }

  @Override
  public void close() {
    try {
      if (logVa != 0) {
        p.munmap(logVa, logLen);
      }
      p.munmap(sbVa, FamfsFormat.SUPERBLOCK_LEN);
      p.close(sbFd);
      if (!sameFd && logFd >= 0) {
        p.close(logFd);
      }
    } catch (ErrnoException e) {
      // the mappings and descriptors are ours; nothing to report on the way out
    }
  }
}
