package org.daxsim.core.mem;

import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Pages;

/**
 * The media behind a physical address range: a CXL type-3 memory device's DPA space, a DIMM or an
 * NVDIMM namespace. It has no kernel counterpart; the kernel reaches it through {@link
 * PhysicalAddressSpace} windows (HDM decoders, the e820/SRAT map).
 *
 * <p>Storage is sparse: 4 KiB blocks created on first write, so heap use is proportional to the
 * bytes written (about 3% over them even for pages scattered over a 1 TiB device, see
 * BlockStore) and untouched memory reads as zeros and costs nothing. Reads take no lock and
 * allocate nothing.
 * Thread-safe; racing writes to the same bytes may interleave, but a write is never lost to a
 * racing block allocation.
 *
 * <p>Media errors are tracked per 4 KiB page ({@link #poison}), like the hardware poison behind
 * mm/memory-failure.c and the nvdimm badblocks list. Plain {@link #read}/{@link #write} ignore
 * poison: what consuming it means is decided by the CPU/kernel layers above.
 *
 * <p>Every method validates its arguments first and throws {@link ErrnoException} with EINVAL for
 * null, negative, out-of-range or overflowing ones, leaving the device unchanged.
 */
public final class MemoryDevice {
  /** Largest device: 4 PiB, all of {@link PhysicalAddressSpace#MAX_PHYS}. */
  public static final long MAX_SIZE = PhysicalAddressSpace.MAX_PHYS;

  private final String name;
  private final long size;
  private final BlockStore store;
  private final PoisonSet poison = new PoisonSet();

  private MemoryDevice(String name, long size) {
    this.name = name;
    this.size = size;
    this.store = new BlockStore(size);
  }

  /**
   * Creates a zero-filled device of {@code size} bytes: a positive multiple of PAGE_SIZE, at most
   * {@link #MAX_SIZE}. Costs a few hundred bytes whatever the size.
   */
  public static MemoryDevice create(String name, long size) throws ErrnoException {
    Args.notNull(name, "name");
    if (name.isEmpty()) {
      throw ErrnoException.of(Errno.EINVAL, "memory device name must not be empty");
    }
    Args.positive(size, "size");
    Args.pageAligned(size, "size");
    if (size > MAX_SIZE) {
      throw ErrnoException.of(
          Errno.EINVAL, "size 0x%x exceeds the 0x%x physical memory limit", size, MAX_SIZE);
    }
    return new MemoryDevice(name, size);
  }

  public String name() {
    return name;
  }

  /** Capacity in bytes. */
  public long size() {
    return size;
  }

  /** Bytes of 4 KiB blocks currently allocated (written and not zeroed since). */
  public long residentBytes() {
    return store.residentBytes();
  }

  /** Copies {@code len} bytes at {@code off} into {@code dst[dstOff..]}. */
  public void read(long off, byte[] dst, int dstOff, int len) throws ErrnoException {
    Args.notNull(dst, "dst");
    Args.arrayRange(dstOff, len, dst.length, "dst");
    Args.range(off, len, size, name);
    store.read(off, dst, dstOff, len);
  }

  /** Copies {@code src[srcOff..srcOff + len)} to the device at {@code off}. */
  public void write(long off, byte[] src, int srcOff, int len) throws ErrnoException {
    Args.notNull(src, "src");
    Args.arrayRange(srcOff, len, src.length, "src");
    Args.range(off, len, size, name);
    store.write(off, src, srcOff, len);
  }

  /**
   * Makes {@code [off, off + len)} read as zeros; whole 4 KiB blocks are released (their 64 KiB
   * chunk's small index entry stays). Costs O(min(64 KiB chunks in the range, chunks written)).
   */
  public void zero(long off, long len) throws ErrnoException {
    Args.range(off, len, size, name);
    store.zero(off, len);
  }

  /**
   * Copies {@code len} bytes from {@code src} at {@code srcOff} to {@code dst} at {@code dstOff},
   * block piece by block piece without a bounce buffer. Overlapping ranges of one device are
   * handled like memmove; a zero source allocates nothing in the destination.
   */
  public static void copy(MemoryDevice src, long srcOff, MemoryDevice dst, long dstOff, long len)
      throws ErrnoException {
    Args.notNull(src, "src");
    Args.notNull(dst, "dst");
    Args.range(srcOff, len, src.size, src.name);
    Args.range(dstOff, len, dst.size, dst.name);
    BlockStore.copy(src.store, srcOff, dst.store, dstOff, len);
  }

  /** The little-endian 64-bit value at {@code off} (any alignment). */
  public long readLong(long off) throws ErrnoException {
    Args.range(off, Long.BYTES, size, name);
    return store.readLong(off);
  }

  /** Stores {@code value} little-endian at {@code off} (any alignment). */
  public void writeLong(long off, long value) throws ErrnoException {
    Args.range(off, Long.BYTES, size, name);
    store.writeLong(off, value);
  }

  // ---- poison -----------------------------------------------------------------------------

  /** Marks the 4 KiB page containing {@code off} as a media error; true if it was clean. */
  public boolean poison(long off) throws ErrnoException {
    Args.range(off, 1, size, name);
    return poison.add(off >>> Pages.PAGE_SHIFT);
  }

  /** Clears the media error of the page containing {@code off}; true if it was poisoned. */
  public boolean clearPoison(long off) throws ErrnoException {
    Args.range(off, 1, size, name);
    return poison.remove(off >>> Pages.PAGE_SHIFT);
  }

  /** True when the page containing {@code off} is poisoned. */
  public boolean isPoisoned(long off) throws ErrnoException {
    Args.range(off, 1, size, name);
    return isPoisonedAt(off);
  }

  /**
   * The device offset of the first poisoned byte-range start in {@code [off, off + len)}: the start
   * of the first poisoned page intersecting it, clamped up to {@code off}; -1 when the range is
   * clean (always for {@code len == 0}). Allocation free.
   */
  public long firstPoison(long off, long len) throws ErrnoException {
    Args.range(off, len, size, name);
    return firstPoisonIn(off, len);
  }

  /** Number of poisoned pages. */
  public long poisonedPages() {
    return poison.size();
  }

  // ---- unchecked internals for PhysicalAddressSpace (arguments already validated) ---------

  boolean isPoisonedAt(long off) {
    return poison.contains(off >>> Pages.PAGE_SHIFT);
  }

  long firstPoisonIn(long off, long len) {
    if (len == 0) {
      return -1;
    }
    long page = poison.firstIn(off >>> Pages.PAGE_SHIFT, (off + len - 1) >>> Pages.PAGE_SHIFT);
    return page < 0 ? -1 : Math.max(off, page << Pages.PAGE_SHIFT);
  }

  BlockStore store() {
    return store;
  }

  @Override
  public String toString() {
    return String.format("%s (0x%x bytes)", name, size);
  }
}
