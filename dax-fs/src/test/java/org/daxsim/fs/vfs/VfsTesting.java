package org.daxsim.fs.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.Mman;

/** Fixtures: a host with 64 MiB of System RAM, a VFS with a fake clock, helpers. */
final class VfsTesting {
  static final long RAM_BASE = 4L << 30;
  static final long RAM_SIZE = 64L << 20;

  private VfsTesting() {}

  /** One simulated machine. */
  static final class Host {
    final KernelAddressSpace kas;
    final AtomicLong clock = new AtomicLong(1_000);
    final Vfs vfs;
    final Process root;

    Host() throws ErrnoException {
      PhysicalAddressSpace phys = new PhysicalAddressSpace();
      phys.map(RAM_BASE, RAM_SIZE, MemoryDevice.create("dram", RAM_SIZE), 0);
      kas = new KernelAddressSpace(phys);
      kas.addSystemRam(RAM_BASE, RAM_SIZE);
      vfs = Vfs.create(kas, clock::get);
      root = vfs.newProcess(Cred.ROOT);
    }

    Process user(int uid, int gid, Integer... groups) throws ErrnoException {
      return vfs.newProcess(new Cred(uid, gid, java.util.Set.of(groups)));
    }
  }

  /** Anonymous read-write user memory of {@code len} bytes in {@code p}. */
  static long userBuf(Process p, long len) throws ErrnoException {
    return p.mmap(0, len, Mman.PROT_READ | Mman.PROT_WRITE,
        Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
  }

  /** Asserts that {@code call} fails with {@code errno}. */
  static void expect(Errno errno, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected %s", errno).isInstanceOf(ErrnoException.class);
    assertThat(((ErrnoException) t).errno()).as(String.valueOf(t.getMessage())).isEqualTo(errno);
  }

  /** The errno a call fails with, or null when it succeeds. */
  static Errno errnoOf(ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    if (t == null) {
      return null;
    }
    if (t instanceof ErrnoException e) {
      return e.errno();
    }
    throw new AssertionError("unexpected exception", t);
  }

  static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
