package org.daxsim.sim;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.bus.daxctl.Daxctl;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.fs.famfs.tools.ToolResult;

/**
 * Runs scenario lines (CLI.md) on a {@link World}: one command per line, POSIX quoting,
 * {@code #} comments, an optional {@code @HOST } prefix, an optional {@code > FILE}
 * redirection of the command's stdout, and the {@code #!oracle} header. Commands:
 * <ul>
 *   <li>world commands ({@code WorldCommands}): {@code memdev add}, {@code host add|use},
 *       {@code region add}, {@code kernel profile}, {@code variant set|show};</li>
 *   <li>{@code trace on [EVENTS...]|off} ({@code Tracer}) and {@code map [--svg FILE]}
 *       ({@code MapCommand});</li>
 *   <li>{@code daxctl} (ndctl's daxctl, in dax-bus);</li>
 *   <li>busybox applets on the host's file tree: {@code cat}, {@code echo}, {@code printf}
 *       ({@code FileCommands}, {@code Printf}), {@code ls}, {@code stat}
 *       ({@code ListCommands}), {@code mkdir}, {@code rm}, {@code touch}, {@code truncate}
 *       ({@code ChangeCommands});</li>
 *   <li>{@code io write|read|mmap-write|mmap-read|faults} (the oracle's {@code io.c},
 *       {@code IoCommand});</li>
 *   <li>the famfs tools {@code mkfs.famfs}, {@code famfs} and {@code umount} (dax-fs).</li>
 * </ul>
 * An unknown command gets the shell's {@code sh: NAME: not found}, status 127; a line prefixed
 * with an unknown {@code @HOST} fails with {@code daxsim: HOST: no such host}, status 1.
 */
public final class Shell {
  private final World world;
  private final WorldCommands worldCommands;
  private final Tracer tracer = new Tracer();
  private boolean started;

  Shell(World world) {
    this.world = world;
    this.worldCommands = new WorldCommands(world);
  }

  /** The world this shell drives. */
  public World world() {
    return world;
  }

  /**
   * Runs one line; {@link Result#EMPTY} for a blank line, a comment or the {@code #!oracle}
   * header. A syntax error for a line that cannot be parsed (see {@link #run(String)}).
   */
  public Result execute(String line) throws ScriptSyntaxException {
    Step s = run(line);
    return s == null ? Result.EMPTY : s.result();
  }

  /**
   * Runs one line and says where it ran; null for a blank line, a comment or the
   * {@code #!oracle} header (which builds the oracle's world, and must come before any
   * command). A syntax error for an unterminated quote, a dangling {@code >}, a bare
   * {@code @HOST} or a misplaced or malformed header; the world is then unchanged.
   */
  public Step run(String line) throws ScriptSyntaxException {
    if (line == null) {
      throw new ScriptSyntaxException("null line");
    }
    String t = line.strip();
    if (t.startsWith("#!oracle") && (t.length() == 8 || Character.isWhitespace(t.charAt(8)))) {
      oracle(Words.split(t.substring(8)));
      return null;
    }
    List<String> words = Words.split(t);
    if (words.isEmpty()) {
      return null;
    }
    String hostName = null;
    String command = t;
    if (words.get(0).startsWith("@")) {
      hostName = words.get(0).substring(1);
      words = words.subList(1, words.size());
      int sp = indexOfBlank(t);
      command = sp < 0 ? "" : t.substring(sp).strip();
      if (words.isEmpty() || hostName.isEmpty()) {
        throw new ScriptSyntaxException("'@HOST' needs a host name and a command");
      }
    }
    String redirect = null;
    int r = words.indexOf(Words.REDIRECT);
    if (r >= 0) {
      if (r != words.size() - 2 || r == 0 || words.get(r + 1).equals(Words.REDIRECT)) {
        throw new ScriptSyntaxException("'>' takes one file name at the end of the line");
      }
      redirect = words.get(r + 1);
      words = words.subList(0, r);
    }
    started = true;
    Host host;
    if (hostName == null) {
      host = world.currentHost();
    } else {
      try {
        host = world.host(hostName);
      } catch (ErrnoException e) {
        return new Step(hostName, command, Result.fail(1, Errno.ENOENT.name(),
            "daxsim: " + hostName + ": no such host\n"));
      }
    }
    List<String> argv = new ArrayList<>(words);
    String redirectTo = redirect;
    Result res = tracer.around(host, argv.get(0), () -> redirectTo == null
        ? dispatch(host, argv)
        : Redirect.run(host, redirectTo, () -> dispatch(host, argv)));
    return new Step(host.name(), command, res);
  }

  private static int indexOfBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private Result dispatch(Host host, List<String> argv) {
    String cmd = argv.get(0);
    try {
      switch (cmd) {
        case "memdev", "host", "region", "kernel", "variant":
          return worldCommands.run(host, argv);
        case "daxctl":
          return daxctl(host, argv);
        case "trace":
          return tracer.command(host, argv);
        case "map":
          return MapCommand.run(host, argv);
        case "cat":
          return FileCommands.cat(host, argv);
        case "ls":
          return ListCommands.ls(host, argv);
        case "stat":
          return ListCommands.stat(host, argv);
        case "mkdir":
          return ChangeCommands.mkdir(host, argv);
        case "rm":
          return ChangeCommands.rm(host, argv);
        case "touch":
          return ChangeCommands.touch(host, argv);
        case "truncate":
          return ChangeCommands.truncate(host, argv);
        case "io":
          return IoCommand.run(host, argv);
        case "echo":
          return FileCommands.echo(argv);
        case "printf":
          return Printf.run(argv);
        case "mkfs.famfs", "famfs", "umount":
          ToolResult tr = host.famfsTool(argv.toArray(new String[0]));
          return new Result(tr.exit(), tr.errno() == null ? null : tr.errno().name(), tr.stdout(),
              tr.stderr());
        default:
          return Result.fail(127, null, "sh: " + cmd + ": not found\n");
      }
    } catch (ErrnoException e) {
      return Result.fail(1, e.errno().name(), cmd + ": " + WorldCommands.message(e) + "\n");
    }
  }

  private static Result daxctl(Host host, List<String> argv) throws ErrnoException {
    Daxctl.Result r = host.daxctl().run(argv);
    String errno = null;
    if (r.exit() > 128 && Errno.isError(-(256L - r.exit()))) {
      errno = Errno.of(256L - r.exit()).name();
    }
    return new Result(r.exit(), errno, r.stdout(), r.stderr());
  }

  /**
   * {@code #!oracle [-r SIZE@ADDR]... [-k 6.1|6.12] [-N] [-a 'memmap=SIZE!ADDR ...']}; other
   * oracle options skipped.
   */
  private void oracle(List<String> opts) throws ScriptSyntaxException {
    if (started) {
      throw new ScriptSyntaxException("#!oracle must come before the first command");
    }
    List<long[]> ranges = new ArrayList<>();
    List<long[]> pmem = new ArrayList<>();
    KernelProfile profile = KernelProfile.LINUX_6_1;
    boolean numa = true;
    boolean noRange = false;
    for (int i = 0; i < opts.size(); i++) {
      String o = opts.get(i);
      switch (o) {
        case "-d", "-b", "-h" -> { }
        case "-N" -> numa = false;
        case "-r", "-k", "-m", "-M", "-a", "-l", "-t" -> {
          if (i + 1 >= opts.size()) {
            throw new ScriptSyntaxException("#!oracle: option " + o + " needs a value");
          }
          String v = opts.get(++i);
          if (o.equals("-r")) {
            if (v.equals("none")) {
              noRange = true;
            } else {
              ranges.add(range(v));
            }
          } else if (o.equals("-k")) {
            profile = kernel(v);
          } else if (o.equals("-a")) {
            pmem.addAll(OracleHeader.legacyPmem(v));
          }
        }
        default -> throw new ScriptSyntaxException("#!oracle: unknown option " + o);
      }
    }
    if (ranges.isEmpty() && !noRange) {
      ranges.add(new long[] {4L << 30, 0x100000000L});
    }
    try {
      world.bootOracle(profile, ranges, numa);
      OracleHeader.attachPmem(world.currentHost(), pmem, numa);
    } catch (ErrnoException e) {
      throw new ScriptSyntaxException("#!oracle: " + WorldCommands.message(e));
    }
    started = true;
  }

  private static long[] range(String v) throws ScriptSyntaxException {
    int at = v.indexOf('@');
    try {
      if (at < 0) {
        throw new ErrnoException(Errno.EINVAL, "'" + v + "' is not SIZE@ADDR");
      }
      return new long[] {Sizes.parse(v.substring(0, at), "size"),
          Sizes.parse(v.substring(at + 1), "address")};
    } catch (ErrnoException e) {
      throw new ScriptSyntaxException("#!oracle: -r " + WorldCommands.message(e));
    }
  }

  private static KernelProfile kernel(String v) throws ScriptSyntaxException {
    if (v.equals("6.1") || v.startsWith("6.1.")) {
      return KernelProfile.LINUX_6_1;
    }
    if (v.equals("6.12") || v.startsWith("6.12.")) {
      return KernelProfile.LINUX_6_12;
    }
    throw new ScriptSyntaxException("#!oracle: -k " + v + ": only 6.1 and 6.12 are modelled");
  }
}
