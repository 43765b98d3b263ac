package org.daxsim.bus.daxctl;

import java.util.List;
import org.daxsim.core.Errno;

/**
 * struct daxctl_memory (daxctl/lib/libdaxctl.c): the memory blocks of a system-ram device,
 * found by walking /sys/devices/system/node/nodeN/memoryM and keeping the blocks whose
 * phys_index * block_size lies in [resource, resource + size - 1] (memblock_in_dev).
 */
final class LibMemory {
  private static final String MEM_BASE = "/sys/devices/system/memory";
  private static final int ZONE_UNKNOWN = 1;
  private static final int ZONE_MOVABLE = 2;
  private static final int ZONE_NORMAL = 3;

  enum Op { OFFLINE, ONLINE, ONLINE_NO_MOVABLE, IS_ONLINE, COUNT, GET_ZONE }

  final LibDev dev;
  final String nodePath;
  long blockSize;
  private int zone;
  private boolean inconsistent;

  private LibMemory(LibDev dev, String nodePath) {
    this.dev = dev;
    this.nodePath = nodePath;
  }

  private Lib lib() {
    return dev.region.lib;
  }

  /** daxctl_dev_alloc_mem: block size (hex) and the target node's directory. */
  static LibMemory alloc(LibDev dev) {
    String node = dev.targetNode >= 0 ? "/sys/devices/system/node/node" + dev.targetNode : null;
    LibMemory m = new LibMemory(dev, node);
    String s = dev.region.lib.read(MEM_BASE + "/block_size_bytes");
    if (s != null) {
      m.blockSize = Num.strtoull(s, 16).value();
      if (m.blockSize == 0 || m.blockSize == -1L) {
        dev.region.lib.io.libErr("daxctl_dev_alloc_mem",
            dev.devname() + ": Unable to determine memblock size: Success\n");
        m.blockSize = 0;
      }
    }
    return m;
  }

  int numSections() {
    return op(Op.COUNT);
  }

  int isOnline() {
    return op(Op.IS_ONLINE);
  }

  int offline() {
    return op(Op.OFFLINE);
  }

  /** daxctl_memory_is_movable: 1 when every block is online in ZONE_MOVABLE. */
  int isMovable() {
    zone = 0;
    int rc = op(Op.GET_ZONE);
    if (rc < 0) {
      return rc;
    }
    return zone == ZONE_MOVABLE ? 1 : 0;
  }

  /** daxctl_memory_online_with_zone: online the rest, then verify the zone of every block. */
  int online(boolean movable) {
    int want = movable ? ZONE_MOVABLE : ZONE_NORMAL;
    int rc = op(movable ? Op.ONLINE : Op.ONLINE_NO_MOVABLE);
    if (rc != 0) {
      return rc;
    }
    zone = 0;
    rc = op(Op.GET_ZONE);
    if (rc != 0) {
      return rc;
    }
    if (zone != want) {
      lib().io.libErr("daxctl_memory_online_with_zone", dev.devname()
          + ":\n  WARNING: detected a race while onlining memory\n"
          + "  See 'man daxctl-reconfigure-device' for more details\n");
      return Errno.EBUSY.neg();
    }
    return rc;
  }

  /** daxctl_memory_op: apply op to each memory block of the device; count the zeros. */
  private int op(Op op) {
    if (nodePath == null) {
      lib().io.libErr("daxctl_memory_op", dev.devname() + ": Failed to get node_path\n");
      return Errno.ENXIO.neg();
    }
    List<String> entries = lib().readdir(nodePath);
    if (entries == null) {
      return Errno.ENOENT.neg();
    }
    inconsistent = false;
    int count = 0;
    for (String name : entries) {
      if (!name.startsWith("memory") || name.startsWith("memory_")) {
        continue;
      }
      int rc = inDev(name);
      if (rc < 0) {
        return rc;
      }
      if (rc == 0) {
        continue;
      }
      rc = one(name, op);
      if (rc < 0) {
        return rc;
      }
      if (rc == 0) {
        count++;
      }
    }
    if (inconsistent) {
      zone = ZONE_UNKNOWN;
    }
    return count;
  }

  private int one(String block, Op op) {
    return switch (op) {
      case ONLINE -> onlineOne(block, "online_movable");
      case ONLINE_NO_MOVABLE -> onlineOne(block, "online");
      case OFFLINE -> offlineOne(block);
      case IS_ONLINE -> {
        int rc = isOnline(block);
        yield rc < 0 ? rc : (rc == 0 ? 1 : 0);
      }
      case COUNT -> 0;
      case GET_ZONE -> findZone(block);
    };
  }

  private String statePath(String block) {
    return nodePath + "/" + block + "/state";
  }

  /** memblock_is_online: state starts with "online". */
  private int isOnline(String block) {
    String p = statePath(block);
    String s = lib().read(p);
    if (s == null) {
      int e = lib().readErrno(p);
      lib().io.libErr("memblock_is_online",
          dev.devname() + ": Failed to read " + p + ": " + Lib.strerror(e) + "\n");
      return -e;
    }
    return s.startsWith("online") ? 1 : 0;
  }

  private int onlineOne(String block, String state) {
    int rc = isOnline(block);
    if (rc != 0) {
      return rc;
    }
    rc = lib().write(statePath(block), state, true);
    if (rc != 0 && isOnline(block) == 1) {
      return 0;
    }
    return rc;
  }

  private int offlineOne(String block) {
    int rc = isOnline(block);
    if (rc < 0) {
      return rc;
    }
    if (rc == 0) {
      return 1;
    }
    rc = lib().write(statePath(block), "offline", true);
    if (rc != 0) {
      if (isOnline(block) == 0) {
        return 1;
      }
      lib().io.libErr("offline_one_memblock", dev.devname() + ": Failed to offline "
          + statePath(block) + ": " + Lib.strerror(rc) + "\n");
    }
    return rc;
  }

  /** memblock_find_zone: valid_zones of an online block ("Movable", "Normal", else mixed). */
  private int findZone(String block) {
    int rc = isOnline(block);
    if (rc < 0) {
      return rc;
    }
    if (rc == 0) {
      return Errno.ENXIO.neg();
    }
    String p = nodePath + "/" + block + "/valid_zones";
    String s = lib().read(p);
    if (s == null) {
      int e = lib().readErrno(p);
      lib().io.libErr("memblock_find_zone",
          dev.devname() + ": Failed to read " + p + ": " + Lib.strerror(e) + "\n");
      return -e;
    }
    int cur = s.equals("Movable") ? ZONE_MOVABLE : s.equals("Normal") ? ZONE_NORMAL
        : ZONE_UNKNOWN;
    if (zone != 0) {
      if (zone != cur) {
        inconsistent = true;
      }
    } else {
      zone = cur;
    }
    return 0;
  }

  /** memblock_in_dev: phys_index (hex) * block size within the device's single window. */
  private int inDev(String block) {
    String p = MEM_BASE + "/" + block + "/phys_index";
    String s = lib().read(p);
    if (s == null) {
      int e = lib().readErrno(p);
      lib().io.libErr("memblock_in_dev", dev.devname() + ": " + block
          + ": Unable to determine phys_index: " + Lib.strerror(e) + "\n");
      return -e;
    }
    long index = Num.strtoull(s, 16).value();
    long start = dev.resource;
    if (start == 0) {
      lib().io.libErr("memblock_in_dev", dev.devname() + ": Unable to determine resource\n");
      return Errno.EACCES.neg();
    }
    long end = start + dev.size - 1;
    if (blockSize == 0) {
      lib().io.libErr("memblock_in_dev",
          dev.devname() + ": Unable to determine memory block size\n");
      return Errno.ENXIO.neg();
    }
    long res = index * blockSize;
    return Long.compareUnsigned(res, start) >= 0 && Long.compareUnsigned(res, end) <= 0 ? 1 : 0;
  }
}
