package org.daxsim.fs.dax;

import org.daxsim.core.dax.DaxDevice;

/**
 * The {@code struct iomap} that {@code struct iomap_iter} embeds (include/linux/iomap.h): a
 * caller-owned, reusable holder that {@link IomapOps#iomapBegin(DaxInode, long, long, int,
 * IomapBuf)} fills in, so that the read/write and fault paths allocate nothing per mapping.
 * The engine reuses one per thread and kind of call (see {@code IterScratch}). Its contents are
 * valid until the caller's next iomap_begin; {@link #toIomap()} takes an immutable copy.
 */
public final class IomapBuf {
  private boolean valid;
  private long addr;
  private long offset;
  private long length;
  private int type;
  private int flags;
  private DaxDevice daxDev;

  /** An empty holder (no mapping). */
  public IomapBuf() {}

  /** Stores a mapping: the fields of {@link Iomap}. */
  public IomapBuf set(long addr, long offset, long length, int type, int flags, DaxDevice dev) {
    this.valid = true;
    this.addr = addr;
    this.offset = offset;
    this.length = length;
    this.type = type;
    this.flags = flags;
    this.daxDev = dev;
    return this;
  }

  /** Stores {@code m}, or no mapping when {@code m} is null. */
  public IomapBuf set(Iomap m) {
    if (m == null) {
      return clear();
    }
    return set(m.addr(), m.offset(), m.length(), m.type(), m.flags(), m.daxDev());
  }

  /** A mapped extent: file {@code offset} is at device byte {@code addr} ({@link Iomap#mapped}). */
  public IomapBuf setMapped(long addr, long offset, long length, DaxDevice dev) {
    return set(addr, offset, length, Iomap.IOMAP_MAPPED, 0, dev);
  }

  /** No mapping (what a null {@link Iomap} means). */
  public IomapBuf clear() {
    valid = false;
    daxDev = null;
    return this;
  }

  /** False when iomap_begin gave no mapping. */
  public boolean valid() {
    return valid;
  }

  public long addr() {
    return addr;
  }

  public long offset() {
    return offset;
  }

  public long length() {
    return length;
  }

  public int type() {
    return type;
  }

  public int flags() {
    return flags;
  }

  public DaxDevice daxDev() {
    return daxDev;
  }

  /** dax_iomap_pgoff(), as {@link Iomap#pgoff}. */
  public long pgoff(long pos) {
    return Iomap.pgoff(addr, offset, pos);
  }

  /** iomap_length() relative to {@code pos}, as {@link Iomap#lengthFrom}. */
  public long lengthFrom(long pos) {
    return offset + length - pos;
  }

  /** An immutable copy, or null when there is no mapping. */
  public Iomap toIomap() {
    return valid ? new Iomap(addr, offset, length, type, flags, daxDev) : null;
  }

  @Override
  public String toString() {
    return String.valueOf(toIomap());
  }
}
