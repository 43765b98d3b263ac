package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.sim.MainTest.daxsim;

import org.junit.jupiter.api.Test;

/** {@code daxsim shell} driven through a non-interactive stdin. */
class InteractiveShellTest {
  @Test
  void oneWorldForTheSessionAndEofEndsWithTheLastStatus() {
    MainTest.Run r = daxsim("""
        memdev add pool0 --size 1G
        region add --memdev pool0 > /tmp/r.json
        cat /sys/bus/dax/devices/dax0.0/size
        nosuchcommand
        """, "shell", "--no-prompt");
    assertThat(r).isEqualTo(new MainTest.Run(127, "1073741824\n", "sh: nosuchcommand: not found\n"));
  }

  @Test
  void helpListsEveryCommandWithOneLine() {
    MainTest.Run r = daxsim("help\n", "shell", "--no-prompt");
    assertThat(r.exit()).isZero();
    for (String cmd : new String[] {"memdev", "host", "region", "kernel", "variant", "trace",
        "map", "daxctl", "cat", "echo", "printf", "ls", "stat", "mkdir", "rm", "touch",
        "truncate", "mkfs.famfs", "famfs", "umount", "io", "help", "history", "exit"}) {
      assertThat(r.out()).as(cmd).containsPattern("(?m)^  " + java.util.regex.Pattern.quote(cmd)
          + " +\\S.*$");
    }
    assertThat(ShellHelp.commands()).hasSize(24);
  }

  @Test
  void helpCommand() {
    MainTest.Run r = daxsim("help variant\nhelp nosuch\n", "shell", "--no-prompt");
    assertThat(r).isEqualTo(new MainTest.Run(1,
        "usage: variant set dev-dax-direct-access per-range|seed-phys|rfc-virt-offset|"
            + "fsdev-full-span | variant show\n"
            + "choose the dev_dax direct_access fsdev installs at its next bind\n",
        "daxsim: help: no help for 'nosuch'\n"));
  }

  @Test
  void historyAndRecall() {
    MainTest.Run r = daxsim("""
        echo one
        # a comment is not history
        echo two
        history
        !1
        !!
        !7
        exit
        """, "shell", "--no-prompt");
    assertThat(r.out()).isEqualTo("one\ntwo\n"
        + "    1  echo one\n    2  echo two\n    3  history\n"
        + "echo one\none\n" // !1 is echoed, then run
        + "echo one\none\n"); // !! is the last line: the recalled echo one
    assertThat(r.err()).isEqualTo("daxsim: !7: event not found\n");
    assertThat(r.exit()).isEqualTo(1); // exit without a status: the last one (!7 failed)
  }

  @Test
  void exitStatusAndUsage() {
    assertThat(daxsim("exit 3\necho never\n", "shell", "--no-prompt"))
        .isEqualTo(new MainTest.Run(3, "", ""));
    assertThat(daxsim("exit x\n", "shell", "--no-prompt"))
        .isEqualTo(new MainTest.Run(2, "", "daxsim: exit: usage: exit [STATUS]\n"));
    assertThat(daxsim("echo 'open\n", "shell", "--no-prompt").err())
        .startsWith("daxsim: syntax error: ");
  }

  @Test
  void thePromptNamesTheCurrentHost() {
    MainTest.Run r = daxsim("host add node1\nhost use node1\n", "shell", "--prompt");
    assertThat(r.out()).isEqualTo("daxsim " + DaxSim.VERSION
        + " shell; 'help' lists the commands, 'exit' leaves.\n"
        + "daxsim:node0> daxsim:node0> daxsim:node1> \n");
    assertThat(r.exit()).isZero();
  }
}
