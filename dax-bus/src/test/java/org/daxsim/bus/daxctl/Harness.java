package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/** A daxctl over a {@link FakeSysfs}, with a map of host files and a module log. */
final class Harness {
  final FakeSysfs sys = new FakeSysfs();
  final Map<String, String> files = new HashMap<>();
  final List<String> loaded = new ArrayList<>();
  final Daxctl daxctl;

  Harness() {
    try {
      daxctl = new Daxctl(sys, this::readFile, loaded::add);
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  private String readFile(String path) throws ErrnoException {
    String s = files.get(path);
    if (s == null) {
      throw new ErrnoException(Errno.ENOENT, path);
    }
    return s;
  }

  /** Runs a command line split on blanks (a leading "daxctl" is optional). */
  Daxctl.Result run(String line) {
    try {
      return daxctl.run(Arrays.asList(line.trim().split("\\s+")));
    } catch (ErrnoException e) {
      throw new AssertionError(e);
    }
  }

  /** One command of an oracle transcript with its recorded outputs. */
  record Step(String cmd, String stdout, String stderr, int rc) {}

  /** Parses the oracle transcript format (### CMD n:, --- stdout, --- stderr, --- rc=). */
  static List<Step> parse(String transcript) {
    List<Step> steps = new ArrayList<>();
    String cmd = null;
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    StringBuilder cur = null;
    for (String line : transcript.split("\n", -1)) {
      if (line.matches("### CMD \\d+: .*")) {
        cmd = line.substring(line.indexOf(": ") + 2);
        out.setLength(0);
        err.setLength(0);
        cur = null;
      } else if (cmd == null) {
        continue;
      } else if (line.equals("--- stdout")) {
        cur = out;
      } else if (line.equals("--- stderr")) {
        cur = err;
      } else if (line.startsWith("--- rc=")) {
        steps.add(new Step(cmd, out.toString(), err.toString(),
            Integer.parseInt(line.substring(7))));
        cmd = null;
      } else if (cur != null) {
        cur.append(line).append('\n');
      }
    }
    return steps;
  }

  /** Replays one step: daxctl (with "> FILE"), printf '...' > FILE, cat FILE; null if skipped. */
  Step replay(Step s) {
    String c = s.cmd();
    if (c.startsWith("daxctl")) {
      String redirect = null;
      int gt = c.indexOf(" > ");
      if (gt >= 0) {
        redirect = c.substring(gt + 3).trim();
        c = c.substring(0, gt);
      }
      Daxctl.Result r = run(c);
      String out = r.stdout();
      if (redirect != null) {
        files.put(redirect, out);
        out = "";
      }
      return new Step(s.cmd(), out, r.stderr(), r.exit());
    }
    if (c.startsWith("printf '")) {
      int end = c.indexOf("' > ");
      files.put(c.substring(end + 4).trim(), c.substring(8, end));
      return new Step(s.cmd(), "", "", 0);
    }
    if (c.startsWith("sed '1d;$d' ")) {
      String[] w = c.split(" ");
      String[] lines = files.get(w[2]).split("\n", -1);
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < lines.length - 2; i++) {
        sb.append(lines[i]).append('\n');
      }
      files.put(w[4], sb.toString());
      return new Step(s.cmd(), "", "", 0);
    }
    if (c.startsWith("echo ") && c.endsWith("> /sys/devices/system/memory/auto_online_blocks")) {
      sys.autoOnline = c.split(" ")[1];
      return new Step(s.cmd(), "", "", 0);
    }
    if (c.startsWith("cat /tmp/")) {
      return new Step(s.cmd(), files.get(c.substring(4).trim()), "", 0);
    }
    return null;
  }
}
