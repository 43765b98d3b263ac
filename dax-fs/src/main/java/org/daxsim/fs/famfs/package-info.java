/**
 * famfs, the standalone kernel module: the {@code famfs} file system type over an fsdev-bound
 * {@code /dev/daxR.N}, per-file maps attached by ioctl, iomap resolution, the read/write and
 * fault paths through fs/dax.c, and the shutdown on device failure or removal.
 */
package org.daxsim.fs.famfs;
