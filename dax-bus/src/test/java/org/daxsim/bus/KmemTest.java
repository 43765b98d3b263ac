package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.bus.DeviceDaxTestHost.BASE;
import static org.daxsim.bus.DeviceDaxTestHost.MiB;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.Pages;
import org.daxsim.core.mm.KernelAddressSpace;
import org.junit.jupiter.api.Test;

/** kmem.c: trimming, target node, memory blocks online/offline, one-shot removal (32, 33). */
class KmemTest {
  private static final long BLOCK = 128 * MiB;

  private static void fails(Errno errno, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ErrnoException.class,
        e -> assertThat(e.errno()).isEqualTo(errno));
  }

  @Test
  void rangesAreTrimmedInwardToMemoryBlocks() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    // range 0: 2M..258M (one whole block 128M..256M); range 1: 512M..768M (two blocks);
    // range 2: 1G+2M..1G+100M (nothing left)
    DevDax d = h.device(BASE + 2 * MiB, BASE + 258 * MiB - 1, BASE + 512 * MiB,
        BASE + 768 * MiB - 1, BASE + 1026 * MiB, BASE + 1124 * MiB - 1);
    h.bind(d, Kmem.NAME);
    List<KmemMemoryBlock> blocks = h.kmem.memoryBlocks(d.name());
    assertThat(blocks).extracting(KmemMemoryBlock::start)
        .containsExactly(BASE + 128 * MiB, BASE + 512 * MiB, BASE + 640 * MiB);
    assertThat(blocks).extracting(KmemMemoryBlock::id)
        .containsExactly((BASE + 128 * MiB) / BLOCK, (BASE + 512 * MiB) / BLOCK,
            (BASE + 640 * MiB) / BLOCK);
    assertThat(blocks).allSatisfy(b -> {
      assertThat(b.online()).isFalse();
      assertThat(b.stateText()).isEqualTo("offline\n");
      assertThat(b.size()).isEqualTo(BLOCK);
      assertThat(b.node()).isZero();
    });
    String iomem = h.iomem.dump();
    assertThat(iomem).contains(d.name()).contains(Kmem.RESOURCE_NAME);
    org.daxsim.core.mem.Resource ram = h.iomem.lookup(BASE + 128 * MiB);
    assertThat(ram.name()).isEqualTo(Kmem.RESOURCE_NAME);
    assertThat(ram.isBusy()).isTrue();
    assertThat(ram.flags() & org.daxsim.core.mem.Resource.IORESOURCE_SYSRAM_DRIVER_MANAGED)
        .isNotZero();
    assertThat(ram.start()).isEqualTo(BASE + 128 * MiB);
    assertThat(ram.end()).isEqualTo(BASE + 256 * MiB - 1);
    assertThat(ram.parent().name()).isEqualTo(d.name());
    assertThat(ram.parent().flags()).isEqualTo(org.daxsim.core.mem.Resource.IORESOURCE_SYSTEM_RAM);
    assertThat(h.iomem.lookup(BASE + 2 * MiB).name()).isEqualTo("Soft Reserved");
    assertThat(h.kmem.memoryBlockSize()).isEqualTo(BLOCK);
  }

  @Test
  void aDeviceThatTrimsToNothingIsEinval() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = h.device(BASE + 2 * MiB, BASE + 130 * MiB - 1); // 128M, but not block aligned
    h.bus.newId(Kmem.NAME, d.name()); // attach fails silently
    assertThat(d.driver()).isNull();
    fails(Errno.EINVAL, () -> h.bus.bind(d, Kmem.NAME));
    assertThat(h.kmem.memoryBlocks()).isEmpty();
    assertThat(h.iomem.dump()).doesNotContain(d.name());
  }

  @Test
  void aNegativeTargetNodeIsEinval() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DaxRegion r = DaxRegion.alloc(h.bus, "/sys/devices/platform/hmem.1", 1, 0x2_0000_0000L,
        BLOCK, -1, Pages.PMD_SIZE, false, true);
    h.phys.map(0x2_0000_0000L, BLOCK,
        org.daxsim.core.mem.MemoryDevice.create("cxl1", BLOCK), 0);
    DevDax d = r.create();
    d.mapping(0x2_0000_0000L, 0x2_0000_0000L + BLOCK - 1);
    fails(Errno.EINVAL, () -> h.bus.bind(d, Kmem.NAME));
    assertThat(h.kmem.memoryBlocks()).isEmpty();
  }

  @Test
  void onlineOfflineAndInUseMemory() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = h.device(BASE, BASE + 2 * BLOCK - 1);
    h.bind(d, Kmem.NAME);
    long id0 = BASE / BLOCK;
    long id1 = id0 + 1;
    long freeBefore = h.kas.freePages();
    h.kmem.setState(id0, KmemOnlineType.ONLINE_MOVABLE);
    h.kmem.setState(id1, KmemOnlineType.parse("online\n"));
    assertThat(h.kmem.state(id0)).isEqualTo("online\n");
    assertThat(h.kmem.memoryBlock(id0).zone()).isEqualTo("Movable");
    assertThat(h.kmem.memoryBlock(id1).zone()).isEqualTo("Normal");
    assertThat(h.kas.freePages() - freeBefore).isEqualTo(2 * BLOCK / 4096);
    assertThat(h.kas.translate(KernelAddressSpace.va(BASE + 4096))).isEqualTo(BASE + 4096);
    fails(Errno.EINVAL, () -> h.kmem.setState(id0, KmemOnlineType.ONLINE_KERNEL));
    // take a page of block 0 into use: offlining it is EBUSY
    List<Long> taken = new ArrayList<>();
    long pfn;
    do {
      pfn = h.kas.allocPage();
      taken.add(pfn);
    } while ((pfn << 12) < BASE || (pfn << 12) >= BASE + BLOCK);
    fails(Errno.EBUSY, () -> h.kmem.setState(id0, KmemOnlineType.OFFLINE));
    assertThat(h.kmem.memoryBlock(id0).online()).isTrue();
    for (long p : taken) {
      h.kas.freePage(p);
    }
    h.kmem.setState(id0, KmemOnlineType.OFFLINE);
    assertThat(h.kmem.state(id0)).isEqualTo("offline\n");
    fails(Errno.EINVAL, () -> h.kmem.setState(id0, KmemOnlineType.OFFLINE));
    assertThat(h.kas.translate(KernelAddressSpace.va(BASE + 4096))).isEqualTo(-1);
    // unbinding with block 1 online: that range stays System RAM until reboot
    h.bus.unbind(d);
    assertThat(h.kmem.memoryBlocks(d.name())).extracting(KmemMemoryBlock::id)
        .containsExactly(id0, id1);
    assertThat(h.iomem.dump()).contains(Kmem.RESOURCE_NAME);
    h.bus.newId(DeviceDax.NAME, d.name()); // attach fails: the range is still claimed
    fails(Errno.EBUSY, () -> h.bus.bind(d, DeviceDax.NAME));
    assertThat(d.driver()).isNull();
  }

  @Test
  void removalWithEverythingOfflineReleasesAll() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = h.device(BASE, BASE + BLOCK - 1);
    h.bind(d, Kmem.NAME);
    h.kmem.setState(BASE / BLOCK, KmemOnlineType.ONLINE);
    h.kmem.setState(BASE / BLOCK, KmemOnlineType.OFFLINE);
    assertThat(h.kmem.isBound(d)).isTrue();
    h.bus.unbind(d);
    assertThat(h.kmem.isBound(d)).isFalse();
    assertThat(h.kmem.memoryBlocks()).isEmpty();
    assertThat(h.iomem.dump()).doesNotContain(Kmem.RESOURCE_NAME).doesNotContain(d.name());
    h.bind(d, DeviceDax.NAME);
  }

  @Test
  void autoOnlineOnlinesNewBlocks() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    h.kmem.setAutoOnline(KmemOnlineType.ONLINE_MOVABLE);
    DevDax d = h.device(BASE, BASE + BLOCK - 1);
    h.bind(d, Kmem.NAME);
    assertThat(h.kmem.memoryBlock(BASE / BLOCK).online()).isTrue();
  }

  @Test
  void memmapOnMemoryCannotChangeWhileBoundToKmem() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    h.bus.setMhpSupportsMemmapOnMemory(true);
    DevDax d = h.device(BASE, BASE + BLOCK - 1);
    h.bind(d, Kmem.NAME);
    fails(Errno.EBUSY, () -> d.setMemmapOnMemory(true));
    assertThat(d.memmapOnMemory()).isFalse();
    d.setMemmapOnMemory(false); // no change: allowed
    h.bus.unbind(d);
    d.setMemmapOnMemory(true);
    assertThat(d.memmapOnMemory()).isTrue();
  }

  @Test
  void theMemoryBlockSizeComesFromTheBus() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost(4L << 30, true, KernelProfile.MAINLINE);
    h.bus.setMemoryBlockSize(256 * MiB);
    DevDax d = h.device(BASE + 128 * MiB, BASE + 640 * MiB - 1);
    h.bind(d, Kmem.NAME);
    assertThat(h.kmem.memoryBlocks()).extracting(KmemMemoryBlock::start)
        .containsExactly(BASE + 256 * MiB);
  }

  @Test
  void badInput() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    fails(Errno.EINVAL, () -> new Kmem(null));
    fails(Errno.EINVAL, () -> h.kmem.probe(null));
    h.kmem.remove(null);
    fails(Errno.ENOENT, () -> h.kmem.setState(12345, KmemOnlineType.ONLINE));
    fails(Errno.ENOENT, () -> h.kmem.setState(-1, KmemOnlineType.ONLINE));
    fails(Errno.ENOENT, () -> h.kmem.state(7));
    fails(Errno.EINVAL, () -> h.kmem.setState(7, null));
    fails(Errno.EINVAL, () -> h.kmem.setAutoOnline(null));
    for (String bad : new String[] {null, "", "Online", "online\n\n", "on", "offline "}) {
      fails(Errno.EINVAL, () -> KmemOnlineType.parse(bad));
    }
    assertThat(KmemOnlineType.parse("offline\n")).isEqualTo(KmemOnlineType.OFFLINE);
    assertThat(h.kmem.memoryBlock(3)).isNull();
    assertThat(h.kmem.memoryBlocks("dax9.9")).isEmpty();
    assertThat(h.kmem.isBound(null)).isFalse();
    assertThat(h.kmem.type()).isEqualTo(DaxDriverType.KMEM);
  }
}
