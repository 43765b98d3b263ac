package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.sim.TraceWorld.F_DEVOFF;
import static org.daxsim.sim.TraceWorld.G;
import static org.daxsim.sim.TraceWorld.M;
import static org.daxsim.sim.TraceWorld.R0;
import static org.daxsim.sim.TraceWorld.line;
import static org.daxsim.sim.TraceWorld.ok;

import java.util.List;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.trace.Trace;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.junit.jupiter.api.Test;

/** {@code trace on [EVENTS...] | trace off}: ftrace-style lines of the kernel events. */
class TraceCommandTest {
  /** Range 0 of dax0.2 starts at R0 + 2G (pgoff 0), range 1 at R0 (pgoff 0x80000). */
  private static final long RANGE0 = R0 + 2 * G;
  private static final long RANGE1 = R0;
  /** pread of 8 KiB at 2M - 4K in f: dev offset 0x7ffff000, one page each side of the seam. */
  private static final long POS = 2 * M - 4096;
  private static final long PG_LAST = (F_DEVOFF + POS) >> 12; // 0x7ffff
  private static final long PG_NEXT = PG_LAST + 1; // 0x80000, range 1

  private static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  @Test
  void aResizeThatCreatesASecondRangeShowsTheGapChosenAndTheNewRange() throws Exception {
    Shell sh = TraceWorld.beforeGrowth();
    ok(sh, "trace on dax_resize_gap dax_alloc_range dax_adjust_range");
    Result r = ok(sh, TraceWorld.GROW);
    // the first gap in address order is dax0.1's old place, [R0, R0 + 2G); the new range
    // continues the device's page offsets after its first 2 GiB (0x80000 pages)
    assertThat(r.stdout()).isEqualTo(
        line("echo", "dax_resize_gap", "dev=dax0.2 gap=0x100000000-0x17fffffff "
            + "alloc=0x80000000 action=new-range")
        + line("echo", "dax_alloc_range",
            "dev=dax0.2 range=1 start=0x100000000 end=0x17fffffff pgoff=0x80000"));
    assertThat(Trace.enabled()).isFalse(); // registered only while the command ran
  }

  @Test
  void growingTheLastRangeInPlaceIsAnExtend() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld());
    ok(sh, "region add --size 4G --idle --base 0x100000000");
    ok(sh, "daxctl create-device -r 0 -s 1G");
    ok(sh, "daxctl disable-device dax0.1");
    ok(sh, "trace on");
    Result r = ok(sh, "echo 2147483648 > /sys/bus/dax/devices/dax0.1/size");
    assertThat(r.stdout()).isEqualTo(
        line("echo", "dax_resize_gap", "dev=dax0.1 gap=0x140000000-0x1ffffffff "
            + "alloc=0x40000000 action=extend-last-range")
        + line("echo", "dax_adjust_range",
            "dev=dax0.1 range=0 start=0x100000000 end=0x17fffffff extend"));
  }

  @Test
  void eventsFilterAndTraceOffStopsTheOutput() throws Exception {
    Shell sh = TraceWorld.beforeGrowth();
    ok(sh, "trace on dax_alloc_range");
    ok(sh, "echo 4294967296 > /sys/bus/dax/devices/dax0.2/size");
    assertThat(sh.world().currentHost().regions().get(0).device("dax0.2").nrRange())
        .isEqualTo(2);
    ok(sh, "echo 2147483648 > /sys/bus/dax/devices/dax0.2/size");
    ok(sh, "trace on dax_trim_range");
    Result r = ok(sh, "echo 4294967296 > /sys/bus/dax/devices/dax0.2/size");
    assertThat(r.stdout()).isEmpty(); // growth allocates; it trims nothing
    Result shrink = ok(sh, "echo 2147483648 > /sys/bus/dax/devices/dax0.2/size");
    assertThat(shrink.stdout()).isEqualTo(line("echo", "dax_trim_range",
        "dev=dax0.2 range=1 start=0x100000000 end=0x17fffffff"));
    ok(sh, "trace off");
    assertThat(ok(sh, "echo 4294967296 > /sys/bus/dax/devices/dax0.2/size").stdout())
        .isEmpty();
    assertThat(Trace.enabled()).isFalse();
  }

  @Test
  void anUnknownEventIsAnErrorAndChangesNothing() throws Exception {
    Shell sh = TraceWorld.beforeGrowth();
    Result r = sh.execute("trace on dax_alloc_range no_such_event");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errno()).isEqualTo("EINVAL");
    assertThat(r.stderr()).startsWith("trace: unknown event 'no_such_event'; events: "
        + "dax_direct_access dax_copy_to_iter ");
    assertThat(r.stdout()).isEmpty();
    assertThat(ok(sh, TraceWorld.GROW).stdout()).isEmpty(); // tracing stayed off
    assertThat(sh.execute("trace").exit()).isEqualTo(1);
    assertThat(sh.execute("trace off now").exit()).isEqualTo(1);
    assertThat(sh.execute("trace maybe").stderr())
        .isEqualTo("trace: unknown subcommand 'maybe'; usage: trace on [EVENTS...] | trace off"
            + " (Invalid argument)\n");
  }

  @Test
  void tracingIsPerHost() throws Exception {
    Shell sh = TraceWorld.beforeGrowth();
    ok(sh, "host add node1");
    ok(sh, "@node1 trace on");
    assertThat(ok(sh, TraceWorld.GROW).stdout()).isEmpty();
  }

  /** The events of one pread(2) of 8 KiB across the seam of f, under {@code variant}. */
  private static String preadTrace(String variant, long[] got) throws Exception {
    Shell sh = TraceWorld.famfs(variant);
    Host h = sh.world().currentHost();
    Process p = h.root();
    int fd = p.open("/mnt/famfs/f", Fcntl.O_RDONLY);
    long buf = p.mmap(0, 8192, Mman.PROT_READ | Mman.PROT_WRITE,
        Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
    Tracer t = new Tracer();
    t.command(h, List.of("trace", "on", "iomap_begin", "dax_direct_access", "dax_copy_to_iter"));
    Result r = t.around(h, "io", () -> {
      try {
        got[0] = p.pread(fd, buf, 8192, POS); // into user memory, as io.c's buffer
      } catch (ErrnoException e) {
        got[0] = e.errno().neg();
      }
      return Result.ok("");
    });
    return r.stdout();
  }

  /** famfs answers with exactly the window asked for, at the resolved device offset. */
  private static final String IOMAP = line("io", "iomap_begin",
      "pos=0x1ff000 length=0x2000 flags=DAX -> offset=0x1ff000 length=0x2000 type=MAPPED "
          + "dev=dax0.2 addr=" + hex(F_DEVOFF + POS));

  private static String da(long pgoff, long nr, String rest) {
    return line("io", "dax_direct_access", "dev=dax0.2 pgoff=" + hex(pgoff) + " nr_pages=" + nr
        + " mode=DAX_ACCESS " + rest);
  }

  private static String copy(long pgoff, long kaddr, long bytes, long done) {
    return line("io", "dax_copy_to_iter", "dev=dax0.2 pgoff=" + hex(pgoff) + " kaddr="
        + hex(kaddr) + " bytes=" + bytes + " done=" + done);
  }

  @Test
  void perRangeGrantsUpToTheRangeEndAndContinuesInTheNextRange() throws Exception {
    long[] got = new long[1];
    String out = preadTrace("per-range", got);
    long phys0 = RANGE0 + (PG_LAST << 12);
    long va0 = KernelAddressSpace.PAGE_OFFSET + phys0;
    long va1 = KernelAddressSpace.PAGE_OFFSET + RANGE1;
    assertThat(out).isEqualTo(IOMAP
        + da(PG_LAST, 2, "granted=1 kaddr=" + hex(va0) + " pfn=" + hex(phys0 >> 12))
        + copy(PG_LAST, va0, 4096, 4096)
        + da(PG_NEXT, 1, "granted=1 kaddr=" + hex(va1) + " pfn=" + hex(RANGE1 >> 12))
        + copy(PG_NEXT, va1, 4096, 4096));
    assertThat(got[0]).isEqualTo(8192);
  }

  @Test
  void seedPhysHandsOutThePhysicalAddressSoTheCopyDoesNothing() throws Exception {
    long[] got = new long[1];
    String out = preadTrace("seed-phys", got);
    long phys0 = RANGE0 + (PG_LAST << 12);
    assertThat(out).isEqualTo(IOMAP
        + da(PG_LAST, 2, "granted=1 kaddr=" + hex(phys0) + " pfn=" + hex(phys0 >> 12))
        + copy(PG_LAST, phys0, 4096, 0));
    assertThat(got[0]).isEqualTo(-14); // EFAULT
  }

  @Test
  void fsdevFullSpanRefusesASpanThatCrossesTheRangeEnd() throws Exception {
    long[] got = new long[1];
    String out = preadTrace("fsdev-full-span", got);
    assertThat(out).isEqualTo(IOMAP + da(PG_LAST, 2, "ret=-EFAULT"));
    assertThat(got[0]).isEqualTo(-14);
  }

  @Test
  void rfcVirtOffsetGrantsPastTheRangeAndCopiesFromTheWrongPlace() throws Exception {
    long[] got = new long[1];
    String out = preadTrace("rfc-virt-offset", got);
    // kaddr = __va(ranges[0].start) + pgoff * 4096, both pages granted, the pfn unchecked
    long va = KernelAddressSpace.PAGE_OFFSET + RANGE0 + (PG_LAST << 12);
    // the copy stops at the second page, __va(R0 + 4G): free region space, not direct-mapped;
    // dax_iomap_rw goes on with the next iomap, whose kaddr is past range 0 again
    long va2 = KernelAddressSpace.PAGE_OFFSET + RANGE0 + (PG_NEXT << 12);
    assertThat(out).isEqualTo(IOMAP
        + da(PG_LAST, 2, "granted=2 kaddr=" + hex(va) + " pfn=0xfffffffffffff")
        + copy(PG_LAST, va, 8192, 4096)
        + line("io", "iomap_begin", "pos=0x200000 length=0x1000 flags=DAX -> offset=0x200000 "
            + "length=0x1000 type=MAPPED dev=dax0.2 addr=" + hex(F_DEVOFF + 2 * M))
        + da(PG_NEXT, 1, "granted=1 kaddr=" + hex(va2) + " pfn=" + hex(RANGE1 >> 12))
        + copy(PG_NEXT, va2, 4096, 0));
    assertThat(got[0]).isEqualTo(4096);
  }

  @Test
  void aPmdFaultAndAFallbackWithItsReason() throws Exception {
    Shell sh = TraceWorld.famfs();
    Host h = sh.world().currentHost();
    Process p = h.root();
    int fd = p.open("/mnt/famfs/f", Fcntl.O_RDWR);
    Tracer t = new Tracer();
    t.command(h, List.of("trace", "on", "iomap_begin", "dax_direct_access", "mm_fault",
        "dax_fault_fallback"));
    long[] va = new long[2];
    Result r = t.around(h, "io", () -> {
      try {
        va[0] = p.mmap(0, 4 * M, Mman.PROT_READ, Mman.MAP_SHARED, fd, 0);
        p.mm().load(va[0], new byte[1], 0, 1);
        va[1] = p.mmap(0, 4 * M, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE, fd, 0);
        p.mm().store(va[1] + 2 * M, new byte[] {1}, 0, 1);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      return Result.ok("");
    });
    long pfn = (RANGE0 + F_DEVOFF) >> 12; // f's first 2 MiB: the last 2 MiB of range 0
    // the first fault in a fresh PUD tries PUD_ORDER (DAX vmas skip the suitability check in
    // the page-fault path), which fs/dax does not map; then the PMD maps f's first 2 MiB
    String shared = line("io", "dax_fault_fallback", "address=" + hex(va[0])
        + " pgoff=0x0 size=pud reason=\"fs/dax does not map this size\"")
        + line("io", "mm_fault", "address=" + hex(va[0]) + " size=pud read ret=FALLBACK")
        + line("io", "iomap_begin", "pos=0x0 length=0x200000 flags=FAULT|DAX -> "
        + "offset=0x0 length=0x200000 type=MAPPED dev=dax0.2 addr=" + hex(F_DEVOFF))
        + line("io", "dax_direct_access", "dev=dax0.2 pgoff=" + hex(F_DEVOFF >> 12)
        + " nr_pages=512 mode=DAX_ACCESS granted=512 kaddr="
        + hex(KernelAddressSpace.PAGE_OFFSET + RANGE0 + F_DEVOFF) + " pfn=" + hex(pfn))
        + line("io", "mm_fault", "address=" + hex(va[0]) + " size=pmd read ret=NOPAGE");
    assertThat(r.stdout()).startsWith(shared);
    String priv = r.stdout().substring(shared.length());
    assertThat(priv).startsWith(line("io", "dax_fault_fallback", "address="
        + hex(va[1] + 2 * M) + " pgoff=0x200 size=pmd reason=\"write to a private mapping\"")
        + line("io", "mm_fault", "address=" + hex(va[1] + 2 * M)
        + " size=pmd write ret=FALLBACK"));
    // then a PTE: a private write maps the page read-only (no IOMAP_WRITE) and copies it
    assertThat(priv).contains(line("io", "iomap_begin", "pos=0x200000 length=0x1000 "
        + "flags=FAULT|DAX -> offset=0x200000 length=0x1000 type=MAPPED dev=dax0.2 addr="
        + hex(F_DEVOFF + 2 * M)));
    assertThat(priv).contains("size=pte write ret=");
  }

  @Test
  void traceLinesComeBeforeTheCommandsOwnOutput() throws Exception {
    Shell sh = TraceWorld.famfs();
    String plain = ok(sh, "famfs getmap /mnt/famfs/f").stdout();
    assertThat(plain).startsWith("File:     /mnt/famfs/f\n");
    ok(sh, "trace on mm_fault");
    String traced = ok(sh, "famfs getmap /mnt/famfs/f").stdout();
    assertThat(traced).endsWith(plain);
    String lines = traced.substring(0, traced.length() - plain.length());
    assertThat(lines).isNotEmpty();
    for (String l : lines.split("\n")) {
      assertThat(l).matches("           famfs-1       \\[000\\] \\.\\.\\.\\.\\. mm_fault: "
          + "address=0x[0-9a-f]+ size=(pte|pmd|pud) (read|write) ret=[A-Z_|0-9x]+");
    }
  }
}
