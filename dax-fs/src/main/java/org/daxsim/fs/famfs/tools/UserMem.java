package org.daxsim.fs.famfs.tools;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.mm.Signal;
import org.daxsim.fs.vfs.Process;

/**
 * A tool's loads and stores through its own mappings. A signal on the way (SIGBUS on poison,
 * SIGSEGV) kills the tool: it surfaces as a {@link ToolError} whose exit status is 128 + signo.
 */
final class UserMem {
  private UserMem() {}

  /** mmap(MAP_SHARED) of {@code len} bytes of {@code fd} at file offset {@code off}. */
  static long map(Process p, int fd, long off, long len, boolean write) throws ErrnoException {
    int prot = Mman.PROT_READ | (write ? Mman.PROT_WRITE : 0);
    return p.mmap(0, len, prot, Mman.MAP_SHARED, fd, off);
  }

  static byte[] load(Process p, long va, int len) throws ErrnoException {
    byte[] b = new byte[len];
    load(p, va, b, len);
    return b;
  }

  /** {@link #load(Process, long, int)} into the first {@code len} bytes of {@code b}. */
  static void load(Process p, long va, byte[] b, int len) throws ErrnoException {
    try {
      p.mm().load(va, b, 0, len);
    } catch (Signal s) {
      throw killed(s);
    }
  }

  static void store(Process p, long va, byte[] b, int off, int len) throws ErrnoException {
    try {
      p.mm().store(va, b, off, len);
    } catch (Signal s) {
      throw killed(s);
    }
  }

  static ToolError killed(Signal s) {
    return ToolError.of(Errno.EFAULT, 128 + s.signo(), "killed by signal %d (%s)", s.signo(), s);
  }
}
