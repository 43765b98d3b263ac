package org.daxsim.fs.famfs.tools;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * The famfs user-space tools as processes on a host: {@code mkfs.famfs ...}, {@code famfs
 * <subcommand> ...} and {@code umount <mpt>}. They reach the device and the file system only
 * through the host's system calls (open, mmap, ioctl, mount) and sysfs, never through
 * simulator internals. Exit statuses follow famfs: |rc| capped at 127, an unknown subcommand
 * 3, none 1; mkfs.famfs 0 or 2.
 */
public final class FamfsCli {
  private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("mount", (env, a, io) -> {
      MountCmd.run(env, a, io);
      return 0;
    });
    COMMANDS.put("logplay", LogplayCmd::run);
    COMMANDS.put("creat", CreatCmd::run);
    COMMANDS.put("mkdir", MkdirCmd::run);
    COMMANDS.put("fsck", FsckCmd::run);
    COMMANDS.put("getmap", GetmapCmd::run);
    COMMANDS.put("check", CheckCmd::run);
    COMMANDS.put("flush", FlushCmd::run);
    COMMANDS.put("chkread", ChkreadCmd::run);
    COMMANDS.put("verify", VerifyCmd::run);
    COMMANDS.put("clone", CloneCmd::run);
    COMMANDS.put("cp", CpCmd::run);
  }

  private FamfsCli() {}

  /** Runs one command line, e.g. {@code run(env, "famfs", "creat", "-s", "4m", "/mnt/f")}. */
  public static ToolResult run(ToolEnv env, String... argv) {
    Io io = new Io();
    Errno[] errno = new Errno[1];
    int exit = dispatch(env, Arrays.asList(argv), io, errno);
    return new ToolResult(exit, io.out.toString(), io.err.toString(), exit == 0 ? null : errno[0]);
  }

  private static int dispatch(ToolEnv env, List<String> argv, Io io, Errno[] errno) {
    if (env == null || argv.isEmpty()) {
      io.err("famfs: no command");
      return 1;
    }
    String prog = argv.get(0);
    try {
      switch (prog) {
        case "mkfs.famfs":
          Mkfs.run(env, argv.subList(1, argv.size()), io);
          return 0;
        case "umount":
          return Umount.run(env, argv.subList(1, argv.size()), io);
        case "famfs":
          break;
        default:
          io.err("%s: command not found", prog);
          return 127;
      }
      if (argv.size() < 2) {
        io.err("famfs: missing subcommand; one of %s", COMMANDS.keySet());
        return 1;
      }
      Command c = COMMANDS.get(argv.get(1));
      if (c == null) {
        io.err("famfs: unknown subcommand '%s'", argv.get(1));
        return 3;
      }
      return Math.min(127, Math.abs(c.run(env, argv.subList(2, argv.size()), io)));
    } catch (ToolError e) {
      io.err("%s", e.getMessage());
      errno[0] = e.usage ? null : e.errno();
      // mkfs.famfs exits 0 or 2, unless the tool was killed (128 + signal)
      return prog.equals("mkfs.famfs") && e.exit < 128 ? Mkfs.FAIL : e.exit;
    } catch (ErrnoException e) {
      io.err("%s", e.getMessage());
      errno[0] = e.errno();
      return prog.equals("mkfs.famfs") ? Mkfs.FAIL : Math.min(127, e.errno().number());
    }
  }
}
