package org.daxsim.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.KernelAddressSpace;
import org.daxsim.core.mm.Mman;

/**
 * {@code daxsim demo seed}: the story of the famfs seed (CLI.md "The seed story"). A device
 * with two physically discontiguous ranges (made by the allocator of drivers/dax/bus.c
 * dev_dax_resize), fsdev bound, famfs on it, a file whose extent crosses the range boundary,
 * the seeded pattern stored through mmap; then, per dev_dax direct_access variant (fsdev.c
 * __fsdev_dax_direct_access and its predecessors), read(2) (fs/dax.c dax_iomap_rw ->
 * dax_copy_to_iter, which needs the kaddr) and mmap (dax_iomap_fault, which needs only the
 * pfn) of the same bytes, side by side, with the reason for every failure.
 */
final class SeedDemo {
  /** The file's pattern seed, and the pattern stored on the neighbour device dax0.2. */
  static final long FILE_SEED = 42;
  static final long NEIGHBOUR_SEED = 7;
  static final String FILE = "/mnt/seed";
  static final long FILE_SIZE = 8L << 20;
  static final long RANGE0 = 16L << 20;
  /** The bytes compared: 64 KiB straddling the range boundary. */
  static final int SPAN = 64 << 10;

  /**
   * One line of the table.
   *
   * @param variant the direct_access variant fsdev ran with
   * @param read what read(2) did
   * @param mmap what the loads through mmap did
   * @param readCell the table's read(2) cell
   * @param mmapCell the table's mmap cell
   * @param verdict the verdict
   */
  record Row(DirectAccessVariant variant, DemoIo.Outcome read, DemoIo.Outcome mmap,
      String readCell, String mmapCell, String verdict) {}

  /**
   * The demo's text and its table rows.
   *
   * @param text what {@code daxsim demo seed} prints
   * @param rows the table, one row per variant in enum order
   * @param spanOffset the file offset of the compared bytes
   * @param world the world the demo built (for tests to look into)
   */
  record Report(String text, List<Row> rows, long spanOffset, World world) {}

  private SeedDemo() {}

  /** Runs the demo on a fresh world. */
  static Report run() throws ErrnoException {
    DemoScript s = DemoScript.fresh(0);
    s.say("The famfs seed story: what must dev_dax's direct_access return for a device made of"
        + " several\nphysical ranges? Every command below is a daxsim scenario line.");
    s.heading("1. A device with two physically discontiguous ranges");
    s.quiet("region add --size 8G --idle");
    s.quiet("daxctl create-device -r 0 -s 16M");
    s.quiet("daxctl create-device -r 0 -s 16M");
    s.quiet("daxctl disable-device dax0.1");
    s.quiet("daxctl reconfigure-device -s 4G dax0.1");
    Host h = s.world().currentHost();
    DevDax dev = h.bus().device("dax0.1");
    DevDax neighbour = h.bus().device("dax0.2");
    if (dev == null || neighbour == null || dev.nrRange() != 2) {
      throw ErrnoException.of(Errno.EIO, "the allocator did not give dax0.1 two ranges");
    }
    DevDaxRange r0 = dev.ranges().get(0);
    DevDaxRange r1 = dev.ranges().get(1);
    s.say("dax0.1 grew after dax0.2 took the space behind it, so the allocator gave it a"
        + " second range:");
    for (DevDaxRange r : dev.ranges()) {
      s.say(String.format("  dax0.1 pgoff %#7x  phys [%#x, %#x]  %s", r.pgoff(), r.start(),
          r.end(), mib(r.length())));
    }
    DevDaxRange n0 = neighbour.ranges().get(0);
    s.say(String.format("  dax0.2 pgoff %#7x  phys [%#x, %#x]  %s   <- in between",
        n0.pgoff(), n0.start(), n0.end(), mib(n0.length())));

    s.heading("2. famfs on it, a file across the boundary, the pattern stored through mmap");
    s.quiet("daxctl reconfigure-device -m famfs dax0.1");
    s.quiet("mkfs.famfs /dev/dax0.1");
    s.quiet("famfs mount /dev/dax0.1 /mnt");
    s.quiet("famfs creat -s 8m " + FILE);
    Result map = s.sh("famfs getmap " + FILE);
    long ext = extentOffset(map.stdout());
    long boundary = RANGE0 - ext; // file offset of range 1's first byte
    long span = boundary - SPAN / 2;
    s.say("$ io mmap-write " + FILE + " --seed " + FILE_SEED);
    DemoIo.Outcome w = DemoIo.mmapWrite(h, FILE, 0, DemoIo.pattern(FILE_SEED, 0, (int) FILE_SIZE));
    s.say(w.ioText(false).strip());
    if (!w.complete(FILE_SIZE)) {
      throw ErrnoException.of(Errno.EIO, "storing the pattern failed: %s", w.ioText(false));
    }
    s.say("$ io mmap-write /dev/dax0.2 --seed " + NEIGHBOUR_SEED + " --length 0x200000");
    DemoIo.Outcome wn = DemoIo.mmapWrite(h, "/dev/dax0.2", 0,
        DemoIo.pattern(NEIGHBOUR_SEED, 0, 2 << 20));
    s.say(wn.ioText(false).strip());
    s.say(String.format("The file's extent is device bytes [%#x, %#x); range 0 ends at device"
        + " byte %#x,\nwhich is file offset %#x. Compared below: file bytes [%#x, +%d).",
        ext, ext + FILE_SIZE, RANGE0, boundary, span, SPAN));

    s.heading("3. read(2) and mmap of the same bytes, per direct_access variant");
    s.say("fsdev installs the variant when it binds (probe), so each round rebinds dax0.1:");
    byte[] want = DemoIo.pattern(FILE_SEED, span, SPAN);
    List<Row> rows = new ArrayList<>();
    for (DirectAccessVariant v : DirectAccessVariant.values()) {
      s.quiet("umount /mnt");
      s.quiet("daxctl reconfigure-device -m devdax dax0.1");
      s.quiet("variant set dev-dax-direct-access " + v.id());
      s.quiet("daxctl reconfigure-device -m famfs dax0.1");
      s.quiet("famfs mount /dev/dax0.1 /mnt");
      DemoIo.Outcome rd = DemoIo.read(h, FILE, span, SPAN);
      DemoIo.Outcome mm = DemoIo.mmapRead(h, FILE, span, SPAN);
      rows.add(row(v, rd, mm, want));
    }
    s.say("");
    s.say(table(rows));
    explain(s, rows, r0, r1, n0, ext + span, span);
    return new Report(s.text(), List.copyOf(rows), span, s.world());
  }

  private static Row row(DirectAccessVariant v, DemoIo.Outcome rd, DemoIo.Outcome mm,
      byte[] want) {
    String readCell = cell(rd, want);
    String mmapCell = cell(mm, want);
    boolean readOk = rd.complete(SPAN) && Arrays.equals(rd.bytes(), want);
    boolean mmapOk = mm.complete(SPAN) && Arrays.equals(mm.bytes(), want);
    String verdict;
    if (readOk && mmapOk) {
      verdict = "correct";
    } else if (!mmapOk) {
      verdict = "BROKEN: mmap";
    } else if (rd.errno() != null) {
      verdict = "BROKEN: read(2) fails";
    } else if (rd.done() == SPAN) {
      verdict = "BROKEN: read(2) returns wrong bytes";
    } else {
      verdict = "BROKEN: read(2) short";
    }
    return new Row(v, rd, mm, readCell, mmapCell, verdict);
  }

  /** "65536 bytes, match", "65536 bytes, 32768 wrong", "EFAULT", "SIGBUS at +N". */
  private static String cell(DemoIo.Outcome o, byte[] want) {
    if (o.signal() != null) {
      return "SIGBUS after " + o.done() + " bytes";
    }
    if (o.errno() != null) {
      return o.done() == 0 ? o.errno().name() : o.done() + " bytes, then " + o.errno().name();
    }
    int wrong = 0;
    for (int i = 0; i < o.bytes().length; i++) {
      if (o.bytes()[i] != want[i]) {
        wrong++;
      }
    }
    return o.done() + " bytes, " + (wrong == 0 ? "match" : "WRONG");
  }

  /** The side-by-side table. */
  static String table(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    String fmt = "%-16s | %-18s | %-18s | %s%n";
    b.append(String.format(fmt, "variant", "read(2)", "mmap", "verdict"));
    b.append(String.format(fmt, "-".repeat(16), "-".repeat(18), "-".repeat(18), "-".repeat(7)));
    for (Row r : rows) {
      b.append(String.format(fmt, r.variant().id(), r.readCell(), r.mmapCell(), r.verdict()));
    }
    return b.toString();
  }

  private static void explain(DemoScript s, List<Row> rows, DevDaxRange r0, DevDaxRange r1,
      DevDaxRange n0, long devOff, long span) {
    long phys = r0.start() + devOff;
    long past = r0.length(); // device byte offset of range 1's first byte
    s.heading("Why");
    s.say("read(2) goes dax_iomap_rw -> dax_iomap_iter -> dax_direct_access -> dax_copy_to_iter:"
        + "\nthe copy needs kaddr, a KERNEL VIRTUAL address. A fault in an mmap goes"
        + "\ndax_iomap_fault -> dax_direct_access -> vmf_insert_pfn: it needs only the pfn.");
    for (Row r : rows) {
      s.say("");
      switch (r.variant()) {
        case PER_RANGE -> s.say(String.format("per-range: looks pgoff up in its ranges and"
            + " grants pages only to that range's\nend, kaddr = __va(phys) (the direct map that"
            + " memremap_pages() made at probe). The\nfirst step copies to the end of range 0,"
            + " the next asks again and lands in range 1 at\nphys %#x. Both paths agree: %s.",
            r1.start(), r.verdict()));
        case SEED_PHYS -> s.say(String.format("seed-phys: returns the PHYSICAL address %#x as"
            + " kaddr. Taken as a virtual address it\nlies in the user half (below TASK_SIZE"
            + " %#x); _copy_mc_to_iter dereferences it with\nuser access on, this process has"
            + " nothing mapped there, the exception fixup ends the\ncopy at 0 bytes and"
            + " dax_iomap_iter returns -EFAULT. The pfn (%#x) is right, so mmap works.",
            phys, Mman.TASK_SIZE, phys >>> 12));
        case RFC_VIRT_OFFSET -> s.say(String.format("rfc-virt-offset: kaddr = __va(range 0"
            + " start) + pgoff * 4096. Up to device byte %#x\nthat is right; past it, kaddr %#x"
            + " is the direct map of phys %#x,\nwhich is dax0.2's memory, not range 1 at %#x."
            + " The copy succeeds: read(2) returns\n%s.\nSilent corruption (a write would"
            + " scribble on dax0.2). Faults resolve each page's\npfn through"
            + " dax_pgoff_to_phys, so mmap sees the right bytes.",
            past, KernelAddressSpace.va(r0.start() + past), r0.start() + past, r1.start(),
            neighbourBytes(r.read()) ? "dax0.2's bytes (its seed-" + NEIGHBOUR_SEED
                + " pattern) after the boundary" : "bytes that are not the file's"));
        case FSDEV_FULL_SPAN -> s.say(String.format("fsdev-full-span: calls dax_pgoff_to_phys("
            + "pgoff, size) for the whole span asked for.\nThe read asks from file offset %#x"
            + " on, which runs past range 0's end at phys %#x:\nthe lookup fails, direct_access"
            + " returns -EFAULT before anything is copied. A fault\nasks for one page or one"
            + " aligned 2 MiB block, which never crosses a range (ranges\nare 2 MiB aligned),"
            + " so mmap works.", span, r0.end()));
        default -> { }
      }
    }
  }

  /** True when the read's second half is the neighbour's first bytes (dax0.2's pattern). */
  private static boolean neighbourBytes(DemoIo.Outcome rd) {
    byte[] b = rd.bytes();
    return b.length == SPAN && Arrays.equals(Arrays.copyOfRange(b, SPAN / 2, SPAN),
        DemoIo.pattern(NEIGHBOUR_SEED, 0, SPAN / 2));
  }

  private static final Pattern EXTENT = Pattern.compile("\\t\\t([0-9a-f]+)\\t(\\d+)");

  /** The device offset of the file's single extent, from famfs getmap's output. */
  private static long extentOffset(String getmap) throws ErrnoException {
    Matcher m = EXTENT.matcher(getmap);
    if (!m.find()) {
      throw ErrnoException.of(Errno.EIO, "famfs getmap printed no extent: %s", getmap);
    }
    return Long.parseLong(m.group(1), 16);
  }

  private static String mib(long bytes) {
    return (bytes >> 20) + " MiB";
  }
}
