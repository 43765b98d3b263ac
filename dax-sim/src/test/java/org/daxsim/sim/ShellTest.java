package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellTest {
  static Shell shell() throws Exception {
    return DaxSim.newShell(DaxSim.newWorld());
  }

  @Test
  void blankLinesAndCommentsRunNothing() throws Exception {
    Shell sh = shell();
    assertThat(sh.run("")).isNull();
    assertThat(sh.run("   \t")).isNull();
    assertThat(sh.run("# region add --size 1G")).isNull();
    assertThat(sh.run("   # indented comment")).isNull();
    assertThat(sh.execute("# x")).isEqualTo(Result.EMPTY);
    assertThat(sh.world().currentHost().regions()).isEmpty();
  }

  @Test
  void anUnknownCommandIsNotFound127() throws Exception {
    Result r = shell().execute("frobnicate --now");
    assertThat(r).isEqualTo(new Result(127, null, "", "sh: frobnicate: not found\n"));
  }

  @Test
  void echoAndQuotingReachTheCommandAsTheShellWouldPassThem() throws Exception {
    Shell sh = shell();
    assertThat(sh.execute("echo a   'b  c' \"d\\\"e\" f\\ g # comment"))
        .isEqualTo(Result.ok("a b  c d\"e f g\n"));
    assertThat(sh.execute("echo -n x")).isEqualTo(Result.ok("x"));
  }

  @Test
  void atHostRunsOneLineOnAnotherHostWithoutSwitching() throws Exception {
    Shell sh = shell();
    sh.execute("host add node1");
    Step s = sh.run("@node1 region add --size 1G");
    assertThat(s.host()).isEqualTo("node1");
    assertThat(s.command()).isEqualTo("region add --size 1G");
    assertThat(s.result().exit()).isZero();
    assertThat(sh.world().host("node1").regions()).hasSize(1);
    assertThat(sh.world().host("node0").regions()).isEmpty();
    assertThat(sh.world().currentHost().name()).isEqualTo("node0");
    assertThat(sh.run("kernel profile").host()).isEqualTo("node0");
  }

  @Test
  void atAnUnknownHostFailsWithEnoent() throws Exception {
    Shell sh = shell();
    Step s = sh.run("@node9 echo hi");
    assertThat(s.host()).isEqualTo("node9");
    assertThat(s.result()).isEqualTo(
        new Result(1, "ENOENT", "", "daxsim: node9: no such host\n"));
  }

  @Test
  void unparsableLinesAreSyntaxErrors() throws Exception {
    Shell sh = shell();
    for (String bad : new String[] {"echo 'open", "@node0", "@ echo x", "echo x >",
        "echo x > a b", "> /tmp/x", "echo a > b > c"}) {
      assertThatThrownBy(() -> sh.run(bad)).as(bad).isInstanceOf(ScriptSyntaxException.class);
    }
  }

  @Test
  void sysfsReadsAndListings() throws Exception {
    Shell sh = shell();
    sh.execute("region add --size 1G");
    assertThat(sh.execute("cat /sys/devices/platform/hmem.0/dax_region/size "
        + "/sys/devices/platform/hmem.0/dax_region/available_size"))
        .isEqualTo(Result.ok("1073741824\n0\n"));
    assertThat(sh.execute("ls /sys/bus/dax/drivers"))
        .isEqualTo(Result.ok("device_dax\nfsdev_dax\n"));
    assertThat(sh.execute("cat /sys/bus/dax/devices/dax0.9/size")).isEqualTo(new Result(1,
        "ENOENT", "", "cat: can't open '/sys/bus/dax/devices/dax0.9/size': No such file or directory\n"));
    assertThat(sh.execute("ls /sys/nope")).isEqualTo(
        new Result(1, "ENOENT", "", "ls: /sys/nope: No such file or directory\n"));
  }

  @Test
  void sysfsWriteErrorsArePrintedAsBusyboxDoes() throws Exception {
    Shell sh = shell();
    sh.execute("region add --size 1G");
    String region = "/sys/devices/platform/hmem.0/dax_region";
    assertThat(sh.execute("echo 2 > " + region + "/create"))
        .isEqualTo(new Result(1, "EINVAL", "", "sh: write error: Invalid argument\n"));
    assertThat(sh.execute("echo dax0.0 > " + region + "/delete"))
        .isEqualTo(new Result(1, "EBUSY", "", "sh: write error: Device or resource busy\n"));
    assertThat(sh.execute("echo 1 > " + region + "/size")).isEqualTo(
        new Result(1, "EACCES", "", "sh: can't create " + region + "/size: Permission denied\n"));
    assertThat(sh.execute("echo 1 > /sys/nope/x")).isEqualTo(
        new Result(1, "ENOENT", "", "sh: can't create /sys/nope/x: nonexistent directory\n"));
  }

  @Test
  void sysfsWritesChangeTheBus() throws Exception {
    Shell sh = shell();
    sh.execute("region add --size 1G --idle");
    String region = "/sys/devices/platform/hmem.0/dax_region";
    assertThat(sh.world().currentHost().bus().device("dax0.1")).isNull();
    assertThat(sh.execute("echo 1 > " + region + "/create")).isEqualTo(Result.ok(""));
    assertThat(sh.world().currentHost().bus().device("dax0.1").size()).isZero();
    assertThat(sh.execute("cat " + region + "/seed")).isEqualTo(Result.ok("dax0.1\n"));
  }

  @Test
  void printfWritesAFileDaxctlCanRead() throws Exception {
    Shell sh = shell();
    assertThat(sh.execute("printf '%s=%d\\n' a 1 b 2 > /tmp/p.txt")).isEqualTo(Result.ok(""));
    assertThat(sh.execute("cat /tmp/p.txt")).isEqualTo(Result.ok("a=1\nb=2\n"));
    assertThat(sh.execute("printf 'x%%\\t%x\\101' 255")).isEqualTo(Result.ok("x%\tffA"));
    assertThat(sh.execute("printf '%d' zz"))
        .isEqualTo(new Result(1, null, "0", "printf: invalid number 'zz'\n"));
    assertThat(sh.execute("printf x > /tmp/nodir/f")).isEqualTo(new Result(1, "ENOENT", "",
        "sh: can't create /tmp/nodir/f: nonexistent directory\n"));
    assertThat(sh.execute("cat /tmp/nodir/f").exit()).isEqualTo(1);
  }

  @Test
  void daxctlResultsCarryTheErrnoOfTheirExitStatus() throws Exception {
    Shell sh = shell();
    sh.execute("region add --size 1G");
    Result r = sh.execute("daxctl destroy-device dax0.0");
    assertThat(r).isEqualTo(new Result(250, "ENXIO", "",
        "dax0.0 is active, specify --force for deletion\n"
            + "error destroying devices: No such device or address\ndestroyed 0 devices\n"));
    assertThat(sh.execute("daxctl --version")).isEqualTo(Result.ok("76.1\n"));
  }
}
