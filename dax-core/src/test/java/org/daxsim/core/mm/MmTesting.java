package org.daxsim.core.mm;

import static org.daxsim.core.Pages.PAGE_SHIFT;
import static org.daxsim.core.Pages.PAGE_SIZE;
import static org.daxsim.core.Pages.PMD_ORDER;
import static org.daxsim.core.Pages.PMD_SIZE;
import static org.daxsim.core.Pages.PUD_ORDER;
import static org.daxsim.core.Pages.PUD_SIZE;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;

/** Shared fixtures: a host with DRAM and a CXL device, and a miniature device-dax driver. */
final class MmTesting {
  /** 256 MiB of DRAM at 4 GiB, onlined as System RAM. */
  static final long RAM_BASE = 4L << 30;
  static final long RAM_SIZE = 256L << 20;
  /** 4 GiB of CXL memory at 64 GiB; not System RAM, not direct-mapped unless a test asks. */
  static final long CXL_BASE = 64L << 30;
  static final long CXL_SIZE = 4L << 30;

  private MmTesting() {}

  /** One host: physical memory, its kernel address space, and the two devices. */
  static final class Host {
    final PhysicalAddressSpace phys = new PhysicalAddressSpace();
    final MemoryDevice dram;
    final MemoryDevice cxl;
    final KernelAddressSpace kas;

    Host() throws ErrnoException {
      dram = MemoryDevice.create("dram", RAM_SIZE);
      cxl = MemoryDevice.create("cxl", CXL_SIZE);
      phys.map(RAM_BASE, RAM_SIZE, dram, 0);
      phys.map(CXL_BASE, CXL_SIZE, cxl, 0);
      kas = new KernelAddressSpace(phys);
      kas.addSystemRam(RAM_BASE, RAM_SIZE);
    }

    Mm mm() throws ErrnoException {
      return new Mm(kas);
    }

    /** Writes {@code data} to physical memory at {@code addr}. */
    void poke(long addr, byte[] data) throws ErrnoException {
      phys.write(addr, data, 0, data.length);
    }

    byte[] peek(long addr, int len) throws ErrnoException {
      byte[] b = new byte[len];
      phys.read(addr, b, 0, len);
      return b;
    }
  }

  /** Deterministic bytes derived from {@code seed}. */
  static byte[] pattern(long seed, int len) {
    byte[] b = new byte[len];
    long x = seed * 0x9E3779B97F4A7C15L + 1;
    for (int i = 0; i < len; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      b[i] = (byte) x;
    }
    return b;
  }

  /**
   * A miniature drivers/dax/device.c: file page {@code pgoff} lives at {@code physBase + pgoff
   * * 4096}; faults must match {@code align} (smaller: SIGBUS, larger: FALLBACK); the aligned
   * block must be inside the VMA; {@code size} bounds the device (beyond: SIGBUS). Records
   * every (order, result).
   */
  static class DevDax implements VmOperations, MmapHandler {
    final long physBase;
    final long size;
    final long align;
    final AddressSpace mapping = new AddressSpace();
    final List<int[]> calls = new ArrayList<>();
    volatile boolean alive = true;
    IntSupplier override;

    DevDax(long physBase, long size, long align) {
      this.physBase = physBase;
      this.size = size;
      this.align = align;
    }

    @Override
    public void mmap(Vma vma) throws ErrnoException {
      if (!vma.isShared() || vma.start() % align != 0 || vma.end() % align != 0) {
        throw ErrnoException.of(org.daxsim.core.Errno.EINVAL, "check_vma failed for %s", vma);
      }
      vma.setOps(this);
      vma.setFlags(Vma.VM_HUGEPAGE);
    }

    @Override
    public AddressSpace mapping() {
      return mapping;
    }

    @Override
    public int fault(VmFault vmf) {
      return hugeFault(vmf, 0);
    }

    @Override
    public int hugeFault(VmFault vmf, int order) {
      int r = doFault(vmf, order);
      calls.add(new int[] {order, r});
      return r;
    }

    private int doFault(VmFault vmf, int order) {
      if (override != null) {
        return override.getAsInt();
      }
      if (!alive) {
        return VmFault.VM_FAULT_SIGBUS;
      }
      long fsize = order == 0 ? PAGE_SIZE : order == PMD_ORDER ? PMD_SIZE : PUD_SIZE;
      if (order != 0 && order != PMD_ORDER && order != PUD_ORDER) {
        return VmFault.VM_FAULT_SIGBUS;
      }
      if (fsize < align) {
        return VmFault.VM_FAULT_SIGBUS;
      }
      if (fsize > align) {
        return order == 0 ? VmFault.VM_FAULT_SIGBUS : VmFault.VM_FAULT_FALLBACK;
      }
      long blockAddr = vmf.realAddress() & -fsize;
      Vma vma = vmf.vma();
      if (blockAddr < vma.start() || blockAddr + fsize > vma.end()) {
        return VmFault.VM_FAULT_SIGBUS;
      }
      long pgoff = vma.linearPageIndex(blockAddr);
      if (((pgoff << PAGE_SHIFT) + fsize) > size) {
        return VmFault.VM_FAULT_SIGBUS;
      }
      long pfn = (physBase >>> PAGE_SHIFT) + pgoff;
      if (order == 0) {
        return vmf.insertPfn(pfn, vmf.isWrite());
      }
      return order == PMD_ORDER ? vmf.insertPfnPmd(pfn, vmf.isWrite())
          : vmf.insertPfnPud(pfn, vmf.isWrite());
    }

    @Override
    public int maySplit(Vma vma, long addr) {
      return addr % align != 0 ? org.daxsim.core.Errno.EINVAL.neg() : 0;
    }

    int lastOrder() {
      return calls.get(calls.size() - 1)[0];
    }

    List<Integer> orders() {
      List<Integer> o = new ArrayList<>();
      for (int[] c : calls) {
        o.add(c[0]);
      }
      return o;
    }
  }

  /** A file whose ->mmap installs {@code ops} (or none) and nothing else. */
  static MmapHandler file(VmOperations ops, AddressSpace mapping) {
    return new MmapHandler() {
      @Override
      public void mmap(Vma vma) {
        vma.setOps(ops);
      }

      @Override
      public AddressSpace mapping() {
        return mapping;
      }
    };
  }
}
