package org.daxsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mem.MemTesting.assertErrno;
import static org.daxsim.core.mem.Resource.IORESOURCE_BUSY;
import static org.daxsim.core.mem.Resource.IORESOURCE_MEM;
import static org.daxsim.core.mem.Resource.IORESOURCE_SYSTEM_RAM;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/** Example-based tests of the iomem tree; ResourceModelTest covers random sequences. */
class ResourceTest {

  @Test
  void dumpLooksLikeProcIomem() throws ErrnoException {
    Resource iomem = Resource.iomem();
    Resource ram =
        Resource.insertResource(iomem, 0x1000, 0x9ffff, "System RAM", IORESOURCE_SYSTEM_RAM);
    Resource.insertResource(iomem, 0x100000, 0x3fffffff, "System RAM", IORESOURCE_SYSTEM_RAM);
    Resource.requestRegion(iomem, 0x1000000, 0x1000000, "Kernel code");
    Resource soft =
        Resource.insertResource(
            iomem, 0x1_0000_0000L, 0x1_ffff_ffffL, "Soft Reserved", IORESOURCE_MEM);
    Resource dax = Resource.requestRegion(iomem, 0x1_0000_0000L, 1L << 32, "dax0.0");

    assertThat(iomem.dump())
        .isEqualTo(
            "00001000-0009ffff : System RAM\n"
                + "00100000-3fffffff : System RAM\n"
                + "  01000000-01ffffff : Kernel code\n"
                + "100000000-1ffffffff : Soft Reserved\n"
                + "  100000000-1ffffffff : dax0.0\n");
    assertThat(dax.parent()).isSameAs(soft);
    assertThat(dax.flags()).isEqualTo(IORESOURCE_MEM | IORESOURCE_BUSY);
    assertThat(ram.isBusy()).isFalse();
    assertThat(iomem.lookup(0x1_2345_6789L)).isSameAs(dax);
    assertThat(iomem.lookup(0x1000)).isSameAs(ram);
    assertThat(iomem.lookup(0xa0000)).isSameAs(iomem);
    assertThat(iomem.lookup(-1)).isNull();
    assertThat(soft.size()).isEqualTo(1L << 32);
  }

  @Test
  void smallRootsPrintFourDigitsAndIndentIsCapped() throws ErrnoException {
    Resource io = Resource.root("PCI IO", 0, 0xffff);
    Resource.requestRegion(io, 0, 0x20, "dma1");
    assertThat(io.dump()).isEqualTo("0000-001f : dma1\n");

    Resource root = Resource.root("deep", 0, 0xfffff);
    Resource p = root;
    for (int d = 0; d < 7; d++) {
      p = Resource.insertResource(p, 0x100 * d, 0xfffff - d, "l" + d, IORESOURCE_MEM);
    }
    String[] lines = root.dump().split("\n");
    assertThat(lines).hasSize(7);
    assertThat(lines[0]).isEqualTo("00000000-000fffff : l0");
    assertThat(lines[5]).isEqualTo("          00000500-000ffffa : l5");
    assertThat(lines[6])
        .as("MAX_IORES_LEVEL caps the indent")
        .isEqualTo("          00000600-000ffff9 : l6");
  }

  @Test
  void requestDescendsOnlyIntoNonBusyContainers() throws ErrnoException {
    Resource iomem = Resource.iomem();
    Resource window =
        Resource.insertResource(iomem, 0x1000, 0x8fff, "CXL Window 0", IORESOURCE_MEM);
    Resource a = Resource.requestRegion(iomem, 0x2000, 0x2000, "region0");
    assertThat(a.parent()).isSameAs(window);
    assertThat(a.isBusy()).isTrue();
    // Inside a busy region: refused.
    assertErrno(Errno.EBUSY, () -> Resource.requestRegion(iomem, 0x2000, 0x1000, "x"));
    // Straddling the container's end: descends, then does not fit.
    assertErrno(Errno.EBUSY, () -> Resource.requestRegion(iomem, 0x8000, 0x2000, "x"));
    // Outside the parent.
    assertErrno(Errno.EBUSY, () -> Resource.requestRegion(window, 0x9000, 0x1000, "x"));
    // A non-busy region can itself be a container (kmem clears BUSY like this).
    a.setFlags(IORESOURCE_SYSTEM_RAM);
    Resource ram = Resource.requestRegion(iomem, 0x2000, 0x2000, "System RAM (kmem)");
    assertThat(ram.parent()).isSameAs(a);
    assertThat(ram.flags()).isEqualTo(IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY);
  }

  @Test
  void insertAdoptsContainedResources() throws ErrnoException {
    Resource iomem = Resource.iomem();
    Resource r1 = Resource.requestRegion(iomem, 0x1000, 0x1000, "r1");
    Resource r2 = Resource.requestRegion(iomem, 0x3000, 0x1000, "r2");
    Resource r3 = Resource.requestRegion(iomem, 0x6000, 0x1000, "r3");
    Resource soft = Resource.insertResource(iomem, 0x1000, 0x4fff, "Soft Reserved", IORESOURCE_MEM);
    assertThat(soft.children()).containsExactly(r1, r2);
    assertThat(iomem.children()).containsExactly(soft, r3);
    assertThat(r1.parent()).isSameAs(soft);
    // Partial overlap cannot be fixed.
    assertErrno(Errno.EBUSY, () -> Resource.insertResource(iomem, 0x4000, 0x6fff, "x", 0));
    // An identical range adopts the existing one.
    Resource same = Resource.insertResource(iomem, 0x1000, 0x1fff, "same as r1", IORESOURCE_MEM);
    assertThat(same.parent()).isSameAs(soft);
    assertThat(same.children()).containsExactly(r1);
    // remove_resource gives the children back.
    Resource.removeResource(soft);
    assertThat(iomem.children()).containsExactly(same, r2, r3);
    assertThat(soft.parent()).isNull();
    assertThat(soft.children()).isEmpty();
  }

  @Test
  void adjustStaysInsideParentAndAwayFromSiblings() throws ErrnoException {
    Resource iomem = Resource.iomem();
    Resource region = Resource.insertResource(iomem, 0x10000, 0x1ffff, "region", IORESOURCE_MEM);
    Resource a = Resource.requestRegion(region, 0x10000, 0x1000, "a");
    Resource b = Resource.requestRegion(region, 0x14000, 0x1000, "b");
    Resource.adjustResource(a, 0x10000, 0x4000);
    assertThat(a.end()).isEqualTo(0x13fff);
    assertErrno(Errno.EBUSY, () -> Resource.adjustResource(a, 0x10000, 0x4001));
    assertErrno(Errno.EBUSY, () -> Resource.adjustResource(b, 0x13fff, 0x10));
    assertErrno(Errno.EBUSY, () -> Resource.adjustResource(b, 0x1f000, 0x2000));
    // Jumping over a sibling is refused too (the kernel compares with the next sibling's start).
    assertErrno(Errno.EBUSY, () -> Resource.adjustResource(a, 0x18000, 0x1000));
    assertErrno(Errno.EBUSY, () -> Resource.adjustResource(region, 0x10000, 0x4000));
    Resource.adjustResource(region, 0x10000, 0x5000);
    assertThat(region.size()).isEqualTo(0x5000);
    Resource.releaseRegion(iomem, 0x14000, 0x1000);
    assertThat(b.parent()).isNull();
    assertThat(region.children()).containsExactly(a);
    assertErrno(Errno.EINVAL, () -> Resource.releaseRegion(iomem, 0x10000, 0x1000));
    Resource.releaseResource(a);
    Resource.releaseResource(region);
    assertThat(iomem.children()).isEmpty();
    assertThat(iomem.dump()).isEmpty();
  }
}
