package org.daxsim.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.bus.daxctl.Daxctl;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;

/**
 * The world commands of CLI.md: {@code memdev add}, {@code host add|use}, {@code region add},
 * {@code kernel profile}, {@code variant set|show}. Every argument is checked before anything
 * changes; errors carry an errno (EINVAL for usage and values, ENOENT for unknown names,
 * EEXIST for taken ones, EBUSY for a profile change after the first region).
 */
final class WorldCommands {
  private static final String VARIANT_KNOB = "dev-dax-direct-access";

  private final World world;

  WorldCommands(World world) {
    this.world = world;
  }

  /** The message of {@code e} without its errno prefix, followed by the errno's text. */
  static String message(ErrnoException e) {
    String m = e.getMessage();
    String prefix = e.errno().name() + ": ";
    if (m != null && m.startsWith(prefix)) {
      m = m.substring(prefix.length());
    }
    return m + " (" + e.errno().strerror() + ")";
  }

  Result run(Host host, List<String> argv) throws ErrnoException {
    String cmd = argv.get(0);
    String sub = argv.size() > 1 ? argv.get(1) : "";
    List<String> rest = argv.subList(Math.min(2, argv.size()), argv.size());
    switch (cmd + " " + sub) {
      case "memdev add":
        return memdevAdd(rest);
      case "host add":
        return hostAdd(rest);
      case "host use":
        world.use(single(rest, "host use NAME"));
        return Result.ok("");
      case "region add":
        return regionAdd(host, rest);
      case "kernel profile":
        return kernelProfile(rest);
      case "variant set":
        return variantSet(rest);
      case "variant show":
        none(rest, "variant show");
        return Result.ok(VARIANT_KNOB + " " + world.variant().id() + "\n");
      default:
        throw ErrnoException.of(Errno.EINVAL, "unknown subcommand '%s'; usage: %s", sub,
            usage(cmd));
    }
  }

  private static String usage(String cmd) {
    return switch (cmd) {
      case "memdev" -> "memdev add NAME --size SIZE";
      case "host" -> "host add NAME [--uuid UUID] | host use NAME";
      case "region" -> "region add [--memdev NAME | --size SIZE] [--kind hmem|cxl|pmem] "
          + "[--align SIZE] [--idle] [--base ADDR] [--target-node N]";
      case "kernel" -> "kernel profile mainline|linux-6.1|linux-6.12";
      default -> "variant set " + VARIANT_KNOB + " VARIANT | variant show";
    };
  }

  private Result memdevAdd(List<String> args) throws ErrnoException {
    Opts o = Opts.parse(args, Set.of("--size"), Set.of(), "memdev add NAME --size SIZE");
    String name = o.single("NAME");
    String size = o.required("--size");
    world.addMemdev(name, Sizes.parse(size, "size"));
    return Result.ok("");
  }

  private Result hostAdd(List<String> args) throws ErrnoException {
    Opts o = Opts.parse(args, Set.of("--uuid"), Set.of(), "host add NAME [--uuid UUID]");
    world.addHost(o.single("NAME"), o.values.get("--uuid"));
    return Result.ok("");
  }

  private Result regionAdd(Host host, List<String> args) throws ErrnoException {
    Opts o = Opts.parse(args, Set.of("--memdev", "--size", "--kind", "--align", "--base",
        "--target-node"), Set.of("--idle"), usage("region"));
    if (!o.positional.isEmpty()) {
      throw ErrnoException.of(Errno.EINVAL, "unexpected argument '%s'; usage: %s",
          o.positional.get(0), usage("region"));
    }
    String memdev = o.values.get("--memdev");
    String size = o.values.get("--size");
    if ((memdev == null) == (size == null)) {
      throw ErrnoException.of(Errno.EINVAL, "give exactly one of --memdev NAME or --size SIZE");
    }
    RegionKind kind = RegionKind.of(o.values.getOrDefault("--kind", "hmem"));
    long align = o.values.containsKey("--align") ? Sizes.parse(o.values.get("--align"), "align")
        : RegionRequest.DEFAULT_ALIGN;
    long base = o.values.containsKey("--base") ? Sizes.parse(o.values.get("--base"), "base") : -1;
    int node = 0;
    if (o.values.containsKey("--target-node")) {
      long n = Sizes.parse(o.values.get("--target-node"), "target node");
      if (n > 1023) {
        throw ErrnoException.of(Errno.EINVAL, "target node %d is out of range (0-1023)", n);
      }
      node = (int) n;
    }
    long bytes = size == null ? 0 : Sizes.parse(size, "size");
    RegionRequest req = new RegionRequest(kind, memdev, bytes, align, o.flags.contains("--idle"),
        base, node);
    DaxRegion region = world.addRegion(host, req);
    Daxctl.Result list = host.daxctl().run(List.of("list", "-R", "-r",
        Integer.toString(region.id())));
    return Result.ok(list.stdout());
  }

  private Result kernelProfile(List<String> args) throws ErrnoException {
    if (args.isEmpty()) {
      return Result.ok(world.profile().id() + "\n");
    }
    world.setProfile(KernelProfile.of(single(args, usage("kernel"))));
    return Result.ok("");
  }

  private Result variantSet(List<String> args) throws ErrnoException {
    if (args.size() != 2 || !args.get(0).equals(VARIANT_KNOB)) {
      throw ErrnoException.of(Errno.EINVAL, "usage: variant set %s "
          + "per-range|seed-phys|rfc-virt-offset|fsdev-full-span", VARIANT_KNOB);
    }
    world.setVariant(DirectAccessVariant.of(args.get(1)));
    return Result.ok("");
  }

  private static String single(List<String> args, String usage) throws ErrnoException {
    if (args.size() != 1) {
      throw ErrnoException.of(Errno.EINVAL, "%s; usage: %s",
          args.isEmpty() ? "missing argument" : "too many arguments", usage);
    }
    return args.get(0);
  }

  private static void none(List<String> args, String usage) throws ErrnoException {
    if (!args.isEmpty()) {
      throw ErrnoException.of(Errno.EINVAL, "too many arguments; usage: %s", usage);
    }
  }

  /** Options {@code --name VALUE} / {@code --name=VALUE}, flags, and positional words. */
  private static final class Opts {
    final Map<String, String> values = new HashMap<>();
    final List<String> flags = new ArrayList<>();
    final List<String> positional = new ArrayList<>();
    String usage;

    static Opts parse(List<String> args, Set<String> valued, Set<String> flagNames,
        String usage) throws ErrnoException {
      Opts o = new Opts();
      o.usage = usage;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (!a.startsWith("--")) {
          o.positional.add(a);
          continue;
        }
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        if (flagNames.contains(name) && eq < 0) {
          o.flags.add(name);
        } else if (valued.contains(name)) {
          String v;
          if (eq >= 0) {
            v = a.substring(eq + 1);
          } else if (i + 1 < args.size()) {
            v = args.get(++i);
          } else {
            throw ErrnoException.of(Errno.EINVAL, "option %s needs a value; usage: %s", name,
                usage);
          }
          if (o.values.put(name, v) != null) {
            throw ErrnoException.of(Errno.EINVAL, "option %s given twice", name);
          }
        } else {
          throw ErrnoException.of(Errno.EINVAL, "unknown option '%s'; usage: %s", a, usage);
        }
      }
      return o;
    }

    String single(String what) throws ErrnoException {
      if (positional.size() != 1) {
        throw ErrnoException.of(Errno.EINVAL, "%s; usage: %s",
            positional.isEmpty() ? "missing " + what : "too many arguments", usage);
      }
      return positional.get(0);
    }

    String required(String name) throws ErrnoException {
      String v = values.get(name);
      if (v == null) {
        throw ErrnoException.of(Errno.EINVAL, "missing %s; usage: %s", name, usage);
      }
      return v;
    }
  }
}
