package org.daxsim.testkit;

import java.util.List;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsIoctl;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.vfs.Process;

/**
 * A generated famfs {@code MAP_CREATE_V2} argument and the rule it breaks (or {@link
 * FmapRule#VALID}). Made by {@link GensFamfs}. The map is given as a {@link FamfsMap} except
 * when its header cannot be one (no extents, an unknown extent type): then {@link #map()} is
 * null and {@link #attach} lays the header out by hand.
 *
 * @param rule the rule broken, or VALID
 * @param map the map to attach, or null for a header-only case
 * @param fileSize the header's file_size
 * @param extType the header's ext_type
 * @param count the header's nextents / niext
 */
public record FmapCase(FmapRule rule, FamfsMap map, long fileSize, int extType, int count) {
  /** Checks that a header-only case has a map-less rule and every other case a map. */
  public FmapCase {
    java.util.Objects.requireNonNull(rule, "rule");
    boolean headerOnly = rule == FmapRule.NO_EXTENTS || rule == FmapRule.BAD_EXTENT_TYPE;
    if (headerOnly != (map == null)) {
      throw new IllegalArgumentException(rule + (map == null ? " needs" : " takes no") + " map");
    }
  }

  static FmapCase of(FmapRule rule, FamfsMap map) {
    int n = map.extentType() == FamfsMap.SIMPLE_DAX_EXTENT ? map.extents().size()
        : map.interleaves().size();
    return new FmapCase(rule, map, map.fileSize(), map.extentType(), n);
  }

  /** The errno the kernel must answer, or null when the map must attach. */
  public Errno expected() {
    return rule.errno();
  }

  /**
   * Attaches this case to the open famfs file {@code fd} of {@code p} as the famfs tools do
   * ({@link FamfsIoctl#mapCreateV2}); for {@link FmapRule#ALREADY_MAPPED} the map is attached
   * twice and the second answer returned. Returns 0 or throws the kernel's errno.
   *
   * @throws ErrnoException the ioctl's errno
   */
  public long attach(Process p, int fd) throws ErrnoException {
    Args.notNull(p, "process");
    if (map == null) {
      byte[] header = FamfsIoctl.iocFmap(fileSize, FamfsMap.FAMFS_REG, extType, count, 0);
      return FamfsIoctl.ioctlWith(p, fd, FamfsIoctl.MAP_CREATE_V2, header, new byte[0]);
    }
    if (rule == FmapRule.ALREADY_MAPPED) {
      FamfsIoctl.mapCreateV2(p, fd, map);
    }
    return FamfsIoctl.mapCreateV2(p, fd, map);
  }

  /** The extents of a simple map, or of every strip of an interleaved one. */
  public List<FamfsMap.Extent> allExtents() {
    if (map == null) {
      return List.of();
    }
    if (map.extentType() == FamfsMap.SIMPLE_DAX_EXTENT) {
      return map.extents();
    }
    return map.interleaves().stream().flatMap(x -> x.strips().stream()).toList();
  }

  @Override
  public String toString() {
    return rule + (rule.errno() == null ? "" : " (-" + rule.errno() + ")") + ": "
        + (map == null ? "header ext_type=" + extType + " nextents=" + count
            + " file_size=" + fileSize : map.toString());
  }
}
