package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Errno;

/**
 * daxctl/device.c: create-device, destroy-device, reconfigure-device, enable-device,
 * disable-device, online-memory and offline-memory, with their parameter handling, messages
 * and return codes (the command's exit status is {@code rc & 0xff}).
 */
final class DeviceCommand {
  enum Action { RECONFIG, ONLINE, OFFLINE, CREATE, DISABLE, ENABLE, DESTROY }

  /** daxctl's enum dev_mode (plus FAMFS from the ndctl famfs patches). */
  static final int MODE_UNKNOWN = 0;
  static final int MODE_DEVDAX = 1;
  static final int MODE_RAM = 2;
  static final int MODE_FAMFS = 3;

  /** One --input mapping (struct mapping). */
  record Map(long start, long end, long pgoff) {}

  final Lib lib;
  final Io io;
  Options opts;
  String region;
  boolean force;
  boolean noOnline;
  boolean noMovable;
  boolean verbose;
  int mode = MODE_UNKNOWN;
  long align = -1;
  long size = -1;
  int flags;
  List<Map> maps = List.of();
  long nmaps = -1;
  private final Modes modes;

  DeviceCommand(Lib lib) {
    this.lib = lib;
    this.io = lib.io;
    this.modes = new Modes(this);
  }

  /** cmd_create_device, cmd_destroy_device, ...: parse, act, report; returns rc. */
  int run(String cmd, List<String> args) {
    return switch (cmd) {
      case "create-device" -> {
        parse(args, Action.CREATE, DeviceOptions.CREATE_OPTS, "daxctl create-device [<options>]");
        int[] processed = {0};
        int rc = createAll(processed);
        yield summary(rc, "error creating devices", "created", processed[0]);
      }
      case "destroy-device" -> device(args, Action.DESTROY, Action.DESTROY,
          DeviceOptions.DESTROY_OPTS, "daxctl destroy-device <device> [<options>]",
          "error destroying devices", "destroyed");
      case "reconfigure-device" -> device(args, Action.RECONFIG, Action.RECONFIG,
          DeviceOptions.RECONFIG_OPTS, "daxctl reconfigure-device <device> [<options>]",
          "error reconfiguring devices", "reconfigured");
      case "disable-device" -> device(args, Action.DISABLE, Action.DISABLE,
          DeviceOptions.DISABLE_OPTS, "daxctl disable-device <device>",
          "error disabling device", "disabled");
      // cmd_enable_device parses with ACTION_DISABLE (so its messages say "disable")
      case "enable-device" -> device(args, Action.DISABLE, Action.ENABLE,
          DeviceOptions.ENABLE_OPTS, "daxctl enable-device <device>",
          "error enabling device", "enabled");
      case "online-memory" -> device(args, Action.ONLINE, Action.ONLINE,
          DeviceOptions.ONLINE_OPTS, "daxctl online-memory <device> [<options>]",
          "error onlining memory", "onlined memory for");
      default -> device(args, Action.OFFLINE, Action.OFFLINE,
          DeviceOptions.OFFLINE_OPTS, "daxctl offline-memory <device> [<options>]",
          "error offlining memory", "offlined memory for");
    };
  }

  private int device(List<String> args, Action parseAs, Action action, List<Options.Opt> o,
      String usage, String errMsg, String verb) {
    String device = parse(args, parseAs, o, usage);
    int[] processed = {0};
    int rc = onDevices(device, action, processed);
    return summary(rc, errMsg, verb, processed[0]);
  }

  private int summary(int rc, String errMsg, String verb, int processed) {
    if (rc < 0) {
      io.err.append(errMsg).append(": ").append(Lib.strerror(rc)).append('\n');
    }
    io.err.append(verb).append(' ').append(processed).append(" device")
        .append(processed == 1 ? "" : "s").append('\n');
    return rc;
  }

  /** parse_device_options. */
  String parse(List<String> args, Action action, List<Options.Opt> optList, String usage) {
    opts = new Options(io, usage, optList);
    List<String> rest = opts.parse(args);
    String device = rest.isEmpty() ? null : Lib.basename(rest.get(0));
    boolean bad = false;
    if (rest.isEmpty() && action != Action.CREATE) {
      io.err.append("specify a device to ").append(actionString(action))
          .append(", or \"all\"\n");
      bad = true;
    }
    for (int i = 1; i < rest.size(); i++) {
      io.err.append("unknown extra parameter \"").append(rest.get(i)).append("\"\n");
      bad = true;
    }
    if (bad) {
      opts.usageWithOptions();
    }
    region = opts.str("region");
    force = opts.flag("force");
    noOnline = opts.flag("no-online");
    noMovable = opts.flag("no-movable");
    verbose = opts.flag("verbose");
    lib.debug = verbose;
    String modeStr = opts.str("mode");
    if (opts.flag("human")) {
      flags |= JsonFormat.HUMAN;
    }
    if (device != null && opts.flag("check-config")) {
      checkConfig(device, modeStr);
    }
    boolean rc = false;
    if (action == Action.RECONFIG) {
      rc = parseReconfig(modeStr);
    } else if (action == Action.CREATE) {
      String input = opts.str("input");
      int r = input == null ? 0 : InputFile.parse(this, input);
      if (r != 0) {
        io.err.append("error: failed to parse device file: ").append(Lib.strerror(r))
            .append('\n');
        rc = true;
      } else {
        parseSizes();
      }
    }
    if (rc) {
      opts.usageWithOptions();
    }
    return device;
  }

  private void parseSizes() {
    if (opts.str("size") != null) {
      size = Num.parseSize64(opts.str("size"));
    }
    if (opts.str("align") != null) {
      align = Num.parseSize64(opts.str("align"));
    }
  }

  private boolean parseReconfig(String modeStr) {
    if (opts.str("size") == null && opts.str("align") == null && modeStr == null) {
      io.err.append("error: a 'align', 'mode' or 'size' option is required\n");
      opts.usageWithOptions();
    }
    if (opts.str("size") != null || opts.str("align") != null) {
      parseSizes();
    } else if (modeStr.equals("system-ram")) {
      mode = MODE_RAM;
    } else if (modeStr.equals("devdax")) {
      mode = MODE_DEVDAX;
      if (noOnline) {
        io.err.append("--no-online is incompatible with --mode=devdax\n");
        return true;
      }
    } else if (modeStr.equals("famfs") && Modes.fsdevDriver(lib) != null) {
      // the famfs patches' mode, only where the kernel has the fsdev driver; otherwise
      // daxctl 76.1's "unknown mode requested"
      mode = MODE_FAMFS;
      if (noOnline) {
        io.err.append("--no-online is incompatible with --mode=famfs\n");
        return true;
      }
    }
    return false;
  }

  /** -C: no nvdimm namespace carries a config UUID in daxsim, so no section ever matches. */
  private void checkConfig(String device, String modeStr) {
    if (modeStr != null || noOnline || noMovable) {
      io.err.append(device).append(
          ": -C cannot be used with --mode, --(no-)movable, or --(no-)online\n");
      opts.usageWithOptions();
    }
    if (opts.usage.startsWith("daxctl reconfigure-device") && !device.equals("all")) {
      io.err.append("no UUID match for ").append(device).append(" found in config files\n");
    }
    io.err.append(device).append(": missing or malformed config section\n");
    throw new Io.Exit(0);
  }

  private static String actionString(Action a) {
    return switch (a) {
      case RECONFIG -> "reconfigure";
      case ONLINE -> "online memory for";
      case OFFLINE -> "offline memory for";
      case DISABLE -> "disable";
      case ENABLE -> "enable";
      case DESTROY -> "destroy";
      default -> "<>";
    };
  }

  /** do_xaction_region for ACTION_CREATE. */
  private int createAll(int[] processed) {
    int rc = Errno.ENXIO.neg();
    Json.Arr[] jdevs = {null};
    for (LibRegion r : lib.regions()) {
      if (!Filter.region(r, region)) {
        continue;
      }
      rc = create(r, size, jdevs);
      if (rc == 0) {
        processed[0]++;
      }
    }
    if (jdevs[0] != null) {
      JsonFormat.display(io, jdevs[0], flags);
    }
    return rc;
  }

  /** do_create. */
  private int create(LibRegion r, long val, Json.Arr[] jdevs) {
    if (r.createDev() != 0) {
      return Errno.ENOSPC.neg();
    }
    LibDev dev = r.seed();
    if (dev == null) {
      return Errno.ENOSPC.neg();
    }
    if (val == -1) {
      val = r.availableSize();
    }
    if (val <= 0) {
      return Errno.ENOSPC.neg();
    }
    int rc;
    if (align > 0) {
      rc = dev.setAlign(align);
      if (rc < 0) {
        return rc;
      }
    }
    long alloc = 0;
    for (Map m : maps) {
      rc = dev.setMapping(m.start(), m.end());
      if (rc < 0) {
        return rc;
      }
      alloc += m.end() - m.start() + 1;
    }
    if (nmaps > 0 && val > 0 && alloc != val) {
      io.err.append(dev.devname()).append(": allocated ").append(alloc)
          .append(" but specified size ").append(val).append('\n');
    } else {
      rc = dev.setSize(val);
      if (rc < 0) {
        return rc;
      }
    }
    rc = dev.enable(LibDev.DEVICE_DAX);
    if (rc != 0) {
      io.err.append(dev.devname()).append(": enable failed: ").append(Lib.strerror(rc))
          .append('\n');
      return rc;
    }
    jdevs[0] = new Json.Arr().add(JsonFormat.dev(dev, flags));
    return 0;
  }

  /** do_xaction_device: every matching device; the last device's rc wins. */
  private int onDevices(String device, Action action, int[] processed) {
    int rc = Errno.ENXIO.neg();
    Json.Arr[] jdevs = {null};
    for (LibRegion r : lib.regions()) {
      if (!Filter.region(r, region)) {
        continue;
      }
      for (LibDev dev : r.devices()) {
        if (!Filter.dev(dev, device)) {
          continue;
        }
        rc = switch (action) {
          case RECONFIG -> modes.reconfig(dev, jdevs);
          case ONLINE, OFFLINE -> modes.xline(dev, action);
          case ENABLE, DISABLE -> modes.xble(dev, action);
          case DESTROY -> modes.destroy(dev);
          default -> Errno.EINVAL.neg();
        };
        if (rc == 0) {
          processed[0]++;
        }
      }
    }
    if (jdevs[0] != null) {
      JsonFormat.display(io, jdevs[0], flags);
    }
    return rc;
  }

  /** Sorts --input mappings by page_offset as json_object_array_sort(sort_mappings). */
  static List<Json> sortByPageOffset(List<Json> items) {
    List<Json> sorted = new ArrayList<>(items);
    sorted.sort((a, b) -> Long.compareUnsigned(pageOffset(a), pageOffset(b)));
    return sorted;
  }

  private static long pageOffset(Json j) {
    Json v = j instanceof Json.Obj o ? o.get("page_offset") : null;
    return v == null ? 0 : v.asInt64();
  }
}
