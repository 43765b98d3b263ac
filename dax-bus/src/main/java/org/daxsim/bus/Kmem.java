package org.daxsim.bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.KernelAddressSpace;

/**
 * The kmem driver (drivers/dax/kmem.c dev_dax_kmem_probe / dev_dax_kmem_remove) and the memory
 * blocks it hot-adds (drivers/base/memory.c, mm/memory_hotplug.c): each range, trimmed inward to
 * the memory block size, is claimed in iomem under the device's name (flags reset to System
 * RAM) with a "System RAM (kmem)" child, and split into memory blocks that start offline (or
 * are onlined at once with {@link #setAutoOnline}). Onlining a block gives it a direct map and
 * hands its pages to the page allocator ({@link KernelAddressSpace#addSystemRam}); offlining
 * fails with EBUSY while a page is in use. Removal is one shot: a range with an online block
 * stays System RAM "until reboot".
 */
public final class Kmem implements DaxDriver {
  /** The driver's name under /sys/bus/dax/drivers. */
  public static final String NAME = "kmem";
  /** The kmem resource name (kmem_name). */
  public static final String RESOURCE_NAME = "System RAM (kmem)";

  private final DaxBus bus;
  private final Object lock = new Object();
  /** Memory blocks by start address; guarded by lock. */
  private final TreeMap<Long, KmemMemoryBlock> blocks = new TreeMap<>();
  /** The ranges each bound device added (null slots: trimmed away or skipped); lock. */
  private final Map<DevDax, KmemAdded[]> bound = new HashMap<>();

  /** The kmem driver of {@code bus}; memory blocks are {@link DaxBus#memoryBlockSize()} big. */
  public Kmem(DaxBus bus) throws ErrnoException {
    this.bus = Args.notNull(bus, "bus");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DaxDriverType type() {
    return DaxDriverType.KMEM;
  }

  /** memory_block_size_bytes() (/sys/devices/system/memory/block_size_bytes): the bus's. */
  public long memoryBlockSize() {
    return bus.memoryBlockSize();
  }

  /**
   * memhp_default_online_type (the memhp_default_state= boot option / auto_online_blocks):
   * {@link KmemOnlineType#OFFLINE} (the default) leaves new blocks offline for user space.
   */
  public void setAutoOnline(KmemOnlineType type) throws ErrnoException {
    bus.setAutoOnline(type);
  }

  /** The current auto_online_blocks policy (see {@link #setAutoOnline}). */
  public KmemOnlineType autoOnline() {
    return bus.autoOnline();
  }

  /**
   * dev_dax_kmem_probe(): target_node < 0 EINVAL; every range trimmed away EINVAL ("rejecting
   * DAX region without any memory after alignment"); then per range request_mem_region (EBUSY
   * if it fails before anything was added, skipped after) and add_memory_driver_managed.
   */
  @Override
  public void probe(DevDax dev) throws ErrnoException {
    Args.notNull(dev, "dev");
    int node = dev.targetNode();
    if (node < 0) {
      throw ErrnoException.of(Errno.EINVAL, "%s: rejecting DAX region with invalid node: %d",
          dev.name(), node);
    }
    List<DevDaxRange> ranges = dev.ranges();
    long blockSize = bus.memoryBlockSize();
    long total = 0;
    for (DevDaxRange r : ranges) {
      long[] t = trim(r, blockSize);
      total += t == null ? 0 : t[1] - t[0];
    }
    if (total == 0) {
      throw ErrnoException.of(Errno.EINVAL,
          "%s: rejecting DAX region without any memory after alignment", dev.name());
    }
    synchronized (lock) {
      KmemAdded[] added = new KmemAdded[ranges.size()];
      int mapped = 0;
      for (int i = 0; i < ranges.size(); i++) {
        long[] t = trim(ranges.get(i), blockSize);
        if (t == null) {
          continue; // "mappingN: ... too small after alignment"
        }
        try {
          added[i] = KmemAdded.add(bus.iomem(), dev.name(), t[0], t[1] - t[0]);
        } catch (ErrnoException e) {
          if (mapped > 0) {
            continue; // once memory was added it cannot be taken back safely
          }
          throw e;
        }
        addBlocks(dev.name(), node, t[0], t[1], blockSize);
        mapped++;
      }
      bound.put(dev, added);
    }
  }

  /**
   * dev_dax_kmem_remove(): remove_memory per range (EBUSY while a block of it is online: that
   * range stays added "until reboot", its blocks and resources kept); the others are released.
   */
  @Override
  public void remove(DevDax dev) {
    synchronized (lock) {
      KmemAdded[] added = dev == null ? null : bound.remove(dev);
      if (added == null) {
        return;
      }
      for (KmemAdded a : added) {
        if (a == null || anyOnline(a.start(), a.end())) {
          continue; // "hotremove failed" / "Hotplug regions stuck online until reboot"
        }
        blocks.subMap(a.start(), a.end()).clear();
        a.release();
      }
    }
  }

  /**
   * Writes {@code type} to memoryN/state (state_store): online/online_kernel/online_movable or
   * offline. ENOENT for an unknown block; EINVAL when it already is in that state; offlining
   * fails EBUSY while one of its pages is allocated.
   */
  public void setState(long blockId, KmemOnlineType type) throws ErrnoException {
    Args.notNull(type, "type");
    synchronized (lock) {
      KmemMemoryBlock b = byId(blockId);
      if (b == null) {
        throw ErrnoException.of(Errno.ENOENT, "no memory block %d", blockId);
      }
      boolean online = type != KmemOnlineType.OFFLINE;
      if (b.online() == online) {
        throw ErrnoException.of(Errno.EINVAL, "memory%d is already %s", blockId,
            online ? "online" : "offline");
      }
      KernelAddressSpace kas = bus.kas();
      if (online) {
        kas.addSystemRam(b.start(), b.size());
      } else {
        kas.removeSystemRam(b.start(), b.size());
      }
      blocks.put(b.start(), new KmemMemoryBlock(b.id(), b.start(), b.size(), b.node(), b.device(),
          online, zone(type)));
    }
  }

  /** memoryN/state read: "online\n" / "offline\n"; ENOENT for an unknown block. */
  public String state(long blockId) throws ErrnoException {
    KmemMemoryBlock b = memoryBlock(blockId);
    if (b == null) {
      throw ErrnoException.of(Errno.ENOENT, "no memory block %d", blockId);
    }
    return b.stateText();
  }

  /** The block with this id, or null. */
  public KmemMemoryBlock memoryBlock(long blockId) {
    synchronized (lock) {
      return byId(blockId);
    }
  }

  /** The block whose phys_index is {@code blockId} (blocks of one size never overlap). */
  private KmemMemoryBlock byId(long blockId) {
    Map.Entry<Long, KmemMemoryBlock> e =
        blockId < 0 ? null : blocks.floorEntry(blockId * bus.memoryBlockSize());
    KmemMemoryBlock b = e == null ? null : e.getValue();
    return b != null && b.id() == blockId && b.start() == blockId * b.size() ? b : null;
  }

  /** Every hot-added memory block, by id. */
  public List<KmemMemoryBlock> memoryBlocks() {
    synchronized (lock) {
      return List.copyOf(blocks.values());
    }
  }

  /** The blocks added for the device named {@code devName} (also ones stuck after unbind). */
  public List<KmemMemoryBlock> memoryBlocks(String devName) {
    List<KmemMemoryBlock> out = new ArrayList<>();
    synchronized (lock) {
      for (KmemMemoryBlock b : blocks.values()) {
        if (b.device().equals(devName)) {
          out.add(b);
        }
      }
    }
    return List.copyOf(out);
  }

  /** True while {@code dev} is bound to kmem. */
  public boolean isBound(DevDax dev) {
    synchronized (lock) {
      return dev != null && bound.containsKey(dev);
    }
  }

  /**
   * memory_block_align_range(): {@code [start, end)} of {@code r} trimmed inward to the block
   * size, or null when nothing is left (dax_kmem_range's -ENOSPC).
   */
  static long[] trim(DevDaxRange r, long blockSize) {
    long start = (r.start() + blockSize - 1) & -blockSize;
    long end = (r.end() + 1) & -blockSize;
    return start >= end ? null : new long[] {start, end};
  }

  private void addBlocks(String devName, int node, long start, long end, long blockSize) {
    KmemOnlineType auto = bus.autoOnline();
    for (long a = start; a < end; a += blockSize) {
      long id = a / blockSize;
      blocks.put(a, new KmemMemoryBlock(id, a, blockSize, node, devName, false, "none"));
      if (auto != KmemOnlineType.OFFLINE) {
        try {
          setState(id, auto);
        } catch (ErrnoException e) {
          // online_memory_block() failed: the block stays offline, as after a failed auto-online
        }
      }
    }
  }

  private boolean anyOnline(long start, long end) {
    for (KmemMemoryBlock b : blocks.subMap(start, end).values()) {
      if (b.online()) {
        return true;
      }
    }
    return false;
  }

  private static String zone(KmemOnlineType type) {
    switch (type) {
      case ONLINE_MOVABLE:
        return "Movable";
      case OFFLINE:
        return "none";
      default:
        return "Normal";
    }
  }

  @Override
  public String toString() {
    return NAME;
  }
}
