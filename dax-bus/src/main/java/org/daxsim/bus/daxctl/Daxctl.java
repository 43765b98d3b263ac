package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.daxsim.bus.sysfs.SysfsView;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * daxctl 76.1 (pmem/ndctl daxctl/daxctl.c main, util/main.c) over a {@link SysfsView}: the
 * command line in, exit status, stdout and stderr out, byte for byte as the real tool. Like
 * libdaxctl it only reads and writes sysfs attributes; kernel modules are loaded through a
 * {@link ModuleLoader} (libkmod's kmod_module_probe_insert_module) and --input files are read
 * through {@link Files}.
 */
public final class Daxctl {
  /** The version string daxctl prints (VERSION). */
  public static final String VERSION = "76.1";

  private static final List<String> COMMANDS = List.of("version", "list", "help", "split-acpi",
      "migrate-device-model", "create-device", "destroy-device", "reconfigure-device",
      "online-memory", "offline-memory", "disable-device", "enable-device");
  private static final String USAGE = "daxctl [--version] [--help] COMMAND [ARGS]";
  private static final String MORE_INFO =
      "See 'daxctl help COMMAND' for more information on a specific command.\n"
          + " daxctl --list-cmds to see all available commands";

  /** Reads a file of the host (for create-device --input). */
  @FunctionalInterface
  public interface Files {
    /** The file's text; ENOENT (or another errno) when it cannot be read. */
    String read(String path) throws ErrnoException;
  }

  /** Loads a kernel module by name (libkmod); a failure carries the errno. */
  @FunctionalInterface
  public interface ModuleLoader {
    /** Loads {@code name} (e.g. "kmem", "device_dax"); nothing if already loaded or built in. */
    void load(String name) throws ErrnoException;
  }

  /** The outcome of one invocation: exit status (0-255), stdout and stderr. */
  public record Result(int exit, String stdout, String stderr) {
    public Result {
      Objects.requireNonNull(stdout, "stdout");
      Objects.requireNonNull(stderr, "stderr");
    }
  }

  private final SysfsView sysfs;
  private final Files files;
  private final ModuleLoader modules;

  /**
   * A daxctl over {@code sysfs}, reading --input files with {@code files} and loading
   * modules with {@code modules}; EINVAL when one of them is null.
   */
  public Daxctl(SysfsView sysfs, Files files, ModuleLoader modules) throws ErrnoException {
    if (sysfs == null || files == null || modules == null) {
      throw new ErrnoException(Errno.EINVAL, "sysfs, files and modules are required");
    }
    this.sysfs = sysfs;
    this.files = files;
    this.modules = modules;
  }

  /**
   * Runs one daxctl command line: {@code argv} are the arguments after the program name
   * (a leading "daxctl" is accepted and skipped), e.g. {@code ["list", "-R", "-D"]}.
   */
  public Result run(List<String> argv) throws ErrnoException {
    if (argv == null) {
      throw new ErrnoException(Errno.EINVAL, "argv is null");
    }
    List<String> args = new ArrayList<>();
    for (String a : argv) {
      if (a == null) {
        throw new ErrnoException(Errno.EINVAL, "argv contains null");
      }
      args.add(a);
    }
    if (!args.isEmpty() && args.get(0).equals("daxctl")) {
      args.remove(0);
    }
    Io io = new Io();
    int status;
    try {
      status = main(io, args);
    } catch (Io.Exit e) {
      status = e.status;
    }
    return new Result(status & 0xff, io.out.toString(), io.err.toString());
  }

  /** daxctl.c main + util/main.c main_handle_options / main_handle_internal_command. */
  private int main(Io io, List<String> args) {
    while (!args.isEmpty()) {
      String cmd = args.get(0);
      if (!cmd.startsWith("-") || cmd.equals("--version") || cmd.equals("--help")) {
        break;
      }
      if (cmd.equals("-h")) {
        args.set(0, "--help");
        break;
      }
      if (cmd.equals("-v")) {
        args.set(0, "--version");
        break;
      }
      if (cmd.equals("--list-cmds")) {
        for (String c : COMMANDS) {
          io.out.append(c).append('\n');
        }
        return 0;
      }
      io.err.append("Unknown option: ").append(cmd).append('\n');
      io.err.append("\n Usage: ").append(USAGE).append('\n');
      return 129;
    }
    if (args.isEmpty()) {
      io.out.append("\n usage: ").append(USAGE).append("\n\n");
      io.out.append("\n ").append(MORE_INFO).append("\n\n");
      return 1;
    }
    if (args.get(0).startsWith("--")) {
      args.set(0, args.get(0).substring(2));
    }
    if (args.size() > 1 && args.get(1).equals("--help")) {
      args.set(1, args.get(0));
      args.set(0, "help");
    }
    String cmd = args.get(0);
    List<String> rest = args.subList(1, args.size());
    Lib lib = new Lib(sysfs, modules, files, io);
    int rc;
    switch (cmd) {
      case "version" -> {
        io.out.append(VERSION).append('\n');
        rc = 0;
      }
      case "help" -> rc = help(io, rest);
      case "list" -> rc = ListCommand.run(lib, rest);
      case "create-device", "destroy-device", "reconfigure-device", "online-memory",
          "offline-memory", "disable-device", "enable-device" ->
          rc = new DeviceCommand(lib).run(cmd, rest);
      case "split-acpi", "migrate-device-model" -> {
        io.err.append("daxctl ").append(cmd).append(": not supported by daxsim\n");
        rc = Errno.EOPNOTSUPP.neg();
      }
      default -> {
        io.err.append("Unknown command: '").append(cmd).append("'\n");
        return 1;
      }
    }
    return rc & 0xff;
  }

  /** cmd_help: without a command the usage on stdout; man pages are not available. */
  private static int help(Io io, List<String> rest) {
    Options o = new Options(io, "daxctl help [command]", List.of());
    List<String> words = o.parse(rest);
    if (words.isEmpty()) {
      io.out.append("\n usage: ").append(USAGE).append("\n\n");
      io.out.append("\n ").append(MORE_INFO).append("\n\n");
      return 0;
    }
    io.err.append("No manual entry for daxctl-").append(words.get(0)).append('\n');
    return 1;
  }
}
