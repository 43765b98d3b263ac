package org.daxsim.sim;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mem.MemoryDevice;

/**
 * The legacy-pmem part of the {@code #!oracle} header: the oracle's kernel command line option
 * {@code memmap=SIZE!ADDR} (arch/x86/kernel/e820.c: an E820_TYPE_PRAM range, which nd_e820
 * turns into one legacy pmem region each, {@code /platform/e820_pmem/ndbus0/regionN}). On the
 * real kernel the scenario then runs {@code ndctl create-namespace -m devdax -a 2M}; daxsim has
 * no ndctl, so the header builds that devdax namespace directly (a static region with one
 * fixed device, 2 MiB aligned, its struct-page reserve taken from the start).
 */
final class OracleHeader {
  private OracleHeader() {}

  /** The {@code memmap=SIZE!ADDR} ranges of an {@code -a} value, as {size, addr} pairs. */
  static List<long[]> legacyPmem(String kernelArgs) throws ScriptSyntaxException {
    List<long[]> out = new ArrayList<>();
    for (String arg : kernelArgs.trim().split("\\s+")) {
      if (!arg.startsWith("memmap=") || arg.indexOf('!') < 0) {
        continue;
      }
      String v = arg.substring("memmap=".length());
      int bang = v.indexOf('!');
      try {
        out.add(new long[] {Sizes.parse(v.substring(0, bang), "size"),
            Sizes.parse(v.substring(bang + 1), "address")});
      } catch (ErrnoException e) {
        throw new ScriptSyntaxException("#!oracle: -a " + arg + ": "
            + WorldCommands.message(e));
      }
    }
    return out;
  }

  /** Attaches one pmem region per range to {@code host}, numbered after its regions. */
  static void attachPmem(Host host, List<long[]> ranges, boolean numa)
      throws ErrnoException {
    List<long[]> sorted = new ArrayList<>(ranges);
    sorted.sort((a, b) -> Long.compareUnsigned(a[1], b[1]));
    int id = host.regions().size();
    for (long[] r : sorted) {
      MemoryDevice dev = MemoryDevice.create(host.name() + ".pmem" + id, r[0]);
      RegionRequest req = new RegionRequest(RegionKind.PMEM, null, r[0],
          RegionRequest.DEFAULT_ALIGN, false, r[1], numa ? 0 : -1);
      Regions.attach(host, id, req, dev, r[1], false);
      id++;
    }
  }
}
