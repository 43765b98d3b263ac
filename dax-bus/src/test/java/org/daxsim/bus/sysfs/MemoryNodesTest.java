package org.daxsim.bus.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.Kmem;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;
import org.junit.jupiter.api.Test;

/** The memory hotplug files (drivers/base/memory.c, node.c) over the kmem driver's blocks. */
class MemoryNodesTest {
  static final long G = 1L << 30;
  static final long BASE = 0x100000000L;
  static final String MEM = "/sys/devices/system/memory/";
  static final String NODE0 = "/sys/devices/system/node/node0/";

  static Errno err(SysfsTest.ThrowingRunnable r) {
    try {
      r.run();
    } catch (ErrnoException e) {
      return e.errno();
    }
    return null;
  }

  static DaxBus world(boolean withKmem) throws ErrnoException {
    PhysicalAddressSpace phys = new PhysicalAddressSpace();
    phys.map(BASE, G, MemoryDevice.create("hmem0", G), 0);
    Resource iomem = Resource.iomem();
    Resource.insertResource(iomem, BASE, BASE + G - 1, "Soft Reserved", Resource.IORESOURCE_MEM);
    DaxBus bus = new DaxBus(new DaxCore(new KernelAddressSpace(phys)), iomem,
        KernelProfile.LINUX_6_1);
    bus.registerDriver(new DeviceDax(bus));
    if (withKmem) {
      bus.registerDriver(new Kmem(bus));
    }
    Hmem.register(bus, 0, BASE, G, 0, false);
    return bus;
  }

  @Test
  void blocksOfAKmemDeviceShowUpWithTheirAttributes() throws ErrnoException {
    DaxBus bus = world(true);
    Sysfs fs = new Sysfs(bus);
    assertThat(fs.list("/sys/devices/system/memory"))
        .containsExactly("auto_online_blocks", "block_size_bytes");
    assertThat(fs.list(NODE0)).isEmpty();
    bus.unbind(bus.device("dax0.0"));
    bus.newId(Kmem.NAME, "dax0.0");
    assertThat(fs.list(NODE0)).containsExactly("memory32", "memory33", "memory34", "memory35",
        "memory36", "memory37", "memory38", "memory39");
    assertThat(fs.isLink(NODE0 + "memory33")).isTrue();
    assertThat(fs.list(MEM + "memory33")).containsExactly("phys_index", "state", "valid_zones");
    assertThat(fs.read(MEM + "memory33/phys_index")).isEqualTo("00000021\n");
    assertThat(fs.mode(MEM + "memory33/state")).isEqualTo(0644);
    assertThat(fs.read(NODE0 + "memory33/state")).isEqualTo("offline\n");
    assertThat(err(() -> fs.write(NODE0 + "memory33/state", "bogus"))).isEqualTo(Errno.EINVAL);
    assertThat(err(() -> fs.write(NODE0 + "memory33/state", "offline\n")))
        .as("already offline").isEqualTo(Errno.EINVAL);
    assertThat(fs.write(NODE0 + "memory33/state", "online\n")).isEqualTo(7);
    assertThat(fs.read(NODE0 + "memory33/valid_zones")).isEqualTo("Normal\n");
    assertThat(fs.read(NODE0 + "memory34/valid_zones")).isEqualTo("Normal Movable\n");
    assertThat(err(() -> fs.write(MEM + "memory33/phys_index", "1"))).isEqualTo(Errno.EACCES);
  }

  @Test
  void autoOnlineBlocksReadsAndSetsThePolicy() throws ErrnoException {
    DaxBus bus = world(true);
    Sysfs fs = new Sysfs(bus);
    assertThat(fs.read(MEM + "auto_online_blocks")).isEqualTo("offline\n");
    fs.write(MEM + "auto_online_blocks", "online_movable\n");
    assertThat(fs.read(MEM + "auto_online_blocks")).isEqualTo("online_movable\n");
    assertThat(err(() -> fs.write(MEM + "auto_online_blocks", "on"))).isEqualTo(Errno.EINVAL);
    bus.unbind(bus.device("dax0.0"));
    bus.newId(Kmem.NAME, "dax0.0");
    assertThat(fs.read(NODE0 + "memory32/state")).isEqualTo("online\n");
    assertThat(fs.read(NODE0 + "memory32/valid_zones")).isEqualTo("Movable\n");
  }

  @Test
  void withoutKmemOnlyTheMemoryGlobalsAndNode0Exist() throws ErrnoException {
    Sysfs fs = new Sysfs(world(false));
    assertThat(fs.read(MEM + "block_size_bytes")).isEqualTo("8000000\n");
    // auto_online_blocks belongs to drivers/base/memory.c, not to kmem: there before kmem loads
    assertThat(fs.read(MEM + "auto_online_blocks")).isEqualTo("offline\n");
    fs.write(MEM + "auto_online_blocks", "online\n");
    assertThat(fs.read(MEM + "auto_online_blocks")).isEqualTo("online\n");
    assertThat(fs.list(MEM)).containsExactly("auto_online_blocks", "block_size_bytes");
    assertThat(fs.list(NODE0)).isEmpty();
  }
}
