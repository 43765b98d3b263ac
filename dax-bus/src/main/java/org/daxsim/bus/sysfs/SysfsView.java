package org.daxsim.bus.sysfs;

import java.util.List;
import org.daxsim.core.ErrnoException;

/**
 * What a user-space tool sees of sysfs: files to read and write, directories to list, links
 * to resolve. libdaxctl (and so our daxctl) works only through this, as the real one does.
 * Paths are absolute, e.g. {@code /sys/bus/dax/devices/dax0.1/size}.
 */
public interface SysfsView {
  /** read(2) of an attribute: the text the kernel prints (usually newline-terminated). */
  String read(String path) throws ErrnoException;

  /**
   * write(2) of an attribute: returns the bytes consumed; a failure carries the kernel's errno
   * (ENOENT for a missing file, EACCES for a read-only one, the store method's errno otherwise).
   */
  int write(String path, String value) throws ErrnoException;

  /** The entries of a directory, sorted by name (ENOENT/ENOTDIR otherwise). */
  List<String> list(String dir) throws ErrnoException;

  /** realpath(3): the canonical path with symbolic links resolved (ENOENT if missing). */
  String realpath(String path) throws ErrnoException;

  /** True when {@code path} exists (file, directory or link). */
  boolean exists(String path);
}
