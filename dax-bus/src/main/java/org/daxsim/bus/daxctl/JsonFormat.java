package org.daxsim.bus.daxctl;

/**
 * daxctl/json.c and util/json.c: the JSON objects of regions, devices and mappings, with
 * daxctl's key order, omitted keys and -u (UTIL_JSON_HUMAN) serializers.
 */
final class JsonFormat {
  static final int IDLE = 1;
  static final int DAX_DEVS = 1 << 3;
  static final int HUMAN = 1 << 4;
  static final int DAX_MAPPINGS = 1 << 9;

  private JsonFormat() {}

  /** util_json_object_size: int64, display_size with -u. */
  static Json size(long v, int flags) {
    return new Json.Int(v, false, (flags & HUMAN) != 0 ? Json.Int.Format.SIZE
        : Json.Int.Format.PLAIN);
  }

  /** util_json_object_hex: uint64, display_hex ("%#llx" quoted) with -u. */
  static Json hex(long v, int flags) {
    return new Json.Int(v, true, (flags & HUMAN) != 0 ? Json.Int.Format.HEX
        : Json.Int.Format.PLAIN);
  }

  static Json u64(long v) {
    return new Json.Int(v, true, Json.Int.Format.PLAIN);
  }

  static Json i32(int v) {
    return new Json.Int(v, false, Json.Int.Format.PLAIN);
  }

  /** util_daxctl_dev_to_json. */
  static Json.Obj dev(LibDev dev, int flags) {
    LibMemory mem = dev.memory();
    Json.Obj j = new Json.Obj();
    j.put("chardev", new Json.Str(dev.devname()));
    j.put("size", size(dev.size, flags));
    if (dev.targetNode >= 0) {
      j.put("target_node", i32(dev.targetNode));
    }
    // daxctl_dev_get_align returns unsigned long, stored in an int
    int align = (int) dev.align;
    if (align > 0) {
      j.put("align", size(dev.align, flags));
    }
    String mode = mem != null ? "system-ram" : dev.isFamfs() ? "famfs" : "devdax";
    j.put("mode", new Json.Str(mode));
    if (mem != null && dev.resource != 0) {
      int sections = mem.numSections();
      int online = mem.isOnline();
      j.put("online_memblocks", i32(online));
      j.put("total_memblocks", i32(sections));
      int movable = mem.isMovable();
      if (movable == 1 || movable == 0) {
        j.put("movable", new Json.Bool(movable == 1));
      }
    }
    if (!dev.isEnabled()) {
      j.put("state", new Json.Str("disabled"));
    }
    if ((flags & DAX_MAPPINGS) == 0) {
      return j;
    }
    Json.Arr maps = null;
    for (LibDev.Mapping m : dev.mappings()) {
      if (maps == null) {
        maps = new Json.Arr();
        j.put("mappings", maps);
      }
      Json.Obj jm = new Json.Obj();
      jm.put("page_offset", hex(m.pgoff(), flags));
      jm.put("start", hex(m.start(), flags));
      jm.put("end", hex(m.end(), flags));
      jm.put("size", size(m.size(), flags));
      maps.add(jm);
    }
    return j;
  }

  /** util_daxctl_devs_to_list: the matching devices, idle ones only with -i. */
  static Json.Arr devs(LibRegion region, Json.Arr jdevs, String ident, int flags) {
    for (LibDev d : region.devices()) {
      if (!Filter.dev(d, ident)) {
        continue;
      }
      if ((flags & IDLE) == 0 && d.size == 0) {
        continue;
      }
      if (jdevs == null) {
        jdevs = new Json.Arr();
      }
      jdevs.add(dev(d, flags));
    }
    return jdevs;
  }

  /** util_daxctl_region_to_json: null when the path is not under /sys/devices. */
  static Json.Obj region(LibRegion r, String ident, int flags) {
    Json.Obj j = new Json.Obj();
    String prefix = "/sys/devices";
    if (!r.path.startsWith(prefix)) {
      return null;
    }
    j.put("path", new Json.Str(r.path.substring(prefix.length())));
    j.put("id", i32(r.id));
    if (r.size != -1L) {
      j.put("size", size(r.size, flags));
    }
    long avail = r.availableSize();
    if (avail != 0) {
      j.put("available_size", size(avail, flags));
    }
    if (r.align != -1L) {
      j.put("align", u64(r.align));
    }
    if ((flags & DAX_DEVS) == 0) {
      return j;
    }
    Json.Arr devs = devs(r, null, ident, flags);
    if (devs != null) {
      j.put("devices", devs);
    }
    return j;
  }

  /** util_display_json_array: the array, or its only element with -u. */
  static void display(Io io, Json.Arr arr, int flags) {
    int len = arr.size();
    if (len > 1 || (flags & HUMAN) == 0) {
      if (len == 0) {
        io.err.append("  Warning: no matching devices found\n\n");
      }
      io.out.append(arr.pretty()).append('\n');
    } else if (len == 1) {
      io.out.append(arr.items.get(0).pretty()).append('\n');
    }
  }
}
