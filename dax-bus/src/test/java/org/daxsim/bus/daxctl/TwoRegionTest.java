package org.daxsim.bus.daxctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.daxsim.bus.sysfs.SysfsView;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/**
 * Two hmem regions (oracle -r 1G@0x100000000 -r 1G@0x180000000): libdaxctl's region order
 * (head-inserted readdir order of /sys/bus/dax/devices) against the real daxctl's output.
 */
class TwoRegionTest {
  /** A read-only sysfs snapshot: attribute texts, directory listings and links. */
  static final class SnapshotSysfs implements SysfsView {
    final Map<String, String> files = new HashMap<>();
    final Map<String, List<String>> dirs = new HashMap<>();
    final Map<String, String> links = new HashMap<>();

    @Override
    public String read(String path) throws ErrnoException {
      String s = files.get(path);
      if (s == null) {
        throw new ErrnoException(Errno.ENOENT, path);
      }
      return s;
    }

    @Override
    public int write(String path, String value) throws ErrnoException {
      throw new ErrnoException(Errno.EACCES, path);
    }

    @Override
    public List<String> list(String dir) throws ErrnoException {
      List<String> l = dirs.get(dir);
      if (l == null) {
        throw new ErrnoException(Errno.ENOENT, dir);
      }
      List<String> sorted = new ArrayList<>(l);
      sorted.sort(null);
      return sorted;
    }

    @Override
    public String realpath(String path) throws ErrnoException {
      String l = links.get(path);
      if (l != null) {
        return l;
      }
      if (exists(path)) {
        return path;
      }
      throw new ErrnoException(Errno.ENOENT, path);
    }

    @Override
    public boolean exists(String path) {
      return files.containsKey(path) || dirs.containsKey(path) || links.containsKey(path);
    }
  }

  private static SnapshotSysfs twoRegions() {
    SnapshotSysfs s = new SnapshotSysfs();
    s.dirs.put("/sys/bus/dax/devices", List.of("dax0.0", "dax1.0"));
    s.dirs.put("/sys/bus/dax/drivers", List.of("device_dax"));
    for (int r = 0; r < 2; r++) {
      String region = "/sys/devices/platform/hmem." + r;
      String dev = region + "/dax" + r + ".0";
      long start = 0x100000000L + r * 0x80000000L;
      s.links.put("/sys/bus/dax/devices/dax" + r + ".0", dev);
      s.dirs.put(region, List.of("dax" + r + ".0", "dax_region", "driver", "modalias",
          "numa_node", "power", "subsystem", "uevent"));
      s.files.put(region + "/dax_region/id", r + "\n");
      s.files.put(region + "/dax_region/size", "1073741824\n");
      s.files.put(region + "/dax_region/align", "2097152\n");
      s.files.put(region + "/dax_region/available_size", "0\n");
      s.files.put(region + "/dax_region/seed", "\n");
      s.files.put(dev + "/size", "1073741824\n");
      s.files.put(dev + "/align", "2097152\n");
      s.files.put(dev + "/target_node", "0\n");
      s.files.put(dev + "/resource", "0x" + Long.toHexString(start) + "\n");
      s.files.put(dev + "/mapping0/start", "0x" + Long.toHexString(start) + "\n");
      s.files.put(dev + "/mapping0/end", "0x" + Long.toHexString(start + (1L << 30) - 1) + "\n");
      s.files.put(dev + "/mapping0/page_offset", "0x0\n");
      s.links.put(dev + "/driver", "/sys/bus/dax/drivers/device_dax");
    }
    return s;
  }

  /** Recorded on linux 6.1.0-56 with daxctl 76.1. */
  static final String GOLD = """
### CMD 1: daxctl list -R -D -M
--- stdout
[
  {
    "path":"\\/platform\\/hmem.1",
    "id":1,
    "size":1073741824,
    "align":2097152,
    "devices":[
      {
        "chardev":"dax1.0",
        "size":1073741824,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":0,
            "start":6442450944,
            "end":7516192767,
            "size":1073741824
          }
        ]
      }
    ]
  },
  {
    "path":"\\/platform\\/hmem.0",
    "id":0,
    "size":1073741824,
    "align":2097152,
    "devices":[
      {
        "chardev":"dax0.0",
        "size":1073741824,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":0,
            "start":4294967296,
            "end":5368709119,
            "size":1073741824
          }
        ]
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 2: daxctl list
--- stdout
[
  {
    "chardev":"dax1.0",
    "size":1073741824,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  },
  {
    "chardev":"dax0.0",
    "size":1073741824,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
--- rc=0
### CMD 3: daxctl list -R -u
--- stdout
[
  {
    "path":"\\/platform\\/hmem.1",
    "id":1,
    "size":"1024.00 MiB (1073.74 MB)",
    "align":2097152
  },
  {
    "path":"\\/platform\\/hmem.0",
    "id":0,
    "size":"1024.00 MiB (1073.74 MB)",
    "align":2097152
  }
]
--- stderr
--- rc=0
""";

  @Test
  void regionsComeInLibdaxctlOrder() throws ErrnoException {
    Daxctl d = new Daxctl(twoRegions(), p -> null, m -> { });
    int n = 0;
    for (Harness.Step want : Harness.parse(GOLD)) {
      Daxctl.Result got;
      try {
        got = d.run(List.of(want.cmd().split(" ")));
      } catch (ErrnoException e) {
        throw new AssertionError(e);
      }
      assertThat(got.stdout()).as(want.cmd()).isEqualTo(want.stdout());
      assertThat(got.stderr()).as(want.cmd()).isEqualTo(want.stderr());
      assertThat(got.exit()).as(want.cmd()).isEqualTo(want.rc());
      n++;
    }
    assertThat(n).isEqualTo(3);
  }
}
