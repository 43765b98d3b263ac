package org.daxsim.fs.vfs;

/** Constants of include/uapi/asm-generic/fcntl.h, linux/stat.h, linux/fs.h (x86-64 values). */
public final class Fcntl {
  public static final int O_RDONLY = 0;
  public static final int O_WRONLY = 01;
  public static final int O_RDWR = 02;
  public static final int O_ACCMODE = 03;
  public static final int O_CREAT = 0100;
  public static final int O_EXCL = 0200;
  public static final int O_NOCTTY = 0400;
  public static final int O_TRUNC = 01000;
  public static final int O_APPEND = 02000;
  public static final int O_NONBLOCK = 04000;
  public static final int O_DSYNC = 010000;
  public static final int O_DIRECT = 040000;
  public static final int O_LARGEFILE = 0100000;
  public static final int O_DIRECTORY = 0200000;
  public static final int O_NOFOLLOW = 0400000;
  public static final int O_NOATIME = 01000000;
  public static final int O_CLOEXEC = 02000000;
  public static final int O_SYNC = 04010000;
  public static final int O_PATH = 010000000;
  public static final int O_TMPFILE = 020000000 | O_DIRECTORY;

  public static final int SEEK_SET = 0;
  public static final int SEEK_CUR = 1;
  public static final int SEEK_END = 2;
  public static final int SEEK_DATA = 3;
  public static final int SEEK_HOLE = 4;

  public static final int S_IFMT = 0170000;
  public static final int S_IFREG = 0100000;
  public static final int S_IFDIR = 0040000;
  public static final int S_IFCHR = 0020000;
  public static final int S_ISUID = 04000;
  public static final int S_ISGID = 02000;
  public static final int S_ISVTX = 01000;
  public static final int S_IALLUGO = 07777;

  /** MAY_* of include/linux/fs.h. */
  public static final int MAY_EXEC = 1;
  public static final int MAY_WRITE = 2;
  public static final int MAY_READ = 4;

  /** NAME_MAX and PATH_MAX of include/uapi/linux/limits.h. */
  public static final int NAME_MAX = 255;
  public static final int PATH_MAX = 4096;
  /** MAX_LFS_FILESIZE on 64-bit. */
  public static final long MAX_LFS_FILESIZE = Long.MAX_VALUE;

  private Fcntl() {}

  /** S_ISDIR(). */
  public static boolean isDir(int mode) {
    return (mode & S_IFMT) == S_IFDIR;
  }

  /** S_ISREG(). */
  public static boolean isReg(int mode) {
    return (mode & S_IFMT) == S_IFREG;
  }

  /** S_ISCHR(). */
  public static boolean isChr(int mode) {
    return (mode & S_IFMT) == S_IFCHR;
  }
}
