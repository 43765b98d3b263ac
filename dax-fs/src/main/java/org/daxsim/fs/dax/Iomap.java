package org.daxsim.fs.dax;

import org.daxsim.core.Pages;
import org.daxsim.core.dax.DaxDevice;

/**
 * struct iomap (include/linux/iomap.h), immutable: {@code addr} is a byte offset inside the dax
 * device, {@code offset} the file offset where the mapping begins, {@code length} its bytes.
 */
public record Iomap(long addr, long offset, long length, int type, int flags, DaxDevice daxDev) {
  /** IOMAP_HOLE: no blocks allocated. */
  public static final int IOMAP_HOLE = 0;
  /** IOMAP_DELALLOC: delayed allocation (not used by DAX). */
  public static final int IOMAP_DELALLOC = 1;
  /** IOMAP_MAPPED: blocks allocated at {@code addr}. */
  public static final int IOMAP_MAPPED = 2;
  /** IOMAP_UNWRITTEN: blocks allocated, reads as zeros. */
  public static final int IOMAP_UNWRITTEN = 3;
  /** IOMAP_INLINE: data inline in the inode (not used by DAX). */
  public static final int IOMAP_INLINE = 4;

  public static final int IOMAP_F_NEW = 1 << 0;
  public static final int IOMAP_F_DIRTY = 1 << 1;
  public static final int IOMAP_F_SHARED = 1 << 2;

  // iomap_iter flags (IOMAP_* of include/linux/iomap.h)
  public static final int IOMAP_WRITE = 1 << 0;
  public static final int IOMAP_ZERO = 1 << 1;
  public static final int IOMAP_REPORT = 1 << 2;
  public static final int IOMAP_FAULT = 1 << 3;
  public static final int IOMAP_DIRECT = 1 << 4;
  public static final int IOMAP_NOWAIT = 1 << 5;
  public static final int IOMAP_DAX = 1 << 8;

  /** A mapped extent: file {@code offset} is at device byte {@code addr}. */
  public static Iomap mapped(long addr, long offset, long length, DaxDevice dev) {
    return new Iomap(addr, offset, length, IOMAP_MAPPED, 0, dev);
  }

  /** A hole of {@code length} bytes at file {@code offset}. */
  public static Iomap hole(long offset, long length) {
    return new Iomap(-1, offset, length, IOMAP_HOLE, 0, null);
  }

  /** dax_iomap_pgoff(): device page of file position {@code pos} (pos rounded down to 4 KiB). */
  public long pgoff(long pos) {
    return pgoff(addr, offset, pos);
  }

  /** dax_iomap_pgoff() of a mapping of file {@code offset} at device byte {@code addr}. */
  static long pgoff(long addr, long offset, long pos) {
    return (addr + (pos & Pages.PAGE_MASK) - offset) >> Pages.PAGE_SHIFT;
  }

  /** iomap_length() relative to {@code pos}: bytes of this mapping from {@code pos} on. */
  public long lengthFrom(long pos) {
    return offset + length - pos;
  }
}
