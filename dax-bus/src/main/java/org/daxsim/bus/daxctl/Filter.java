package org.daxsim.bus.daxctl;

/** daxctl/filter.c: device and region selectors. */
final class Filter {
  private Filter() {}

  /** util_daxctl_dev_filter: null/"all", the device name, or "R.N". */
  static boolean dev(LibDev dev, String ident) {
    if (ident == null || ident.equals("all")) {
      return true;
    }
    if (ident.equals(dev.devname())) {
      return true;
    }
    int[] p = Scan.pair(ident);
    return p != null && p[0] == dev.region.id && p[1] == dev.id;
  }

  /** util_daxctl_region_filter: null/"all", "N" or "regionN". */
  static boolean region(LibRegion region, String ident) {
    if (ident == null || ident.equals("all")) {
      return true;
    }
    long[] n = Scan.scanInt(ident, 0);
    Integer id = n != null ? Integer.valueOf((int) n[0]) : Scan.prefixed(ident, "region");
    return id != null && id == region.id;
  }
}
