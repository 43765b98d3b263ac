package org.daxsim.testkit;

/**
 * One generated page fault on a mapping: the mapping's start address and file offset, the
 * faulting address inside it, and the fault size (a PTE fault of 4 KiB or a PMD fault of 2 MiB).
 * Made by {@link GensFaults}.
 *
 * @param mapStart the mapping's start address (page aligned)
 * @param mapOffset the file offset the mapping starts at (page aligned)
 * @param mapLength the mapping's length (page aligned)
 * @param address the faulting address, inside the mapping
 * @param size the fault size: {@link GensFaults#PTE} or {@link GensFaults#PMD}
 */
public record Fault(long mapStart, long mapOffset, long mapLength, long address, long size) {
  /** The file offset the faulting address maps. */
  public long fileOffset() {
    return mapOffset + (address - mapStart);
  }

  /**
   * True when a fault of {@link #size()} can be served with one entry: the address's
   * size-aligned block lies inside the mapping and virtual and file offsets agree modulo the
   * size (for a PTE fault always).
   */
  public boolean alignedForSize() {
    long block = address & -size;
    return block >= mapStart && block + size <= mapStart + mapLength
        && ((mapStart - mapOffset) & (size - 1)) == 0;
  }

  @Override
  public String toString() {
    return String.format("%s fault at %#x (file %#x) of map %#x+%#x @file %#x",
        size == GensFaults.PMD ? "pmd" : "pte", address, fileOffset(), mapStart, mapLength,
        mapOffset);
  }
}
