package org.daxsim.fs.famfs.tools;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.FamfsMap;
import org.daxsim.fs.famfs.format.InterleavedExtent;
import org.daxsim.fs.famfs.format.LogFmap;
import org.daxsim.fs.famfs.format.SimpleExtent;

/**
 * famfs_log_file_meta_to_msg() / famfs_v2_set_fmap(): the log's fmap turned into the map the
 * kernel takes by MAP_CREATE_V2 (with the file size, which the log does not repeat in the fmap).
 */
final class Fmaps {
  private Fmaps() {}

  static FamfsMap toKernel(int fileType, long size, LogFmap f) throws ErrnoException {
    if (f.extType() == LogFmap.SIMPLE) {
      List<FamfsMap.Extent> exts = new ArrayList<>();
      for (SimpleExtent e : f.extents()) {
        exts.add(new FamfsMap.Extent(e.devIndex(), e.offset(), e.length()));
      }
      return FamfsMap.simple(fileType, size, exts);
    }
    List<FamfsMap.Interleave> ies = new ArrayList<>();
    for (InterleavedExtent ie : f.interleaved()) {
      List<FamfsMap.Extent> strips = new ArrayList<>();
      for (SimpleExtent e : ie.strips()) {
        strips.add(new FamfsMap.Extent(e.devIndex(), e.offset(), e.length()));
      }
      ies.add(new FamfsMap.Interleave(ie.chunkSize(), size, strips));
    }
    return FamfsMap.interleaved(fileType, size, ies);
  }

  /** famfs_log_file_meta from an extent list (a kernel map read back, e.g. for clone). */
  static LogFmap toLog(FamfsMap m) {
    if (m.extentType() == FamfsMap.SIMPLE_DAX_EXTENT) {
      List<SimpleExtent> exts = new ArrayList<>();
      for (FamfsMap.Extent e : m.extents()) {
        exts.add(new SimpleExtent(e.devIndex(), e.offset(), e.length()));
      }
      return LogFmap.simple(exts);
    }
    FamfsMap.Interleave x = m.interleaves().get(0);
    List<SimpleExtent> strips = new ArrayList<>();
    for (FamfsMap.Extent e : x.strips()) {
      strips.add(new SimpleExtent(e.devIndex(), e.offset(), e.length()));
    }
    return LogFmap.interleaved(new InterleavedExtent(strips.size(), x.chunkSize(), strips));
  }
}
