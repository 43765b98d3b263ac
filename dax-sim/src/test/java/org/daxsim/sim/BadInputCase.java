package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.core.Errno;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the bad-input tests share: a fresh {@link BadInputWorld} per test, its snapshot, and
 * checks that a line fails exactly as expected and leaves the snapshot unchanged.
 */
abstract class BadInputCase {
  static final String BUSYBOX = "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary."
      + "\n\n";

  Shell sh;
  String before;

  @BeforeEach
  void world() throws Exception {
    sh = BadInputWorld.shell();
    before = BadInputWorld.snapshot(sh);
  }

  /** Runs {@code line}, asserts its exact result and that the world did not change. */
  void check(String line, int exit, String errno, String stdout, String stderr)
      throws Exception {
    assertThat(sh.execute(line)).as(line).isEqualTo(new Result(exit, errno, stdout, stderr));
    assertThat(BadInputWorld.snapshot(sh)).as("world after " + line).isEqualTo(before);
  }

  /**
   * A world command's error: status 1, the errno, and {@code CMD: MESSAGE (STRERROR)} naming
   * {@code fragment} (WorldCommands.message()).
   */
  void world(String line, Errno errno, String fragment) throws Exception {
    Result r = sh.execute(line);
    String cmd = line.split(" ")[0];
    assertThat(r.exit()).as(line).isEqualTo(1);
    assertThat(r.errno()).as(line).isEqualTo(errno.name());
    assertThat(r.stdout()).as(line).isEmpty();
    assertThat(r.stderr()).as(line).startsWith(cmd + ": ").contains(fragment)
        .endsWith(" (" + errno.strerror() + ")\n").hasLineCount(1);
    assertThat(BadInputWorld.snapshot(sh)).as("world after " + line).isEqualTo(before);
  }

  /** busybox's bb_show_usage() after getopt's {@code message}: status 1, nothing on stdout. */
  void usage(String line, String message, String usageLine) throws Exception {
    Result r = sh.execute(line);
    String applet = line.split(" ")[0];
    assertThat(r.stderr()).as(line).startsWith(message + BUSYBOX + "Usage: " + usageLine + "\n\n");
    check(line, 1, null, "", message + BUSYBOX + BusyboxUsage.of(applet).substring(
        BUSYBOX.length()));
  }

}
