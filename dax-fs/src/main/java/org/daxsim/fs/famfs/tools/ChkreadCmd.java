package org.daxsim.fs.famfs.tools;

import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.Mman;
import org.daxsim.fs.famfs.format.FormatException;
import org.daxsim.fs.famfs.format.LogHeader;
import org.daxsim.fs.famfs.format.Superblock;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;

/**
 * famfs chkread [-s] [-l] &lt;file&gt; (famfs_cli.c do_famfs_cli_chkread): reads the whole file
 * with read(2) into a user buffer and compares it with loads through a shared mapping of the
 * file. {@code -s}/{@code -l} also decode the first bytes of both copies as a superblock / log
 * header and hex-dump them. Exit 0 when both agree; 1 when they differ (the first differing
 * offset is printed), when read(2) fails or comes up short, or when the file cannot be stat'ed.
 * Upstream asserts (SIGABRT) where this reports a failed read or mapping with exit 1, and maps
 * the file read-write where a read-only mapping suffices here.
 */
final class ChkreadCmd {
  private static final int PIECE = 1 << 20;

  private ChkreadCmd() {}

  static int run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "slh", Map.of(), 1);
    if (o.has('h')) {
      io.out("famfs chkread [-s|-l] <famfs-file>");
      return 0;
    }
    if (o.operands.isEmpty()) {
      throw ToolError.of(Errno.EINVAL, 1, "famfs chkread: Must specify at least one file");
    }
    String file = o.operands.get(0);
    Process p = env.proc();
    long size;
    try {
      size = p.stat(file).size();
    } catch (ErrnoException e) {
      throw ToolError.of(e.errno(), 1, "famfs chkread: could not stat file %s", file);
    }
    if (size <= 0) {
      throw ToolError.of(Errno.EINVAL, 1, "famfs chkread: %s is empty", file);
    }
    int fd;
    try {
      fd = p.open(file, Fcntl.O_RDONLY);
    } catch (ErrnoException e) {
      throw ToolError.of(e.errno(), 1, "famfs chkread: open %s: %s", file, e.errno());
    }
    long map = 0;
    long buf = 0;
    long bufLen = (size + 4095) & ~4095L;
    try {
      try {
        map = UserMem.map(p, fd, 0, size, false);
      } catch (ErrnoException e) {
        throw ToolError.of(e.errno(), 1, "famfs chkread: mmap %s: %s", file, e.errno());
      }
      buf = p.mmap(0, bufLen, Mman.PROT_READ | Mman.PROT_WRITE,
          Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
      long got = 0;
      try {
        while (got < size) {
          long n = p.read(fd, buf + got, size - got);
          if (n <= 0) {
            break;
          }
          got += n;
        }
      } catch (ErrnoException e) {
        io.out("read tried=%d got=%d", size, got);
        throw ToolError.of(e.errno(), 1, "famfs chkread: read(2) of %s failed after %d bytes: %s",
            file, got, e.errno());
      }
      io.out("read tried=%d got=%d", size, got);
      if (got != size) {
        io.err("famfs chkread: short read of %s: %d of %d bytes", file, got, size);
        return 1;
      }
      if (o.has('s')) {
        dumpSuper(p, map, buf, io);
      }
      if (o.has('l')) {
        dumpLog(p, map, buf, io);
      }
      for (long at = 0; at < size; at += PIECE) {
        int n = (int) Math.min(PIECE, size - at);
        byte[] byRead = UserMem.load(p, buf + at, n);
        byte[] byMmap = UserMem.load(p, map + at, n);
        for (int i = 0; i < n; i++) {
          if (byRead[i] != byMmap[i]) {
            io.err("Read and mmap miscompare at offset %d: read 0x%02x mmap 0x%02x", at + i,
                byRead[i] & 0xff, byMmap[i] & 0xff);
            return 1;
          }
        }
      }
      io.out("Read and mmap match");
      return 0;
    } finally {
      if (buf != 0) {
        p.munmap(buf, bufLen);
      }
      if (map != 0) {
        p.munmap(map, size);
      }
      p.close(fd);
    }
  }

  private static void dumpSuper(Process p, long map, long buf, Io io) throws ErrnoException {
    for (String how : new String[] {"mmap", "read"}) {
      byte[] b = UserMem.load(p, how.equals("mmap") ? map : buf, 200);
      io.out("superblock by %s", how);
      try {
        io.out("  %s", Superblock.decode(b));
      } catch (FormatException e) {
        io.out("  undecodable: %s", e.getMessage());
      }
      hex(b, 32, "Superblock by " + how, io);
    }
  }

  private static void dumpLog(Process p, long map, long buf, Io io) throws ErrnoException {
    for (String how : new String[] {"mmap", "read"}) {
      byte[] b = UserMem.load(p, how.equals("mmap") ? map : buf, 64);
      io.out("Log by %s", how);
      try {
        io.out("  %s", LogHeader.decode(b));
      } catch (FormatException e) {
        io.out("  undecodable: %s", e.getMessage());
      }
      hex(b, 64, "Log by " + how, io);
    }
  }

  private static void hex(byte[] b, int len, String title, Io io) {
    io.out("%s", title);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < Math.min(len, b.length); i++) {
      line.append(String.format("%02x ", b[i] & 0xff));
      if (i % 16 == 15) {
        io.out("%s", line.toString().trim());
        line.setLength(0);
      }
    }
    if (line.length() > 0) {
      io.out("%s", line.toString().trim());
    }
  }
}
