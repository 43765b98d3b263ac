package org.daxsim.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.daxsim.core.Errno;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.KaddrPfn;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mm.IovIter;
import org.daxsim.core.mm.KernelAddressSpace;

/** The bodies of the {@link ContractCheck}s; each throws an AssertionError on a violation. */
final class ContractChecks {
  private static final long PAGE = 4096;

  private ContractChecks() {}

  static void run(ContractCheck check, ContractCase c, Set<Errno> outOfRange) throws Exception {
    switch (check) {
      case NEVER_MORE_THAN_ASKED -> neverMore(c);
      case POSITIVE_FOR_VALID -> positive(c);
      case CONTIGUOUS_INSIDE -> contiguous(c);
      case KADDR_MAPS_PFN -> kaddrMapsPfn(c);
      case OUT_OF_RANGE_ERRNO -> outOfRange(c, outOfRange);
      case DEAD_DEVICE -> dead(c);
      case ZERO_ONE_PAGE -> zeroOnePage(c);
      case RECOVERY_WRITE_CLEARS_POISON -> recoveryWrite(c);
      case CONCURRENT_EQUALS_SEQUENTIAL -> concurrent(c);
      default -> throw new IllegalStateException(check.name());
    }
  }

  /** dax_direct_access under the SRCU read lock, as every user calls it. */
  static long access(DeviceUnderTest d, Request r, DaxAccessMode mode, KaddrPfn out) {
    DaxCore core = d.core();
    int idx = core.daxReadLock();
    try {
      return core.daxDirectAccess(d.dax(), r.pgoff(), r.nrPages(), mode, out);
    } finally {
      core.daxReadUnlock(idx);
    }
  }

  private static void neverMore(ContractCase c) {
    Request r = c.request();
    long n = access(c.device(), r, DaxAccessMode.DAX_ACCESS, new KaddrPfn());
    if (n > 0 && n > r.nrPages()) {
      throw fail("granted %d pages for %s", n, r);
    }
  }

  private static void positive(ContractCase c) {
    Request r = c.request();
    long n = access(c.device(), r, DaxAccessMode.DAX_ACCESS, new KaddrPfn());
    if (n <= 0) {
      throw fail("%s inside the device returned %s", r, describe(n));
    }
  }

  private static void contiguous(ContractCase c) {
    DeviceUnderTest d = c.device();
    Request r = c.request();
    KaddrPfn out = new KaddrPfn();
    long n = access(d, r, DaxAccessMode.DAX_ACCESS, out);
    if (n <= 0) {
      return; // POSITIVE_FOR_VALID's business
    }
    if (n > d.pages() - r.pgoff()) {
      throw fail("granted %d pages from pgoff %d of a %d-page device", n, r.pgoff(), d.pages());
    }
    long first = d.phys(r.pgoff());
    for (long k = 0; k < n; k++) {
      long want = d.phys(r.pgoff() + k);
      if (want != first + k * PAGE) {
        throw fail("granted %d pages but device page %d is at %#x, not contiguous with page %d"
            + " at %#x", n, r.pgoff() + k, want, r.pgoff(), first);
      }
      if ((out.pfn() + k) << 12 != want) {
        throw fail("granted page %d: pfn %#x is not the device's page at %#x", k,
            out.pfn() + k, want);
      }
    }
  }

  private static void kaddrMapsPfn(ContractCase c) {
    DeviceUnderTest d = c.device();
    Request r = c.request();
    KaddrPfn out = new KaddrPfn();
    long n = access(d, r, DaxAccessMode.DAX_ACCESS, out);
    KernelAddressSpace kas = d.core().kas();
    long limit = Math.min(n, d.pages() + 1);
    for (long k = 0; k < limit; k++) {
      long kaddr = out.kaddr() + k * PAGE;
      long mapped = kas.translate(kaddr);
      long pfnPhys = (out.pfn() + k) << 12;
      if (mapped != pfnPhys) {
        throw fail("granted page %d of %d: kaddr %#x maps %s, but pfn %#x is %#x", k, n, kaddr,
            mapped == -1 ? "nothing" : String.format("%#x", mapped), out.pfn() + k, pfnPhys);
      }
    }
  }

  private static void outOfRange(ContractCase c, Set<Errno> allowed) {
    Request r = c.request();
    long n = access(c.device(), r, DaxAccessMode.DAX_ACCESS, new KaddrPfn());
    if (!Errno.isError(n) || !allowed.contains(Errno.of(n))) {
      throw fail("%s past the end of a %d-page device returned %s, expected one of %s", r,
          c.device().pages(), describe(n), allowed);
    }
    Request negative = new Request(0, -1, "negative count");
    long m = access(c.device(), negative, DaxAccessMode.DAX_ACCESS, new KaddrPfn());
    if (m != Errno.EINVAL.neg()) {
      throw fail("%s returned %s, expected EINVAL", negative, describe(m));
    }
  }

  private static void dead(ContractCase c) throws Exception {
    DeviceUnderTest d = c.device();
    d.core().killDax(d.dax());
    long n = access(d, c.request(), DaxAccessMode.DAX_ACCESS, new KaddrPfn());
    if (n != Errno.ENXIO.neg()) {
      throw fail("after kill_dax %s returned %s, expected ENXIO", c.request(), describe(n));
    }
    int z = d.core().daxZeroPageRange(d.dax(), Math.max(0, c.request().pgoff()), 1);
    if (z != Errno.ENXIO.neg()) {
      throw fail("after kill_dax zero_page_range returned %s, expected ENXIO", describe(z));
    }
  }

  private static void zeroOnePage(ContractCase c) throws Exception {
    DeviceUnderTest d = c.device();
    PhysicalAddressSpace phys = d.core().kas().phys();
    long pgoff = c.request().pgoff();
    long target = d.phys(pgoff);
    // the page, its neighbours in the device and its physical neighbours
    List<Long> watched = new ArrayList<>(List.of(target, target - PAGE, target + PAGE));
    for (long p = pgoff - 1; p <= pgoff + 1; p += 2) {
      if (d.phys(p) >= 0) {
        watched.add(d.phys(p));
      }
    }
    byte[] pattern = new byte[(int) PAGE];
    Arrays.fill(pattern, (byte) 0xa5);
    List<Long> backed = new ArrayList<>();
    for (long p : watched) {
      if (phys.backedLength(p, PAGE) == PAGE) {
        phys.write(p, pattern, 0, pattern.length);
        backed.add(p);
      }
    }
    int rc = d.core().daxZeroPageRange(d.dax(), pgoff, 1);
    if (rc != 0) {
      throw fail("zero_page_range(pgoff=%d, 1) returned %s", pgoff, describe(rc));
    }
    byte[] got = new byte[(int) PAGE];
    for (long p : backed) {
      phys.read(p, got, 0, got.length);
      boolean zero = p == target;
      for (byte b : got) {
        if (b != (zero ? 0 : (byte) 0xa5)) {
          throw fail("after zero_page_range(pgoff=%d, 1) the page at %#x %s", pgoff, p,
              zero ? "is not zero" : "(not asked for) was changed");
        }
      }
    }
  }

  private static void recoveryWrite(ContractCase c) throws Exception {
    DeviceUnderTest d = c.device();
    if (d.poisoner() == null) {
      throw fail("RECOVERY_WRITE is claimed but the factory gives no PoisonInjector");
    }
    long pgoff = c.request().pgoff();
    long target = d.phys(pgoff);
    PhysicalAddressSpace phys = d.core().kas().phys();
    d.poisoner().poison(pgoff);
    if (!phys.isPoisoned(target)) {
      throw fail("the PoisonInjector did not poison the page at %#x", target);
    }
    KaddrPfn out = new KaddrPfn();
    Request one = new Request(pgoff, 1, "recovery");
    long n = access(d, one, DaxAccessMode.DAX_RECOVERY_WRITE, out);
    if (n <= 0) {
      throw fail("direct_access(DAX_RECOVERY_WRITE) of the poisoned page returned %s",
          describe(n));
    }
    byte[] data = new byte[(int) PAGE];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7 + pgoff);
    }
    DaxCore core = d.core();
    int idx = core.daxReadLock();
    long written;
    try {
      written = core.daxRecoveryWrite(d.dax(), pgoff, out.kaddr(), PAGE,
          IovIter.kbuf(IovIter.ITER_SOURCE, data, 0, data.length));
    } finally {
      core.daxReadUnlock(idx);
    }
    if (written != PAGE) {
      throw fail("recovery_write of a whole page wrote %d bytes", written);
    }
    if (phys.isPoisoned(target)) {
      throw fail("recovery_write left the page at %#x poisoned", target);
    }
    byte[] got = new byte[(int) PAGE];
    phys.read(target, got, 0, got.length);
    if (!Arrays.equals(got, data)) {
      throw fail("recovery_write did not store the data at %#x", target);
    }
  }

  private static void concurrent(ContractCase c) throws Exception {
    DeviceUnderTest d = c.device();
    List<Request> reqs = c.requests();
    long[] want = results(d, reqs, 0);
    int threads = c.threads();
    long[][] got = new long[threads][];
    Throwable[] errors = new Throwable[threads];
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        try {
          start.await(10, TimeUnit.SECONDS);
          long[] mine = null;
          for (int round = 0; round < 8; round++) {
            mine = results(d, reqs, id);
          }
          got[id] = mine;
        } catch (Throwable e) {
          errors[id] = e;
        }
      }, "contract-" + t);
      all.add(th);
      th.start();
    }
    for (Thread th : all) {
      th.join(30_000);
    }
    for (int t = 0; t < threads; t++) {
      if (errors[t] != null) {
        throw fail("thread %d threw %s", t, errors[t]);
      }
      if (!Arrays.equals(got[t], want)) {
        throw fail("thread %d of %d saw %s, sequential calls %s", t, threads,
            Arrays.toString(got[t]), Arrays.toString(want));
      }
    }
  }

  /** (rc, kaddr, pfn) per request, in request order, starting at {@code rotate}. */
  private static long[] results(DeviceUnderTest d, List<Request> reqs, int rotate) {
    long[] r = new long[reqs.size() * 3];
    KaddrPfn out = new KaddrPfn();
    for (int j = 0; j < reqs.size(); j++) {
      int i = (j + rotate) % reqs.size();
      out.clear();
      long n = access(d, reqs.get(i), DaxAccessMode.DAX_ACCESS, out);
      r[3 * i] = n;
      r[3 * i + 1] = n > 0 ? out.kaddr() : 0;
      r[3 * i + 2] = n > 0 ? out.pfn() : 0;
    }
    return r;
  }

  static String describe(long rc) {
    if (rc >= 0) {
      return rc + " pages";
    }
    return Errno.isError(rc) ? "-" + Errno.of(rc).name() : Long.toString(rc);
  }

  private static AssertionError fail(String format, Object... args) {
    return new AssertionError(String.format(format, args));
  }
}
