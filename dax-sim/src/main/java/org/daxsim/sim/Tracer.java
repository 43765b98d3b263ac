package org.daxsim.sim;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.TraceListener;
import org.daxsim.core.trace.Tracepoint;

/**
 * {@code trace on [EVENTS...]} and {@code trace off}: the scenario language's view of the
 * kernel's tracefs ({@code echo 1 > events/.../enable; cat trace_pipe}). Tracing is per host:
 * while it is on, every command run on that host has the events it caused, one ftrace-style
 * line each ({@link TraceFormat}), printed before the command's own stdout (the tools print at
 * their end, so this is also the order in time). A {@link Trace} listener is registered only
 * for the duration of a traced command and only takes hits on the thread running it, so
 * nothing stays registered between commands and hot paths keep their allocation-free,
 * tracing-off fast path; {@code trace off} stops it.
 */
final class Tracer {
  private static final String USAGE = "trace on [EVENTS...] | trace off";

  /** Traced events by host name (a reboot by {@code kernel profile} keeps them). */
  private final Map<String, EnumSet<Tracepoint>> traced = new HashMap<>();

  /** The events traced on {@code host}, empty when tracing is off there. */
  EnumSet<Tracepoint> events(Host host) {
    EnumSet<Tracepoint> e = traced.get(host.name());
    return e == null ? EnumSet.noneOf(Tracepoint.class) : EnumSet.copyOf(e);
  }

  /** Runs {@code trace on|off}; EINVAL for bad usage or an unknown event (nothing changes). */
  Result command(Host host, List<String> argv) throws ErrnoException {
    String sub = argv.size() > 1 ? argv.get(1) : "";
    List<String> rest = argv.subList(Math.min(2, argv.size()), argv.size());
    switch (sub) {
      case "on" -> {
        EnumSet<Tracepoint> set = rest.isEmpty() ? EnumSet.allOf(Tracepoint.class)
            : EnumSet.noneOf(Tracepoint.class);
        for (String name : rest) {
          set.add(event(name));
        }
        traced.put(host.name(), set);
        return Result.ok("");
      }
      case "off" -> {
        if (!rest.isEmpty()) {
          throw ErrnoException.of(Errno.EINVAL, "too many arguments; usage: %s", USAGE);
        }
        traced.remove(host.name());
        return Result.ok("");
      }
      default -> throw ErrnoException.of(Errno.EINVAL, "%s; usage: %s",
          sub.isEmpty() ? "missing subcommand" : "unknown subcommand '" + sub + "'", USAGE);
    }
  }

  private static Tracepoint event(String name) throws ErrnoException {
    StringJoiner known = new StringJoiner(" ");
    for (Tracepoint p : Tracepoint.values()) {
      if (p.eventName().equals(name)) {
        return p;
      }
      known.add(p.eventName());
    }
    throw ErrnoException.of(Errno.EINVAL, "unknown event '%s'; events: %s", name, known);
  }

  /**
   * Runs {@code command} on {@code host}; when the host is traced, the lines of the events it
   * hit on this thread go before its stdout. {@code comm} is the task name printed.
   */
  Result around(Host host, String comm, Supplier<Result> command) {
    EnumSet<Tracepoint> wanted = traced.get(host.name());
    if (wanted == null) {
      return command.get();
    }
    Thread self = Thread.currentThread();
    TraceFormat fmt = new TraceFormat(host);
    StringBuilder lines = new StringBuilder();
    TraceListener l = new TraceListener() {
      @Override
      public void hit(Tracepoint p, Object s, long a0, long a1, long a2, long a3) {
        hit(p, s, a0, a1, a2, a3, 0, 0);
      }

      @Override
      public void hit(Tracepoint p, Object s, long a0, long a1, long a2, long a3, long a4,
          long a5) {
        if (Thread.currentThread() == self && wanted.contains(p)) {
          try {
            lines.append(fmt.line(comm, p, s, a0, a1, a2, a3, a4, a5));
          } catch (RuntimeException e) {
            // a formatting bug must not break the traced kernel path: print the raw values
            lines.append(String.format("%16s-%-7d [000] ..... %s: %s %#x %#x %#x %#x %#x %#x%n",
                comm, 1, p.eventName(), s, a0, a1, a2, a3, a4, a5));
          }
        }
      }
    };
    Result r;
    try (Trace.Registration reg = Trace.listen(l)) {
      r = command.get();
    }
    if (lines.length() == 0) {
      return r;
    }
    return new Result(r.exit(), r.errno(), lines + r.stdout(), r.stderr());
  }
}
