package org.daxsim.bus.sysfs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxDriver;
import org.daxsim.bus.Kmem;
import org.daxsim.bus.KmemMemoryBlock;
import org.daxsim.bus.KmemOnlineType;

/**
 * The memory hotplug files of drivers/base/memory.c and drivers/base/node.c that libdaxctl
 * uses for system-ram devices: {@code /sys/devices/system/memory/block_size_bytes} and
 * {@code auto_online_blocks}, each hot-added block's {@code memoryN/{phys_index,state,
 * valid_zones}}, and the {@code /sys/devices/system/node/nodeX/memoryN} links. Only the blocks
 * kmem added are modelled (boot memory blocks are not); without a registered {@link Kmem} the
 * tree has block_size_bytes and node0 only.
 */
final class MemoryNodes {
  static final String MEMORY = "/sys/devices/system/memory";
  static final String NODE = "/sys/devices/system/node/node";

  private MemoryNodes() {}

  /** The kmem driver registered on {@code bus}, or null. */
  static Kmem kmem(DaxBus bus) {
    for (DaxDriver d : bus.drivers()) {
      if (d instanceof Kmem k) {
        return k;
      }
    }
    return null;
  }

  /** /sys/devices/system/memory and the nodeX directories with their memory links, by path. */
  static void put(DaxBus bus, Map<String, Node> out) {
    Kmem kmem = kmem(bus);
    Map<String, Node> mem = new TreeMap<>();
    // block_size_bytes_show(): "%lx\n", no prefix
    mem.put("block_size_bytes",
        Node.Attr.ro(0444, () -> Long.toHexString(bus.memoryBlockSize()) + "\n"));
    Map<Integer, Map<String, Node>> nodes = new TreeMap<>();
    nodes.put(0, new TreeMap<>());
    // auto_online_blocks: the online type's name; mhp_online_type_from_str() else EINVAL
    mem.put("auto_online_blocks", Node.Attr.rw(0644, () -> bus.autoOnline().text() + "\n",
        buf -> bus.setAutoOnline(KmemOnlineType.parse(buf))));
    if (kmem != null) {
      for (KmemMemoryBlock b : kmem.memoryBlocks()) {
        String name = "memory" + b.id();
        mem.put(name, block(kmem, b.id()));
        nodes.computeIfAbsent(b.node(), n -> new TreeMap<>())
            .put(name, new Node.Link(MEMORY + "/" + name));
      }
    }
    out.put(MEMORY, DaxNodes.dir(mem));
    for (Map.Entry<Integer, Map<String, Node>> e : nodes.entrySet()) {
      out.put(NODE + e.getKey(), DaxNodes.dir(e.getValue()));
    }
  }

  /** memoryN: phys_index ("%08lx\n"), state (online/offline, state_store), valid_zones. */
  private static Node.Dir block(Kmem kmem, long id) {
    Map<String, Node> m = new LinkedHashMap<>();
    m.put("phys_index", Node.Attr.ro(0444, () -> String.format("%08x\n", id)));
    m.put("state", Node.Attr.rw(0644, () -> kmem.state(id),
        buf -> kmem.setState(id, KmemOnlineType.parse(buf))));
    // valid_zones_show(): the zone of an online block; for an offline one the zones it could
    // be onlined to, the default (ZONE_NORMAL for kmem's memory) first
    m.put("valid_zones", Node.Attr.ro(0444, () -> {
      KmemMemoryBlock b = kmem.memoryBlock(id);
      return (b != null && b.online() ? b.zone() : "Normal Movable") + "\n";
    }));
    return DaxNodes.dir(DaxNodes.sorted(m));
  }
}
