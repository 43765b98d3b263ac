package org.daxsim.bus.daxctl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DeviceDax;
import org.daxsim.bus.Hmem;
import org.daxsim.bus.Kmem;
import org.daxsim.bus.KmemMemoryBlock;
import org.daxsim.bus.sysfs.Sysfs;
import org.daxsim.bus.sysfs.SysfsView;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.PhysicalAddressSpace;
import org.daxsim.core.mem.Resource;
import org.daxsim.core.mm.KernelAddressSpace;

/**
 * The oracle's default boot as a real bus world (linux-6.1, memhp_default_state=offline): 2 GiB
 * of boot System RAM at 0, one 4 GiB hmem region at 0x100000000 (Soft Reserved, backed by a
 * memory device; or other hmem regions) with dax0.0 spanning it bound to device_dax, the
 * drivers device_dax and kmem (6.1 has no fsdev), memory blocks of 128 MiB. daxctl runs over
 * the real {@link Sysfs} (every access recorded), and a small shell replays the transcripts'
 * {@code cat}, {@code echo >}, {@code printf}, {@code sed} and sysfs-walking lines.
 */
final class RealWorld {
  static final long MB = 1L << 20;
  static final long GB = 1L << 30;
  static final long REGION0 = 0x100000000L;
  static final long RAM = 2 * GB;

  final PhysicalAddressSpace phys = new PhysicalAddressSpace();
  final KernelAddressSpace kas;
  final Resource iomem = Resource.iomem();
  final DaxBus bus;
  final Kmem kmem;
  final Sysfs sysfs;
  final Daxctl daxctl;
  final Map<String, String> files = new HashMap<>();
  final List<String> loaded = new ArrayList<>();

  /** The oracle's default boot: one 4 GiB hmem region at 0x100000000. */
  RealWorld() throws ErrnoException {
    this(REGION0, 4 * GB);
  }

  /**
   * A boot with hmem regions 0, 1, ... given as start, size pairs (the oracle's
   * {@code -r SIZE@START}, memmap=SIZE%START+0xefffffff: Soft Reserved memory on node 0).
   */
  RealWorld(long... startSize) throws ErrnoException {
    phys.map(0, RAM, MemoryDevice.create("ram", RAM), 0);
    kas = new KernelAddressSpace(phys);
    kas.addSystemRam(0, RAM);
    Resource.requestRegion(iomem, 0, RAM, "System RAM");
    for (int i = 0; i < startSize.length; i += 2) {
      long start = startSize[i];
      long size = startSize[i + 1];
      phys.map(start, size, MemoryDevice.create("hmem" + i / 2, size), 0);
      Resource.insertResource(iomem, start, start + size - 1, "Soft Reserved",
          Resource.IORESOURCE_MEM);
    }
    bus = new DaxBus(new DaxCore(kas), iomem, KernelProfile.LINUX_6_1);
    bus.registerDriver(new DeviceDax(bus));
    kmem = new Kmem(bus);
    bus.registerDriver(kmem);
    for (int i = 0; i < startSize.length; i += 2) {
      Hmem.register(bus, i / 2, startSize[i], startSize[i + 1], 0, false);
    }
    sysfs = new Sysfs(bus);
    daxctl = new Daxctl(recorder, this::readFile, loaded::add);
  }

  /** One access daxctl made: operation (read, write, list, realpath, exists), path, outcome. */
  record Access(String op, String path, Errno errno) {}

  /** Every sysfs access daxctl made, in order. */
  final List<Access> accesses = new ArrayList<>();

  /** The real sysfs as daxctl sees it, recording each access in {@link #accesses}. */
  private final SysfsView recorder = new SysfsView() {
    private <T> T log(String op, String path, Call<T> call) throws ErrnoException {
      try {
        T t = call.call();
        accesses.add(new Access(op, path, null));
        return t;
      } catch (ErrnoException e) {
        accesses.add(new Access(op, path, e.errno()));
        throw e;
      }
    }

    @Override
    public String read(String path) throws ErrnoException {
      return log("read", path, () -> sysfs.read(path));
    }

    @Override
    public int write(String path, String value) throws ErrnoException {
      return log("write", path, () -> sysfs.write(path, value));
    }

    @Override
    public List<String> list(String dir) throws ErrnoException {
      return log("list", dir, () -> sysfs.list(dir));
    }

    @Override
    public String realpath(String path) throws ErrnoException {
      return log("realpath", path, () -> sysfs.realpath(path));
    }

    @Override
    public boolean exists(String path) {
      boolean e = sysfs.exists(path);
      accesses.add(new Access("exists", path, e ? null : Errno.ENOENT));
      return e;
    }
  };

  private interface Call<T> {
    T call() throws ErrnoException;
  }

  private String readFile(String path) throws ErrnoException {
    String s = files.get(path);
    if (s == null) {
      throw new ErrnoException(Errno.ENOENT, path);
    }
    return s;
  }

  /**
   * The kernel allocating a page of memory block {@code id} once it is online (the oracle saw
   * block 39 in use after onlining dax0.2 to ZONE_NORMAL): allocates System RAM pages until
   * one lies in that block, keeps it and frees the others. False if the block is not online.
   */
  boolean occupy(long id) throws ErrnoException {
    KmemMemoryBlock b = kmem.memoryBlock(id);
    if (b == null || !b.online()) {
      return false;
    }
    long first = b.start() >>> 12;
    long last = b.end() >>> 12;
    long[] taken = new long[1 << 16];
    int n = 0;
    try {
      while (true) {
        long pfn = kas.allocPage();
        if (pfn >= first && pfn <= last) {
          return true;
        }
        if (n == taken.length) {
          taken = Arrays.copyOf(taken, n * 2);
        }
        taken[n++] = pfn;
      }
    } finally {
      for (int i = 0; i < n; i++) {
        kas.freePage(taken[i]);
      }
    }
  }

  /** One replayed command's outputs; null when the line is not one this shell replays. */
  Harness.Step replay(Harness.Step s) throws ErrnoException {
    String c = s.cmd();
    if (c.startsWith("daxctl")) {
      String redirect = null;
      int gt = c.indexOf(" > ");
      if (gt >= 0) {
        redirect = c.substring(gt + 3).trim();
        c = c.substring(0, gt);
      }
      Daxctl.Result r = daxctl.run(Arrays.asList(c.trim().split("\\s+")));
      String out = r.stdout();
      if (redirect != null) {
        files.put(redirect, out);
        out = "";
      }
      return new Harness.Step(s.cmd(), out, r.stderr(), r.exit());
    }
    if (c.startsWith("printf '")) {
      int end = c.indexOf("' > ");
      files.put(c.substring(end + 4).trim(), c.substring(8, end));
      return new Harness.Step(s.cmd(), "", "", 0);
    }
    if (c.startsWith("sed '1d;$d' ")) {
      String[] w = c.split(" ");
      String[] lines = files.get(w[2]).split("\n", -1);
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < lines.length - 2; i++) {
        sb.append(lines[i]).append('\n');
      }
      files.put(w[4], sb.toString());
      return new Harness.Step(s.cmd(), "", "", 0);
    }
    if (c.matches("echo \\S+ > /sys/\\S+")) {
      String[] w = c.split(" ");
      try {
        sysfs.write(w[3], w[1] + "\n");
        return new Harness.Step(s.cmd(), "", "", 0);
      } catch (ErrnoException e) {
        return new Harness.Step(s.cmd(), "", "sh: write error: " + e.errno().strerror()
            + "\n", 1);
      }
    }
    if (c.matches("cat( \\S+)+") && !c.contains("|")) {
      StringBuilder out = new StringBuilder();
      StringBuilder err = new StringBuilder();
      int rc = 0;
      for (String f : c.substring(4).trim().split(" ")) {
        String text = cat(f);
        if (text == null) {
          err.append("cat: ").append(f).append(": ").append(catError(f)).append('\n');
          rc = 1;
        } else {
          out.append(text);
        }
      }
      return new Harness.Step(s.cmd(), out.toString(), err.toString(), rc);
    }
    if (c.startsWith("for d in /sys/bus/dax/devices/*;")) {
      return new Harness.Step(s.cmd(), devicesLoop(), "", 0);
    }
    return null;
  }

  private String cat(String f) {
    if (f.startsWith("/sys/")) {
      try {
        return sysfs.read(f);
      } catch (ErrnoException e) {
        return null;
      }
    }
    return files.get(f);
  }

  private String catError(String f) {
    if (!f.startsWith("/sys/")) {
      return "No such file or directory";
    }
    try {
      sysfs.read(f);
      return "Success";
    } catch (ErrnoException e) {
      return e.errno().strerror();
    }
  }

  /**
   * {@code for d in /sys/bus/dax/devices/*; do echo "$(basename $d) size=$(cat $d/size)
   * align=$(cat $d/align)"; for m in $d/mapping[0-9]*; do [ -d $m ] && echo "  $(basename $m)
   * start=.. end=.. page_offset=.."; done; done} ($(...) strips the trailing newline).
   */
  private String devicesLoop() throws ErrnoException {
    String base = "/sys/bus/dax/devices";
    StringBuilder sb = new StringBuilder();
    for (String d : sysfs.list(base)) {
      String p = base + "/" + d;
      sb.append(d).append(" size=").append(strip(sysfs.read(p + "/size")))
          .append(" align=").append(strip(sysfs.read(p + "/align"))).append('\n');
      for (String m : sysfs.list(p)) {
        if (!m.matches("mapping[0-9].*") || !isDir(p + "/" + m)) {
          continue;
        }
        String q = p + "/" + m;
        sb.append("  ").append(m).append(" start=").append(strip(sysfs.read(q + "/start")))
            .append(" end=").append(strip(sysfs.read(q + "/end")))
            .append(" page_offset=").append(strip(sysfs.read(q + "/page_offset"))).append('\n');
      }
    }
    return sb.toString();
  }

  private boolean isDir(String p) {
    try {
      sysfs.list(p);
      return true;
    } catch (ErrnoException e) {
      return false;
    }
  }

  private static String strip(String s) {
    return s.replaceAll("\n+$", "");
  }
}
