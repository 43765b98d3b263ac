package org.daxsim.sim;

import java.util.Map;

/**
 * busybox 1.35's usage texts (libbb/appletlib.c bb_show_usage(): the banner, a blank line, the
 * applet's usage), as the oracle guest's Debian busybox-static prints them on a usage error.
 */
final class BusyboxUsage {
  private BusyboxUsage() {}

  private static final Map<String, String> TEXT = Map.of(
      "ls",
      "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n"
          + "\n"
          + "Usage: ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...\n"
          + "\n"
          + "List directory contents\n"
          + "\n"
          + "\t-1\tOne column output\n"
          + "\t-a\tInclude names starting with .\n"
          + "\t-A\tLike -a, but exclude . and ..\n"
          + "\t-x\tList by lines\n"
          + "\t-d\tList directory names, not contents\n"
          + "\t-L\tFollow symlinks\n"
          + "\t-H\tFollow symlinks on command line\n"
          + "\t-R\tRecurse\n"
          + "\t-p\tAppend / to directory names\n"
          + "\t-F\tAppend indicator (one of */=@|) to names\n"
          + "\t-l\tLong format\n"
          + "\t-i\tList inode numbers\n"
          + "\t-n\tList numeric UIDs and GIDs instead of names\n"
          + "\t-s\tList allocated blocks\n"
          + "\t-lc\tList ctime\n"
          + "\t-lu\tList atime\n"
          + "\t--full-time\tList full date/time\n"
          + "\t-h\tHuman readable sizes (1K 243M 2G)\n"
          + "\t--group-directories-first\n"
          + "\t-S\tSort by size\n"
          + "\t-X\tSort by extension\n"
          + "\t-v\tSort by version\n"
          + "\t-t\tSort by mtime\n"
          + "\t-tc\tSort by ctime\n"
          + "\t-tu\tSort by atime\n"
          + "\t-r\tReverse sort order\n"
          + "\t-w N\tFormat N columns wide\n"
          + "\t--color[={always,never,auto}]\n",
      "stat",
      "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n"
          + "\n"
          + "Usage: stat [-ltf] [-c FMT] FILE...\n"
          + "\n"
          + "Display file (default) or filesystem status\n"
          + "\n"
          + "\t-c FMT\tUse the specified format\n"
          + "\t-f\tDisplay filesystem status\n"
          + "\t-L\tFollow links\n"
          + "\t-t\tTerse display\n"
          + "\n"
          + "FMT sequences for files:\n"
          + " %a\tAccess rights in octal\n"
          + " %A\tAccess rights in human readable form\n"
          + " %b\tNumber of blocks allocated (see %B)\n"
          + " %B\tSize in bytes of each block reported by %b\n"
          + " %d\tDevice number in decimal\n"
          + " %D\tDevice number in hex\n"
          + " %f\tRaw mode in hex\n"
          + " %F\tFile type\n"
          + " %g\tGroup ID\n"
          + " %G\tGroup name\n"
          + " %h\tNumber of hard links\n"
          + " %i\tInode number\n"
          + " %n\tFile name\n"
          + " %N\tFile name, with -> TARGET if symlink\n"
          + " %o\tI/O block size\n"
          + " %s\tTotal size in bytes\n"
          + " %t\tMajor device type in hex\n"
          + " %T\tMinor device type in hex\n"
          + " %u\tUser ID\n"
          + " %U\tUser name\n"
          + " %x\tTime of last access\n"
          + " %X\tTime of last access as seconds since Epoch\n"
          + " %y\tTime of last modification\n"
          + " %Y\tTime of last modification as seconds since Epoch\n"
          + " %z\tTime of last change\n"
          + " %Z\tTime of last change as seconds since Epoch\n"
          + "\n"
          + "FMT sequences for file systems:\n"
          + " %a\tFree blocks available to non-superuser\n"
          + " %b\tTotal data blocks\n"
          + " %c\tTotal file nodes\n"
          + " %d\tFree file nodes\n"
          + " %f\tFree blocks\n"
          + " %i\tFile System ID in hex\n"
          + " %l\tMaximum length of filenames\n"
          + " %n\tFile name\n"
          + " %s\tBlock size (for faster transfer)\n"
          + " %S\tFundamental block size (for block counts)\n"
          + " %t\tType in hex\n"
          + " %T\tType in human readable form\n",
      "mkdir",
      "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n"
          + "\n"
          + "Usage: mkdir [-m MODE] [-p] DIRECTORY...\n"
          + "\n"
          + "Create DIRECTORY\n"
          + "\n"
          + "\t-m MODE\tMode\n"
          + "\t-p\tNo error if exists; make parent directories as needed\n",
      "rm",
      "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n"
          + "\n"
          + "Usage: rm [-irf] FILE...\n"
          + "\n"
          + "Remove (unlink) FILEs\n"
          + "\n"
          + "\t-i\tAlways prompt before removing\n"
          + "\t-f\tNever prompt\n"
          + "\t-R,-r\tRecurse\n",
      "touch",
      "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n"
          + "\n"
          + "Usage: touch [-cham] [-d DATE] [-t DATE] [-r FILE] FILE...\n"
          + "\n"
          + "Update mtime of FILEs\n"
          + "\n"
          + "\t-c\tDon't create files\n"
          + "\t-h\tDon't follow links\n"
          + "\t-a\tChange only atime\n"
          + "\t-m\tChange only mtime\n"
          + "\t-d DT\tDate/time to use\n"
          + "\t-t DT\tDate/time to use\n"
          + "\t-r FILE\tUse FILE's date/time\n",
      "printf",
      "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n"
          + "\n"
          + "Usage: printf FORMAT [ARG]...\n"
          + "\n"
          + "Format and print ARG(s) according to FORMAT (a-la C printf)\n",
      "truncate",
      "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n"
          + "\n"
          + "Usage: truncate [-c] -s SIZE FILE...\n"
          + "\n"
          + "Truncate FILEs to SIZE\n"
          + "\n"
          + "\t-c\tDo not create files\n"
          + "\t-s SIZE\n");

  /** The usage text of {@code applet} (ls, stat, mkdir, rm, touch, truncate, printf). */
  static String of(String applet) {
    return TEXT.get(applet);
  }
}
