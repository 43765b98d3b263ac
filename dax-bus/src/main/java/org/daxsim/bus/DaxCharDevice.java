package org.daxsim.bus;

import org.daxsim.core.trace.FallbackReason;
import org.daxsim.core.trace.Trace;
import org.daxsim.core.trace.Tracepoint;
import static org.daxsim.core.Pages.PAGE_SHIFT;
import static org.daxsim.core.Pages.PAGE_SIZE;
import static org.daxsim.core.Pages.PMD_ORDER;
import static org.daxsim.core.Pages.PMD_SIZE;
import static org.daxsim.core.Pages.PUD_ORDER;
import static org.daxsim.core.Pages.PUD_SIZE;

import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mm.AddressSpace;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.mm.MmapHandler;
import org.daxsim.core.mm.Vma;
import org.daxsim.core.mm.VmFault;
import org.daxsim.core.mm.VmOperations;

/**
 * An open {@code /dev/daxR.N} (drivers/dax/device.c dax_fops, or fsdev.c fsdev_fops): the
 * struct file whose private data is the dev_dax. With device_dax bound it supports only mmap
 * ({@link #mmap}, {@link #getUnmappedArea}, MAP_SYNC) and installs the device-dax vm ops
 * (PTE/PMD/PUD faults, may_split, pagesize); with fsdev it has open/release only. read(2) and
 * write(2) fail with EINVAL, as the VFS answers for a file without read/write methods.
 */
public final class DaxCharDevice implements MmapHandler {
  private final DaxCore core;
  private final DevDax dev;
  private final boolean fsdev;
  private final VmOperations vmOps = new DaxVmOps();

  private DaxCharDevice(DaxCore core, DevDax dev, boolean fsdev) {
    this.core = core;
    this.dev = dev;
    this.fsdev = fsdev;
  }

  /**
   * open(2) of {@code /dev/<name>} (chrdev_open + dax_open / fsdev_open): ENOENT when no such
   * device exists, ENXIO when no char device is registered for it (unbound, or bound to kmem);
   * EINVAL for null arguments.
   */
  public static DaxCharDevice open(DaxBus bus, String name) throws ErrnoException {
    Args.notNull(bus, "bus");
    Args.notNull(name, "name");
    DevDax dev = bus.device(name);
    if (dev == null) {
      throw ErrnoException.of(Errno.ENOENT, "/dev/%s: no such device", name);
    }
    DaxDriver drv = dev.driver();
    if (drv instanceof DeviceDax && ((DeviceDax) drv).hasCdev(dev)) {
      return new DaxCharDevice(bus.core(), dev, false);
    }
    if (drv instanceof Fsdev && ((Fsdev) drv).hasCdev(dev)) {
      return new DaxCharDevice(bus.core(), dev, true);
    }
    throw ErrnoException.of(Errno.ENXIO, "/dev/%s: no char device (%s)", name,
        drv == null ? "unbound" : "bound to " + drv.name());
  }

  /** filp->private_data: the dev_dax this file was opened on. */
  public DevDax device() {
    return dev;
  }

  /** True when opened through fsdev_fops (no mmap). */
  public boolean isFsdev() {
    return fsdev;
  }

  /** read(2): EINVAL (no ->read/->read_iter, so FMODE_CAN_READ is clear). */
  public long read(Mm mm, long uaddr, long len) throws ErrnoException {
    throw ErrnoException.of(Errno.EINVAL, "/dev/%s: read(2) is not supported", dev.name());
  }

  /** write(2): EINVAL (no ->write/->write_iter, so FMODE_CAN_WRITE is clear). */
  public long write(Mm mm, long uaddr, long len) throws ErrnoException {
    throw ErrnoException.of(Errno.EINVAL, "/dev/%s: write(2) is not supported", dev.name());
  }

  /**
   * dax_mmap(): check_vma inside a dax read section (ENXIO dead, EINVAL private or misaligned),
   * then the vm ops and VM_HUGEPAGE. fsdev_fops has no ->mmap: ENODEV.
   */
  @Override
  public void mmap(Vma vma) throws ErrnoException {
    Args.notNull(vma, "vma");
    if (fsdev) {
      throw ErrnoException.of(Errno.ENODEV, "/dev/%s (fsdev) has no mmap", dev.name());
    }
    int id = core.daxReadLock();
    int rc;
    try {
      rc = checkVma(vma);
    } finally {
      core.daxReadUnlock(id);
    }
    if (rc != 0) {
      throw ErrnoException.of(Errno.of(rc), "%s: dax_mmap: %s refused", dev.name(), vma);
    }
    vma.setOps(vmOps);
    vma.setFlags(Vma.VM_HUGEPAGE);
  }

  /**
   * dax_get_unmapped_area(): with no hint, asks the mm for {@code len + align} and shifts the
   * result so that the address and the file offset agree modulo the device align; the default
   * (0 here) with a hint, when the request cannot hold one aligned block, or on overflow.
   */
  @Override
  public long getUnmappedArea(Mm mm, long addr, long len, long pgoff, int flags) {
    if (fsdev || addr != 0 || mm == null) {
      return 0;
    }
    long align = dev.align();
    long off = pgoff << PAGE_SHIFT;
    long offEnd = off + len;
    long offAlign = (off + align - 1) & -align;
    if (Long.compareUnsigned(offEnd, offAlign) <= 0
        || Long.compareUnsigned(offEnd - offAlign, align) < 0) {
      return 0;
    }
    long lenAlign = len + align;
    if (Long.compareUnsigned(off + lenAlign, off) < 0) {
      return 0;
    }
    long a = mm.getUnmappedArea(addr, lenAlign, pgoff, flags);
    if (Long.compareUnsigned(a, -4095L) >= 0) {
      return 0; // IS_ERR_VALUE: the kernel retries with the plain length
    }
    return a + ((off - a) & (align - 1));
  }

  /** f_mapping: the dax inode's address_space, shared by every open of the device. */
  @Override
  public AddressSpace mapping() {
    return dev.daxDevice().mapping();
  }

  /** mmap_supported_flags = MAP_SYNC (devices are set_dax_synchronous); none for fsdev. */
  @Override
  public int mmapSupportedFlags() {
    return fsdev ? 0 : Mman.MAP_SYNC;
  }

  /**
   * check_vma(): 0, -ENXIO when the dax device is dead, -EINVAL for a private mapping or a VMA
   * whose start or end is not a multiple of the align (vma_is_dax always holds: dax_open sets
   * S_DAX).
   */
  int checkVma(Vma vma) {
    if (!dev.daxDevice().isAlive()) {
      return Errno.ENXIO.neg();
    }
    if ((vma.flags() & Vma.VM_MAYSHARE) == 0) {
      return Errno.EINVAL.neg();
    }
    long mask = dev.align() - 1;
    if ((vma.start() & mask) != 0 || (vma.end() & mask) != 0) {
      return Errno.EINVAL.neg();
    }
    return 0;
  }

  /** dax_vm_ops (device.c): allocation free, no lock beyond the dax SRCU read section. */
  private final class DaxVmOps implements VmOperations {
    /** dev_dax_fault(): dev_dax_huge_fault(vmf, 0). */
    @Override
    public int fault(VmFault vmf) {
      return hugeFault(vmf, 0);
    }

    /** dev_dax_huge_fault(): dispatch by order inside dax_read_lock; other orders SIGBUS. */
    @Override
    public int hugeFault(VmFault vmf, int order) {
      int id = core.daxReadLock();
      try {
        if (order == 0) {
          return pteFault(vmf);
        } else if (order == PMD_ORDER) {
          return hugeFault(vmf, PMD_SIZE);
        } else if (order == PUD_ORDER) {
          return hugeFault(vmf, PUD_SIZE);
        }
        return VmFault.VM_FAULT_SIGBUS;
      } finally {
        core.daxReadUnlock(id);
      }
    }

    /** dev_dax_split(): splitting at an address not aligned to the align is -EINVAL. */
    @Override
    public int maySplit(Vma vma, long addr) {
      return (addr & (dev.align() - 1)) != 0 ? Errno.EINVAL.neg() : 0;
    }

    /** dev_dax_pagesize(): the device align. */
    @Override
    public long pagesize(Vma vma) {
      return dev.align();
    }

    /** __dev_dax_pte_fault(). */
    private int pteFault(VmFault vmf) {
      if (checkVma(vmf.vma()) != 0) {
        return VmFault.VM_FAULT_SIGBUS;
      }
      long align = dev.align();
      if (align > PAGE_SIZE || align != PAGE_SIZE) {
        return VmFault.VM_FAULT_SIGBUS; // PTE faults are illegal on 2 MiB / 1 GiB devices
      }
      long phys = dev.pgoffToPhys(vmf.pgoff(), PAGE_SIZE);
      if (phys == -1) {
        return VmFault.VM_FAULT_SIGBUS;
      }
      return vmf.insertPfn(phys >>> PAGE_SHIFT, vmf.isWrite());
    }

    /** __dev_dax_pmd_fault() and __dev_dax_pud_fault(), for {@code size} PMD_SIZE/PUD_SIZE. */
    private int hugeFault(VmFault vmf, long size) {
      long blockAddr = vmf.address() & -size;
      Vma vma = vmf.vma();
      if (checkVma(vma) != 0) {
        return VmFault.VM_FAULT_SIGBUS;
      }
      long align = dev.align();
      if (align > size) {
        return VmFault.VM_FAULT_SIGBUS;
      }
      if (size < align) {
        return VmFault.VM_FAULT_SIGBUS;
      } else if (size > align) {
        if (Trace.enabled()) {
          Trace.hit(Tracepoint.FAULT_FALLBACK, vmf, vmf.realAddress(), vmf.pgoff(),
              Long.numberOfTrailingZeros(size) - PAGE_SHIFT, FallbackReason.ALIGN.ordinal());
        }
        return VmFault.VM_FAULT_FALLBACK;
      }
      if (blockAddr < vma.start() || blockAddr + size > vma.end()) {
        return VmFault.VM_FAULT_SIGBUS;
      }
      long phys = dev.pgoffToPhys(vma.linearPageIndex(blockAddr), size);
      if (phys == -1) {
        return VmFault.VM_FAULT_SIGBUS;
      }
      long pfn = phys >>> PAGE_SHIFT;
      return size == PMD_SIZE ? vmf.insertPfnPmd(pfn, vmf.isWrite())
          : vmf.insertPfnPud(pfn, vmf.isWrite());
    }
  }

  @Override
  public String toString() {
    return "/dev/" + dev.name() + (fsdev ? " (fsdev)" : "");
  }
}
