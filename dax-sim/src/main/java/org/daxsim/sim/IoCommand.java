package org.daxsim.sim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Strtoull;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.mm.Signal;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;

/**
 * CLI.md's {@code io} command: what the oracle's {@code io.c} does, as a fresh process on the
 * host. {@code write}/{@code read} pwrite(2)/pread(2) 1 MiB at a time through a user buffer
 * (an anonymous mapping, so the kernel copies to and from user memory as for the C program);
 * {@code mmap-write}/{@code mmap-read} map exactly {@code [offset, offset + length)} MAP_SHARED
 * and store or load it 4 KiB at a time, a fault arriving as the process's {@link Signal}.
 * {@code io faults FILE} (daxsim only) prints the fault counts of the last mapping of FILE on
 * the host, collected from the {@link Tracepoint#MM_FAULT} tracepoint (see {@link IoFaults}).
 */
final class IoCommand {
  /** io.c's usage(), on stderr with exit status 2. */
  static final String USAGE =
      "usage: io write|read|mmap-write|mmap-read FILE [--seed S] [--offset N] [--length N]\n";
  private static final int CHUNK = 1 << 20;
  private static final int MAP_CHUNK = 4096;
  /** The last mapping's fault counts, per host, per FILE as given. */
  private static final Map<Host, Map<String, IoFaults>> FAULTS = new WeakHashMap<>();

  private IoCommand() {}

  /** Runs {@code io OP FILE [OPTIONS]}; io.c's parsing, output and exit statuses. */
  static Result run(Host host, List<String> argv) {
    if (argv.size() < 3) {
      return usage();
    }
    String op = argv.get(1);
    String file = argv.get(2);
    if (op.equals("faults")) {
      return argv.size() == 3 ? faults(host, file) : usage();
    }
    long seed = 0;
    long off = 0;
    long len = 0;
    boolean haveSeed = false;
    boolean haveLen = false;
    for (int i = 3; i < argv.size(); i += 2) {
      if (i + 1 >= argv.size()) {
        return usage();
      }
      String arg = argv.get(i + 1);
      Strtoull.Parsed p = Strtoull.parse(arg, 0);
      if (p.end() != arg.length()) { // io.c takes the number only when *end is the NUL
        return usage();
      }
      long v = p.value();
      switch (argv.get(i)) {
        case "--seed" -> {
          seed = v;
          haveSeed = true;
        }
        case "--offset" -> off = v;
        case "--length" -> {
          len = v;
          haveLen = true;
        }
        default -> {
          return usage();
        }
      }
    }
    boolean writing = op.equals("write") || op.equals("mmap-write");
    boolean mapping = op.startsWith("mmap-");
    if (!writing && !op.equals("read") && !op.equals("mmap-read")) {
      return usage();
    }
    if (writing && !haveSeed) {
      return usage();
    }
    Process p;
    try {
      p = host.vfs().newProcess(Cred.ROOT);
    } catch (ErrnoException e) {
      return fail(e.errno(), "fork", new StringBuilder());
    }
    try {
      int fd;
      try {
        fd = p.open(file, writing ? Fcntl.O_RDWR : Fcntl.O_RDONLY);
      } catch (ErrnoException e) {
        return fail(e.errno(), "open", new StringBuilder());
      }
      if (!haveLen) {
        try {
          long size = p.fstat(fd).size();
          len = Long.compareUnsigned(size, off) > 0 ? size - off : 0;
        } catch (ErrnoException e) {
          len = 0; // io.c ignores fstat's result
        }
      }
      Io io = new Io(p, fd, seed, off, len, writing);
      return mapping ? io.mapped(host, file) : io.syscalls();
    } finally {
      p.exit();
    }
  }

  private static Result usage() {
    return Result.fail(2, null, USAGE);
  }

  private static Result fail(Errno e, String op, StringBuilder out) {
    return new Result(1, e.name(), out.toString(), "io: " + op + ": " + e.strerror() + "\n");
  }

  private static Result faults(Host host, String file) {
    IoFaults f;
    synchronized (FAULTS) {
      f = FAULTS.getOrDefault(host, Map.of()).get(file);
    }
    if (f == null) {
      return Result.fail(1, null, "io: faults: " + file + ": no mapping recorded on this host\n");
    }
    return Result.ok(f.format());
  }

  private static void record(Host host, String file, IoFaults f) {
    synchronized (FAULTS) {
      FAULTS.computeIfAbsent(host, h -> new HashMap<>()).put(file, f);
    }
  }

  /** One io run: the open file and the request. */
  private static final class Io {
    private final Process p;
    private final int fd;
    private final long seed;
    private final long off;
    private final long len;
    private final boolean writing;
    private final MessageDigest sha = sha256();
    private long done;

    Io(Process p, int fd, long seed, long off, long len, boolean writing) {
      this.p = p;
      this.fd = fd;
      this.seed = seed;
      this.off = off;
      this.len = len;
      this.writing = writing;
    }

    /** pwrite/pread 1 MiB at a time; a short transfer ends the loop, as in io.c. */
    Result syscalls() {
      Mm mm = p.mm();
      long ubuf;
      try {
        ubuf = p.mmap(0, CHUNK, Mman.PROT_READ | Mman.PROT_WRITE,
            Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
      } catch (ErrnoException e) {
        return fail(e.errno(), "malloc", new StringBuilder());
      }
      byte[] buf = new byte[CHUNK];
      try {
        while (Long.compareUnsigned(done, len) < 0) {
          int n = Long.compareUnsigned(len - done, CHUNK) < 0 ? (int) (len - done) : CHUNK;
          long r;
          try {
            if (writing) {
              SeedPattern.fill(seed, off + done, buf, 0, n);
              mm.store(ubuf, buf, 0, n);
              r = p.pwrite(fd, ubuf, n, off + done);
            } else {
              r = p.pread(fd, ubuf, n, off + done);
            }
          } catch (ErrnoException e) {
            return fail(e.errno(), writing ? "write" : "read", done == 0
                ? new StringBuilder() : new StringBuilder(success()));
          }
          if (r == 0) {
            break;
          }
          if (!writing) {
            mm.load(ubuf, buf, 0, (int) r);
            sha.update(buf, 0, (int) r);
          }
          done += r;
          if (r < n) {
            break;
          }
        }
      } catch (Signal s) {
        return signal(s, ubuf);
      } catch (ErrnoException e) {
        return fail(e.errno(), writing ? "write" : "read", new StringBuilder());
      }
      return Result.ok(success());
    }

    /** mmap exactly [off, off + len), store or load every byte, munmap. */
    Result mapped(Host host, String file) {
      IoFaults counts = new IoFaults(p.mm());
      try (Trace.Registration reg = Trace.listen(counts)) {
        long addr;
        try {
          addr = p.mmap(0, len, writing ? Mman.PROT_READ | Mman.PROT_WRITE : Mman.PROT_READ,
              Mman.MAP_SHARED, fd, off);
        } catch (ErrnoException e) {
          return fail(e.errno(), "mmap", new StringBuilder());
        }
        record(host, file, counts);
        Mm mm = p.mm();
        byte[] tmp = new byte[MAP_CHUNK];
        Result res = null;
        try {
          while (Long.compareUnsigned(done, len) < 0) {
            int n = Long.compareUnsigned(len - done, MAP_CHUNK) < 0 ? (int) (len - done)
                : MAP_CHUNK;
            if (writing) {
              SeedPattern.fill(seed, off + done, tmp, 0, n);
              mm.store(addr + done, tmp, 0, n);
            } else {
              mm.load(addr + done, tmp, 0, n);
              sha.update(tmp, 0, n);
            }
            done += n;
          }
        } catch (Signal s) {
          res = signal(s, addr);
        } catch (ErrnoException e) {
          res = fail(e.errno(), writing ? "write" : "read", new StringBuilder());
        }
        try {
          p.munmap(addr, len);
        } catch (ErrnoException e) {
          // io.c ignores munmap's result
        }
        return res != null ? res : Result.ok(success());
      }
    }

    private String success() {
      return writing ? "wrote " + Long.toUnsignedString(done) + " bytes\n"
          : "read " + Long.toUnsignedString(done) + " bytes sha256 "
              + HexFormat.of().formatHex(sha.digest()) + "\n";
    }

    /** io.c's on_sig(): the signal, its code and the file offset of the faulting byte. */
    private Result signal(Signal s, long base) {
      if (s.signo() == Signal.SIGKILL) {
        return new Result(137, null, "", "Killed\n");
      }
      long at = off + (s.addr() - base);
      return Result.fail(1, null, String.format("io: %s (%s) at offset %s\n",
          s.signo() == Signal.SIGBUS ? "SIGBUS" : "SIGSEGV", codeName(s.signo(), s.code()),
          Long.toUnsignedString(at)));
    }
  }

  /** io.c's code_name(). */
  static String codeName(int signo, int code) {
    if (signo == Signal.SIGBUS) {
      switch (code) {
        case 1: return "BUS_ADRALN";
        case 2: return "BUS_ADRERR";
        case 3: return "BUS_OBJERR";
        case 4: return "BUS_MCEERR_AR";
        case 5: return "BUS_MCEERR_AO";
        default: return "?";
      }
    }
    if (signo == Signal.SIGSEGV) {
      switch (code) {
        case 1: return "SEGV_MAPERR";
        case 2: return "SEGV_ACCERR";
        default: return "?";
      }
    }
    return "?";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
