package org.daxsim.bus.daxctl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * readdir(3) order of a sysfs directory: kernfs keeps siblings in an rbtree ordered by
 * (kernfs_name_hash, name) (fs/kernfs/dir.c kernfs_name_hash, kernfs_sd_compare), and
 * readdir walks it in that order. {@link org.daxsim.bus.sysfs.SysfsView#list} returns names
 * sorted, so libdaxctl's scans re-derive the kernel's order here.
 */
final class KernfsOrder {
  private static final long GOLDEN_RATIO_64 = 0x61C8864680B583EBL;

  private KernfsOrder() {}

  /** kernfs_name_hash(name, NULL): partial_name_hash per byte, end_name_hash, 31 bits. */
  static long hash(String name) {
    long h = 0;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      long c = b & 0xff;
      h = (h + (c << 4) + (c >> 4)) * 11;
    }
    h = (h * GOLDEN_RATIO_64) >>> 32;
    h &= 0x7fffffffL;
    if (h < 2) {
      h += 2;
    }
    if (h >= 0x7fffffffL) {
      h = 0x7fffffffL - 1;
    }
    return h;
  }

  /** The entries in the order readdir returns them. */
  static List<String> readdir(List<String> names) {
    List<String> out = new ArrayList<>(names);
    out.sort(Comparator.comparingLong(KernfsOrder::hash).thenComparing(Comparator.naturalOrder()));
    return out;
  }
}
