package org.daxsim.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;

/**
 * {@code map [--svg FILE]} (daxsim only): the physical picture of the current host
 * ({@link HostMap}) as aligned text tables: per dax region its device ranges (in page-offset
 * order) and free gaps, then per famfs mount its files' extents and strips cut at range
 * boundaries and placed physically. With {@code --svg FILE} the same picture is also written
 * as an SVG document ({@link MapSvg}) to {@code FILE} in the host's file tree, opened as
 * busybox's shell opens a redirection target (so a missing directory is an error, and
 * {@code cat FILE} prints it).
 */
final class MapCommand {
  private static final String USAGE = "map [--svg FILE]";
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private MapCommand() {}

  static Result run(Host host, List<String> argv) throws ErrnoException {
    String svg = null;
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("--svg") && i + 1 < argv.size() && svg == null) {
        svg = argv.get(++i);
      } else if (a.startsWith("--svg=") && a.length() > 6 && svg == null) {
        svg = a.substring(6);
      } else {
        throw ErrnoException.of(Errno.EINVAL, "unexpected argument '%s'; usage: %s", a, USAGE);
      }
    }
    HostMap map = HostMap.of(host);
    if (svg != null) {
      write(host.root(), svg, MapSvg.render(host.name(), map));
    }
    return Result.ok(text(map));
  }

  /** The text form: one table per region, one per famfs mount. */
  static String text(HostMap map) {
    StringBuilder b = new StringBuilder();
    if (map.regions.isEmpty()) {
      b.append("no dax regions\n");
    }
    for (HostMap.RegionView rv : map.regions) {
      b.append(String.format("region%d %s (%s)%n", rv.region().id(),
          span(rv.region().start(), rv.region().end()), size(rv.region().size())));
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"DEVICE", "RANGE", "PGOFF", "PHYS", "SIZE"});
      for (HostMap.Span s : rv.ranges()) {
        rows.add(new String[] {s.dev(), Integer.toString(s.range()), hex(s.pgoff()),
            span(s.start(), s.end()), size(s.size())});
      }
      for (HostMap.Span s : rv.gaps()) {
        rows.add(new String[] {"free", "", "", span(s.start(), s.end()), size(s.size())});
      }
      table(b, rows);
    }
    for (HostMap.FamfsView f : map.famfs) {
      b.append(String.format("famfs %s on %s%n", f.mountPoint(), f.source()));
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"FILE", "EXTENT", "DEVOFF", "LENGTH", "PHYS"});
      for (HostMap.Piece p : f.pieces()) {
        rows.add(new String[] {p.file(), p.extent(), hex(p.devOffset()), size(p.length()),
            p.phys() < 0 ? "not in any range" : span(p.phys(), p.phys() + p.length() - 1)});
      }
      table(b, rows);
    }
    return b.toString();
  }

  /** Rows indented by two, columns left-aligned two apart, no trailing blanks. */
  private static void table(StringBuilder b, List<String[]> rows) {
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i < r.length - 1) {
          line.append(" ".repeat(w[i] - r[i].length() + 2));
        }
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
  }

  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  static String span(long start, long end) {
    return hex(start) + "-" + hex(end);
  }

  /**
   * A size in binary units: the largest unit not above it, as a whole number when exact, else
   * with two decimals ({@code 4 GiB}, {@code 1.50 MiB}, {@code 512 B}).
   */
  static String size(long bytes) {
    int u = 0;
    while (u + 1 < UNITS.length && Long.compareUnsigned(bytes >>> (10 * (u + 1)), 0) > 0) {
      u++;
    }
    long unit = 1L << (10 * u);
    if (bytes % unit == 0) {
      return (bytes / unit) + " " + UNITS[u];
    }
    return String.format(Locale.ROOT, "%.2f %s", (double) bytes / unit, UNITS[u]);
  }

  /** open(O_WRONLY|O_CREAT|O_TRUNC, 0644) and one write(2), as a shell redirection does. */
  private static void write(Process p, String path, String text) throws ErrnoException {
    int fd;
    try {
      fd = p.open(path, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644);
    } catch (ErrnoException e) {
      throw ErrnoException.of(e.errno(), "can't create %s", path);
    }
    try {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      p.write(fd, b, 0, b.length);
    } finally {
      p.close(fd);
    }
  }
}
