package org.daxsim.sim;

import java.util.IdentityHashMap;
import java.util.Map;
import org.daxsim.bus.DaxRegion;
import org.daxsim.bus.DevDax;
import org.daxsim.core.Errno;
import org.daxsim.core.Pages;
import org.daxsim.core.dax.DaxAccessMode;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.mm.VmFault;
import org.daxsim.core.trace.FallbackReason;
import org.daxsim.core.trace.Tracepoint;
import org.daxsim.fs.dax.Iomap;

/**
 * Renders one tracepoint hit as a line of ftrace's {@code trace_pipe} (kernel/trace/trace_output.c:
 * {@code TASK-PID [CPU] FLAGS EVENT: FIELDS}, without the timestamp so that output is
 * reproducible). Field values follow the kernel's trace events: hexadecimal addresses and page
 * offsets, decimal counts, errno names for negative returns.
 */
final class TraceFormat {
  private static final String[] FAULT_BITS = {"OOM", "SIGBUS", "MAJOR", null, "HWPOISON",
      "HWPOISON_LARGE", "SIGSEGV", null, "NOPAGE", "LOCKED", "RETRY", "FALLBACK", "DONE_COW",
      "NEEDDSYNC", "COMPLETED"};
  private static final String[][] IOMAP_FLAGS = {{"WRITE", "1"}, {"ZERO", "2"},
      {"REPORT", "4"}, {"FAULT", "8"}, {"DIRECT", "16"}, {"NOWAIT", "32"}, {"DAX", "256"}};
  private static final String[] IOMAP_TYPES = {"HOLE", "DELALLOC", "MAPPED", "UNWRITTEN",
      "INLINE"};

  private final Host host;
  private final Map<DaxDevice, String> names = new IdentityHashMap<>();

  TraceFormat(Host host) {
    this.host = host;
  }

  /** The whole line, newline included, for task {@code comm} (pid 1, CPU 0). */
  String line(String comm, Tracepoint p, Object s, long a0, long a1, long a2, long a3, long a4,
      long a5) {
    String task = comm.length() > 15 ? comm.substring(0, 15) : comm;
    return String.format("%16s-%-7d [000] ..... %s: %s%n", task, 1, p.eventName(),
        fields(p, s, a0, a1, a2, a3, a4, a5));
  }

  private String fields(Tracepoint p, Object s, long a0, long a1, long a2, long a3, long a4,
      long a5) {
    return switch (p) {
      case DAX_DIRECT_ACCESS -> directAccess(s, a0, a1, a2, a3, a4, a5);
      case DAX_COPY_TO_ITER, DAX_COPY_FROM_ITER, DAX_RECOVERY_WRITE ->
          String.format("dev=%s pgoff=%#x kaddr=%#x bytes=%d %s", dev(s), a0, a1, a2,
              a3 < 0 ? "ret=" + err(a3) : "done=" + a3);
      case DAX_ZERO_PAGE_RANGE -> String.format("dev=%s pgoff=%#x nr_pages=%d ret=%s", dev(s),
          a0, a1, ret(a2));
      case DAX_NOTIFY_FAILURE -> String.format("dev=%s offset=%#x len=%#x mf_flags=%#x ret=%s",
          dev(s), a0, a1, a2, ret(a3));
      case KILL_DAX, RUN_DAX -> "dev=" + dev(s);
      case MM_FAULT -> String.format("address=%#x size=%s %s ret=%s", a0, size(a1),
          (a2 & VmFault.FAULT_FLAG_WRITE) != 0 ? "write" : "read", faultRet(a3));
      case SIGNAL -> String.format("sig=%d code=%d addr=%#x", a0, a1, a2);
      case COPY_ITER -> String.format("kaddr=%#x bytes=%d done=%d mode=%s", a0, a1, a2,
          a3 == 1 ? "mc" : a3 == 2 ? "flushcache" : "plain");
      case IOMAP_BEGIN -> iomap((Iomap) s, a0, a1, a2, a3);
      case FAULT_FALLBACK -> String.format("address=%#x pgoff=%#x size=%s reason=\"%s\"", a0,
          a1, size(a2), FallbackReason.values()[(int) a3].text());
      case DAX_RESIZE_GAP -> String.format("dev=%s gap=%#x-%#x alloc=%#x action=%s",
          devDax(s), a0, a1, a2, a3 == 1 ? "extend-last-range" : "new-range");
      case DAX_ALLOC_RANGE -> String.format("dev=%s range=%d start=%#x end=%#x pgoff=%#x",
          devDax(s), a0, a1, a2, a3);
      case DAX_ADJUST_RANGE -> String.format("dev=%s range=%d start=%#x end=%#x %s",
          devDax(s), a0, a1, a2, a3 == 1 ? "shrink" : "extend");
      case DAX_TRIM_RANGE -> String.format("dev=%s range=%d start=%#x end=%#x", devDax(s), a0,
          a1, a2);
    };
  }

  private String directAccess(Object s, long pgoff, long nr, long mode, long ret, long kaddr,
      long pfn) {
    String m = mode >= 0 && mode < DaxAccessMode.values().length
        ? DaxAccessMode.values()[(int) mode].name() : "?";
    StringBuilder b = new StringBuilder(String.format("dev=%s pgoff=%#x nr_pages=%d mode=%s ",
        dev(s), pgoff, nr, m));
    if (ret <= 0) {
      return b.append("ret=").append(err(ret)).toString();
    }
    b.append("granted=").append(ret);
    if (kaddr != -1) {
      b.append(String.format(" kaddr=%#x", kaddr));
    }
    if (pfn != -1) {
      b.append(String.format(" pfn=%#x", pfn));
    }
    return b.toString();
  }

  private String iomap(Iomap m, long pos, long len, long flags, long ret) {
    String asked = String.format("pos=%#x length=%#x flags=%s", pos, len, iomapFlags(flags));
    if (ret < 0 || m == null) {
      return asked + " ret=" + err(ret);
    }
    String type = m.type() >= 0 && m.type() < IOMAP_TYPES.length ? IOMAP_TYPES[m.type()] : "?";
    String to = m.type() == Iomap.IOMAP_HOLE ? "hole"
        : String.format("dev=%s addr=%#x", dev(m.daxDev()), m.addr());
    return String.format("%s -> offset=%#x length=%#x type=%s %s", asked, m.offset(),
        m.length(), type, to);
  }

  private static String iomapFlags(long flags) {
    StringBuilder b = new StringBuilder();
    for (String[] f : IOMAP_FLAGS) {
      if ((flags & Long.parseLong(f[1])) != 0) {
        b.append(b.length() == 0 ? "" : "|").append(f[0]);
      }
    }
    return b.length() == 0 ? "0" : b.toString();
  }

  private static String size(long order) {
    if (order == 0) {
      return "pte";
    }
    if (order == Pages.PMD_ORDER) {
      return "pmd";
    }
    return order == Pages.PUD_ORDER ? "pud" : "order" + order;
  }

  private static String faultRet(long ret) {
    if (ret == 0) {
      return "0";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < FAULT_BITS.length; i++) {
      if ((ret & (1L << i)) != 0) {
        b.append(b.length() == 0 ? "" : "|").append(FAULT_BITS[i] == null ? "0x"
            + Long.toHexString(1L << i) : FAULT_BITS[i]);
      }
    }
    return b.toString();
  }

  private static String ret(long v) {
    return v < 0 ? err(v) : Long.toString(v);
  }

  /** A negative errno as {@code -ENAME}; other values in decimal. */
  static String err(long v) {
    return Errno.isError(v) ? "-" + Errno.of(v).name() : Long.toString(v);
  }

  private static String devDax(Object s) {
    return s instanceof DevDax d ? d.name() : "?";
  }

  /** The bus device name of a dax_device ({@code dax0.0}), looked up once and cached. */
  private String dev(Object s) {
    if (!(s instanceof DaxDevice dax)) {
      return "?";
    }
    String n = names.get(dax);
    if (n == null) {
      n = "?";
      for (DaxRegion r : host.regions()) {
        for (DevDax d : r.devices()) {
          if (d.daxDevice() == dax) {
            n = d.name();
          }
        }
      }
      names.put(dax, n);
    }
    return n;
  }
}
