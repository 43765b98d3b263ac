package org.daxsim.bus;

/**
 * A snapshot of one hot-plugged memory block (drivers/base/memory.c struct memory_block, as
 * /sys/devices/system/memory/memoryN shows it): {@code id} = phys_index = start / block size.
 *
 * @param id the block number (memoryN, phys_index)
 * @param start the first physical address
 * @param size the block size (block_size_bytes)
 * @param node the NUMA node it was added to
 * @param device the dev_dax whose range it came from (the kmem resource name)
 * @param online true when online
 * @param zone "Movable" or "Normal" while online, "none" while offline
 */
public record KmemMemoryBlock(long id, long start, long size, int node, String device,
    boolean online, String zone) {
  /** The {@code state} attribute text: "online\n" or "offline\n". */
  public String stateText() {
    return online ? "online\n" : "offline\n";
  }

  /** The last physical address (inclusive). */
  public long end() {
    return start + size - 1;
  }
}
