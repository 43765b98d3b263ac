package org.daxsim.core.mem;

import java.util.Objects;

/**
 * One window of a host's physical address space onto a memory device: host physical {@code
 * [physStart, physEnd())} maps device offsets {@code [devOffset, devOffset + length)}. Models what
 * an HDM decoder (CXL) or a memory controller's address map programs. Immutable; created by {@link
 * PhysicalAddressSpace#map}.
 */
public final class PhysWindow {
  private final long physStart;
  private final long length;
  private final MemoryDevice device;
  private final long devOffset;

  PhysWindow(long physStart, long length, MemoryDevice device, long devOffset) {
    this.physStart = physStart;
    this.length = length;
    this.device = device;
    this.devOffset = devOffset;
  }

  /** First host physical address of the window. */
  public long physStart() {
    return physStart;
  }

  /** Length in bytes (a positive multiple of PAGE_SIZE). */
  public long length() {
    return length;
  }

  /** Host physical address one past the window. */
  public long physEnd() {
    return physStart + length;
  }

  public MemoryDevice device() {
    return device;
  }

  /** Device offset that {@link #physStart()} maps to. */
  public long devOffset() {
    return devOffset;
  }

  /** True when {@code phys} lies inside the window. */
  public boolean contains(long phys) {
    return phys >= physStart && phys - physStart < length;
  }

  /** The device offset of {@code phys}, which must lie inside the window. */
  public long toDeviceOffset(long phys) {
    return devOffset + (phys - physStart);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PhysWindow w
        && w.physStart == physStart
        && w.length == length
        && w.device == device
        && w.devOffset == devOffset;
  }

  @Override
  public int hashCode() {
    return Objects.hash(physStart, length, System.identityHashCode(device), devOffset);
  }

  @Override
  public String toString() {
    return String.format(
        "[phys 0x%x-0x%x] -> %s+0x%x", physStart, physEnd() - 1, device.name(), devOffset);
  }
}
