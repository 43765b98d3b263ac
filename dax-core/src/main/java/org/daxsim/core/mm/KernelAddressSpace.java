package org.daxsim.core.mm;

import static org.daxsim.core.Pages.PAGE_MASK;
import static org.daxsim.core.Pages.PAGE_SHIFT;
import static org.daxsim.core.Pages.PAGE_SIZE;

import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.Oops;
import org.daxsim.core.mem.PhysWindow;
import org.daxsim.core.mem.PhysicalAddressSpace;

/**
 * The kernel half of one host's virtual address space (arch/x86/mm, 4-level paging, no KASLR):
 * the direct map at {@link #PAGE_OFFSET}, valid only over System RAM ({@link #addSystemRam},
 * mm/memory_hotplug.c) and ZONE_DEVICE ranges ({@link #memremapPages}, mm/memremap.c), plus
 * {@link #memremap} mappings in the vmalloc area (kernel/iomem.c, ioremap). Also the page
 * allocator that anonymous user memory comes from.
 *
 * <p>{@link #translate} and {@link #mappedLength} are lock free and allocation free: they read
 * immutable range snapshots that the (locked) mutators replace copy-on-write. Every mutator
 * validates its arguments first and changes nothing when it throws.
 */
public final class KernelAddressSpace {
  /** __PAGE_OFFSET_BASE_L4: where the direct map of physical address 0 starts. */
  public static final long PAGE_OFFSET = 0xffff888000000000L;
  /** Alias of {@link #PAGE_OFFSET}. */
  public static final long DIRECT_MAP_BASE = PAGE_OFFSET;
  /** The direct map spans 64 TiB (MAX_PHYSMEM_BITS 46 with 4-level paging). */
  public static final long DIRECT_MAP_SIZE = 1L << 46;
  /** VMALLOC_START (4-level). */
  public static final long VMALLOC_START = 0xffffc90000000000L;
  /** The vmalloc/ioremap area spans 32 TiB. */
  public static final long VMALLOC_SIZE = 1L << 45;
  /** First address of the kernel half. */
  public static final long KERNEL_HALF_START = 0xffff800000000000L;

  static final long SYSTEM_RAM = 1;
  static final long PGMAP = 2;

  private final PhysicalAddressSpace phys;
  private final Object lock = new Object();
  /** Physical ranges with a direct map: SYSTEM_RAM or PGMAP. */
  private volatile Ranges direct = Ranges.EMPTY;
  /** Kernel virtual ranges in the vmalloc area -> physical start. */
  private volatile Ranges vmalloc = Ranges.EMPTY;
  private long vmallocNext = VMALLOC_START; // guarded by lock
  private final PageAllocator pages = new PageAllocator(); // guarded by lock

  /** The kernel address space of the host whose physical memory is {@code phys}. */
  public KernelAddressSpace(PhysicalAddressSpace phys) throws ErrnoException {
    this.phys = Args.notNull(phys, "phys");
  }

  /** The host's physical address space. */
  public PhysicalAddressSpace phys() {
    return phys;
  }

  /** __va(phys): the direct-map address of {@code phys}; -1 when outside the direct map span. */
  public static long va(long phys) {
    return phys >= 0 && phys < DIRECT_MAP_SIZE ? PAGE_OFFSET + phys : -1;
  }

  /** __pa(kaddr) for direct-map addresses; -1 for any other address. */
  public static long pa(long kaddr) {
    long off = kaddr - PAGE_OFFSET;
    return Long.compareUnsigned(off, DIRECT_MAP_SIZE) < 0 ? off : -1;
  }

  /** True for an address in the upper (kernel) half. */
  public static boolean isKernelAddress(long addr) {
    return Long.compareUnsigned(addr, KERNEL_HALF_START) >= 0;
  }

  // ---- direct map -------------------------------------------------------------------------

  /**
   * add_memory() (mm/memory_hotplug.c): onlines {@code [phys, phys + len)} as System RAM,
   * giving it a direct map and pages for {@link #allocPage}. In register_memory_resource()'s
   * order: EINVAL for a bad range (our argument check), E2BIG beyond the direct map
   * (mhp_range_allowed), EEXIST when it overlaps a direct-mapped range, then ENXIO when not
   * backed by physical memory (our addition).
   */
  public void addSystemRam(long phys, long len) throws ErrnoException {
    long end = checkPageRange(phys, len);
    synchronized (lock) {
      if (end > DIRECT_MAP_SIZE) {
        throw ErrnoException.of(Errno.E2BIG, "0x%x-0x%x exceeds the direct map", phys, end - 1);
      }
      if (direct.overlaps(phys, end)) {
        throw ErrnoException.of(Errno.EEXIST, "System RAM 0x%x-0x%x overlaps %s", phys, end - 1,
            direct);
      }
      checkBacked(phys, end);
      direct = direct.with(phys, end, SYSTEM_RAM);
      pages.addRange(phys >>> PAGE_SHIFT, end >>> PAGE_SHIFT);
    }
  }

  /**
   * remove_memory(): takes back a range added by {@link #addSystemRam} (exactly; EINVAL
   * otherwise). EBUSY while one of its pages is allocated, as offlining fails on pages in use.
   */
  public void removeSystemRam(long phys, long len) throws ErrnoException {
    long end = checkPageRange(phys, len);
    synchronized (lock) {
      int i = exactRange(phys, end, SYSTEM_RAM);
      if (!pages.removeRange(phys >>> PAGE_SHIFT, end >>> PAGE_SHIFT)) {
        throw ErrnoException.of(Errno.EBUSY, "System RAM 0x%x-0x%x has pages in use", phys,
            end - 1);
      }
      direct = direct.without(i);
    }
  }

  /**
   * devm_memremap_pages() / memremap_pages() (mm/memremap.c pagemap_range): gives the
   * ZONE_DEVICE range {@code [phys, phys + len)} struct pages and a direct map; returns
   * {@code va(phys)}. ENOMEM when it conflicts with another pgmap ("Conflicting mapping in
   * same section"), ENXIO when it intersects System RAM, EINVAL beyond the direct map, ENXIO
   * when not backed by physical memory (our addition: the kernel maps unbacked space too).
   */
  public long memremapPages(long phys, long len) throws ErrnoException {
    long end = checkPageRange(phys, len);
    synchronized (lock) {
      if (direct.intersects(phys, end, PGMAP)) {
        throw ErrnoException.of(Errno.ENOMEM, "0x%x-0x%x: conflicting pgmap", phys, end - 1);
      }
      if (direct.intersects(phys, end, SYSTEM_RAM)) {
        throw ErrnoException.of(Errno.ENXIO, "memremap_pages attempted on ram 0x%x-0x%x", phys,
            end - 1);
      }
      if (end > DIRECT_MAP_SIZE) {
        throw ErrnoException.of(Errno.EINVAL, "0x%x-0x%x exceeds the direct map", phys, end - 1);
      }
      checkBacked(phys, end);
      direct = direct.with(phys, end, PGMAP);
    }
    return PAGE_OFFSET + phys;
  }

  /** memunmap_pages(): removes the pgmap starting at {@code phys}; EINVAL if there is none. */
  public void memunmapPages(long phys) throws ErrnoException {
    synchronized (lock) {
      Ranges d = direct;
      int i = d.indexOf(phys);
      if (i < 0 || d.starts[i] != phys || d.vals[i] != PGMAP) {
        throw ErrnoException.of(Errno.EINVAL, "no pgmap starts at 0x%x", phys);
      }
      direct = d.without(i);
    }
  }

  /** pfn_valid(): true when {@code pfn} has a struct page (System RAM or a pgmap). */
  public boolean pfnValid(long pfn) {
    return pfn >= 0 && pfn < (DIRECT_MAP_SIZE >>> PAGE_SHIFT)
        && direct.indexOf(pfn << PAGE_SHIFT) >= 0;
  }

  // ---- memremap / vmalloc area ------------------------------------------------------------

  /**
   * memremap(phys, len, MEMREMAP_WB) (kernel/iomem.c): System RAM comes back as its direct-map
   * address (try_ram_remap); anything else gets a fresh mapping of the covering pages in the
   * vmalloc area, followed by an unmapped guard page (ioremap). ENXIO where devm_memremap would
   * report failure: a range mixing RAM and non-RAM, or one not backed by physical memory; ENOMEM
   * when the vmalloc area is exhausted.
   */
  public long memremap(long phys, long len) throws ErrnoException {
    Args.nonNegative(phys, "phys");
    Args.positive(len, "len");
    Args.range(phys, len, PhysicalAddressSpace.MAX_PHYS, "physical range");
    long start = phys & PAGE_MASK;
    long end = (phys + len + PAGE_SIZE - 1) & PAGE_MASK;
    synchronized (lock) {
      Ranges d = direct;
      if (d.covers(start, end, SYSTEM_RAM)) {
        return PAGE_OFFSET + phys;
      }
      if (d.intersects(start, end, SYSTEM_RAM)) {
        throw ErrnoException.of(Errno.ENXIO, "memremap attempted on mixed range 0x%x+0x%x",
            phys, len);
      }
      checkBacked(start, end);
      long size = end - start;
      if (VMALLOC_START + VMALLOC_SIZE - vmallocNext < size + PAGE_SIZE) {
        throw ErrnoException.of(Errno.ENOMEM, "vmalloc area exhausted");
      }
      long area = vmallocNext;
      vmallocNext += size + PAGE_SIZE;
      vmalloc = vmalloc.with(area, area + size, start);
      return area + (phys - start);
    }
  }

  /**
   * memunmap(): removes a vmalloc-area mapping made by {@link #memremap} (any address in its
   * first page); a direct-map address is a no-op, as for the kernel. EINVAL for anything else.
   */
  public void memunmap(long kaddr) throws ErrnoException {
    if (pa(kaddr) >= 0) {
      return;
    }
    synchronized (lock) {
      Ranges v = vmalloc;
      int i = inVmalloc(kaddr) ? v.indexOf(kaddr) : -1;
      if (i < 0 || v.starts[i] != (kaddr & PAGE_MASK)) {
        throw ErrnoException.of(Errno.EINVAL, "0x%x is not a memremap mapping", kaddr);
      }
      vmalloc = v.without(i);
    }
  }

  // ---- translation ------------------------------------------------------------------------

  /**
   * The physical address {@code kaddr} maps, or -1 when the kernel has no mapping there (a
   * dereference would fault). Lock free and allocation free.
   */
  public long translate(long kaddr) {
    long off = kaddr - PAGE_OFFSET;
    if (Long.compareUnsigned(off, DIRECT_MAP_SIZE) < 0) {
      return direct.indexOf(off) >= 0 ? off : -1;
    }
    if (inVmalloc(kaddr)) {
      Ranges v = vmalloc;
      int i = v.indexOf(kaddr);
      return i < 0 ? -1 : v.vals[i] + (kaddr - v.starts[i]);
    }
    return -1;
  }

  /**
   * How many bytes from {@code kaddr} are mapped contiguously in kernel virtual space, at most
   * {@code len}; 0 when {@code kaddr} is unmapped or {@code len <= 0}. Lock and allocation free.
   */
  public long mappedLength(long kaddr, long len) {
    if (len <= 0) {
      return 0;
    }
    long off = kaddr - PAGE_OFFSET;
    if (Long.compareUnsigned(off, DIRECT_MAP_SIZE) < 0) {
      long limit = DIRECT_MAP_SIZE - off < len ? DIRECT_MAP_SIZE : off + len;
      return direct.contiguous(off, limit);
    }
    if (inVmalloc(kaddr)) {
      Ranges v = vmalloc;
      int i = v.indexOf(kaddr);
      return i < 0 ? 0 : Math.min(len, v.ends[i] - kaddr);
    }
    return 0;
  }

  // ---- kernel-internal accesses -----------------------------------------------------------

  /**
   * A kernel-internal load (memcpy from {@code kaddr}): {@link Oops} when an address is not
   * mapped, lies in the user half (SMAP), or holds poison (machine check in kernel mode).
   */
  public void read(long kaddr, byte[] dst, int off, int len) throws ErrnoException {
    Args.notNull(dst, "dst");
    Args.arrayRange(off, len, dst.length, "dst");
    for (int done = 0; done < len; ) {
      long va = kaddr + done;
      int n = (int) Math.min(len - done, PAGE_SIZE - (va & ~PAGE_MASK));
      long p = resolveInternal(va);
      PhysWindow w = phys.find(p);
      if (w == null || phys.isPoisoned(p)) {
        throw new Oops("machine check: uncorrectable memory error in kernel mode", va);
      }
      PhysIo.read(w, p, dst, off + done, n);
      done += n;
    }
  }

  /** A kernel-internal store (memcpy to {@code kaddr}); {@link Oops} as for {@link #read}. */
  public void write(long kaddr, byte[] src, int off, int len) throws ErrnoException {
    Args.notNull(src, "src");
    Args.arrayRange(off, len, src.length, "src");
    for (int done = 0; done < len; ) {
      long va = kaddr + done;
      int n = (int) Math.min(len - done, PAGE_SIZE - (va & ~PAGE_MASK));
      long p = resolveInternal(va);
      PhysWindow w = phys.find(p);
      if (w == null) {
        throw new Oops("machine check: write to unbacked physical memory", va);
      }
      PhysIo.write(w, p, src, off + done, n);
      done += n;
    }
  }

  /** The physical address of a kernel-internal access, or an {@link Oops} like the CPU's. */
  long resolveInternal(long va) {
    if (Mman.isUserHalf(va)) {
      throw new Oops("supervisor access of a user address with SMAP (no uaccess)", va);
    }
    if (!isKernelAddress(va)) {
      throw new Oops("general protection fault, probably for non-canonical address", va);
    }
    long p = translate(va);
    if (p < 0) {
      throw new Oops("unable to handle page fault for address", va);
    }
    return p;
  }

  // ---- page allocator ---------------------------------------------------------------------

  /** alloc_page(): a free System RAM page's pfn (contents undefined); ENOMEM when none. */
  public long allocPage() throws ErrnoException {
    synchronized (lock) {
      long pfn = pages.alloc();
      if (pfn < 0) {
        throw ErrnoException.of(Errno.ENOMEM, "out of System RAM pages");
      }
      return pfn;
    }
  }

  /** __free_page(): returns a page from {@link #allocPage}; EINVAL if it is not allocated. */
  public void freePage(long pfn) throws ErrnoException {
    synchronized (lock) {
      if (!pages.free(pfn)) {
        throw ErrnoException.of(Errno.EINVAL, "pfn 0x%x is not an allocated page", pfn);
      }
    }
  }

  /** Pages currently allocated by {@link #allocPage}. */
  public long allocatedPages() {
    synchronized (lock) {
      return pages.allocatedCount();
    }
  }

  /** Pages {@link #allocPage} can still hand out. */
  public long freePages() {
    synchronized (lock) {
      return pages.freeCount();
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static boolean inVmalloc(long kaddr) {
    return Long.compareUnsigned(kaddr - VMALLOC_START, VMALLOC_SIZE) < 0;
  }

  /** Validates a page-aligned, non-empty, non-overflowing range; returns its end. */
  private static long checkPageRange(long phys, long len) throws ErrnoException {
    Args.nonNegative(phys, "phys");
    Args.positive(len, "len");
    Args.pageAligned(phys, "phys");
    Args.pageAligned(len, "len");
    Args.range(phys, len, PhysicalAddressSpace.MAX_PHYS, "physical range");
    return phys + len;
  }

  private void checkBacked(long start, long end) throws ErrnoException {
    if (phys.backedLength(start, end - start) != end - start) {
      throw ErrnoException.of(Errno.ENXIO, "0x%x-0x%x is not backed by physical memory", start,
          end - 1);
    }
  }

  private int exactRange(long start, long end, long kind) throws ErrnoException {
    Ranges d = direct;
    int i = d.indexOf(start);
    if (i < 0 || d.starts[i] != start || d.ends[i] != end || d.vals[i] != kind) {
      throw ErrnoException.of(Errno.EINVAL, "0x%x-0x%x was not added as System RAM", start,
          end - 1);
    }
    return i;
  }

  @Override
  public String toString() {
    return "KernelAddressSpace{direct=" + direct + ", vmalloc=" + vmalloc + "}";
  }
}
