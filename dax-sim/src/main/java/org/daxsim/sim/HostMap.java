package org.daxsim.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;
import org.daxsim.core.mem.Resource;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;
import org.daxsim.fs.vfs.Vfs;

/**
 * The physical picture of one host, gathered as tools would: the dax regions and their device
 * ranges from the bus (what {@code daxctl list -M} shows), the free gaps between the region's
 * child resources (/proc/iomem), and the famfs files of every famfs mount in the host's mount
 * table (/proc/self/mounts), whose maps are read with {@code FAMFSIOC_MAP_GET_V2} from the
 * host's root process and placed physically through the device's ranges.
 */
final class HostMap {
  /** One span of a region in address order: a device range, or a free gap (dev null). */
  record Span(long start, long end, String dev, int range, long pgoff) {
    long size() {
      return end - start + 1;
    }
  }

  /** A region with its device ranges (device order, then pgoff order) and free gaps. */
  record RegionView(DaxRegion region, List<Span> ranges, List<Span> gaps) {}

  /**
   * A physically contiguous piece of a famfs file's extent (or strip): {@code extent} names it
   * ({@code 0}, or {@code 1/strip2}); {@code phys} is -1 where no device range holds it.
   */
  record Piece(String file, String extent, long devOffset, long length, long phys) {}

  /** One famfs mount: its mount point, device, and the pieces of its files (path order). */
  record FamfsView(String mountPoint, String source, List<Piece> pieces) {}

  final List<RegionView> regions = new ArrayList<>();
  final List<FamfsView> famfs = new ArrayList<>();

  private HostMap() {}

  /** Gathers the picture of {@code host}. */
  static HostMap of(Host host) {
    HostMap m = new HostMap();
    for (DaxRegion r : host.regions()) {
      m.regions.add(region(r));
    }
    for (Vfs.MountEntry e : host.vfs().mountTable()) {
      if (e.type().equals("famfs")) {
        DevDax dev = device(host, e.source());
        List<Piece> pieces = new ArrayList<>();
        walk(host.root(), e.target(), "", dev, pieces);
        m.famfs.add(new FamfsView(e.target(), e.source(), pieces));
      }
    }
    return m;
  }

  private static RegionView region(DaxRegion r) {
    List<Span> ranges = new ArrayList<>();
    for (DevDax d : r.devices()) {
      List<DevDaxRange> rs = d.ranges();
      List<Span> mine = new ArrayList<>();
      for (int i = 0; i < rs.size(); i++) {
        DevDaxRange x = rs.get(i);
        mine.add(new Span(x.start(), x.end(), d.name(), i, x.pgoff()));
      }
      mine.sort(Comparator.comparingLong(Span::pgoff));
      ranges.addAll(mine);
    }
    List<Resource> children = new ArrayList<>(r.resource().children());
    children.sort(Comparator.comparingLong(Resource::start));
    List<Span> gaps = new ArrayList<>();
    long at = r.start();
    for (Resource c : children) {
      if (c.start() > at) {
        gaps.add(new Span(at, c.start() - 1, null, -1, -1));
      }
      at = Math.max(at, c.end() + 1);
    }
    if (at <= r.end()) {
      gaps.add(new Span(at, r.end(), null, -1, -1));
    }
    return new RegionView(r, List.copyOf(ranges), List.copyOf(gaps));
  }

  private static DevDax device(Host host, String source) {
    String name = source.startsWith("/dev/") ? source.substring(5) : source;
    for (DaxRegion r : host.regions()) {
      for (DevDax d : r.devices()) {
        if (d.name().equals(name)) {
          return d;
        }
      }
    }
    return null;
  }

  /** Depth-first, names sorted, as {@code find} with sorted output would list them. */
  private static void walk(Process p, String dir, String rel, DevDax dev, List<Piece> out) {
    List<String> names;
    try {
      names = new ArrayList<>(p.readdir(dir));
    } catch (ErrnoException e) {
      return;
    }
    Collections.sort(names);
    for (String n : names) {
      String path = dir + "/" + n;
      String name = rel.isEmpty() ? n : rel + "/" + n;
      Stat st;
      try {
        st = p.stat(path);
      } catch (ErrnoException e) {
        continue;
      }
      if (Fcntl.isDir(st.mode())) {
        walk(p, path, name, dev, out);
      } else {
        FamfsMap map = mapOf(p, path);
        if (map != null) {
          place(map, name, dev, out);
        }
      }
    }
  }

  private static FamfsMap mapOf(Process p, String path) {
    int fd;
    try {
      fd = p.open(path, Fcntl.O_RDONLY);
    } catch (ErrnoException e) {
      return null;
    }
    try {
      return FamfsIoctl.mapGetV2(p, fd);
    } catch (ErrnoException e) {
      return null;
    } finally {
      try {
        p.close(fd);
      } catch (ErrnoException ignored) {
        // just opened
      }
    }
  }

  private static void place(FamfsMap map, String file, DevDax dev, List<Piece> out) {
    if (map.extentType() == FamfsMap.SIMPLE_DAX_EXTENT) {
      List<FamfsMap.Extent> ext = map.extents();
      for (int i = 0; i < ext.size(); i++) {
        split(file, Integer.toString(i), ext.get(i), dev, out);
      }
      return;
    }
    List<FamfsMap.Interleave> ie = map.interleaves();
    for (int i = 0; i < ie.size(); i++) {
      List<FamfsMap.Extent> strips = ie.get(i).strips();
      for (int s = 0; s < strips.size(); s++) {
        split(file, i + "/strip" + s, strips.get(s), dev, out);
      }
    }
  }

  /** Cuts a device extent at the device's range boundaries (pgoff order). */
  private static void split(String file, String name, FamfsMap.Extent e, DevDax dev,
      List<Piece> out) {
    long off = e.offset();
    long end = e.offset() + e.length();
    List<DevDaxRange> ranges = new ArrayList<>(dev == null || e.devIndex() != 0 ? List.of()
        : dev.ranges());
    ranges.sort(Comparator.comparingLong(DevDaxRange::pgoff));
    for (DevDaxRange r : ranges) {
      long rs = r.pgoff() << Pages.PAGE_SHIFT;
      long re = rs + r.length();
      if (off >= end) {
        break;
      }
      if (off < rs || off >= re) {
        continue;
      }
      long n = Math.min(end, re) - off;
      out.add(new Piece(file, name, off, n, r.start() + (off - rs)));
      off += n;
    }
    if (off < end) {
      out.add(new Piece(file, name, off, end - off, -1));
    }
  }
}
