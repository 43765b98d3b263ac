package org.daxsim.bus.daxctl;

import java.util.List;
import org.daxsim.core.Errno;

/** daxctl/list.c cmd_list. */
final class ListCommand {
  private static final List<Options.Opt> OPTS = List.of(
      new Options.Opt('r', "region", "region-id", "filter by region"),
      new Options.Opt('d', "dev", "dev-id", "filter by dax device instance name"),
      new Options.Opt('D', "devices", null, "include dax device info"),
      new Options.Opt('R', "regions", null, "include dax region info"),
      new Options.Opt('M', "mappings", null, "include dax mappings info"),
      new Options.Opt('i', "idle", null, "include idle devices"),
      new Options.Opt('u', "human", null, "use human friendly number formats "));

  private ListCommand() {}

  static int run(Lib lib, List<String> args) {
    Io io = lib.io;
    Options o = new Options(io, "daxctl list [<options>]", OPTS);
    List<String> rest = o.parse(args);
    for (String a : rest) {
      io.error("unknown parameter \"" + a + "\"\n");
    }
    if (!rest.isEmpty()) {
      o.usageWithOptions();
    }
    String region = o.str("region");
    String dev = o.str("dev");
    boolean devs = o.flag("devices");
    boolean regions = o.flag("regions");
    if (!devs && !regions) {
      regions = region != null;
      devs = dev != null;
    }
    if (!devs && !regions) {
      devs = true;
    }
    int flags = (devs ? JsonFormat.DAX_DEVS : 0)
        | (o.flag("mappings") ? JsonFormat.DAX_MAPPINGS : 0)
        | (o.flag("idle") ? JsonFormat.IDLE : 0)
        | (o.flag("human") ? JsonFormat.HUMAN : 0);
    Json.Arr jregions = null;
    Json.Arr jdevs = null;
    boolean failed = false;
    for (LibRegion r : lib.regions()) {
      if (!Filter.region(r, region)) {
        continue;
      }
      if (regions) {
        if (jregions == null) {
          jregions = new Json.Arr();
        }
        Json.Obj jr = JsonFormat.region(r, dev, flags);
        if (jr == null) {
          failed = true;
          io.err.append("daxctl-76.1:cmd_list:119: \n");
          continue;
        }
        jregions.add(jr);
      } else if (devs) {
        jdevs = JsonFormat.devs(r, jdevs, dev, flags);
      }
    }
    if (jregions != null) {
      JsonFormat.display(io, jregions, flags);
    } else if (jdevs != null) {
      JsonFormat.display(io, jdevs, flags);
    }
    return failed ? Errno.ENOMEM.neg() : 0;
  }
}
