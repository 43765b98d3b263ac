package org.daxsim.fs.dax;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.mm.AddressSpace;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.MmapHandler;
import org.daxsim.core.mm.VmFault;
import org.daxsim.core.mm.VmOperations;
import org.daxsim.core.mm.Vma;

/**
 * A test "file system file": consecutive segments (a mapped extent at a device byte offset, or
 * a hole) starting at file offset 0, an i_size, DAX entries, and the fault handlers; famfs-like
 * iomap_begin (length = rest of the segment, past the segments -> EIO).
 */
final class TestFile implements DaxInode, IomapOps, MmapHandler, VmOperations {
  /** One segment: devOff < 0 for a hole. */
  record Seg(long devOff, long length) {
    boolean hole() {
      return devOff < 0;
    }
  }

  final DaxDevice dev;
  /** The bus device behind {@link #dev} (for the physical model). */
  org.daxsim.bus.DevDax devDax;
  final List<Seg> segs;
  final DaxFault faults;
  long size;
  final DaxEntries entries = new DaxEntries();
  final AddressSpace mapping = new AddressSpace();
  /** Orders of the faults that returned NOPAGE, in order. */
  final List<Integer> mappedOrders = new ArrayList<>();
  int flagsSeen;
  /** famfs-like: iomap_begin past the extents fails EIO (else it reports a hole). */
  boolean failPastExtents;

  TestFile(DaxFault faults, DaxDevice dev, List<Seg> segs, long size) {
    this.faults = faults;
    this.dev = dev;
    this.segs = segs;
    this.size = size;
  }

  long extentBytes() {
    return segs.stream().mapToLong(Seg::length).sum();
  }

  /** Device byte offset of file offset {@code f}, -1 in a hole, -2 past the segments. */
  long devOffset(long f) {
    long at = 0;
    for (Seg s : segs) {
      if (f < at + s.length()) {
        return s.hole() ? -1 : s.devOff() + (f - at);
      }
      at += s.length();
    }
    return -2;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public DaxEntries entries() {
    return entries;
  }

  @Override
  public Iomap iomapBegin(DaxInode inode, long pos, long length, int flags)
      throws ErrnoException {
    flagsSeen = flags;
    long at = 0;
    for (Seg s : segs) {
      if (pos < at + s.length()) {
        long rest = at + s.length() - pos;
        return s.hole() ? Iomap.hole(pos, rest)
            : Iomap.mapped(s.devOff() + (pos - at), pos, rest, dev);
      }
      at += s.length();
    }
    if (failPastExtents) {
      throw ErrnoException.of(Errno.EIO, "past the extents: %d", pos);
    }
    return Iomap.hole(pos, 1L << 40); // like a block fs: beyond the blocks is a hole
  }

  @Override
  public void mmap(Vma vma) {
    vma.setOps(this);
    vma.setFlags(Vma.VM_HUGEPAGE | Vma.VM_MIXEDMAP);
  }

  @Override
  public long getUnmappedArea(Mm mm, long addr, long len, long pgoff, int flags) {
    if ((flags & org.daxsim.core.mm.Mman.MAP_FIXED) != 0) {
      return addr;
    }
    return mm.thpGetUnmappedArea(addr, len, pgoff, flags);
  }

  @Override
  public AddressSpace mapping() {
    return mapping;
  }

  @Override
  public int fault(VmFault vmf) {
    return record(0, faults.daxIomapFault(vmf, 0, this, this));
  }

  @Override
  public int hugeFault(VmFault vmf, int order) {
    return record(order, faults.daxIomapFault(vmf, order, this, this));
  }

  private int record(int order, int ret) {
    if ((ret & VmFault.VM_FAULT_NOPAGE) != 0) {
      mappedOrders.add(order);
    }
    return ret;
  }
}
