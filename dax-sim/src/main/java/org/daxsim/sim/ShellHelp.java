package org.daxsim.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code help} text of {@code daxsim shell}: every command of the scenario language
 * (CLI.md) with its synopsis and one line saying what it does, plus the shell's own built-ins.
 */
final class ShellHelp {
  /**
   * One command's help.
   *
   * @param synopsis the usage line(s)
   * @param summary what the command does, in one line
   */
  record Entry(String synopsis, String summary) {}

  private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

  static {
    add("memdev", "memdev add NAME --size SIZE",
        "add a sparse memory device (a CXL or fabric memory pool) hosts can share");
    add("host", "host add NAME [--uuid UUID] | host use NAME",
        "boot another host, or make NAME the current host");
    add("region", "region add [--memdev NAME | --size SIZE] [--kind hmem|cxl|pmem] "
        + "[--align SIZE] [--idle] [--base ADDR] [--target-node N]",
        "expose memory to the current host as a dax region");
    add("kernel", "kernel profile [mainline|linux-6.1|linux-6.12]",
        "show or choose the kernel behaviour (before the first region)");
    add("variant", "variant set dev-dax-direct-access per-range|seed-phys|rfc-virt-offset|"
        + "fsdev-full-span | variant show",
        "choose the dev_dax direct_access fsdev installs at its next bind");
    add("trace", "trace on [EVENTS...] | trace off",
        "print kernel-level events (direct_access, copies, iomap_begin, faults, allocator)");
    add("map", "map [--svg FILE]",
        "the physical picture of the current host: regions, ranges, gaps, famfs extents");
    add("daxctl", "daxctl list|create-device|destroy-device|disable-device|enable-device|"
        + "reconfigure-device|online-memory|offline-memory [OPTIONS]",
        "daxctl 76.1: manage dax devices (-m famfs binds fsdev)");
    add("cat", "cat PATH...", "print files (sysfs attributes, /tmp files, famfs files)");
    add("echo", "echo [-n] WORDS [> PATH]", "print words; with > PATH write a sysfs attribute");
    add("printf", "printf FORMAT [ARGS...] > FILE", "write a file (e.g. an --input file)");
    add("ls", "ls [PATH...]", "list directories");
    add("stat", "stat PATH", "show a file's inode (busybox format)");
    add("mkdir", "mkdir [-p] PATH", "make a directory");
    add("rm", "rm [-r] PATH", "remove files (on famfs: a rogue removal famfs must survive)");
    add("touch", "touch PATH", "create an empty file");
    add("truncate", "truncate -s SIZE PATH", "set a file's size");
    add("mkfs.famfs", "mkfs.famfs [-f] [-k] [-l LOGLEN] DEVICE",
        "make a famfs file system on /dev/daxR.N");
    add("famfs", "famfs mount|creat|mkdir|cp|logplay|fsck|verify|getmap|clone|flush|check|"
        + "chkread [OPTIONS]", "the famfs tools");
    add("umount", "umount MOUNTPOINT", "unmount a file system");
    add("io", "io write|read|mmap-write|mmap-read|faults FILE [--seed S] [--offset N] "
        + "[--length N]", "what an application does: pread/pwrite or loads/stores via mmap");
    add("help", "help [COMMAND]", "list the commands, or show one command's usage");
    add("history", "history | !N | !!", "list the lines run so far; run line N again");
    add("exit", "exit [STATUS]", "leave the shell (end of input does too)");
  }

  private ShellHelp() {}

  private static void add(String name, String synopsis, String summary) {
    COMMANDS.put(name, new Entry(synopsis, summary));
  }

  /** The commands in listing order. */
  static Map<String, Entry> commands() {
    return Collections.unmodifiableMap(COMMANDS);
  }

  /** {@code help}: one line per command. */
  static String listing() {
    StringBuilder b = new StringBuilder("Commands (help COMMAND for its usage):\n");
    COMMANDS.forEach((k, v) -> b.append(String.format("  %-11s %s%n", k, v.summary())));
    b.append("A line may start with @HOST to run on another host; # starts a comment.\n");
    return b.toString();
  }

  /** {@code help CMD}: usage and summary, or null for an unknown command. */
  static String of(String cmd) {
    Entry e = COMMANDS.get(cmd);
    return e == null ? null : "usage: " + e.synopsis() + "\n" + e.summary() + "\n";
  }
}
