package org.daxsim.fs.vfs;

/** struct kstat as filled by generic_fillattr() (fs/stat.c); times in nanoseconds. */
public record Stat(long dev, long ino, int mode, int nlink, int uid, int gid, long rdev,
    long size, int blksize, long blocks, long atimeNs, long mtimeNs, long ctimeNs) {}
