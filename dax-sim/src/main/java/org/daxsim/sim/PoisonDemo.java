package org.daxsim.sim;

import org.daxsim.bus.DaxDriver;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.Fsdev;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.dax.PmemDaxOperations;
import org.daxsim.core.mm.IovIter;

/**
 * {@code daxsim demo poison}: a media error under a famfs file on fsdev (mm/memory-failure.c
 * memory_failure, fs/dax.c dax_iomap_iter with the machine-check-safe copy, dax_iomap_fault's
 * VM_FAULT_HWPOISON, fsdev_pagemap_memory_failure -> famfs's notify_failure shutdown), then
 * what pmem does differently (drivers/nvdimm/pmem.c: bad blocks, -EHWPOISON, recovery_write).
 */
final class PoisonDemo {
  static final String FILE = "/mnt/f";
  static final long SEED = 3;
  /** The file offset of the poisoned page. */
  static final long BAD = 1L << 20;

  private PoisonDemo() {}

  /** Runs the demo on a fresh world; the text it prints. */
  static String run() throws ErrnoException {
    DemoScript s = DemoScript.fresh(0);
    s.say("A media error (poison) on one 4 KiB page of a famfs file, then what pmem does"
        + " about it.");
    s.heading("1. famfs on fsdev, a 4 MiB file holding the seeded pattern");
    s.quiet("region add --size 8G");
    s.quiet("daxctl reconfigure-device -m famfs dax0.0");
    s.quiet("mkfs.famfs /dev/dax0.0");
    s.quiet("famfs mount /dev/dax0.0 /mnt");
    s.quiet("famfs creat -s 4m " + FILE);
    Host h = s.world().currentHost();
    s.say("$ io mmap-write " + FILE + " --seed " + SEED);
    s.say(DemoIo.mmapWrite(h, FILE, 0, DemoIo.pattern(SEED, 0, 4 << 20)).ioText(false).strip());

    s.heading("2. The page at file offset 1 MiB goes bad");
    DevDax dev = h.bus().device("dax0.0");
    long phys = dev.ranges().get(0).start() + (10L << 20) + BAD; // the extent starts at 10 MiB
    h.phys().memoryFailure(phys >>> 12);
    s.say(String.format("(daxsim API: host.phys().memoryFailure(%#x), the media error at phys"
        + " %#x; no scenario\ncommand injects poison.)", phys >>> 12, phys));
    s.say("$ io read " + FILE + " --offset 524288 --length 1048576");
    s.say(DemoIo.read(h, FILE, 512 << 10, 1 << 20).ioText(true).strip());
    s.say("$ io mmap-read " + FILE);
    s.say(DemoIo.mmapRead(h, FILE, 0, 4 << 20).ioText(true).strip());
    s.say("read(2): fsdev's direct_access does not know about poison, so dax_iomap_iter copies"
        + " with\n_copy_mc_to_iter, which stops at the bad page: 512 KiB come back (a short"
        + " read), and\nthe next pread(2), starting ON the bad page, copies 0 bytes ->"
        + " EFAULT (pmem would say\nEIO). mmap: the load consumes the poison -> SIGBUS with"
        + " BUS_MCEERR_AR at the bad page.");

    s.heading("3. memory_failure() reaches fsdev: famfs shuts the mount down");
    Fsdev fsdev = fsdev(h);
    int rc = fsdev.memoryFailure(phys >>> 12, 1, 0);
    s.say(String.format("(daxsim API: Fsdev.memoryFailure(%#x) -> fsdev_pagemap_memory_failure"
        + " -> device offset\n%#x -> dax_holder_notify_failure -> famfs: %s.)", phys >>> 12,
        (10L << 20) + BAD, rc == 0 ? "0" : Errno.of(-rc).name()));
    s.say("$ io read " + FILE + " --length 4096");
    s.say(DemoIo.read(h, FILE, 0, 4096).ioText(true).strip());
    s.say("famfs's policy (2026): any memory failure shuts the whole mount down; reads, writes"
        + "\nand new mmaps fail with ENODEV. fsdev has no bad-block list and its recovery_write"
        + " is\na plain copy: nothing on this path clears poison. Recovery is: unmount, let"
        + " the memory\nbe repaired or retired, mkfs again or restore the files.");

    s.heading("4. pmem: bad blocks and recovery_write");
    s.quiet("region add --kind pmem --size 1G");
    DaxRegion pm = h.regions().get(h.regions().size() - 1);
    String pdev = "dax" + pm.id() + ".0";
    s.quiet("daxctl disable-device " + pdev);
    s.say("The same namespace in fsdax mode is served by drivers/nvdimm/pmem.c (daxsim has no"
        + " ndctl\nand no pmem block device, so the demo calls the modelled driver"
        + " directly):");
    pmem(s, h, pm.start());
    return s.text();
  }

  private static Fsdev fsdev(Host h) throws ErrnoException {
    DaxDriver d = h.bus().driver(Fsdev.NAME);
    if (!(d instanceof Fsdev)) {
      throw ErrnoException.of(Errno.ENODEV, "fsdev_dax is not loaded");
    }
    return (Fsdev) d;
  }

  private static void pmem(DemoScript s, Host h, long start) throws ErrnoException {
    DaxCore core = h.daxCore();
    PmemDaxOperations pmem = PmemDaxOperations.create(h.kas(), start, 16L << 20);
    DaxDevice dax = pmem.attach(core);
    pmem.injectPoison(1);
    KaddrPfn out = new KaddrPfn();
    int idx = core.daxReadLock();
    try {
      long access = core.daxDirectAccess(dax, 0, 4, DaxAccessMode.DAX_ACCESS, out);
      long onBad = core.daxDirectAccess(dax, 1, 1, DaxAccessMode.DAX_ACCESS, out);
      s.say(String.format("  injectPoison(pgoff 1): bad pages %d", pmem.badPageCount()));
      s.say(String.format("  dax_direct_access(pgoff 0, 4 pages, DAX_ACCESS)  = %s",
          answer(access)));
      s.say(String.format("  dax_direct_access(pgoff 1, 1 page,  DAX_ACCESS)  = %s"
          + "  -> read(2) EIO (dax_mem2blk_err)", answer(onBad)));
      long rec = core.daxDirectAccess(dax, 1, 1, DaxAccessMode.DAX_RECOVERY_WRITE, out);
      s.say(String.format("  dax_direct_access(pgoff 1, 1 page,  DAX_RECOVERY_WRITE) = %s",
          answer(rec)));
      if (rec > 0) {
        IovIter src = IovIter.kbuf(IovIter.ITER_SOURCE, new byte[4096], 0, 4096);
        long w = core.daxRecoveryWrite(dax, 1, out.kaddr(), 4096, src);
        s.say(String.format("  dax_recovery_write(pgoff 1, 4096 bytes) = %d: the page is"
            + " rewritten and its poison cleared", w));
      }
      long after = core.daxDirectAccess(dax, 1, 1, DaxAccessMode.DAX_ACCESS, out);
      s.say(String.format("  after: bad pages %d, dax_direct_access(pgoff 1, DAX_ACCESS) = %s",
          pmem.badPageCount(), answer(after)));
    } finally {
      core.daxReadUnlock(idx);
    }
    s.say("A write(2) over a bad page on fs-dax takes this path (dax_iomap_iter retries with"
        + "\nDAX_RECOVERY_WRITE on -EHWPOISON), which is how pmem recovers. fsdev never returns"
        + "\n-EHWPOISON, so that retry never happens there.");
  }

  private static String answer(long rc) {
    return rc >= 0 ? rc + " page" + (rc == 1 ? "" : "s") : "-" + Errno.of(-rc).name();
  }
}
