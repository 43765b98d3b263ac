package org.daxsim.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.daxsim.core.ErrnoException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code daxsim} command (CLI.md): {@code daxsim run [--json] [--keep-going] [--seed N]
 * FILE|-}, {@code daxsim demo [NAME]}, {@code daxsim shell}, {@code --help}, {@code --version}.
 * Usage errors exit 2.
 */
@Command(name = "daxsim", mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A pure-Java simulation of the Linux dax subsystem.",
    subcommands = {Main.Run.class, Main.Demo.class, Main.ShellCommand.class})
public final class Main implements Callable<Integer> {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  private Main(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /** Runs daxsim and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs daxsim with {@code args} on the given streams; returns the exit status. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    Main main = new Main(in, out, err);
    Run fast = FastRun.parse(main, args);
    if (fast == null) {
      return picocli(main, args, null);
    }
    try {
      return fast.call();
    } catch (RuntimeException e) {
      // let picocli report it exactly as it reports a failing subcommand (stack trace, exit 1)
      fast.rethrow = e;
      return picocli(main, args, fast);
    }
  }

  /**
   * The whole command line through picocli; {@code run}, when not null, is the {@code run}
   * subcommand instance to use (with its failure to rethrow).
   */
  private static int picocli(Main main, String[] args, Run run) {
    CommandLine cl = new CommandLine(main, new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == Run.class) {
          return cls.cast(run != null ? run : new Run(main));
        }
        if (cls == Demo.class) {
          return cls.cast(new Demo(main));
        }
        if (cls == ShellCommand.class) {
          return cls.cast(new ShellCommand(main));
        }
        return CommandLine.defaultFactory().create(cls);
      }
    });
    cl.setOut(new PrintWriter(main.out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(main.err, true, StandardCharsets.UTF_8));
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    err.println("daxsim: missing command (run, demo, shell); see 'daxsim --help'");
    return ScriptRunner.USAGE;
  }

  /** The version line. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"daxsim " + DaxSim.VERSION};
    }
  }

  /** {@code daxsim run}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run a scenario script (one world per run); '-' reads stdin.")
  static final class Run implements Callable<Integer> {
    private final Main main;

    @Option(names = "--json", description = "Print one JSON array, an object per line.")
    boolean json;

    @Option(names = "--keep-going", description = "Run every line even after a failure.")
    boolean keepGoing;

    @Option(names = "--seed", paramLabel = "N", description = "The world's seed (default 0).")
    long seed;

    @Parameters(paramLabel = "FILE|-", description = "The scenario file, or '-' for stdin.")
    String file;

    /** Set by the fast path when {@link #call} failed: picocli then reports it. */
    RuntimeException rethrow;

    Run(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      if (rethrow != null) {
        throw rethrow;
      }
      String script;
      try {
        script = file.equals("-")
            ? new String(main.in.readAllBytes(), StandardCharsets.UTF_8)
            : Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        main.err.println("daxsim: " + file + ": No such file or directory");
        return ScriptRunner.USAGE;
      } catch (IOException | RuntimeException e) {
        main.err.println("daxsim: " + file + ": " + e.getMessage());
        return ScriptRunner.USAGE;
      }
      Shell shell;
      try {
        // what DaxSim.newShell(DaxSim.newWorld(...)) does, without initialising DaxSim: its
        // VERSION reads a jar resource (about 40 more classes to load)
        shell = new Shell(new World(Configuration.defaults().toBuilder().seed(seed).build()));
      } catch (ErrnoException e) {
        main.err.println("daxsim: " + e.getMessage());
        return ScriptRunner.USAGE;
      }
      return new ScriptRunner(shell, json, keepGoing).run(file, script, main.out, main.err);
    }
  }

  /** {@code daxsim demo [NAME]}: a built-in scenario, explained (see {@link Demos}). */
  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = {"Run a built-in scenario and explain it (default: the seed story).",
          "Demos: seed, allocator, two-hosts, poison."})
  static final class Demo implements Callable<Integer> {
    private final Main main;

    @Option(names = "--list", description = "List the demos.")
    boolean list;

    @Parameters(paramLabel = "NAME", arity = "0..1", defaultValue = Demos.DEFAULT,
        description = "seed (default), allocator, two-hosts or poison.")
    String name;

    Demo(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      if (list) {
        main.out.print(Demos.listing());
        main.out.flush();
        return 0;
      }
      if (!Demos.list().containsKey(name)) {
        main.err.print("daxsim: unknown demo '" + name + "'; the demos are:\n"
            + Demos.listing());
        main.err.flush();
        return ScriptRunner.USAGE;
      }
      try {
        main.out.print(Demos.run(name));
        main.out.flush();
        return 0;
      } catch (ErrnoException e) {
        main.out.flush();
        main.err.println("daxsim: demo " + name + " failed: " + e.getMessage());
        return 1;
      }
    }
  }

  /** {@code daxsim shell}: the scenario language interactively (see {@link InteractiveShell}). */
  @Command(name = "shell", mixinStandardHelpOptions = true,
      description = {"The scenario language, interactively, one world for the session.",
          "'help' lists the commands. History: 'history', '!N', '!!'. For line editing run it",
          "under a line editor such as rlwrap (rlwrap bin/daxsim shell)."})
  static final class ShellCommand implements Callable<Integer> {
    private final Main main;

    @Option(names = "--seed", paramLabel = "N", description = "The world's seed (default 0).")
    long seed;

    @Option(names = "--prompt", negatable = true,
        description = "Print a prompt (default: only when a console is attached).")
    Boolean prompt;

    ShellCommand(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      Shell shell;
      try {
        shell = DaxSim.newShell(DaxSim.newWorld(Configuration.defaults().toBuilder().seed(seed)
            .build()));
      } catch (ErrnoException e) {
        main.err.println("daxsim: " + e.getMessage());
        return ScriptRunner.USAGE;
      }
      boolean p = prompt != null ? prompt : System.console() != null;
      BufferedReader r = new BufferedReader(new InputStreamReader(main.in, StandardCharsets.UTF_8));
      return new InteractiveShell(shell, r, main.out, main.err, p).run();
    }
  }
}
