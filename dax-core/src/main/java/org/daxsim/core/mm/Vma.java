package org.daxsim.core.mm;

import static org.daxsim.core.Pages.PAGE_SHIFT;

/**
 * struct vm_area_struct (include/linux/mm_types.h): one mapping {@code [start, end)} of a
 * process. Its bounds and file offset are fixed; splitting by munmap creates new VMAs for the
 * surviving pieces and detaches this one. Flags, ops and private data are meant to be set by
 * the file's {@link MmapHandler#mmap} (vm_flags_set, vma->vm_ops, vm_private_data).
 */
public final class Vma {
  public static final long VM_NONE = 0;
  public static final long VM_READ = 0x1;
  public static final long VM_WRITE = 0x2;
  public static final long VM_EXEC = 0x4;
  public static final long VM_SHARED = 0x8;
  public static final long VM_MAYREAD = 0x10;
  public static final long VM_MAYWRITE = 0x20;
  public static final long VM_MAYEXEC = 0x40;
  public static final long VM_MAYSHARE = 0x80;
  public static final long VM_PFNMAP = 0x400;
  public static final long VM_LOCKED = 0x2000;
  /** Synchronous page faults (MAP_SYNC). */
  public static final long VM_SYNC = 0x800000;
  public static final long VM_MIXEDMAP = 0x10000000;
  /** Huge faults wanted: the mm tries vm_ops->huge_fault at PUD and PMD order first. */
  public static final long VM_HUGEPAGE = 0x20000000;
  public static final long VM_NOHUGEPAGE = 0x40000000;

  private final Mm mm;
  private final long start;
  private final long end;
  private final long pgoff;
  private final MmapHandler file;
  private final AddressSpace mapping;
  private volatile long flags;
  private volatile VmOperations ops;
  private volatile Object privateData;
  private volatile boolean detached;

  Vma(Mm mm, long start, long end, long pgoff, long flags, MmapHandler file) {
    this.mm = mm;
    this.start = start;
    this.end = end;
    this.pgoff = pgoff;
    this.flags = flags;
    this.file = file;
    this.mapping = file == null ? null : file.mapping();
  }

  /** A piece {@code [start, end)} of {@code from} (vma_merge/split copying fields). */
  Vma(Vma from, long start, long end) {
    this(from.mm, start, end, from.pgoff + ((start - from.start) >>> PAGE_SHIFT), from.flags,
        from.file);
    this.ops = from.ops;
    this.privateData = from.privateData;
  }

  public Mm mm() {
    return mm;
  }

  /** vm_start. */
  public long start() {
    return start;
  }

  /** vm_end (exclusive). */
  public long end() {
    return end;
  }

  public long length() {
    return end - start;
  }

  /** vm_pgoff: the file page mapped at {@link #start()}. */
  public long pgoff() {
    return pgoff;
  }

  /** vm_flags (VM_*). */
  public long flags() {
    return flags;
  }

  /** vm_flags_set(). */
  public void setFlags(long set) {
    flags |= set;
  }

  /** vm_flags_clear(). */
  public void clearFlags(long clear) {
    flags &= ~clear;
  }

  /** vm_ops; null for anonymous memory and for files whose mmap installed none. */
  public VmOperations ops() {
    return ops;
  }

  public void setOps(VmOperations ops) {
    this.ops = ops;
  }

  /** vm_private_data. */
  public Object privateData() {
    return privateData;
  }

  public void setPrivateData(Object data) {
    this.privateData = data;
  }

  /** vm_file: the handler of the mapped file; null for anonymous memory. */
  public MmapHandler file() {
    return file;
  }

  /** The file's address_space, or null. */
  public AddressSpace mapping() {
    return mapping;
  }

  /** vma_is_anonymous(). */
  public boolean isAnonymous() {
    return file == null;
  }

  /** True for a MAP_SHARED mapping (VM_MAYSHARE). */
  public boolean isShared() {
    return (flags & VM_MAYSHARE) != 0;
  }

  /** True once munmap (or exit) removed this VMA from its mm. */
  public boolean isDetached() {
    return detached;
  }

  void detach() {
    detached = true;
  }

  /** True when {@code addr} lies inside the VMA. */
  public boolean contains(long addr) {
    return addr >= start && addr < end;
  }

  /** linear_page_index(): the file page mapped at {@code addr}. */
  public long linearPageIndex(long addr) {
    return ((addr - start) >>> PAGE_SHIFT) + pgoff;
  }

  /** Number of pages. */
  long pages() {
    return (end - start) >>> PAGE_SHIFT;
  }

  /** /proc/pid/maps style: "7ffff7ffe000-7ffff7fff000 rw-s 00000000". */
  @Override
  public String toString() {
    long f = flags;
    return String.format("%x-%x %c%c%c%c %08x", start, end, (f & VM_READ) != 0 ? 'r' : '-',
        (f & VM_WRITE) != 0 ? 'w' : '-', (f & VM_EXEC) != 0 ? 'x' : '-',
        (f & VM_MAYSHARE) != 0 ? 's' : 'p', pgoff << PAGE_SHIFT);
  }
}
