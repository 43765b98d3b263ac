package org.daxsim.core.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.core.mm.IovIter.ITER_DEST;
import static org.daxsim.core.mm.Mman.MAP_ANONYMOUS;
import static org.daxsim.core.mm.Mman.MAP_PRIVATE;
import static org.daxsim.core.mm.Mman.MAP_SHARED;
import static org.daxsim.core.mm.Mman.PROT_READ;
import static org.daxsim.core.mm.Mman.PROT_WRITE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.daxsim.core.Errno;
import org.daxsim.core.Pages;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.DaxHolderOperations;
import org.daxsim.core.dax.DaxOperations;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.MmapHandler;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Vma;
import org.daxsim.core.mm.VmOperations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/contract.md, run. DocExamplesTest keeps the doc blocks identical to the
 * regions marked here.
 */
class ContractExamplesTest {
  /** Where the host's CXL memory sits in its physical map. */
  static final long CXL_BASE = 0x1_0000_0000L;

  static final long CXL_SIZE = 64L << 20;
  static final long RAM_BASE = 0x4000_0000L;
  static final long RAM_SIZE = 64L << 20;

  PhysicalAddressSpace phys;
  KernelAddressSpace kas;
  DaxCore core;

  @BeforeEach
  void host() throws Exception {
    phys = new PhysicalAddressSpace();
    phys.map(RAM_BASE, RAM_SIZE, MemoryDevice.create("dram", RAM_SIZE), 0);
    phys.map(CXL_BASE, CXL_SIZE, MemoryDevice.create("cxl0", CXL_SIZE), 0);
    kas = new KernelAddressSpace(phys);
    kas.addSystemRam(RAM_BASE, RAM_SIZE);
    core = new DaxCore(kas);
  }

  /** A driver whose every page answer is fixed: {@code avail} pages at the device base. */
  static DaxOperations fixed(long avail) {
    return new DaxOperations() {
      @Override
      public long directAccess(
          DaxDevice dax, long pgoff, long nrPages, DaxAccessMode mode, KaddrPfn out) {
        long phys = CXL_BASE + pgoff * Pages.PAGE_SIZE;
        if (out != null) {
          out.set(KernelAddressSpace.va(phys), Pages.physToPfn(phys));
        }
        return avail;
      }

      @Override
      public int zeroPageRange(DaxDevice dax, long pgoff, long nrPages) {
        return 0;
      }
    };
  }

  @Test
  void wrapperChecks() throws Exception {
    // begin-example: contract-wrapper
    DaxDevice dax = core.allocDax(null, fixed(8)); // a driver that always offers 8 pages
    KaddrPfn out = new KaddrPfn();

    assertThat(core.daxDirectAccess(dax, 0, 4, DaxAccessMode.DAX_ACCESS, out)).isEqualTo(4);
    assertThat(core.daxDirectAccess(dax, 0, 64, DaxAccessMode.DAX_ACCESS, out)).isEqualTo(8);
    assertThat(core.daxDirectAccess(null, 0, 4, DaxAccessMode.DAX_ACCESS, out))
        .isEqualTo(Errno.EOPNOTSUPP.neg());
    assertThat(core.daxDirectAccess(dax, 0, -1, DaxAccessMode.DAX_ACCESS, out))
        .isEqualTo(Errno.EINVAL.neg());

    DaxDevice broken = core.allocDax(null, fixed(0)); // a driver that answers 0 pages
    assertThat(core.daxDirectAccess(broken, 0, 4, DaxAccessMode.DAX_ACCESS, out))
        .isEqualTo(Errno.ERANGE.neg());
    // end-example: contract-wrapper
  }

  @Test
  void killDax() throws Exception {
    // begin-example: contract-kill
    DaxDevice dax = core.allocDax(null, fixed(8));
    KaddrPfn out = new KaddrPfn();

    int idx = core.daxReadLock(); // every user of the ops holds the SRCU read lock
    long pages = core.daxDirectAccess(dax, 0, 1, DaxAccessMode.DAX_ACCESS, out);
    core.daxReadUnlock(idx);
    assertThat(pages).isEqualTo(1);

    core.killDax(dax); // clears ALIVE, then waits for readers in flight
    assertThat(core.daxDirectAccess(dax, 0, 1, DaxAccessMode.DAX_ACCESS, out))
        .isEqualTo(Errno.ENXIO.neg());
    assertThat(core.daxZeroPageRange(dax, 0, 1)).isEqualTo(Errno.ENXIO.neg());
    IovIter buf = IovIter.kbuf(ITER_DEST, new byte[4096], 0, 4096);
    assertThat(core.daxCopyToIter(dax, 0, out.kaddr(), 4096, buf)).isZero();
    assertThat(core.daxGetPrivate(dax)).isNull();
    // end-example: contract-kill
  }

  @Test
  void holders() throws Exception {
    // begin-example: contract-holder
    DaxDevice dax = core.allocDax(null, fixed(8));
    List<String> notices = new ArrayList<>();
    DaxHolderOperations famfs = (d, offset, len, flags) -> {
      notices.add(String.format("notify_failure(0x%x, 0x%x, 0x%x)", offset, len, flags));
      return 0;
    };
    Object sb = "famfs superblock";

    assertThat(core.fsDaxGet(dax, sb, famfs)).isZero();
    assertThat(core.fsDaxGet(dax, "another fs", famfs)).isEqualTo(Errno.EBUSY.neg());

    core.killDax(dax); // tells the holder first, exactly once, then forgets it
    assertThat(notices)
        .containsExactly("notify_failure(0x0, 0xffffffffffffffff, 0x80)"); // MF_MEM_PRE_REMOVE
    assertThat(core.daxHolder(dax)).isNull();
    // end-example: contract-holder
  }

  @Test
  void theSeedBug() throws Exception {
    // begin-example: contract-seed
    // The file's data: one page of CXL memory at physical address 0x1_0020_0000.
    long filePhys = CXL_BASE + 0x20_0000;
    byte[] data = "famfs file contents".getBytes();
    phys.write(filePhys, data, 0, data.length);
    kas.memremapPages(CXL_BASE, CXL_SIZE); // what the driver's probe does: pages + direct map

    // The seed's direct_access: kaddr = the physical address itself.
    DaxOperations seedPhys = new DaxOperations() {
      @Override
      public long directAccess(DaxDevice d, long pgoff, long n, DaxAccessMode m, KaddrPfn out) {
        long phys = filePhys + pgoff * Pages.PAGE_SIZE;
        out.set(phys, Pages.physToPfn(phys)); // BUG: a physical address is not a kaddr
        return 1;
      }

      @Override
      public int zeroPageRange(DaxDevice d, long pgoff, long n) {
        return 0;
      }
    };
    DaxDevice dax = core.allocDax(null, seedPhys);
    core.setDaxNomc(dax); // bus devices copy with the machine-check-safe routine

    // read(2) of the file: dax_iomap_iter asks for kaddr and copies into the user's buffer.
    Mm process = new Mm(kas);
    Vma buffer = process.mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0, null);
    KaddrPfn out = new KaddrPfn();
    int idx = core.daxReadLock();
    core.daxDirectAccess(dax, 0, 1, DaxAccessMode.DAX_ACCESS, out);
    IovIter userBuffer = IovIter.ubuf(process, ITER_DEST, buffer.start(), data.length);
    long copied = core.daxCopyToIter(dax, 0, out.kaddr(), data.length, userBuffer);
    core.daxReadUnlock(idx);
    assertThat(copied).isZero(); // dax_iomap_iter: "xfer == 0" -> read(2) fails with EFAULT

    // mmap of the same file: the fault handler inserts the pfn, which is right.
    VmOperations devDaxFault = vmf -> vmf.insertPfn(out.pfn() + vmf.pgoff());
    MmapHandler file = vma -> vma.setOps(devDaxFault);
    Vma mapped = process.mmap(0, 4096, PROT_READ, MAP_SHARED, 0, file);
    byte[] seen = new byte[data.length];
    process.load(mapped.start(), seen, 0, seen.length);
    assertThat(seen).isEqualTo(data); // mmap works

    // The fix: kaddr is the kernel's mapping of the same page, __va(phys).
    assertThat(KernelAddressSpace.va(filePhys)).isEqualTo(0xffff888100200000L);
    IovIter again = IovIter.ubuf(process, ITER_DEST, buffer.start(), data.length);
    assertThat(core.daxCopyToIter(dax, 0, KernelAddressSpace.va(filePhys), data.length, again))
        .isEqualTo(data.length);
    // end-example: contract-seed
    byte[] got = new byte[data.length];
    process.load(buffer.start(), got, 0, got.length);
    assertThat(got).isEqualTo(data);
    assertThat(Arrays.equals(got, new byte[data.length])).isFalse();
  }
}
