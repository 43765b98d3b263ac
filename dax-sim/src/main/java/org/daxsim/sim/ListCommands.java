package org.daxsim.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * busybox 1.35's {@code ls} (coreutils/ls.c, the single-column style a pipe gets) and
 * {@code stat} (coreutils/stat.c, the default format) on any path of a host, through
 * {@link HostFiles}. ls takes {@code -1 -a -A -d -l}; stat takes {@code -L}.
 */
final class ListCommands {
  private ListCommands() {}

  /** One listed entry: the name shown and its stat. */
  private record Entry(String name, String fullname, HostFiles.Info info) {}

  private static final class Out {
    final StringBuilder out = new StringBuilder();
    final StringBuilder err = new StringBuilder();
    Errno errno;

    void fail(String message, ErrnoException e) {
      err.append(message).append(": ").append(e.errno().strerror()).append('\n');
      errno = e.errno();
    }

    Result result() {
      return new Result(errno == null ? 0 : 1, errno == null ? null : errno.name(),
          out.toString(), err.toString());
    }
  }

  /** ls [-1aAdl] [FILE]...: operands that are files first, then each directory's entries. */
  static Result ls(Host host, List<String> argv) {
    BusyboxArgs a = BusyboxArgs.parse(argv, "1aAdl", "w", "CxLHRFpinshrSXvctue");
    if (a.error != null) {
      return a.error;
    }
    HostFiles fs = new HostFiles(host);
    boolean longStyle = a.has('l');
    List<String> operands = a.operands.isEmpty() ? List.of("/") : a.operands;
    Out o = new Out();
    List<Entry> files = new ArrayList<>();
    List<Entry> dirs = new ArrayList<>();
    for (String p : operands) {
      try {
        HostFiles.Info i = fs.stat(p, !longStyle);
        (i.isDir() && !a.has('d') ? dirs : files).add(new Entry(p, p, i));
      } catch (ErrnoException e) {
        o.fail("ls: " + p, e);
      }
    }
    Comparator<Entry> byName = Comparator.comparing(Entry::name, ListCommands::strcmp);
    files.sort(byName);
    dirs.sort(byName);
    for (Entry e : files) {
      o.out.append(line(e, longStyle));
    }
    boolean first = files.isEmpty();
    for (Entry d : dirs) {
      if (operands.size() > 1) {
        if (!first) {
          o.out.append('\n');
        }
        first = false;
        o.out.append(d.fullname()).append(":\n");
      }
      List<Entry> entries = scan(fs, d.fullname(), a.has('a'), a.has('a') || a.has('A'), o);
      if (longStyle) {
        long blocks = 1;
        for (Entry e : entries) {
          blocks += e.info().blocks();
        }
        o.out.append("total ").append(blocks >>> 1).append('\n');
      }
      entries.sort(byName);
      for (Entry e : entries) {
        o.out.append(line(e, longStyle));
      }
    }
    return o.result();
  }

  /** scan_one_dir(): the entries of {@code dir}, each lstat'ed. */
  private static List<Entry> scan(HostFiles fs, String dir, boolean dots, boolean hidden,
      Out o) {
    List<Entry> entries = new ArrayList<>();
    List<String> names;
    try {
      names = new ArrayList<>(fs.readdir(dir));
    } catch (ErrnoException e) {
      o.fail("ls: can't open '" + dir + "'", e);
      return entries;
    }
    if (dots) {
      names.add(0, "..");
      names.add(0, ".");
    }
    for (String n : names) {
      if (n.startsWith(".") && !hidden) {
        continue;
      }
      String full = join(dir, n);
      try {
        entries.add(new Entry(n, full, fs.stat(dotPath(full), false)));
      } catch (ErrnoException e) {
        o.fail("ls: " + full, e);
      }
    }
    return entries;
  }

  /** sysfs paths have no . and .. entries to walk: resolve them by name. */
  private static String dotPath(String full) {
    if (!HostFiles.isSysfs(full)) {
      return full;
    }
    if (full.endsWith("/.")) {
      return full.substring(0, full.length() - 2);
    }
    if (full.endsWith("/..")) {
      String d = full.substring(0, full.length() - 3);
      int s = d.lastIndexOf('/');
      return s <= 0 ? "/" : d.substring(0, s);
    }
    return full;
  }

  /** concat_path_file(). */
  static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  /** display_single(): the name, or the long line (mode, links, owner, size, date, name). */
  private static String line(Entry e, boolean longStyle) {
    if (!longStyle) {
      return e.name() + "\n";
    }
    HostFiles.Info i = e.info();
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-10s %4d %-8.8s %-8.8s ",
        BusyboxFormat.modeString(i.mode()), i.nlink(), BusyboxFormat.name(i.uid()),
        BusyboxFormat.name(i.gid())));
    if (i.isChr()) {
      s.append(String.format(Locale.ROOT, "%4d, %3d ", i.rdevMajor(), i.rdevMinor()));
    } else {
      s.append(String.format(Locale.ROOT, "%9d ", i.size()));
    }
    s.append(BusyboxFormat.lsDate(i.mtimeNs())).append(e.name());
    if (i.link() != null) {
      s.append(" -> ").append(i.link());
    }
    return s.append('\n').toString();
  }

  /** strcmp() over the UTF-8 bytes (the C locale's order). */
  static int strcmp(String x, String y) {
    byte[] a = x.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] b = y.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(a, b);
  }

  /** stat [-L] FILE...: busybox's default format, one block per file. */
  static Result stat(Host host, List<String> argv) {
    BusyboxArgs a = BusyboxArgs.parse(argv, "L", "", "ltfc");
    if (a.error != null) {
      return a.error;
    }
    if (a.operands.isEmpty()) {
      return BusyboxArgs.usage("stat", "");
    }
    HostFiles fs = new HostFiles(host);
    Out o = new Out();
    for (String p : a.operands) {
      HostFiles.Info i;
      try {
        i = fs.stat(p, a.has('L'));
      } catch (ErrnoException e) {
        o.fail("stat: can't stat '" + p + "'", e);
        continue;
      }
      o.out.append(statText(p, i));
    }
    return o.result();
  }

  /** print_it() of the default format for {@code i}. */
  static String statText(String name, HostFiles.Info i) {
    StringBuilder s = new StringBuilder();
    s.append("  File: ").append(i.link() != null ? "'" + name + "' -> '" + i.link() + "'" : name)
        .append('\n');
    s.append(String.format(Locale.ROOT, "  Size: %-10d\tBlocks: %-10d IO Block: %-6d %s\n",
        i.size(), i.blocks(), i.blksize(), fileType(i)));
    s.append(String.format(Locale.ROOT, "Device: %xh/%dd\tInode: %-10d  Links: ", i.dev(),
        i.dev(), i.ino()));
    if (i.isChr() || (i.mode() & org.daxsim.fs.vfs.Fcntl.S_IFMT) == 0060000) {
      s.append(String.format(Locale.ROOT, "%-5d Device type: %x,%x\n", i.nlink(), i.rdevMajor(),
          i.rdevMinor()));
    } else {
      s.append(i.nlink()).append('\n');
    }
    s.append(String.format(Locale.ROOT,
        "Access: (%04o/%10.10s)  Uid: (%5d/%8s)   Gid: (%5d/%8s)\n", i.mode() & 07777,
        BusyboxFormat.modeString(i.mode()), i.uid(), BusyboxFormat.name(i.uid()), i.gid(),
        BusyboxFormat.name(i.gid())));
    s.append("Access: ").append(BusyboxFormat.humanTime(i.atimeNs())).append('\n');
    s.append("Modify: ").append(BusyboxFormat.humanTime(i.mtimeNs())).append('\n');
    s.append("Change: ").append(BusyboxFormat.humanTime(i.ctimeNs())).append('\n');
    return s.toString();
  }

  /** stat.c file_type(). */
  private static String fileType(HostFiles.Info i) {
    switch (i.mode() & org.daxsim.fs.vfs.Fcntl.S_IFMT) {
      case 0100000: return i.size() == 0 ? "regular empty file" : "regular file";
      case 0040000: return "directory";
      case 0060000: return "block special file";
      case 0020000: return "character special file";
      case 0010000: return "fifo";
      case 0120000: return "symbolic link";
      case 0140000: return "socket";
      default: return "weird file";
    }
  }
}
