package org.daxsim.sim;

import static org.daxsim.core.mm.Mman.MAP_ANONYMOUS;
import static org.daxsim.core.mm.Mman.MAP_PRIVATE;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.Signal;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;

/**
 * What the demos' application process does, as {@code ../oracle/io/io.c} does it: a fresh
 * process per operation, {@code pread(2)} into an anonymous user buffer (so the kernel copies
 * with {@code copy_to_user}, not into a kernel buffer), and loads and stores through a
 * {@code MAP_SHARED} mapping of exactly {@code [offset, offset + length)}. Failures are not
 * thrown: an {@link Outcome} carries the bytes done and the errno or signal that stopped them.
 */
final class DemoIo {
  private DemoIo() {}

  /**
   * What one I/O did: the bytes transferred (for a read, their contents), and the errno of the
   * failing system call or the signal of the faulting access (null when it all went through).
   *
   * @param bytes the bytes read (reads) or an empty array (writes)
   * @param done the number of bytes transferred before the failure
   * @param errno the failing call's errno, or null
   * @param op the failing call ({@code open}, {@code read}, {@code write}, {@code mmap}), or null
   * @param signal the signal of a faulting load or store, or null
   * @param faultOffset the file offset of the faulting byte, or -1
   */
  record Outcome(byte[] bytes, long done, Errno errno, String op, Signal signal,
      long faultOffset) {
    /** True when every byte asked for was transferred. */
    boolean complete(long length) {
      return errno == null && signal == null && done == length;
    }

    /** The io command's output for this outcome (CLI.md), reads with their sha256. */
    String ioText(boolean read) {
      StringBuilder b = new StringBuilder();
      if (done > 0 || (errno == null && signal == null)) {
        b.append(read ? "read " + done + " bytes sha256 " + sha256(bytes) : "wrote " + done
            + " bytes").append('\n');
      }
      if (errno != null) {
        b.append("io: ").append(op).append(": ").append(errno.strerror()).append('\n');
      } else if (signal != null) {
        b.append("io: ").append(Signal.name(signal.signo())).append(" (")
            .append(Signal.codeName(signal.signo(), signal.code())).append(") at offset ")
            .append(faultOffset).append('\n');
      }
      return b.toString();
    }
  }

  /** pread(2) of {@code [offset, offset + length)}, 1 MiB at a time, into a user buffer. */
  static Outcome read(Host host, String path, long offset, int length) {
    Process p;
    try {
      p = host.vfs().newProcess(Cred.ROOT);
    } catch (ErrnoException e) {
      return new Outcome(new byte[0], 0, e.errno(), "fork", null, -1);
    }
    int done = 0;
    String op = "open";
    long buf = 0;
    try {
      int fd = p.open(path, Fcntl.O_RDONLY);
      op = "mmap";
      buf = p.mmap(0, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      op = "read";
      while (done < length) {
        int chunk = Math.min(length - done, 1 << 20);
        long n = p.pread(fd, buf + done, chunk, offset + done);
        if (n <= 0) {
          break;
        }
        done += (int) n;
      }
      return new Outcome(load(p, buf, done), done, null, null, null, -1);
    } catch (ErrnoException e) {
      return new Outcome(partial(p, buf, done), done, e.errno(), op, null, -1);
    } catch (Signal s) {
      return new Outcome(new byte[0], done, Errno.EFAULT, op, null, -1);
    } finally {
      p.exit();
    }
  }

  /** The bytes a read delivered before it failed (none when even that load fails). */
  private static byte[] partial(Process p, long buf, int done) {
    try {
      return buf == 0 ? new byte[0] : load(p, buf, done);
    } catch (Signal | ErrnoException e) {
      return new byte[0];
    }
  }

  /** The first {@code n} bytes of the user buffer at {@code buf}. */
  private static byte[] load(Process p, long buf, int n) throws Signal, ErrnoException {
    byte[] b = new byte[n];
    p.mm().load(buf, b, 0, n);
    return b;
  }

  /** mmap(2) of {@code [offset, offset + length)} read-only, then a load of every byte. */
  static Outcome mmapRead(Host host, String path, long offset, int length) {
    return mapped(host, path, offset, length, null);
  }

  /** mmap(2) read-write and a store of {@code data} (the seeded pattern), then munmap. */
  static Outcome mmapWrite(Host host, String path, long offset, byte[] data) {
    return mapped(host, path, offset, data.length, data);
  }

  private static Outcome mapped(Host host, String path, long offset, int length, byte[] data) {
    Process p;
    try {
      p = host.vfs().newProcess(Cred.ROOT);
    } catch (ErrnoException e) {
      return new Outcome(new byte[0], 0, e.errno(), "fork", null, -1);
    }
    String op = "open";
    byte[] got = new byte[length];
    long va = 0;
    try {
      int fd = p.open(path, data == null ? Fcntl.O_RDONLY : Fcntl.O_RDWR);
      op = "mmap";
      va = p.mmap(0, length, data == null ? PROT_READ : PROT_READ | PROT_WRITE, MAP_SHARED, fd,
          offset);
      for (int pos = 0; pos < length; pos += 4096) {
        int n = Math.min(4096, length - pos);
        try {
          if (data == null) {
            p.mm().load(va + pos, got, pos, n);
          } else {
            p.mm().store(va + pos, data, pos, n);
          }
        } catch (Signal s) {
          long at = offset + (s.addr() - va);
          return new Outcome(Arrays.copyOf(got, pos), pos, null, null, s, at);
        }
      }
      return new Outcome(data == null ? got : new byte[0], length, null, null, null, -1);
    } catch (ErrnoException e) {
      return new Outcome(new byte[0], 0, e.errno(), op, null, -1);
    } finally {
      p.exit();
    }
  }

  /**
   * The seeded pattern of CLI.md for file bytes {@code [offset, offset + length)}, as
   * {@link SeedPattern#fill} (io.c's {@code pattern()}) produces it.
   */
  static byte[] pattern(long seed, long offset, int length) {
    byte[] b = new byte[length];
    SeedPattern.fill(seed, offset, b, 0, length);
    return b;
  }

  /** The lowercase hex sha256 of {@code b}. */
  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
