package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.List;

/** daxctl/device.c option tables (BASE_OPTIONS, CREATE_OPTIONS, ...) and usage strings. */
final class DeviceOptions {
  private DeviceOptions() {}

  private static final List<Options.Opt> BASE = List.of(
      new Options.Opt('r', "region", "region-id", "filter by region"),
      new Options.Opt('u', "human", null, "use human friendly number formats"),
      new Options.Opt('v', "verbose", null, "emit more debug messages"));
  private static final List<Options.Opt> RECONFIG = List.of(
      new Options.Opt('m', "mode", "mode", "mode to switch the device to"),
      new Options.Opt('N', "no-online", null, "don't auto-online memory sections"),
      new Options.Opt('f', "force", null,
          "attempt to offline memory sections before reconfiguration"),
      new Options.Opt('C', "check-config", null,
          "use config files to determine parameters for the operation"));
  private static final List<Options.Opt> CREATE = List.of(
      new Options.Opt('s', "size", "size", "size to switch the device to"),
      new Options.Opt('a', "align", "align", "alignment to switch the device to"),
      new Options.Opt('\0', "input", "input", "input device JSON file"));
  private static final List<Options.Opt> DESTROY = List.of(
      new Options.Opt('f', "force", null, "attempt to disable before destroying device"));
  private static final List<Options.Opt> ZONE = List.of(
      new Options.Opt('\0', "no-movable", null, "online memory in ZONE_NORMAL"));

  @SafeVarargs
  private static List<Options.Opt> concat(List<Options.Opt>... parts) {
    List<Options.Opt> all = new ArrayList<>();
    for (List<Options.Opt> p : parts) {
      all.addAll(p);
    }
    return List.copyOf(all);
  }

  static final List<Options.Opt> CREATE_OPTS = concat(BASE, CREATE, RECONFIG, ZONE);
  static final List<Options.Opt> RECONFIG_OPTS = CREATE_OPTS;
  static final List<Options.Opt> ONLINE_OPTS = concat(BASE, ZONE);
  static final List<Options.Opt> OFFLINE_OPTS = BASE;
  static final List<Options.Opt> DISABLE_OPTS = BASE;
  static final List<Options.Opt> ENABLE_OPTS = BASE;
  static final List<Options.Opt> DESTROY_OPTS = concat(BASE, DESTROY);
}
